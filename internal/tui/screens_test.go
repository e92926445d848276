package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/tui/common"
)

// golden runs script at each size and compares the frames with
// testdata/NAME_WxH.golden.
func golden[S progress.Store](t *testing.T, name string, store func(testing.TB) S, start string, script func(d *driver, s *snapshots)) {
	t.Helper()
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			st := store(t)
			profile := ""
			if ps, err := st.Profiles(t.Context()); err != nil {
				t.Fatal(err)
			} else if len(ps) > 0 {
				profile = ps[0].Name
			}
			d := newDriver(t, st, testLibrary(), profile, start, sz[0], sz[1])
			var s snapshots
			script(d, &s)
			s.check(t, fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]))
		})
	}
}

func TestProfilesGolden(t *testing.T) {
	golden(t, "profiles", newStore, "", func(d *driver, s *snapshots) {
		s.add("empty", d)
		d.keys("enter")
		s.add("name", d)
		d.keys("Alex", "enter")
		s.add("role", d)
		d.keys("down", "enter")
		s.add("home", d)
		if d.m.c.Profile.Name != "Alex" {
			d.t.Errorf("learner = %q, want Alex", d.m.c.Profile.Name)
		}
	})
}

func TestLibraryGolden(t *testing.T) {
	golden(t, "library", storeWithLearner, "", func(d *driver, s *snapshots) {
		s.add("home", d)
		d.keys("down")
		s.add("down", d)
		d.keys("/", "farm")
		s.add("search", d)
		d.keys("esc", "r")
		s.add("role police", d)
		d.keys("?")
		s.add("full help", d)
	})
}

func TestReaderGolden(t *testing.T) {
	golden(t, "reader", storeWithLearner, "module:labour", func(d *driver, s *snapshots) {
		s.add("content note", d)
		d.keys("enter")
		s.add("page 1", d)
		d.keys("right")
		s.add("page 2", d)
		d.keys("left")
		s.add("back to page 1", d)
	})
}

func TestQuizGolden(t *testing.T) {
	golden(t, "quiz", storeWithLearner, "quiz:labour", func(d *driver, s *snapshots) {
		s.add("content note", d)
		d.keys("enter")
		s.add("question 1", d)
		d.keys("down", "enter")
		s.add("feedback right", d)
		d.keys("enter", "1", "3", "enter")
		s.add("feedback multi", d)
		d.keys("enter")
		s.add("true false", d)
		d.keys("1", "enter", "enter")
		s.add("results", d)
		d.keys("r")
		s.add("retry missed", d)
	})
}

func TestGlossaryGolden(t *testing.T) {
	golden(t, "glossary", storeWithLearner, "glossary", func(d *driver, s *snapshots) {
		s.add("list", d)
		d.keys("down", "enter")
		s.add("detail", d)
		d.keys("esc", "/", "hours")
		s.add("search", d)
	})
}

func TestScenarioGolden(t *testing.T) {
	golden(t, "scenario", storeWithLearner, "scenario:farm", func(d *driver, s *snapshots) {
		s.add("briefing", d)
		d.keys("enter")
		s.add("checkpoint", d)
		d.keys("1", "2", "enter")
		s.add("checkpoint feedback", d)
		d.keys("enter")
		s.add("decision", d)
		d.keys("2", "enter")
		s.add("consequence", d)
		d.keys("enter")
		s.add("ending", d)
		d.keys("enter")
		s.add("debrief", d)
	})
}

func TestExamGolden(t *testing.T) {
	golden(t, "exam", storeWithLearner, "exam:labour", func(d *driver, s *snapshots) {
		d.keys("enter") // past the content note
		s.add("intro", d)
		d.keys("enter")
		s.add("question 1", d)
		d.keys("1", "f", "right")
		s.add("question 2", d)
		d.keys("o")
		s.add("overview", d)
		d.keys("esc", "S")
		s.add("confirm", d)
		d.keys("y")
		s.add("results", d)
	})
}

func TestDashboardGolden(t *testing.T) {
	golden(t, "dashboard", storeWithLearner, "quiz:labour", func(d *driver, s *snapshots) {
		d.keys("enter", "2", "enter", "enter", "1", "2", "enter", "enter", "2", "enter", "enter")
		d.keys("enter", "p")
		s.add("dashboard", d)
	})
}

// TestSavedOnlyAfterWrite checks that "saved" appears only once the store
// accepted the answer, and that a refused write shows the banner.
func TestSavedOnlyAfterWrite(t *testing.T) {
	st := &progresstest.Failing{Store: storeWithLearner(t), Err: progress.ErrNotSaved}
	d := newDriver(t, st, testLibrary(), "Sam", "quiz:labour", 80, 24)
	d.keys("enter", "2", "enter") // past the content note, then answer
	f := d.frame()
	if !strings.Contains(f, "Not saved:") {
		t.Errorf("no Not saved banner:\n%s", f)
	}
	if strings.Contains(f, "✓ saved") {
		t.Errorf("shows saved after a refused write:\n%s", f)
	}
	st.Heal()
	d.keys("enter", "1", "enter")
	f = d.frame()
	if strings.Contains(f, "Not saved:") || !strings.Contains(f, "✓ saved") {
		t.Errorf("after a good write want saved and no banner:\n%s", f)
	}
}

