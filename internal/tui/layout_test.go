package tui

import (
	"fmt"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/tui/common"
)

// smallSizes are the sizes the layouts below must work at: a standard
// terminal and a narrow, short one.
var smallSizes = [][2]int{{80, 24}, {60, 20}}

// goldenAt is golden with its own library and sizes.
func goldenAt(t *testing.T, name string, lib func() *content.Library, start string, script func(d *driver, s *snapshots)) {
	t.Helper()
	for _, sz := range smallSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			d := newDriver(t, storeWithLearner(t), lib(), "Sam", start, sz[0], sz[1])
			var s snapshots
			script(d, &s)
			s.check(t, fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]))
		})
	}
}

// longSceneLibrary is the test library with a first scene long enough
// to fill the screen, four indicators to spot and four actions.
func longSceneLibrary() *content.Library {
	lib := testLibrary()
	sc, _ := lib.Scenario("farm")
	a := &sc.Scenes[0]
	a.Body = strings.Join([]string{
		"The workers live in caravans behind the packing shed. Twelve people share three caravans, with one tap between them.",
		"The manager, Mr Hale, meets you at the gate and walks beside you the whole time. He answers every question you put to the workers, in English, before they can speak.",
		"In the office you see a box of passports on a shelf. Mr Hale says he keeps them safe because the caravans do not lock.",
		"A young woman at the packing line keeps her eyes down. Her hands are bandaged. When you ask how long her shift is, she looks at Mr Hale before she says: eight hours.",
		"The rota on the wall shows shifts of fourteen hours, six days a week.",
	}, "\n\n")
	a.Checkpoints[0].Options = append(a.Checkpoints[0].Options,
		content.Option{Text: "The manager answers for the workers", Correct: true},
		content.Option{Text: "The rota shows fourteen-hour shifts", Correct: true})
	a.Decision.Options = append(a.Decision.Options,
		content.Option{Text: "Leave and write to the farm later", Target: "manager", Feedback: "Nothing changes for the workers."},
		content.Option{Text: "Call the police at once from the yard", Target: "manager", Feedback: "Acting in view of the manager may put workers at risk."})
	return lib
}

// TestScenarioChoicesStayVisible: at 80x24 and 60x20 a long scene scrolls
// above its checkpoint and its decision, whose choices stay on screen.
func TestScenarioChoicesStayVisible(t *testing.T) {
	options := func(d *driver, texts ...string) {
		t.Helper()
		f := d.frame()
		for _, o := range texts {
			if !strings.Contains(f, o) {
				t.Errorf("%dx%d: the choice %q is not on screen:\n%s", d.m.c.Width, d.m.c.Height, o, f)
			}
		}
	}
	goldenAt(t, "scenario_choices", longSceneLibrary, "scenario:farm", func(d *driver, s *snapshots) {
		d.keys("enter") // the briefing
		s.add("checkpoint, the scene from its start", d)
		options(d, "holds the workers' passports", "look tired", "answers for the workers", "fourteen-hour shifts")
		if f := d.frame(); !strings.Contains(f, "↓ more of the scene (pgdn)") {
			t.Errorf("the scene should say there is more of it:\n%s", f)
		}
		d.keys("pgdown", "pgdown")
		s.add("checkpoint, the scene scrolled", d)
		options(d, "holds the workers' passports", "fourteen-hour shifts")
		d.keys("down", "down")
		s.add("checkpoint, third choice", d)
		d.keys("enter")
		s.add("checkpoint, nothing chosen", d)
		d.keys("1", "3", "4", "enter", "enter")
		s.add("decision", d)
		options(d, "Speak to workers alone", "Ask the manager to translate", "Leave and write", "Call the police")
	})
}

// TestExamFooterKeepsSubmit: however narrow, the exam's footer keeps
// "S submit exam", help and the quick exit.
func TestExamFooterKeepsSubmit(t *testing.T) {
	goldenAt(t, "exam_footer", testLibrary, "exam:labour", func(d *driver, s *snapshots) {
		d.keys("enter", "enter") // content note, rules
		s.add("question 1", d)
		f := d.frame()
		foot := f[strings.LastIndex(f, "\n")+1:]
		for _, want := range []string{"S submit exam", "? help", "ctrl+x exit now"} {
			if !strings.Contains(foot, want) {
				t.Errorf("%d columns: the footer %q lacks %q", d.m.c.Width, foot, want)
			}
		}
		if w := len([]rune(foot)); w > d.m.c.Width {
			t.Errorf("the footer is %d columns wide at %d", w, d.m.c.Width)
		}
	})
}

// TestLongLinesWrapOrEndInAnEllipsis: the dashboard's case-study line
// wraps at 80 columns instead of running off the edge, and any line still
// too wide is cut with an ellipsis rather than mid-word.
func TestLongLinesWrapOrEndInAnEllipsis(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "1", "enter", "enter", "1", "enter", "enter", "enter", "enter") // a whole run
	d.keys("p")
	f := d.frame()
	if !strings.Contains(f, "recommended actions 1 of 1") {
		t.Errorf("the case-study line should wrap, whole, at 80 columns:\n%s", f)
	}
	for _, tt := range []struct{ in, want string }{
		{"a line that is too long for ten", "a line th…"},
		{"\x1b[1mbold and far too long\x1b[0m\nok", "bold and …\nok"},
	} {
		if got := common.Strip(fitWidth(tt.in, 10)); got != tt.want {
			t.Errorf("fitWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := fitWidth("short\nfits exactly here", 17); got != "short\nfits exactly here" {
		t.Errorf("a line that fits was changed: %q", got)
	}
}
