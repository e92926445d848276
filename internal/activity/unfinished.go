package activity

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// Kinds of unfinished work (Unfinished.Kind).
const (
	UnfinishedReading  = "reading"
	UnfinishedQuiz     = "quiz"
	UnfinishedExam     = "exam"
	UnfinishedScenario = "scenario"
)

// Unfinished is one thing a learner left part way, for "continue where you
// left off": pages being read, a practice quiz, an exam or a case study.
type Unfinished struct {
	// Kind is UnfinishedReading, UnfinishedQuiz, UnfinishedExam or
	// UnfinishedScenario.
	Kind string
	// Module is the module read, practised or examined; Scenario the case
	// study played.
	Module   *content.Module
	Scenario *content.Scenario
	// Page is, for reading, the page the learner is at (from 0).
	Page int
	// At is, for a quiz or an exam, the question the learner is at (from
	// 1) of Of; Answered how many have an answer.
	At, Of, Answered int
	// Deadline is when an exam's time runs out; zero for an untimed exam.
	Deadline time.Time
	// Scene is, for a case study, the scene the learner stopped at.
	Scene *content.Scene
	// When is when the learner was last at it.
	When time.Time
}

// Unfinished lists what the learner left part way in the loaded content:
// open exams first (their clock is running), then the rest, the most
// recent first. An exam whose time ran out meanwhile is settled (see
// ExamLock) and not listed. What cannot be read is left out and the first
// such error returned with the rest.
func (l *Learner) Unfinished(ctx context.Context, lib *content.Library) ([]Unfinished, error) {
	if !l.records() || lib == nil {
		return nil, nil
	}
	var out []Unfinished
	var errs []error
	bms, err := l.Bookmarks(ctx)
	if err != nil {
		errs = append(errs, err)
	}
	for _, b := range bms {
		m, ok := lib.Module(b.ItemID)
		// A library of front matter only (loader.Index) has no pages yet:
		// the position is kept as it is.
		if b.Kind != "module" || !ok || b.Position <= 0 || len(m.Pages) > 0 && b.Position >= len(m.Pages) {
			continue
		}
		out = append(out, Unfinished{Kind: UnfinishedReading, Module: m, Page: b.Position, When: b.Updated})
	}
	for _, m := range lib.Modules {
		a, answers, err := l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModePractice)
		switch {
		case errors.Is(err, progress.ErrNotFound):
		case err != nil:
			errs = append(errs, fmt.Errorf("look for an unfinished quiz on %s: %w", m.ID, err))
		case len(a.Questions) > 0 && (len(answers) > 0 || a.Current > 0):
			u := Unfinished{Kind: UnfinishedQuiz, Module: m, At: min(a.Current+1, len(a.Questions)), Of: len(a.Questions),
				Answered: answered(answers), When: a.Started}
			for _, ans := range answers {
				if ans.At.After(u.When) {
					u.When = ans.At
				}
			}
			out = append(out, u)
		}
		until, open, err := l.ExamLock(ctx, m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !open {
			continue
		}
		a, answers, err = l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModeExam)
		if err != nil || len(a.Questions) == 0 {
			continue
		}
		out = append(out, Unfinished{Kind: UnfinishedExam, Module: m, At: min(a.Current+1, len(a.Questions)), Of: len(a.Questions),
			Answered: answered(answers), Deadline: until, When: a.Started.Add(a.Elapsed)})
	}
	for _, sc := range lib.Scenarios {
		r, err := l.Store.UnfinishedRun(ctx, l.Profile.ID, sc.ID)
		switch {
		case errors.Is(err, progress.ErrNotFound):
			continue
		case err != nil:
			errs = append(errs, fmt.Errorf("look for an unfinished run of %s: %w", sc.ID, err))
			continue
		}
		if len(r.Path) == 0 {
			continue
		}
		scene, _ := sc.Scene(r.Path[len(r.Path)-1])
		out = append(out, Unfinished{Kind: UnfinishedScenario, Scenario: sc, Scene: scene, When: r.Started})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ei, ej := out[i].Kind == UnfinishedExam, out[j].Kind == UnfinishedExam; ei != ej {
			return ei
		}
		return out[i].When.After(out[j].When)
	})
	var first error
	if len(errs) > 0 {
		first = errs[0]
	}
	return out, first
}

// answered counts the questions with an answer (an exam keeps only the
// last answer to each, a quiz may hold more after a retry).
func answered(answers []progress.Answer) int {
	seen := map[string]bool{}
	for _, a := range answers {
		seen[a.QuestionID] = true
	}
	return len(seen)
}

// Left is the time left on an open exam at now, or -1 when it is untimed.
func (u Unfinished) Left(now time.Time) time.Duration {
	if u.Deadline.IsZero() {
		return -1
	}
	return max(u.Deadline.Sub(now), 0)
}

// Clock is the time now on the learner's clock.
func (l *Learner) Clock() time.Time { return l.now() }
