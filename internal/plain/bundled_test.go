package plain

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/loader"
	"frontline/internal/progress/progresstest"
)

// TestBundledContent runs every bundled module's pages and quiz, and every
// bundled scenario along its recommended path, through the line mode with
// the real SQLite store, answering everything right.
func TestBundledContent(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		if p.Severity == loader.Error {
			t.Errorf("bundled content: %s", p.String())
		}
	}
	if len(lib.Modules) == 0 || len(lib.Scenarios) == 0 {
		t.Fatal("no bundled content")
	}
	store := progresstest.Open(t)
	prof := progresstest.Learner(t, store, "Ana", content.RolePolice)
	h := newHarness(t)
	h.lib = lib
	run := func(t *testing.T, input string, f func(*Session) error) string {
		var out strings.Builder
		s := h.newSession(input, &out)
		s.Store = store
		s.Profile = prof
		if err := f(s); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		return out.String()
	}
	note := func(n string) string {
		if n != "" {
			return "\n"
		}
		return ""
	}
	for _, m := range lib.Modules {
		t.Run("module/"+m.ID, func(t *testing.T) {
			out := run(t, note(m.ContentNote)+strings.Repeat("\n", len(m.Pages)), func(s *Session) error { return s.Read(m.ID) })
			wantInOrder(t, out, "Page 1 of", "You have read all of")
			wantNot(t, out, "NOT SAVED", "[!", "](")
			if len(m.Questions) == 0 {
				return
			}
			var in strings.Builder // the note was read with the pages: not shown again
			for _, q := range m.Questions {
				in.WriteString(numbers(shownNumbers(&q, nil, q.Correct())) + "\n")
			}
			out = run(t, in.String(), func(s *Session) error { return s.Quiz(m.ID) })
			wantInOrder(t, out, fmt.Sprintf("Score: %d of %d (100%%)", len(m.Questions), len(m.Questions)))
			wantNot(t, out, "NOT SAVED", "Not understood", "✗")
		})
	}
	for _, sc := range lib.Scenarios {
		t.Run("scenario/"+sc.ID, func(t *testing.T) {
			var in strings.Builder
			in.WriteString(note(sc.ContentNote) + "\n")
			present, herrings := 0, 0
			for _, id := range engine.RecommendedPath(sc) {
				scene, _ := sc.Scene(id)
				for _, q := range scene.Checkpoints {
					in.WriteString(numbers(shownNumbers(&q, nil, q.Correct())) + "\n")
					present += len(q.Correct())
					herrings += len(q.Options) - len(q.Correct())
				}
				if d := scene.Decision; d != nil {
					in.WriteString(fmt.Sprintf("%d\n", d.Recommended()+1))
				}
			}
			out := run(t, in.String(), func(s *Session) error { return s.Scenario(sc.ID) })
			wantInOrder(t, out, "Debrief", fmt.Sprintf("Indicators spotted: %d of %d", present, present), fmt.Sprintf("False alarms: 0 of %d", herrings))
			wantNot(t, out, "NOT SAVED", "Not understood", "cannot be taken")
			if !strings.Contains(out, "the recommended action.") && len(engine.RecommendedPath(sc)) > 1 {
				t.Error("recommended decisions not acknowledged in the debrief")
			}
		})
	}
	// One exam, end to end, on the first module with questions.
	for _, m := range lib.Modules {
		if len(m.Questions) == 0 {
			continue
		}
		settings := m.Exam.WithDefaults(len(m.Questions))
		ids, order := engine.Draw(m, settings.Questions, testSeed)
		var in strings.Builder
		in.WriteString(note(m.ContentNote) + "\n")
		for i, id := range ids {
			q, _ := m.Question(id)
			in.WriteString(numbers(shownNumbers(q, order[i], q.Correct())) + "\n")
		}
		in.WriteString("s\ny\n")
		out := run(t, in.String(), func(s *Session) error {
			s.Seed = func() int64 { return testSeed }
			return s.Exam(m.ID, settings)
		})
		wantInOrder(t, out, "Result: PASSED.", fmt.Sprintf("Score: %d of %d (100%%)", len(ids), len(ids)), "By indicator category, ")
		break
	}
}

// shownNumbers maps module option indexes to the 1-based numbers shown:
// the numbers of the options chosen, in the order shown, or for an
// ordering question the numbers of the steps in the order given.
func shownNumbers(q *content.Question, order, chosen []int) []int {
	shown := shownOrder(q, order)
	var out []int
	if q.Kind == content.Ordering {
		for _, mi := range chosen {
			out = append(out, slices.Index(shown, mi)+1)
		}
		return out
	}
	for n, mi := range shown {
		if slices.Contains(chosen, mi) {
			out = append(out, n+1)
		}
	}
	return out
}