func TestStatusBanners(t *testing.T) {
	// A read-only disk with a damaged file moved aside: the real store
	// refuses every write, and reports the state as named here.
	st := progresstest.WithStatus(&progresstest.Failing{Store: storeWithLearner(t), Err: errors.New("the disk is full")},
		progress.Status{ReadOnly: true, Reason: "the disk is full", MovedAside: "/data/progress.db.damaged", Backup: "/data/backup.db"})
	d := newDriver(t, st, testLibrary(), "Sam", "", 80, 24)
	f := d.frame()
	for _, want := range []string{"Read-only", "the disk is full", "moved aside", "backup"} {
		if !strings.Contains(f, want) {
			t.Errorf("banner %q missing:\n%s", want, f)
		}
	}
	d.keys("enter") // open a module: the start-up notices go, read-only stays
	f = d.frame()
	if !strings.Contains(f, "Read-only") || strings.Contains(f, "moved aside") {
		t.Errorf("after moving on:\n%s", f)
	}
}

func TestQuitConfirmMidQuiz(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "quiz:labour", 80, 24)
	d.keys("enter", "q") // past the content note, then quit
	if d.quit || !strings.Contains(d.frame(), "Quit now?") {
		t.Fatalf("q mid-quiz should ask first:\n%s", d.frame())
	}
	d.keys("n")
	if d.quit || strings.Contains(d.frame(), "Quit now?") {
		t.Fatal("n should stay")
	}
	d.keys("q", "y")
	if !d.quit {
		t.Fatal("y should quit")
	}
	// From the library, q quits at once.
	d = newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "", 80, 24)
	d.keys("q")
	if !d.quit {
		t.Fatal("q on the library should quit")
	}
}

func TestQuickExit(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "ctrl+x")
	if !d.quit || !d.m.quick {
		t.Fatal("ctrl+x should quit at once")
	}
	if v := d.m.View(); v != "" {
		t.Errorf("quick exit leaves a frame: %q", v)
	}
}

func TestNoColorKeepsSymbols(t *testing.T) {
	st := storeWithLearner(t)
	lib := testLibrary()
	c := newCommon(st, lib, common.ChooseTheme("auto", func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}), 80, 24)
	m, err := newModel(c, "Sam", "quiz:labour", false)
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: m, wait: 200 * 1e6}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.keys("enter", "1", "enter") // past the content note, then answer
	v := m.View()
	if strings.Contains(v, "\x1b[3") || strings.Contains(v, "\x1b[38") {
		t.Errorf("NO_COLOR output has colour sequences: %q", v)
	}
	if !strings.Contains(v, "✗") || !strings.Contains(v, "○") {
		t.Errorf("symbols missing without colour:\n%s", v)
	}
}

func TestSkipAfterContentNote(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "module:labour", 80, 24)
	d.keys("s")
	if _, ok := d.m.top().(interface{ Capturing() bool }); !ok || len(d.m.stack) != 1 {
		t.Fatalf("skip should return to the library, stack %d", len(d.m.stack))
	}
}

func TestExamNoAttemptsLeft(t *testing.T) {
	st := storeWithLearner(t)
	lib := testLibrary()
	lib.Modules[0].Exam.Attempts = 1
	if _, err := st.StartAttempt(t.Context(), progress.Attempt{ProfileID: 1, ModuleID: "labour", Mode: progress.ModeExam, Started: testNow, Finished: testNow}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, st, lib, "Sam", "exam:labour", 80, 24)
	d.keys("enter") // past the content note
	if f := d.frame(); !strings.Contains(f, "No attempts left") && !strings.Contains(f, "no attempts left") {
		t.Errorf("want a no-attempts message:\n%s", f)
	}
}

func TestExamResume(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "exam:labour", 80, 24)
	d.keys("enter", "enter", "1", "right", "esc") // note, intro, answer, next, leave
	if f := d.frame(); !strings.Contains(f, "The clock keeps running") {
		t.Fatalf("leaving an open exam should ask, saying the clock keeps running:\n%s", f)
	}
	d.keys("y")
	if attempts := attemptsOf(t, st); len(attempts) != 1 || attempts[0].Done() {
		t.Fatalf("attempts: %+v", attempts)
	}
	d = newDriver(t, st, testLibrary(), "Sam", "exam:labour", 80, 24) // the note was read
	f := d.frame()
	if !strings.Contains(f, "Resuming your attempt: 1 of 3 answered") {
		t.Errorf("want resume text:\n%s", f)
	}
	if len(attemptsOf(t, st)) != 1 {
		t.Errorf("resuming started a new attempt")
	}
}

func TestStartErrors(t *testing.T) {
	c := newCommon(storeWithLearner(t), testLibrary(), common.Theme{Dark: true}, 80, 24)
	if _, err := newModel(c, "Sam", "module:nope", false); err == nil {
		t.Error("unknown module accepted")
	}
	st := &progresstest.Failing{Store: newStore(t), Err: errors.New("boom")}
	c = newCommon(st, testLibrary(), common.Theme{Dark: true}, 80, 24)
	if _, err := newModel(c, "", "", false); err != nil {
		t.Errorf("no learners should open the picker: %v", err)
	}
}

// TestModuleClosedDuringExam leaves an exam open and tries the module's
// pages and practice quiz: both are closed, and the message says until
// when.
func TestModuleClosedDuringExam(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "exam:labour", 80, 24)
	d.keys("enter", "enter", "1", "esc", "y") // note, intro, an answer, leave
	for _, start := range []string{"module:labour", "quiz:labour"} {
		d = newDriver(t, st, testLibrary(), "Sam", start, 80, 24)
		f := d.frame() // the content note was read when the exam began

		if !strings.Contains(f, "Closed while your exam is open") || !strings.Contains(f, "is closed until you submit the exam or its") || !strings.Contains(f, "time runs out at") {
			t.Errorf("%s during the exam:\n%s", start, f)
		}
	}
}
