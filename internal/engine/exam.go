package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"

	"frontline/internal/content"
)

// ExamConfig is the settings an exam runs with, after defaults and any
// tightening from flags.
type ExamConfig struct{ content.ExamSettings }

// Tighten applies session overrides to base. A zero timeLimit or passMark
// means "not given". Overrides may only make the exam stricter: a shorter
// time and a higher pass mark; anything else is an error that says why.
func Tighten(base content.ExamSettings, timeLimit time.Duration, passMark int) (content.ExamSettings, error) {
	out := base
	if timeLimit < 0 {
		return base, fmt.Errorf("time limit %s is negative", timeLimit)
	}
	if timeLimit > 0 {
		if base.TimeLimit > 0 && timeLimit > base.TimeLimit {
			return base, fmt.Errorf("the module allows %s; a session may shorten the time limit but not extend it to %s", fmtDuration(base.TimeLimit), fmtDuration(timeLimit))
		}
		out.TimeLimit = timeLimit
	}
	if passMark != 0 {
		if passMark < 0 || passMark > 100 {
			return base, fmt.Errorf("pass mark %d is not a percentage from 1 to 100", passMark)
		}
		if passMark < base.PassMark {
			return base, fmt.Errorf("the module's pass mark is %d%%; a session may raise it but not lower it to %d%%", base.PassMark, passMark)
		}
		out.PassMark = passMark
	}
	return out, nil
}

// fmtDuration prints whole minutes as "20m" and other durations as Go does.
func fmtDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return d.String()
}

// rng is a splitmix64 generator. It is written out here rather than taken
// from math/rand so that a recorded seed gives the same exam in every
// version of the program.
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a uniform value in [0, n) by rejection sampling.
func (r *rng) intn(n int) int {
	un := uint64(n)
	limit := math.MaxUint64 - math.MaxUint64%un
	for {
		v := r.next()
		if v < limit {
			return int(v % un)
		}
	}
}

// shuffle permutes p in place (Fisher-Yates).
func (r *rng) shuffle(p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}

