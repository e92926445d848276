package frontline_test

import (
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/loader"
)

// TestCurriculumCoverage checks what the bundled curriculum promises: every
// indicator is taught somewhere, every module has a real quiz, every role
// has scenarios, and every scenario branches to more than one ending.
func TestCurriculumCoverage(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		t.Errorf("bundled content: %s", p)
	}
	if lib.Catalogue == nil {
		t.Fatal("no indicator catalogue")
	}
	if n := len(lib.Catalogue.Indicators); n < 60 {
		t.Errorf("catalogue has %d indicators, want at least 60", n)
	}
	if len(lib.Modules) < 10 {
		t.Errorf("%d modules, want at least 10", len(lib.Modules))
	}
	if len(lib.Scenarios) < 10 {
		t.Errorf("%d scenarios, want at least 10", len(lib.Scenarios))
	}
	tagged := map[string]bool{}
	for _, m := range lib.Modules {
		if len(m.Questions) < 10 {
			t.Errorf("module %s has %d questions, want at least 10", m.ID, len(m.Questions))
		}
		kinds := map[content.QuestionKind]int{}
		for _, q := range m.Questions {
			kinds[q.Kind]++
			if strings.TrimSpace(q.Explanation) == "" {
				t.Errorf("%s: question %s has no explanation", m.ID, q.ID)
			}
			for _, o := range q.Options {
				if !o.Correct && o.Feedback == "" && q.Kind != content.TrueFalse {
					t.Errorf("%s: question %s: wrong option %q has no feedback", m.ID, q.ID, o.Text)
				}
			}
			for _, id := range q.Indicators {
				tagged[id] = true
			}
		}
		if len(kinds) < 3 {
			t.Errorf("module %s mixes only %d question kinds, want single, select-all and true/false", m.ID, len(kinds))
		}
		if len(m.TrainerNotes) == 0 {
			t.Errorf("module %s has no trainer notes", m.ID)
		}
	}
	roles := map[content.Role]int{}
	for _, s := range lib.Scenarios {
		for _, r := range s.Roles {
			roles[r]++
		}
		if n := len(s.Endings()); n < 2 {
			t.Errorf("scenario %s has %d endings, want at least 2", s.ID, n)
		}
		if len(s.Scenes) < 5 {
			t.Errorf("scenario %s has %d scenes, want at least 5", s.ID, len(s.Scenes))
		}
		decisions, herrings := 0, 0
		for _, sc := range s.Scenes {
			if sc.Decision != nil {
				decisions++
			}
			for _, q := range sc.Checkpoints {
				for _, id := range q.Indicators {
					tagged[id] = true
				}
				herrings += len(q.Options) - len(q.Correct())
			}
		}
		if decisions < 2 {
			t.Errorf("scenario %s has %d decision points, want at least 2", s.ID, decisions)
		}
		if herrings == 0 {
			t.Errorf("scenario %s has no red herrings in its checkpoints", s.ID)
		}
		if len(s.TrainerNotes) == 0 {
			t.Errorf("scenario %s has no trainer notes", s.ID)
		}
	}
	for _, r := range content.Roles {
		if r != content.RoleOther && roles[r] < 2 {
			t.Errorf("role %s has %d scenarios, want at least 2", r, roles[r])
		}
	}
	for id := range lib.Catalogue.Indicators {
		if !tagged[id] {
			t.Errorf("indicator %s is not tagged by any question or checkpoint", id)
		}
	}
}
