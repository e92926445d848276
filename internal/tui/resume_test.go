package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/tui/common"
)

func TestScenarioResume(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "1", "2", "enter", "enter", "2", "enter")
	if runs := runsOf(t, st); len(runs) != 1 || runs[0].Done() {
		t.Fatalf("runs after a decision: %+v", runs)
	}
	// Killed here: the next start offers the run at the same scene.
	d = newDriver(t, st, testLibrary(), "Sam", "scenario:farm", 80, 24)
	f := d.frame()
	if !strings.Contains(f, "unfinished run") || !strings.Contains(f, "scene 2") {
		t.Fatalf("want the resume offer at scene 2:\n%s", f)
	}
	d.keys("enter")
	f = d.frame()
	if !strings.Contains(f, "The manager translates") {
		t.Fatalf("resume should continue at the scene the decision led to:\n%s", f)
	}
	d.keys("enter")
	f = d.frame()
	for _, want := range []string{"Indicators spotted: 1 of 1", "False alarms:       1 of 1", "Ask the manager to translate"} {
		if !strings.Contains(f, want) {
			t.Errorf("debrief lacks %q (earlier answers lost?):\n%s", want, f)
		}
	}
	if runs := runsOf(t, st); len(runs) != 1 || !runs[0].Done() || runs[0].Ending != "manager" {
		t.Errorf("resumed run not finished in place: %+v", runs)
	}
	// The false alarm put nothing in the queue; the checkpoint's
	// indicator was spotted. A missed one would be queued:
	st2 := storeWithLearner(t)
	d = newDriver(t, st2, testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "2", "enter")
	if reviews := reviewsOf(t, st2); !hasKey(reviews, "indicator:retained-documents") {
		t.Errorf("a missed checkpoint indicator should enter the review queue: %v", reviews)
	}
}

func TestScenarioStartAgain(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "1", "enter")
	d = newDriver(t, st, testLibrary(), "Sam", "scenario:farm", 80, 24)
	d.keys("a")
	if f := d.frame(); !strings.Contains(f, "Briefing") {
		t.Fatalf("start again should show the briefing:\n%s", f)
	}
	d.keys("enter")
	if f := d.frame(); !strings.Contains(f, "Which indicators do you notice?") {
		t.Fatalf("start again should ask the first checkpoint again:\n%s", f)
	}
}

func TestQuizResume(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "quiz:labour", 80, 24)
	d.keys("enter", "2", "enter", "enter", "1", "enter") // content note; q1 right, q2 partly right
	if attempts := attemptsOf(t, st); len(attempts) != 1 || attempts[0].Current != 2 {
		t.Fatalf("position not saved: %+v", attempts)
	}
	setBookmark(t, st, progress.Bookmark{ProfileID: 1, Kind: "module", ItemID: "labour"})
	d = newDriver(t, st, testLibrary(), "Sam", "", 80, 24)
	if f := d.frame(); !strings.Contains(f, "Practice quiz: Recognising labour exploitation") || !strings.Contains(f, "question 3 of 3 · 2 answered") {
		t.Errorf("home should offer the unfinished quiz first:\n%s", f)
	}
	// One step: the note was read when the quiz began, and choosing to
	// continue is the answer to "resume or start again?".
	d.keys("enter")
	f := d.frame()
	if !strings.Contains(f, "question 3 of 3") || !strings.Contains(f, "agreed to the job") {
		t.Fatalf("enter on the continue row should be at question 3 at once:\n%s", f)
	}
	d.keys("2", "enter", "enter")
	f = d.frame()
	// 1 + 1/2 + 1 points: the earlier answers count.
	if !strings.Contains(f, "Score: 2.5 of 3") {
		t.Errorf("results should count the earlier answers:\n%s", f)
	}
	if attempts := attemptsOf(t, st); len(attempts) != 1 || !attempts[0].Done() {
		t.Errorf("resumed attempt not finished in place: %+v", attempts)
	}
	// Start again leaves the old attempt and asks question 1.
	d = newDriver(t, st, testLibrary(), "Sam", "quiz:labour", 80, 24)
	if f := d.frame(); !strings.Contains(f, "question 1 of 3") {
		t.Errorf("a finished quiz should start fresh:\n%s", f)
	}
}

