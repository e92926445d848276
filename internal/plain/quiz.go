package plain

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"frontline/internal/content"
	"frontline/internal/engine"
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
	ok, err := s.contentNote("module", m.ContentNote)
	if err != nil || !ok {
		return ignoreEOF(err)
	}
	if len(m.Questions) == 0 {
		s.say("This module has no quiz questions.")
		return nil
	}
	rq := s.loadReviews()
	qz, a := s.resumeQuiz(m)
	if qz == nil {
		qz = engine.NewQuiz(m, nil)
		a = s.startAttempt(m, qz.Questions, progress.ModePractice)
		s.say("%d questions. Type the number of your answer, or several numbers for select-all questions.", len(qz.Questions))
	}
	for {
		err := s.askQuiz(m, qz, &a, rq)
		if errors.Is(err, ErrQuit) || errors.Is(err, io.EOF) {
			s.say("Stopped at question %d of %d. Your answers so far are kept; run the quiz again to continue.", qz.Pos+1, len(qz.Questions))
			return nil
		}
		if err != nil {
			return err
		}
		sum := s.finishQuiz(m, qz, &a)
		if len(sum.Missed) == 0 {
			return nil
		}
		line, err := s.ask("r to retry the missed questions, Enter to finish:")
		if err != nil || strings.ToLower(line) != "r" {
			return ignoreEOF(err)
		}
		qz = engine.NewQuiz(m, sum.Missed)
		a = s.startAttempt(m, qz.Questions, progress.ModePractice)
		s.say("Retrying %d questions.", len(qz.Questions))
	}
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, ErrQuit) {
		return nil
	}
	return err
}

// resumeQuiz returns the learner's unfinished practice quiz on m, or nil.
func (s *Session) resumeQuiz(m *content.Module) (*engine.Quiz, progress.Attempt) {
	a, answers, err := s.Store.UnfinishedAttempt(s.ctx(), s.Profile.ID, m.ID, progress.ModePractice)
	if err != nil {
		if !errors.Is(err, progress.ErrNotFound) {
			s.say("Could not read your unfinished quiz (%v); starting a new one.", err)
		}
		return nil, progress.Attempt{}
	}
	qz := engine.NewQuiz(m, a.Questions)
	if len(qz.Questions) == 0 {
		return nil, progress.Attempt{}
	}
	if len(qz.Questions) != len(a.Questions) {
		s.say("Some questions of your unfinished quiz are no longer in the module; they are left out.")
	}
	for _, ans := range answers {
		if q, ok := m.Question(ans.QuestionID); ok {
			qz.Results[q.ID] = engine.Score(q, ans.Chosen)
		}
	}
	// Continue at the first unanswered question from the saved position.
	qz.Pos = min(max(a.Current, 0), len(qz.Questions))
	if qz.Done() {
		return qz, a
	}
	s.say("Continuing your quiz at question %d of %d.", qz.Pos+1, len(qz.Questions))
	return qz, a
}

// startAttempt stores a new practice or review attempt; on failure it says
// so and returns an attempt with no ID, and the quiz goes on unsaved.
func (s *Session) startAttempt(m *content.Module, ids []string, mode progress.Mode) progress.Attempt {
	a := progress.Attempt{
		ProfileID: s.Profile.ID, ModuleID: m.ID, Mode: mode,
		Fingerprint: engine.Fingerprint(m), Version: m.Version,
		Questions: ids, Started: s.now(),
	}
	stored, err := s.Store.StartAttempt(s.ctx(), a)
	if err != nil {
		s.notSaved(err)
		return a
	}
	return stored
}

// askQuiz asks the remaining questions of qz.
func (s *Session) askQuiz(m *content.Module, qz *engine.Quiz, a *progress.Attempt, rq reviewQueue) error {
	for !qz.Done() {
		q := qz.Current()
		s.showQuestion(fmt.Sprintf("Question %d of %d", qz.Pos+1, len(qz.Questions)), q, nil)
		shownAt := s.now()
		chosen, err := s.askChoice(answerPrompt, len(q.Options), q.Kind == content.MultipleChoice)
		if err != nil {
			s.savePosition(a, qz.Pos)
			return err
		}
		r := qz.Submit(chosen)
		s.showFeedback(q, nil, r)
		now := s.now()
		reviews := s.reviewsFor(rq, m.ID, q, r, now)
		ans := progress.Answer{
			ProfileID: s.Profile.ID, AttemptID: a.ID, ModuleID: m.ID, QuestionID: q.ID,
			Version: engine.Fingerprint(m), Chosen: chosen, Correct: r.Correct, Score: r.Score,
			TimeTaken: now.Sub(shownAt), At: now, Indicators: hits(r),
		}
		qz.Next()
		if _, err := s.Store.RecordAnswer(s.ctx(), ans, reviews...); err != nil {
			s.notSaved(err)
			continue
		}
		rq.commit(reviews)
		a.Current = qz.Pos
		if a.ID != 0 {
			if err := s.Store.SaveAttempt(s.ctx(), *a); err != nil {
				s.notSaved(err)
				continue
			}
		}
		s.say("Saved.")
	}
	return nil
}

func (s *Session) savePosition(a *progress.Attempt, pos int) {
	if a.ID == 0 {
		return
	}
	a.Current = pos
	if err := s.Store.SaveAttempt(s.ctx(), *a); err != nil {
		s.notSaved(err)
	}
}

// finishQuiz prints the results and stores the finished attempt.
func (s *Session) finishQuiz(m *content.Module, qz *engine.Quiz, a *progress.Attempt) engine.Summary {
	sum := qz.Summary()
	pass := m.Exam.WithDefaults(len(m.Questions)).PassMark
	s.blank()
	s.say("Quiz complete.")
	s.say("Score: %s of %d (%s). Fully right: %d of %d.", points(sum.Score), sum.Total, percent(sum.Percent), sum.Correct, sum.Total)
	if len(sum.Missed) > 0 {
		s.say("Questions to look at again:")
		for _, id := range sum.Missed {
			q, _ := m.Question(id)
			r := qz.Results[id]
			s.say("  - %s (%s of 1)", ToText(q.Text), points(r.Score))
		}
	}
	if a.ID != 0 {
		a.Current = len(qz.Questions)
		a.Finished = s.now()
		a.Score = sum.Score
		a.Total = sum.Total
		a.Passed = sum.Percent+1e-9 >= float64(pass)
		if err := s.Store.SaveAttempt(s.ctx(), *a); err != nil {
			s.notSaved(err)
		}
	}
	if sum.Percent+1e-9 >= float64(pass) && len(qz.Questions) == len(m.Questions) {
		if err := s.Store.MarkComplete(s.ctx(), s.Profile.ID, m.ID, s.now()); err != nil {
			s.notSaved(err)
		}
	}
	return sum
}
