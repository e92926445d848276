package engine

import "frontline/internal/content"

// Quiz is a practice quiz in progress. Its fields are exported so a caller
// can persist and restore the position.
type Quiz struct {
	Module *content.Module
	// Questions are the question ids in the order asked.
	Questions []string
	// Pos is the index of the current question.
	Pos int
	// Results holds the latest result per question id.
	Results map[string]Result
}

// NewQuiz starts a quiz over m. ids nil means every question that holds
// in the module's jurisdiction (Eligible), in module order; ids not in the
// module are dropped.
func NewQuiz(m *content.Module, ids []string) *Quiz {
	q := &Quiz{Module: m, Results: map[string]Result{}}
	if ids == nil {
		for _, i := range Eligible(m) {
			q.Questions = append(q.Questions, m.Questions[i].ID)
		}
		return q
	}
	for _, id := range ids {
		if _, ok := m.Question(id); ok {
			q.Questions = append(q.Questions, id)
		}
	}
	return q
}

// Current returns the question being asked, or nil when the quiz is done.
func (q *Quiz) Current() *content.Question {
	if q.Pos < 0 || q.Pos >= len(q.Questions) {
		return nil
	}
	qu, _ := q.Module.Question(q.Questions[q.Pos])
	return qu
}

// Submit scores the current question and stores the result; it does not
// advance. It returns a zero Result when the quiz is done.
func (q *Quiz) Submit(chosen []int) Result {
	qu := q.Current()
	if qu == nil {
		return Result{}
	}
	r := Score(qu, chosen)
	if q.Results == nil {
		q.Results = map[string]Result{}
	}
	q.Results[qu.ID] = r
	return r
}

// Next moves to the next question.
func (q *Quiz) Next() {
	if q.Pos < len(q.Questions) {
		q.Pos++
	}
}

// Done reports whether every question has been asked.
func (q *Quiz) Done() bool { return q.Pos >= len(q.Questions) }

// Summary is a quiz's result.
type Summary struct {
	Score   float64 // points scored (fractions for select-all questions)
	Total   int     // questions in the quiz
	Percent float64
	Correct int // questions answered fully right
	// Missed are the ids of questions not fully right, unanswered included,
	// in the order asked.
	Missed []string
}

// Summary totals the quiz so far.
func (q *Quiz) Summary() Summary {
	s := Summary{Total: len(q.Questions)}
	for _, id := range q.Questions {
		r, ok := q.Results[id]
		if ok {
			s.Score += r.Score
		}
		if ok && r.Correct {
			s.Correct++
		} else {
			s.Missed = append(s.Missed, id)
		}
	}
	if s.Total > 0 {
		s.Percent = 100 * s.Score / float64(s.Total)
	}
	return s
}
