package plain

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/progress"
)

// Quiz runs a module's practice quiz: each answer is marked at once with
// feedback, recorded, and the quiz ends with the score, the questions
// missed and an offer to retry them. Quitting (q or end of input) keeps
// the position; the next Quiz on the module continues there.
func (s *Session) Quiz(moduleID string) error {
	m, err := s.module(moduleID)
	if err != nil {
		return err
	}
	s.say("Quiz: %s", titleLine(m))
	s.tellQuickExit()
	ok, err := s.contentNote("module", m.ID, m.ContentNote)
	if err != nil || !ok {
		return ignoreEOF(err)
	}
	if len(m.Questions) == 0 {
		s.say("This module has no quiz questions.")
		return nil
	}
	qz := s.learner().Quiz(m, nil, progress.ModePractice)
	ctx, cancel := s.call()
	offer, err := qz.Prepare(ctx)
	cancel()
	if errors.Is(err, activity.ErrExamOpen) {
		s.say("%s.", capitalise(strings.TrimPrefix(err.Error(), activity.ErrExamOpen.Error()+": ")))
		return nil
	}
	if err != nil {
		s.say("Note: %v.", err)
	}
	if offer != nil {
		qz.Resume()
		if offer.Missing > 0 {
			s.say("Some questions of your unfinished quiz are no longer in the module; they are left out.")
		}
		s.say("Continuing your quiz at question %d of %d.", offer.At, offer.Total)
	} else {
		s.say("%s. Type the number of your answer, or several numbers for select-all questions.", activity.Count(len(m.Questions), "question"))
	}
	for {
		err := s.askQuiz(qz)
		if errors.Is(err, ErrQuit) || errors.Is(err, io.EOF) {
			n, total := qz.Position()
			s.say("Stopped at question %d of %d. Your answers so far are kept; run the quiz again to continue.", n, total)
			return nil
		}
		if err != nil {
			return err
		}
		sum := s.finishQuiz(qz)
		if len(sum.Missed) == 0 {
			return nil
		}
		line, err := s.ask("Type a to try the missed questions again, or Enter to finish:")
		if l := strings.ToLower(line); err != nil || l != "a" && l != "again" {
			return ignoreEOF(err)
		}
		qz = qz.Retry()
		_, total := qz.Position()
		s.say("Retrying %s.", activity.Count(total, "question"))
	}
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, ErrQuit) {
		return nil
	}
	return err
}

// askQuiz asks the remaining questions of qz.
func (s *Session) askQuiz(qz *activity.Quiz) error {
	for {
		if _, q := qz.Current(); q == nil {
			return nil
		}
		if err := s.askQuestion(qz); err != nil {
			return err
		}
	}
}

// askQuestion asks qz's current question, marks the answer with its
// feedback, records it and moves on (recording a finished part).
func (s *Session) askQuestion(qz *activity.Quiz) error {
	_, q := qz.Current()
	n, total := qz.Position()
	show := func() { s.showQuestion(fmt.Sprintf("Question %d of %d", n, total), q, nil) }
	show()
	qz.Ask()
	chosen, err := s.askAnswer(q, len(q.Options), show)
	if err != nil {
		return err
	}
	r, p := qz.Submit(chosen)
	s.showFeedback(q, nil, r)
	s.saved(p)
	if done := qz.Next(); !done.Empty() {
		if err := s.save(done); err != nil {
			s.notSaved(err)
		}
	}
	return nil
}

// finishQuiz records the finished quiz and prints the results.
func (s *Session) finishQuiz(qz *activity.Quiz) activity.QuizSummary {
	if err := s.save(qz.Finish()); err != nil {
		s.notSaved(err)
	}
	sum := qz.Summary()
	s.blank()
	s.say("Quiz complete.")
	s.say("Score: %s of %d (%s). Fully right: %d of %d.", activity.Points(sum.Score), sum.Total, activity.Percent(sum.Percent()), sum.Correct, sum.Total)
	if len(sum.Missed) > 0 {
		s.say("Questions to look at again: %d.", len(sum.Missed))
		for _, ms := range sum.Missed {
			s.say("  - %s (%s of 1)", ToText(ms.Question.Text), activity.Points(ms.Score))
		}
	}
	return sum
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
