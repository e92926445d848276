package activity

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// Part is one module's share of a quiz session: a practice quiz has one, a
// review session one per module it draws questions from.
type Part struct {
	Module *content.Module
	// Questions are the ids to ask, in order; nil means every question.
	Questions []string
}

// attemptHolder holds a stored attempt and creates it once, from whichever
// write needs it first, so answers never race the attempt's creation.
type attemptHolder struct {
	mu       sync.Mutex
	a        progress.Attempt
	finished bool
}

// ensure stores the attempt if it is not stored yet, and returns it.
func (h *attemptHolder) ensure(ctx context.Context, store progress.Store) (progress.Attempt, error) {
	if h.a.ID != 0 {
		return h.a, nil
	}
	a, err := store.StartAttempt(ctx, h.a)
	if err != nil {
		return h.a, fmt.Errorf("start attempt: %w", err)
	}
	h.a = a
	return a, nil
}

type quizPart struct {
	mod  *content.Module
	quiz *engine.Quiz
	att  *attemptHolder
}

// Quiz is a practice quiz or a review session: questions asked one at a
// time, each marked at once with feedback, recorded with the review items
// it moves, and the position saved so the quiz resumes where it stopped.
type Quiz struct {
	l         *Learner
	mode      progress.Mode
	parts     []*quizPart
	cur       int
	reviews   *Reviews
	asked     time.Time
	resumable bool
	offer     *QuizOffer
	closed    []string
}

// QuizOffer describes an unfinished practice quiz found by Prepare.
type QuizOffer struct {
	// Answered is how many of Total questions have an answer; At is the
	// 1-based number of the question the learner will continue at.
	Answered, Total, At int
	// Missing is how many of the attempt's questions are no longer in the
	// module (they are left out).
	Missing int

	att     progress.Attempt
	answers []progress.Answer
}

// Quiz starts a quiz over module m: every question when ids is nil, else
// those ids (ids not in the module are dropped). A practice quiz over every
// question can resume an unfinished one (see Prepare).
func (l *Learner) Quiz(m *content.Module, ids []string, mode progress.Mode) *Quiz {
	q := l.QuizSession([]Part{{Module: m, Questions: ids}}, mode)
	q.resumable = q.mode == progress.ModePractice && ids == nil
	return q
}

// LedQuestion starts the one-question session a workshop room's led mode
// puts to every trainee: question id of module m, recorded as a finished
// attempt in mode progress.ModeLed once answered (Submit, then Next). The
// interface holds the feedback back until the trainer reveals it.
func (l *Learner) LedQuestion(m *content.Module, id string) *Quiz {
	return l.QuizSession([]Part{{Module: m, Questions: []string{id}}}, progress.ModeLed)
}

// QuizSession starts a quiz over several parts, such as a review session
// (see PlanReview). Parts with no questions are left out.
func (l *Learner) QuizSession(parts []Part, mode progress.Mode) *Quiz {
	if mode == "" {
		mode = progress.ModePractice
	}
	q := &Quiz{l: l, mode: mode, reviews: &Reviews{}}
	for _, p := range parts {
		eq := engine.NewQuiz(p.Module, p.Questions)
		if len(eq.Questions) == 0 {
			continue
		}
		q.parts = append(q.parts, q.newPart(p.Module, eq))
	}
	if len(q.parts) == 0 {
		m := &content.Module{}
		if len(parts) > 0 && parts[0].Module != nil {
			m = parts[0].Module
		}
		q.parts = []*quizPart{q.newPart(m, engine.NewQuiz(m, []string{}))}
	}
	q.asked = l.now()
	return q
}

func (q *Quiz) newPart(m *content.Module, eq *engine.Quiz) *quizPart {
	return &quizPart{mod: m, quiz: eq, att: &attemptHolder{a: progress.Attempt{
		ProfileID: q.l.Profile.ID, ModuleID: m.ID, Mode: q.mode, Fingerprint: engine.Fingerprint(m),
		Version: m.Version, Questions: append([]string(nil), eq.Questions...), Started: q.l.now(),
	}}}
}

// Mode is practice, review or led.
func (q *Quiz) Mode() progress.Mode { return q.mode }

// Reviews is the learner's review queue as this session knows it.
func (q *Quiz) Reviews() *Reviews { return q.reviews }

