package engine

import (
	"slices"
	"time"

	"frontline/internal/content"
)

// Exam is an assessed exam in progress: the questions drawn and the order
// their options are shown in, the answers so far, the flags, where the
// learner is, and the clock. It holds no I/O; a caller persists its fields.
//
// The clock is a deadline, not a stopwatch: it is fixed when the exam
// starts (Started + Limit) and keeps running while the learner is away, has
// quit, or the machine is off. Seen is the latest time the exam has seen,
// so a clock moved backwards never gives more time.
type Exam struct {
	Module *content.Module
	// Questions are the question ids in the order shown.
	Questions []string
	// OptionOrder holds, per shown question, the option indexes in the
	// order shown (module order when missing).
	OptionOrder [][]int
	// Answers maps a question id to the answer in module order: the
	// options chosen, sorted, or the order given for an ordering question.
	Answers map[string][]int
	Flagged map[string]bool
	// Pos is the index into Questions of the question on screen.
	Pos     int
	Started time.Time
	// Limit is the time allowed from Started; 0 means untimed.
	Limit time.Duration
	// Seen is the latest time observed (see Observe).
	Seen time.Time
}

// NewExam draws an exam of m with the given settings and seed (see Draw),
// starting at now.
func NewExam(m *content.Module, s content.ExamSettings, seed int64, now time.Time) *Exam {
	ids, order := Draw(m, s.Questions, seed)
	return &Exam{Module: m, Questions: ids, OptionOrder: order, Answers: map[string][]int{},
		Flagged: map[string]bool{}, Started: now, Limit: s.TimeLimit, Seen: now}
}

// Deadline is when the exam ends; zero for an untimed exam.
func (e *Exam) Deadline() time.Time {
	if e.Limit <= 0 {
		return time.Time{}
	}
	return e.Started.Add(e.Limit)
}

// Observe takes a reading of the clock and returns the exam's time: now,
// or the latest time seen before if now is earlier (the clock was moved
// back). It never moves Seen backwards.
func (e *Exam) Observe(now time.Time) time.Time {
	if now.After(e.Seen) {
		e.Seen = now
	}
	if e.Seen.Before(e.Started) {
		e.Seen = e.Started
	}
	return e.Seen
}

// Remaining is the time left at now, never below zero; -1 for an untimed
// exam.
func (e *Exam) Remaining(now time.Time) time.Duration {
	if e.Limit <= 0 {
		return -1
	}
	left := e.Deadline().Sub(e.Observe(now))
	return max(left, 0)
}

// Expired reports whether the deadline has passed at now.
func (e *Exam) Expired(now time.Time) bool {
	return e.Limit > 0 && e.Remaining(now) == 0
}

// Warning reports whether the exam is in its final stretch (see the
// package-level Warning).
func (e *Exam) Warning(now time.Time) bool {
	if e.Limit <= 0 {
		return false
	}
	return Warning(e.Limit, e.Observe(now).Sub(e.Started))
}

// Taken is the wall time from the start to end, capped at the limit: an
// exam submitted at or after its deadline took exactly its time limit.
func (e *Exam) Taken(end time.Time) time.Duration {
	d := end.Sub(e.Started)
	if e.Limit > 0 && d > e.Limit {
		d = e.Limit
	}
	return max(d, 0)
}

// Question returns shown question i, or nil when it is out of range or no
// longer in the module.
func (e *Exam) Question(i int) *content.Question {
	if i < 0 || i >= len(e.Questions) {
		return nil
	}
	q, _ := e.Module.Question(e.Questions[i])
	return q
}

// Shown returns the module indexes of question i's options in the order
// shown.
func (e *Exam) Shown(i int) []int {
	q := e.Question(i)
	if q == nil {
		return nil
	}
	if i < len(e.OptionOrder) && len(e.OptionOrder[i]) == len(q.Options) {
		return e.OptionOrder[i]
	}
	return identity(len(q.Options))
}

// ToModule maps shown option positions of question i to module indexes:
// the options chosen (sorted), or for an ordering question the order given.
func (e *Exam) ToModule(i int, shown []int) []int {
	q := e.Question(i)
	if q == nil {
		return nil
	}
	ord := e.Shown(i)
	out := make([]int, 0, len(shown))
	for _, s := range shown {
		if s >= 0 && s < len(ord) {
			out = append(out, ord[s])
		}
	}
	if q.Kind != content.Ordering {
		slices.Sort(out)
	}
	return out
}

// ToShown maps a stored answer to question i (module indexes) to the
// positions shown: sorted for a choice, in the order given for an
// ordering question.
func (e *Exam) ToShown(i int, answer []int) []int {
	ord := e.Shown(i)
	out := make([]int, 0, len(answer))
	for _, mi := range answer {
		if k := slices.Index(ord, mi); k >= 0 {
			out = append(out, k)
		}
	}
	if q := e.Question(i); q != nil && q.Kind != content.Ordering {
		slices.Sort(out)
	}
	return out
}

// Answer sets the answer to question i from the positions shown and
// returns it in module order, with its score. An empty answer clears it.
func (e *Exam) Answer(i int, shown []int) ([]int, Result) {
	q := e.Question(i)
	if q == nil {
		return nil, Result{}
	}
	ans := e.ToModule(i, shown)
	if len(ans) == 0 {
		delete(e.Answers, q.ID)
	} else {
		e.Answers[q.ID] = ans
	}
	return ans, Score(q, ans)
}

// Answered reports whether question i has an answer.
func (e *Exam) Answered(i int) bool {
	return i >= 0 && i < len(e.Questions) && len(e.Answers[e.Questions[i]]) > 0
}

// ToggleFlag flags or unflags question i and reports whether it is now
// flagged.
func (e *Exam) ToggleFlag(i int) bool {
	if i < 0 || i >= len(e.Questions) {
		return false
	}
	id := e.Questions[i]
	e.Flagged[id] = !e.Flagged[id]
	if !e.Flagged[id] {
		delete(e.Flagged, id)
	}
	return e.Flagged[id]
}

// Unanswered lists the positions (0-based) of questions with no answer.
func (e *Exam) Unanswered() []int {
	var out []int
	for i := range e.Questions {
		if !e.Answered(i) {
			out = append(out, i)
		}
	}
	return out
}

// FlaggedList lists the flagged question ids in the order shown.
func (e *Exam) FlaggedList() []string {
	var out []string
	for _, id := range e.Questions {
		if e.Flagged[id] {
			out = append(out, id)
		}
	}
	return out
}

// Score scores the exam as it stands.
func (e *Exam) Score(cat *content.Catalogue, passMark int) ExamResult {
	return ScoreExam(e.Module, cat, e.Questions, e.Answers, passMark)
}
