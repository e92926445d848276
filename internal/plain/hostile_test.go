package plain

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

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

// hostileMarkdown returns every payload of the security review in every
// kind of block the line mode prints, YAML payloads decoded first.
func hostileMarkdown(t testing.TB) map[string]string {
	docs := map[string]string{}
	for _, p := range hostile.Payloads {
		text := p.Text
		if p.YAML {
			if err := yaml.Unmarshal([]byte(`"`+text+`"`), &text); err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
		}
		docs[p.Name+" as a page"] = "# Page\n\n" + text + "\n"
		if p.Large {
			continue
		}
		line := strings.ReplaceAll(text, "\n", " ")
		docs[p.Name+" in a heading"] = "# " + line + "\n\nBody.\n"
		docs[p.Name+" in a list"] = "- one\n- " + line + "\n  - nested " + line + "\n"
		docs[p.Name+" in a quote"] = "> [!WARNING]\n> " + line + "\n"
		docs[p.Name+" in a table"] = "| a | b |\n|---|---|\n| " + strings.ReplaceAll(line, "|", "\\|") + " | x |\n"
		docs[p.Name+" in a link"] = "See [" + line + "](https://example.org/" + line + ") now.\n"
		docs[p.Name+" in code"] = "Use `" + line + "` here.\n\n```\n" + text + "\n```\n"
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
