package activity_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/progress/sqlite"
)

var t0 = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

// clock is a controlled clock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) at(d time.Duration) bool { c.now = t0.Add(d); return true }

// examModule is three single-choice questions, 10 minutes, pass mark 60%.
func examModule() *content.Module {
	m := &content.Module{Meta: content.Meta{ID: "m", Title: "The module", Fingerprint: "fp"},
		Exam: content.ExamSettings{Questions: 3, TimeLimit: 10 * time.Minute, PassMark: 60}}
	for _, id := range []string{"a", "b", "c"} {
		m.Questions = append(m.Questions, content.Question{ID: id, Text: id + "?", Kind: content.SingleChoice,
			Options: []content.Option{{Text: "right", Correct: true}, {Text: "wrong"}}})
	}
	return m
}

type deadlineFixture struct {
	t     *testing.T
	dir   string
	store *sqlite.Store
	clock *clock
	p     progress.Profile
	m     *content.Module
}

func newDeadlineFixture(t *testing.T) *deadlineFixture {
	dir := t.TempDir()
	f := &deadlineFixture{t: t, dir: dir, clock: &clock{now: t0}, m: examModule()}
	f.store = progresstest.OpenIn(t, dir)
	f.p = progresstest.Learner(t, f.store, "Sam", content.RolePolice)
	return f
}

// learner is a fresh learner value, as a new sitting (or a new process)
// makes one.
func (f *deadlineFixture) learner() *activity.Learner {
	return &activity.Learner{Store: f.store, Profile: f.p, Now: f.clock.Now}
}

// restart closes the store and opens it again, as a new process does after
// a quit or a crash.
func (f *deadlineFixture) restart() {
	f.t.Helper()
	if err := f.store.Close(); err != nil {
		f.t.Fatal(err)
	}
	f.store = progresstest.OpenIn(f.t, f.dir)
}

func (f *deadlineFixture) open() *activity.Exam {
	f.t.Helper()
	x, err := f.learner().OpenExam(f.t.Context(), nil, f.m, f.m.Exam)
	if err != nil {
		f.t.Fatal(err)
	}
	return x
}

func (f *deadlineFixture) save(p activity.Pending) {
	f.t.Helper()
	if err := p.Save(f.t.Context()); err != nil {
		f.t.Fatal(err)
	}
}

// begin opens a new exam at t0 and answers the first question right.
func (f *deadlineFixture) begin() *activity.Exam {
	x := f.open()
	f.save(x.Begin())
	f.clock.at(time.Minute)
	f.save(x.Answer(0, x.E.ToShown(0, []int{0})))
	return x
}

// TestExamDeadline runs the exam clock through what happens to learners:
// it is a deadline fixed at the start, not a stopwatch.
func TestExamDeadline(t *testing.T) {
	tests := []struct {
		name string
		// away is what happens after the first answer: it returns the exam
		// as reopened.
		away       func(f *deadlineFixture, x *activity.Exam) *activity.Exam
		remaining  time.Duration // time left on return (for an open exam)
		settled    bool          // submitted at the deadline while away
		answered   int
		finishedAt time.Duration // for a settled exam: when it finished
	}{
		{"leave and return", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			f.clock.at(2 * time.Minute)
			f.save(x.SavePosition())
			f.clock.at(5 * time.Minute) // three minutes reading elsewhere
			return f.open()
		}, 5 * time.Minute, false, 1, 0},
		{"quit and restart", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			f.clock.at(2 * time.Minute)
			f.save(x.SavePosition())
			f.restart()
			f.clock.at(4 * time.Minute)
			return f.open()
		}, 6 * time.Minute, false, 1, 0},
		{"crash and restart", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			// Killed before the position was saved: only the answer was.
			f.restart()
			f.clock.at(3 * time.Minute)
			return f.open()
		}, 7 * time.Minute, false, 1, 0},
		{"deadline passed while away", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			f.save(x.SavePosition())
			f.restart()
			f.clock.at(25 * time.Minute)
			return f.open()
		}, 0, true, 1, 10 * time.Minute},
		{"clock moved back", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			f.clock.at(6 * time.Minute)
			f.save(x.SavePosition()) // the latest time seen: 6 minutes in
			f.clock.at(-time.Hour)   // the clock is set back an hour
			return f.open()
		}, 4 * time.Minute, false, 1, 0},
		{"clock moved forward past the deadline", func(f *deadlineFixture, x *activity.Exam) *activity.Exam {
			f.save(x.SavePosition())
			f.clock.at(24 * time.Hour)
			return f.open()
		}, 0, true, 1, 10 * time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newDeadlineFixture(t)
			x := tc.away(f, f.begin())
			if !x.Resumed {
				t.Fatal("the exam did not resume its attempt")
			}
			if got := len(x.E.Answers); got != tc.answered {
				t.Errorf("%d answers kept, want %d", got, tc.answered)
			}
			atts, _ := f.store.Attempts(t.Context(), f.p.ID, "m", progress.ModeExam)
			if len(atts) != 1 {
				t.Fatalf("%d attempts, want the one", len(atts))
			}
			if tc.settled {
				if !x.Settled || !x.Done() || !atts[0].Done() {
					t.Fatalf("want the exam submitted at its deadline: settled %v, done %v, stored %+v", x.Settled, x.Done(), atts[0])
				}
				if got := atts[0].Finished.Sub(t0); got != tc.finishedAt {
					t.Errorf("finished %s after the start, want %s", got, tc.finishedAt)
				}
				if atts[0].Elapsed != 10*time.Minute || x.Result().Answered != 1 {
					t.Errorf("time taken %s and %d answered; want the 10-minute limit and the 1 answer given", atts[0].Elapsed, x.Result().Answered)
				}
				return
			}
			if x.Done() {
				t.Fatal("the exam was submitted")
			}
			if got := x.Remaining(); got != tc.remaining {
				t.Errorf("remaining %s, want %s", got, tc.remaining)
			}
		})
	}
}