func identity(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

// Draw picks n questions from m's pool and shuffles them and their options,
// deterministically for a seed. The pool is the questions that hold in the
// exam's jurisdiction (Eligible). n <= 0 or n beyond the pool means every
// question. optionOrder[i] lists, for ids[i], the option indexes in the
// order shown; true/false options keep their module order.
func Draw(m *content.Module, n int, seed int64) (ids []string, optionOrder [][]int) {
	eligible := Eligible(m)
	pool := len(eligible)
	if n <= 0 || n > pool {
		n = pool
	}
	r := &rng{state: uint64(seed)}
	order := identity(pool)
	r.shuffle(order)
	for _, k := range order[:n] {
		q := &m.Questions[eligible[k]]
		ids = append(ids, q.ID)
		opts := identity(len(q.Options))
		if q.Kind != content.TrueFalse {
			r.shuffle(opts)
		}
		optionOrder = append(optionOrder, opts)
	}
	return ids, optionOrder
}

// Remaining is the time left of limit after elapsed, never below zero. An
// untimed exam (limit 0) returns -1.
func Remaining(limit, elapsed time.Duration) time.Duration {
	if limit <= 0 {
		return -1
	}
	if elapsed >= limit {
		return 0
	}
	return limit - elapsed
}

// Warning reports whether the exam is in its final stretch: the last 10% of
// the time limit or the last 2 minutes, whichever is shorter. Untimed exams
// never warn.
func Warning(limit, elapsed time.Duration) bool {
	if limit <= 0 {
		return false
	}
	window := min(limit/10, 2*time.Minute)
	return Remaining(limit, elapsed) <= window
}

// CategoryScore is an exam's result in one indicator category.
type CategoryScore struct {
	Category string
	Score    float64
	Total    int
}

// Percent is the category's score as a percentage.
func (c CategoryScore) Percent() float64 {
	if c.Total == 0 {
		return 0
	}
	return 100 * c.Score / float64(c.Total)
}

// ExamResult is a scored exam.
type ExamResult struct {
	Score      float64
	Total      int
	Percent    float64
	Passed     bool
	Answered   int
	Unanswered int
	// ByCategory lists the indicator categories the questions touched, in
	// catalogue order; indicators missing from the catalogue count under
	// "Other".
	ByCategory []CategoryScore
}

// OtherCategory names the group of indicators the catalogue does not know.
const OtherCategory = "Other"

// ScoreExam scores an exam. answers maps question ids to chosen option
// indexes in module order; a question with no answer scores 0. Each
// question counts once in each category of the indicators it tags. Ids not
// in the module are skipped.
func ScoreExam(m *content.Module, cat *content.Catalogue, ids []string, answers map[string][]int, passMark int) ExamResult {
	var res ExamResult
	byCat := map[string]*CategoryScore{}
	for _, id := range ids {
		q, ok := m.Question(id)
		if !ok {
			continue
		}
		res.Total++
		var score float64
		if chosen, ok := answers[id]; ok && len(chosen) > 0 {
			res.Answered++
			score = Score(q, chosen).Score
		} else {
			res.Unanswered++
		}
		res.Score += score
		seen := map[string]bool{}
		for _, ind := range q.Indicators {
			c := cat.CategoryOf(ind)
			if c == "" {
				c = OtherCategory
			}
			if seen[c] {
				continue
			}
			seen[c] = true
			cs := byCat[c]
			if cs == nil {
				cs = &CategoryScore{Category: c}
				byCat[c] = cs
			}
			cs.Score += score
			cs.Total++
		}
	}
	if res.Total > 0 {
		res.Percent = 100 * res.Score / float64(res.Total)
	}
	// A tiny tolerance so 4 of 5 is 80% and passes a mark of 80.
	res.Passed = res.Total > 0 && res.Percent+1e-9 >= float64(passMark)
	rank := map[string]int{}
	if cat != nil {
		for i, c := range cat.Categories {
			rank[c.Name] = i + 1
		}
	}
	for _, cs := range byCat {
		res.ByCategory = append(res.ByCategory, *cs)
	}
	sort.Slice(res.ByCategory, func(i, j int) bool {
		a, b := res.ByCategory[i], res.ByCategory[j]
		ra, rb := rank[a.Category], rank[b.Category]
		if ra == 0 {
			ra = math.MaxInt
		}
		if rb == 0 {
			rb = math.MaxInt
		}
		if ra != rb {
			return ra < rb
		}
		return a.Category < b.Category
	})
	return res
}

// ErrNoAttemptsLeft means the learner has used every exam attempt allowed.
var ErrNoAttemptsLeft = errors.New("no attempts left")

// CanAttempt reports whether another exam attempt is allowed after
// finishedAttempts; Attempts 0 means unlimited.
func CanAttempt(s content.ExamSettings, finishedAttempts int) error {
	if s.Attempts > 0 && finishedAttempts >= s.Attempts {
		return fmt.Errorf("you have used %d of %d attempts: %w", finishedAttempts, s.Attempts, ErrNoAttemptsLeft)
	}
	return nil
}

// Fingerprint identifies the module's content: the loader's fingerprint,
// or, when that is empty, a SHA-256 over the module's questions.
func Fingerprint(m *content.Module) string {
	if m.Fingerprint != "" {
		return m.Fingerprint
	}
	h := sha256.New()
	field := func(s string) {
		io.WriteString(h, strconv.Itoa(len(s)))
		io.WriteString(h, ":")
		io.WriteString(h, s)
	}
	field(m.ID)
	for _, q := range m.Questions {
		field(q.ID)
		field(q.Text)
		field(q.Body)
		field(q.Explanation)
		for _, ind := range q.Indicators {
			field(ind)
		}
		for _, o := range q.Options {
			field(o.Text)
			field(strconv.FormatBool(o.Correct))
			field(o.Feedback)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