func TestReviewSession(t *testing.T) {
	st := storeWithLearner(t)
	lib := testLibrary()
	lib.Catalogue.Indicators["isolation"] = &content.Indicator{ID: "isolation", Name: "Isolation from others", Category: "Control", Explanation: "They have no one to turn to."}
	past := testNow.Add(-time.Hour)
	for _, it := range []progress.ReviewItem{
		{Kind: progress.ReviewQuestion, Key: "labour/passport", Box: 1, Due: past},
		{Kind: progress.ReviewIndicator, Key: "debt-bondage", Box: 1, Due: past},
		{Kind: progress.ReviewIndicator, Key: "isolation", Box: 2, Due: past},
		{Kind: progress.ReviewQuestion, Key: "labour/gone", Box: 1, Due: past},
	} {
		it.ProfileID = 1
		if err := st.SaveReviews(t.Context(), 1, it); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, st, lib, "Sam", "", 80, 24)
	if f := d.frame(); !strings.Contains(f, "Review: 3 due") {
		t.Fatalf("home should show the due count:\n%s", f)
	}
	d.keys("enter") // the review row is first
	if f := d.frame(); !strings.Contains(f, "Content note") || !strings.Contains(f, "Describes threats against workers.") {
		t.Fatalf("a review of the module's questions should show its content note first:\n%s", f)
	}
	d.keys("enter")
	f := d.frame()
	if !strings.Contains(f, "review") || !strings.Contains(f, "question 1 of 2") || !strings.Contains(f, "passport") {
		t.Fatalf("want a review of 2 questions (the due one, and one for debt-bondage):\n%s", f)
	}
	d.keys("2", "enter", "enter", "1", "2", "enter", "enter")
	f = d.frame()
	if !strings.Contains(f, "card 1 of 1") || !strings.Contains(f, "Isolation from others") || strings.Contains(f, "no one to turn to") {
		t.Fatalf("want a card for the indicator no question asks about, its meaning hidden:\n%s", f)
	}
	d.keys("enter")
	if f = d.frame(); !strings.Contains(f, "Did you remember what it means?") || !strings.Contains(f, "no one to turn to") {
		t.Fatalf("enter should show the card's meaning and ask:\n%s", f)
	}
	d.keys("y")
	f = d.frame()
	if !strings.Contains(f, "Review complete") || !strings.Contains(f, "Isolation from others: back in 7 days") {
		t.Fatalf("want the review results with the card's rating:\n%s", f)
	}
	for _, a := range attemptsOf(t, st) {
		if a.Mode != progress.ModeReview || !a.Done() {
			t.Errorf("attempt %+v: want a finished review attempt", a)
		}
	}
	reviews := reviewsOf(t, st)
	for _, k := range []string{"question:labour/passport", "indicator:debt-bondage", "indicator:isolation"} {
		it, ok := reviews[k]
		if !ok || !it.Due.After(testNow) {
			t.Errorf("%s not rescheduled: %+v", k, it)
		}
	}
	if it := reviews["question:labour/passport"]; it.Box != 2 {
		t.Errorf("a right answer should move the question up a box: %+v", it)
	}
	d.keys("i")
	if f := d.frame(); !strings.Contains(f, "Isolation from others") {
		t.Errorf("i should open the glossary at the indicator:\n%s", f)
	}
}

// indexOf returns a library as loader.Index gives it: front matter only.
func indexOf(full *content.Library) *content.Library {
	out := &content.Library{}
	for _, m := range full.Modules {
		out.Modules = append(out.Modules, &content.Module{Meta: m.Meta})
	}
	for _, s := range full.Scenarios {
		out.Scenarios = append(out.Scenarios, &content.Scenario{Meta: s.Meta})
	}
	return out
}

// newPartialDriver starts the app on an index, the full library loading
// through load when Init's commands run.
func newPartialDriver(t *testing.T, st progress.Store, full *content.Library, start string, load func() LoadResult) (*driver, *Model) {
	t.Helper()
	c := newCommon(st, indexOf(full), common.Theme{Dark: true}, 80, 24)
	c.Partial = true
	m, err := newModel(c, "Sam", start, false)
	if err != nil {
		t.Fatal(err)
	}
	m.load = load
	return &driver{t: t, m: m, wait: 200 * time.Millisecond}, m
}