// TestExamWallTime checks that the time taken is wall time, pauses
// included, and that a submission after the deadline (the learner was
// answering when it passed) is scored as at the deadline.
func TestExamWallTime(t *testing.T) {
	f := newDeadlineFixture(t)
	x := f.begin()
	f.save(x.SavePosition())
	f.clock.at(7 * time.Minute)
	x = f.open()
	f.save(x.Answer(1, x.E.ToShown(1, []int{0})))
	f.save(x.Submit())
	if a := x.Attempt(); a.Elapsed != 7*time.Minute || !a.Passed || a.PassMark != 60 {
		t.Errorf("attempt %+v: want 7 minutes of wall time, passed at 60%%", a)
	}
	if !x.Done() || x.Result().Answered != 2 {
		t.Errorf("result %+v", x.Result())
	}
	// Late: the deadline passes with the exam open on screen.
	f2 := newDeadlineFixture(t)
	y := f2.begin()
	f2.clock.at(12 * time.Minute)
	if !y.Expired() {
		t.Fatal("the exam has not expired 12 minutes into 10")
	}
	if p := y.Answer(1, []int{0}); !p.Empty() {
		t.Error("an answer after the deadline would be recorded")
	}
	f2.save(y.Submit())
	if a := y.Attempt(); a.Finished != t0.Add(10*time.Minute) || a.Elapsed != 10*time.Minute {
		t.Errorf("late submission: finished %s, took %s; want the deadline and the limit", a.Finished, a.Elapsed)
	}
}

// TestModuleLockedDuringExam checks that the module's pages, practice
// quiz and review questions are closed while its exam is open, say until
// when, and open again when it is submitted or its time runs out.
func TestModuleLockedDuringExam(t *testing.T) {
	f := newDeadlineFixture(t)
	l := f.learner()
	if err := l.CheckOpen(t.Context(), f.m); err != nil {
		t.Fatalf("no exam yet: %v", err)
	}
	x := f.begin()
	err := f.learner().CheckOpen(t.Context(), f.m)
	if !errors.Is(err, activity.ErrExamOpen) || !strings.Contains(err.Error(), t0.Add(10*time.Minute).Local().Format("15:04")) {
		t.Fatalf("open exam: %v; want ErrExamOpen with the deadline", err)
	}
	q := f.learner().Quiz(f.m, nil, progress.ModePractice)
	if _, err := q.Prepare(t.Context()); !errors.Is(err, activity.ErrExamOpen) {
		t.Errorf("practice quiz during the exam: %v", err)
	}
	review := f.learner().QuizSession([]activity.Part{{Module: f.m, Questions: []string{"a"}}}, progress.ModeReview)
	if _, err := review.Prepare(t.Context()); err != nil || len(review.Closed()) != 1 || !review.Done() {
		t.Errorf("review during the exam: %v, closed %v, done %v; want its questions left out", err, review.Closed(), review.Done())
	}
	f.save(x.Submit())
	if err := f.learner().CheckOpen(t.Context(), f.m); err != nil {
		t.Errorf("after submitting: %v", err)
	}

	// An exam whose time ran out while away is settled by the check, so it
	// closes nothing.
	g := newDeadlineFixture(t)
	g.begin()
	g.clock.at(30 * time.Minute)
	if err := g.learner().CheckOpen(t.Context(), g.m); err != nil {
		t.Errorf("after the deadline: %v", err)
	}
	if atts, _ := g.store.Attempts(t.Context(), g.p.ID, "m", progress.ModeExam); len(atts) != 1 || !atts[0].Done() {
		t.Errorf("the expired exam was not settled: %+v", atts)
	}
}
