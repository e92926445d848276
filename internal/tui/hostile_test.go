package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"html"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
	"frontline/internal/textsafe/hostile"
	"frontline/internal/tui/common"
)

// decoded are the review's payloads as they would arrive in a field after
// decoding, had the loader let them through: raw escape sequences, C1
// controls, bidi overrides and invisible characters.
func decoded() []string {
	out := []string{"\x1b]0;PWNED\x07", "\x1b]52;c;SGVsbG8=\x07", "\x1b[2J\x1b[H", "\x9b2J", "\u202Eevil\u202C", "a\u200Bb\u2060c", "\U000E0041tag", "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\"}
	for _, p := range hostile.Payloads {
		if !p.YAML && !p.Large {
			out = append(out, html.UnescapeString(p.Text))
		}
	}
	return out
}

// hostileLibrary puts a payload in every field a screen shows.
func hostileLibrary() *content.Library {
	lib := testLibrary()
	ps := decoded()
	n := 0
	next := func(s string) string { n++; return s + " " + ps[n%len(ps)] }
	for _, in := range lib.Catalogue.Indicators {
		in.Name, in.Category, in.Explanation, in.Source = next(in.Name), next(in.Category), next(in.Explanation), next(in.Source)
	}
	for i := range lib.Catalogue.Categories {
		lib.Catalogue.Categories[i].Name = next(lib.Catalogue.Categories[i].Name)
	}
	for _, m := range lib.Modules {
		m.Title, m.Summary, m.ContentNote = next(m.Title), next(m.Summary), next(m.ContentNote)
		for i := range m.Pages {
			m.Pages[i].Title, m.Pages[i].Body = next(m.Pages[i].Title), next(m.Pages[i].Body)
		}
		for i := range m.Questions {
			q := &m.Questions[i]
			q.Text, q.Body, q.Explanation = next(q.Text), next(q.Body), next(q.Explanation)
			for j := range q.Options {
				q.Options[j].Text, q.Options[j].Feedback = next(q.Options[j].Text), next(q.Options[j].Feedback)
			}
		}
		m.Exam.Review = content.ReviewAnswers
	}
	for _, sc := range lib.Scenarios {
		sc.Title, sc.Summary, sc.Briefing, sc.ContentNote = next(sc.Title), next(sc.Summary), next(sc.Briefing), next(sc.ContentNote)
		for i := range sc.Scenes {
			s := &sc.Scenes[i]
			s.Title, s.Body = next(s.Title), next(s.Body)
			for j := range s.Checkpoints {
				q := &s.Checkpoints[j]
				q.Text, q.Explanation = next(q.Text), next(q.Explanation)
				for k := range q.Options {
					q.Options[k].Text, q.Options[k].Feedback = next(q.Options[k].Text), next(q.Options[k].Feedback)
				}
			}
			if d := s.Decision; d != nil {
				d.Prompt = next(d.Prompt)
				for k := range d.Options {
					d.Options[k].Text, d.Options[k].Feedback = next(d.Options[k].Text), next(d.Options[k].Feedback)
				}
			}
		}
	}
	return lib
}

// TestNothingButTextReachesTheScreen walks every screen with a payload in
// every field and a learner whose stored name holds one too (written before
// names were checked), and reads the bytes of every frame: nothing but
// text and SGR.
func TestNothingButTextReachesTheScreen(t *testing.T) {
	lib := hostileLibrary()
	st := storeWithLearner(t)
	learner := progress.Profile{ID: 1, Name: "Sam \x1b]0;PWNED\x07\u202Egnp.exe", Role: content.RoleLabourInspection}
	frames := 0
	check := func(d *driver, where string) {
		t.Helper()
		v := d.m.View()
		frames++
		if ok, at := textsafe.OnlySGR(v); !ok {
			t.Errorf("%s: a byte sequence other than text and SGR at %d: %q", where, at, v[max(at-20, 0):min(at+20, len(v))])
		}
	}
	walk := func(start string, keys ...string) {
		t.Helper()
		c := newCommon(st, lib, common.Theme{Dark: true}, 100, 40)
		c.Profile, c.Locked = learner, true
		m, err := newModel(c, "", start, false)
		if err != nil {
			t.Fatal(err)
		}
		d := &driver{t: t, m: m, wait: 200 * time.Millisecond}
		d.run(m.Init())
		d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
		check(d, start+" first frame")
		for _, k := range keys {
			d.keys(k)
			check(d, start+" after "+k)
		}
	}
	walk("")                                                        // the library
	walk("module:labour", "enter", "right", "right")                // content note, pages
	walk("quiz:labour", "enter", "2", "enter", "i", "esc", "enter") // a question, its feedback, the glossary
	walk("scenario:farm", "enter", "enter", "1", "enter", "enter", "1", "enter", "enter", "enter")
	walk("exam:labour", "enter", "enter", "1", "o", "esc", "S", "y") // intro, question, overview, results
	walk("glossary", "down", "enter")
	walk("progress")
	if frames < 25 {
		t.Fatalf("only %d frames read", frames)
	}
	if !strings.Contains(textsafe.ANSI(learner.Name), "Sam") {
		t.Fatal("the filter dropped the text around the payload")
	}
}
