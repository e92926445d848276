package plain

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"frontline"
	"frontline/internal/textsafe"
	"frontline/internal/textsafe/hostile"
)

// lineOut renders md as the line mode prints a page: ToText, written
// through the writer (textsafe.Writer) every line-mode command writes through.
func lineOut(md string) []byte {
	var b bytes.Buffer
	_, _ = textsafe.Writer(&b).Write([]byte(ToText(md)))
	return b.Bytes()
}

// controlAt returns the offset of the first byte sequence in out that is
// not text (see textsafe: a control character other than tab and newline,
// DEL, a C1 control, an escape, a bidi control, a tag or invisible
// character, or invalid UTF-8), or -1.
func controlAt(out []byte) int {
	ok, off := textsafe.OnlySGR(string(out))
	if ok {
		return -1
	}
	return off
}

// hostileMarkdown is every payload of the security review in every kind
// of block the line mode prints (hostile.Docs).
func hostileMarkdown(t testing.TB) map[string]string {
	t.Helper()
	docs, err := hostile.Docs()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestLineModeHostilePayloads: no payload of the review, in any block,
// makes the line mode print anything but text: no control character, no
// escape sequence, no bidi, tag or invisible character.
func TestLineModeHostilePayloads(t *testing.T) {
	for name, md := range hostileMarkdown(t) {
		start := time.Now()
		out := lineOut(md)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v", name, d)
		}
		if i := controlAt(out); i >= 0 {
			t.Errorf("%s: byte %d of %q is a control character", name, i, out)
		}
	}
}

// FuzzToText feeds Markdown to the line mode's renderer. Property: what is
// printed is only text (no control character, escape sequence, bidi, tag
// or invisible character), and each page is turned into text within 2
// seconds. The seed corpus is every payload of the security review in
// every block, plus the bundled curriculum's files.
func FuzzToText(f *testing.F) {
	for _, md := range hostileMarkdown(f) {
		f.Add(md)
	}
	_ = fs.WalkDir(frontline.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if b, err := fs.ReadFile(frontline.Content(), p); err == nil {
				f.Add(string(b))
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, md string) {
		start := time.Now()
		out := lineOut(md)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("%d bytes took %v", len(md), d)
		}
		if i := controlAt(out); i >= 0 {
			t.Fatalf("byte %d of the output is a control character: %q", i, out[max(0, i-20):min(len(out), i+20)])
		}
	})
}

// BenchmarkToTextQuotes500 turns 500 nested block quotes into line-mode
// text.
func BenchmarkToTextQuotes500(b *testing.B) {
	benchToText(b, "## P\n\n"+strings.Repeat(">", 500)+" deep\n")
}

// BenchmarkToTextList400 turns a list nested 400 deep into line-mode text.
func BenchmarkToTextList400(b *testing.B) {
	var s strings.Builder
	for i := 0; i < 400; i++ {
		s.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	benchToText(b, s.String())
}

func benchToText(b *testing.B, md string) {
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if len(lineOut(md)) == 0 {
			b.Fatal("no output")
		}
	}
}

// TestLineModeWritesOnlyText puts a payload, as it would arrive decoded, in
// every field of the fixture's content and the learner's name, runs every
// activity of the line mode, and reads every byte written.
func TestLineModeWritesOnlyText(t *testing.T) {
	payloads := []string{"\x1b]0;PWNED\x07", "\x1b]52;c;SGVsbG8=\x07", "\x1b[2J", "\x9b2J", "\u202Eevil\u202C", "a\u200Bb"}
	i := 0
	p := func(s string) string { i++; return s + " " + payloads[i%len(payloads)] }
	h := newHarness(t)
	for _, m := range h.lib.Modules {
		m.Title, m.ContentNote = p(m.Title), p(m.ContentNote)
		for j := range m.Pages {
			m.Pages[j].Title, m.Pages[j].Body = p(m.Pages[j].Title), p(m.Pages[j].Body)
		}
		for j := range m.Questions {
			q := &m.Questions[j]
			q.Text, q.Explanation = p(q.Text), p(q.Explanation)
			for k := range q.Options {
				q.Options[k].Text, q.Options[k].Feedback = p(q.Options[k].Text), p(q.Options[k].Feedback)
			}
		}
	}
	for _, in := range h.lib.Catalogue.Indicators {
		in.Name, in.Explanation = p(in.Name), p(in.Explanation)
	}
	for _, sc := range h.lib.Scenarios {
		sc.Title, sc.Briefing = p(sc.Title), p(sc.Briefing)
		for j := range sc.Scenes {
			s := &sc.Scenes[j]
			s.Title, s.Body = p(s.Title), p(s.Body)
			if s.Decision != nil {
				s.Decision.Prompt = p(s.Decision.Prompt)
				for k := range s.Decision.Options {
					s.Decision.Options[k].Text, s.Decision.Options[k].Feedback = p(s.Decision.Options[k].Text), p(s.Decision.Options[k].Feedback)
				}
			}
		}
	}
	m, sc := h.lib.Modules[0], h.lib.Scenarios[0]
	for _, run := range []struct {
		input string
		f     func(*Session) error
	}{
		{"\n\n\n", func(s *Session) error { return s.Read(m.ID) }},
		{"\n1\n1\n1\n\n", func(s *Session) error { return s.Quiz(m.ID) }},
		{"\n\n1\n1\n1\n1\n", func(s *Session) error { return s.Scenario(sc.ID) }},
		{"\n\n1\n1\n1\ns\ny\n", func(s *Session) error { return s.Exam(m.ID, m.Exam) }},
		{"1\n\nq\n", func(s *Session) error { return s.Glossary() }},
		{"\n", func(s *Session) error { return s.Progress() }},
	} {
		var out strings.Builder
		s := h.session(run.input, &out)
		s.Profile.Name = p("Ana")
		_ = run.f(s)
		if at := controlAt([]byte(out.String())); at >= 0 {
			t.Errorf("control sequence at %d: %q", at, out.String()[max(at-20, 0):min(at+20, out.Len())])
		}
		if !strings.Contains(out.String(), "evil") && !strings.Contains(out.String(), "PWNED") && out.Len() < 100 {
			t.Errorf("too little written to check:\n%s", out.String())
		}
	}
}