func TestFirstFrameFromIndex(t *testing.T) {
	full := testLibrary()
	gate := make(chan struct{})
	d, m := newPartialDriver(t, storeWithLearner(t), full, "quiz:labour", func() LoadResult {
		<-gate
		return LoadResult{Library: full, Problems: []string{"modules/bad.md:3:1: unknown key"}}
	})
	d.send(windowSize(80, 24))
	f := d.frame()
	if !strings.Contains(f, "Loading the curriculum") {
		t.Fatalf("a quiz before the library is loaded should wait:\n%s", f)
	}
	close(gate)
	d.run(m.Init())
	if f := d.frame(); !strings.Contains(f, "Content note") {
		t.Fatalf("the quiz's content note should open by itself once loaded:\n%s", f)
	}
	d.keys("enter")
	f = d.frame()
	if !strings.Contains(f, "question 1 of 3") {
		t.Fatalf("the quiz should open after its content note:\n%s", f)
	}
	if m.c.Partial || m.c.Library != full {
		t.Error("the full library was not swapped in")
	}
	d.keys("esc")
	if f := d.frame(); !strings.Contains(f, "Content problem, file skipped") || !strings.Contains(f, "bad.md") {
		t.Errorf("home should show the load problems:\n%s", f)
	}
}

func TestPartialLibraryHome(t *testing.T) {
	st := storeWithLearner(t)
	setBookmark(t, st, progress.Bookmark{ProfileID: 1, Kind: "module", ItemID: "labour", Position: 1})
	full := testLibrary()
	d, m := newPartialDriver(t, st, full, "", func() LoadResult { return LoadResult{Library: full} })
	d.send(windowSize(80, 24))
	f := d.frame()
	if !strings.Contains(f, "Continue where you left off") || !strings.Contains(f, "Reading: Recognising labour exploitation") || !strings.Contains(f, "page 2") || strings.Contains(f, "page 2 of") {
		t.Errorf("partial home: want the continue row without a page count:\n%s", f)
	}
	d.run(m.Init())
	if f := d.frame(); !strings.Contains(f, "page 2 of 2") {
		t.Errorf("after loading, the page count should show:\n%s", f)
	}
	// A failed load shows an error instead of waiting for ever.
	d, m = newPartialDriver(t, storeWithLearner(t), full, "", func() LoadResult { return LoadResult{Err: errTest} })
	d.run(m.Init())
	d.keys("enter")
	if f := d.frame(); !strings.Contains(f, "Something went wrong") || !strings.Contains(f, "load the curriculum") {
		t.Errorf("want the load error:\n%s", f)
	}
}

var errTest = errorString("disk on fire")

type errorString string

func (e errorString) Error() string { return string(e) }

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func TestRestoreBackup(t *testing.T) {
	// The fresh store after the damaged one was moved aside.
	st := progresstest.WithStatus(newStore(t), progress.Status{MovedAside: "/data/progress.db.damaged-1", Backup: "/data/backups/progress-1.db"})
	// The restored store knows Sam as profile 7.
	restoredStore := newStore(t)
	for _, name := range []string{"Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Sam"} {
		progresstest.Learner(t, restoredStore, name, content.RoleLabourInspection)
	}
	var got string
	c := newCommon(st, testLibrary(), common.Theme{Dark: true}, 100, 30)
	m, err := newModel(c, "Sam", "", false)
	if err != nil {
		t.Fatal(err)
	}
	m.restore = func(backup string) (progress.Store, string, error) {
		got = backup
		return restoredStore, "/data/progress.db.replaced-2", nil
	}
	m.statusBanners()
	d := &driver{t: t, m: m, wait: 200 * time.Millisecond}
	d.run(m.Init())
	d.send(windowSize(100, 30))
	f := d.frame()
	if !strings.Contains(f, "moved aside to /data/progress.db.damaged-1") || !strings.Contains(f, "ctrl+r restores your newest good backup") {
		t.Fatalf("want the restore offer:\n%s", f)
	}
	d.keys("ctrl+r")
	if f := d.frame(); !strings.Contains(f, "Restore your progress from a backup?") {
		t.Fatalf("R should ask first:\n%s", f)
	}
	d.keys("n")
	if got != "" {
		t.Fatal("n must not restore")
	}
	d.keys("ctrl+r", "y")
	if got != "/data/backups/progress-1.db" {
		t.Fatalf("restored %q", got)
	}
	f = d.frame()
	for _, want := range []string{"Restored your progress from /data/backups/progress-1.db", "kept at /data/progress.db.replaced-2", "Sam"} {
		if !strings.Contains(f, want) {
			t.Errorf("after restore, want %q:\n%s", want, f)
		}
	}
	if m.c.Store != restoredStore || m.c.Profile.ID != 7 {
		t.Errorf("store or learner not switched: profile %+v", m.c.Profile)
	}
}