// Prepare reads the review queue and, for a resumable practice quiz, looks
// for an unfinished attempt. One with nothing answered is simply carried
// on; otherwise it returns an offer for the learner to Resume or Restart.
// A failure to read leaves the quiz usable from the start; the error says
// what could not be read.
//
// While an exam on a module is open, its questions are not practised or
// reviewed: a practice quiz on it fails with an error wrapping
// ErrExamOpen, and a review session leaves its questions out (Closed says
// which modules).
func (q *Quiz) Prepare(ctx context.Context) (*QuizOffer, error) {
	if q.mode == progress.ModePractice || q.mode == progress.ModeLed {
		if err := q.l.CheckOpen(ctx, q.parts[0].mod); err != nil {
			return nil, err
		}
	} else if err := q.dropClosed(ctx); err != nil {
		return nil, err
	}
	rv, err := q.l.LoadReviews(ctx)
	q.reviews = rv
	if !q.resumable || !q.l.records() {
		return nil, err
	}
	mod := q.parts[0].mod
	a, answers, uerr := q.l.Store.UnfinishedAttempt(ctx, q.l.Profile.ID, mod.ID, progress.ModePractice)
	switch {
	case errors.Is(uerr, progress.ErrNotFound):
		return nil, err
	case uerr != nil:
		return nil, errors.Join(err, fmt.Errorf("look for an unfinished quiz on %s: %w", mod.ID, uerr))
	}
	eq := engine.NewQuiz(mod, a.Questions)
	if len(eq.Questions) == 0 {
		return nil, err
	}
	if len(answers) == 0 && a.Current == 0 {
		q.parts[0].att.a = a // nothing answered yet: carry on in that attempt
		return nil, err
	}
	o := &QuizOffer{Total: len(eq.Questions), Missing: len(a.Questions) - len(eq.Questions), att: a, answers: answers}
	seen := map[string]bool{}
	for _, ans := range answers {
		if _, ok := mod.Question(ans.QuestionID); ok && !seen[ans.QuestionID] {
			seen[ans.QuestionID] = true
			o.Answered++
		}
	}
	o.At = min(resumeAt(eq.Questions, a.Current, seen), len(eq.Questions)-1) + 1
	q.offer = o
	return o, err
}

// dropClosed leaves out the parts of modules with an open exam.
func (q *Quiz) dropClosed(ctx context.Context) error {
	var keep []*quizPart
	for _, p := range q.parts {
		err := q.l.CheckOpen(ctx, p.mod)
		switch {
		case errors.Is(err, ErrExamOpen):
			q.closed = append(q.closed, err.Error())
		case err != nil:
			return err
		default:
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		keep = []*quizPart{q.newPart(q.parts[0].mod, engine.NewQuiz(q.parts[0].mod, []string{}))}
	}
	q.parts, q.cur = keep, 0
	return nil
}

// Closed lists, for a review session, why questions were left out: the
// modules with an exam open.
func (q *Quiz) Closed() []string { return q.closed }

// resumeAt is where a quiz resumes: the saved position, or past the last
// question answered if that is further on, so an answer saved just before
// a crash, whose new position was not, is never asked again.
func resumeAt(ids []string, saved int, answered map[string]bool) int {
	pos := max(saved, 0)
	for i, id := range ids {
		if answered[id] && i+1 > pos {
			pos = i + 1
		}
	}
	return min(pos, len(ids))
}

// Resume continues the offered attempt at its saved position, with its
// earlier answers counted.
func (q *Quiz) Resume() {
	o := q.offer
	if o == nil {
		return
	}
	q.offer = nil
	p := q.parts[0]
	eq := engine.NewQuiz(p.mod, o.att.Questions)
	answered := map[string]bool{}
	for _, ans := range o.answers {
		if qu, ok := p.mod.Question(ans.QuestionID); ok {
			eq.Results[qu.ID] = engine.Score(qu, ans.Chosen)
			answered[qu.ID] = true
		}
	}
	eq.Pos = resumeAt(eq.Questions, o.att.Current, answered)
	q.parts[0] = &quizPart{mod: p.mod, quiz: eq, att: &attemptHolder{a: o.att}}
	q.cur = 0
	q.asked = q.l.now()
}

// Restart drops the offer and starts afresh; the unfinished attempt is
// kept as it was.
func (q *Quiz) Restart() { q.offer = nil }

// Current returns the question being asked and its module; the question is
// nil when the quiz is done. A finished part hands over to the next one.
func (q *Quiz) Current() (*content.Module, *content.Question) {
	for q.parts[q.cur].quiz.Current() == nil && q.cur+1 < len(q.parts) {
		q.cur++
	}
	p := q.parts[q.cur]
	return p.mod, p.quiz.Current()
}

// Module is the current part's module.
func (q *Quiz) Module() *content.Module {
	m, _ := q.Current()
	return m
}

// Position is the current question's number in the whole session (1-based)
// and the session's length.
func (q *Quiz) Position() (n, total int) {
	q.Current()
	for i, p := range q.parts {
		if i < q.cur {
			n += len(p.quiz.Questions)
		}
		total += len(p.quiz.Questions)
	}
	return n + q.parts[q.cur].quiz.Pos + 1, total
}

// Done reports whether every question has been asked.
func (q *Quiz) Done() bool {
	_, qu := q.Current()
	return qu == nil
}

// Ask marks the moment the current question was put to the learner, for
// the answer's time taken.
func (q *Quiz) Ask() { q.asked = q.l.now() }

// Submit scores an answer to the current question (chosen are option
// indexes in module order, or an order for an ordering question) and keeps
// the result. It returns the result at once, and the write that records the
// answer, moves its review items, and saves the position just after it.
func (q *Quiz) Submit(chosen []int) (engine.Result, Pending) {
	mod, qu := q.Current()
	if qu == nil {
		return engine.Result{}, Pending{}
	}
	p := q.parts[q.cur]
	res := p.quiz.Submit(chosen)
	if !q.l.records() {
		return res, Pending{}
	}
	now := q.l.now()
	ans := progress.Answer{
		ProfileID: q.l.Profile.ID, ModuleID: mod.ID, QuestionID: qu.ID, Version: engine.Fingerprint(mod),
		Chosen: append([]int(nil), chosen...), Correct: res.Correct, Score: res.Score,
		TimeTaken: now.Sub(q.asked), At: now, Indicators: hits(res),
	}
	reviews := q.reviews.forAnswer(q.l.Profile.ID, mod.ID, qu, res, now)
	next := p.quiz.Pos + 1
	store, h, rv := q.l.Store, p.att, q.reviews
	return res, Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		a, err := h.ensure(ctx, store)
		if err != nil {
			return err
		}
		ans.AttemptID = a.ID
		if _, err := store.RecordAnswer(ctx, ans, reviews...); err != nil {
			return fmt.Errorf("record answer: %w", err)
		}
		rv.Commit(reviews...)
		if h.finished {
			return nil
		}
		h.a.Current = max(h.a.Current, next)
		if err := store.SaveAttempt(ctx, h.a); err != nil {
			return fmt.Errorf("save quiz position: %w", err)
		}
		return nil
	}}
}

// Next moves to the next question. When that ends a part (a module's
// share), it returns the write that records the part's finished attempt.
func (q *Quiz) Next() Pending {
	q.parts[q.cur].quiz.Next()
	q.asked = q.l.now()
	return q.Finish()
}

// Finish returns the write that records every part whose questions have
// all been asked as a finished attempt (once: a part already recorded is
// left alone).
func (q *Quiz) Finish() Pending {
	var out Pending
	for _, p := range q.parts {
		if p.quiz.Done() && len(p.quiz.Questions) > 0 {
			out = out.Then(q.finish(p, len(p.quiz.Questions)))
		}
	}
	return out
}

// Stop is called when the learner leaves before the end. A practice quiz
// keeps its position (saved with every answer) and resumes later. A review
// session records what was answered as a finished review attempt; the
// questions not reached stay due.
func (q *Quiz) Stop() Pending {
	if q.mode != progress.ModeReview {
		return Pending{}
	}
	var out Pending
	for _, p := range q.parts {
		if p.quiz.Pos > 0 && !p.quiz.Done() {
			out = out.Then(q.finish(p, p.quiz.Pos))
		}
	}
	return out
}

// finish returns the write that records part p as finished after its
// first asked questions.
func (q *Quiz) finish(p *quizPart, asked int) Pending {
	if !q.l.records() {
		return Pending{}
	}
	ids := p.quiz.Questions[:asked]
	var score float64
	for _, id := range ids {
		score += p.quiz.Results[id].Score
	}
	now := q.l.now()
	store, h := q.l.Store, p.att
	ids = append([]string(nil), ids...)
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.finished {
			return nil
		}
		a, err := h.ensure(ctx, store)
		if err != nil {
			return err
		}
		a.Questions, a.Current = ids, len(ids)
		a.Finished, a.Score, a.Total = now, score, len(ids)
		a.Elapsed = now.Sub(a.Started)
		a.Passed = false // practice and review are never passed or failed
		if err := store.SaveAttempt(ctx, a); err != nil {
			return fmt.Errorf("save quiz result: %w", err)
		}
		h.a, h.finished = a, true
		return nil
	}}
}

// QuizSummary is a quiz session's result.
type QuizSummary struct {
	Score float64 // points scored (fractions for partly right answers)
	Total int     // questions asked
	// Correct is the number of questions answered fully right.
	Correct int
	// Missed lists the questions not fully right, unanswered included,
	// per module, in the order asked.
	Missed []Missed
}

// Missed is a question to look at again.
type Missed struct {
	Module   *content.Module
	Question *content.Question
	// Score is the credit the answer earned (0..1); Answered is false when
	// the question was never answered.
	Score    float64
	Answered bool
}

// Percent is the summary's score as a percentage of its total.
func (s QuizSummary) Percent() float64 {
	if s.Total == 0 {
		return 0
	}
	return 100 * s.Score / float64(s.Total)
}

// Summary totals every part so far.
func (q *Quiz) Summary() QuizSummary {
	var s QuizSummary
	for _, p := range q.parts {
		sum := p.quiz.Summary()
		s.Score += sum.Score
		s.Total += sum.Total
		s.Correct += sum.Correct
		for _, id := range sum.Missed {
			qu, ok := p.mod.Question(id)
			if !ok {
				continue
			}
			r, answered := p.quiz.Results[id]
			s.Missed = append(s.Missed, Missed{Module: p.mod, Question: qu, Score: r.Score, Answered: answered})
		}
	}
	return s
}

// Retry returns a new session over the questions missed, in the same mode,
// sharing this session's review queue.
func (q *Quiz) Retry() *Quiz {
	var parts []Part
	for _, p := range q.parts {
		if missed := p.quiz.Summary().Missed; len(missed) > 0 {
			parts = append(parts, Part{Module: p.mod, Questions: missed})
		}
	}
	n := q.l.QuizSession(parts, q.mode)
	n.reviews = q.reviews
	return n
}
