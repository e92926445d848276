package engine

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"frontline/internal/content"
)

// OptionOutcome is what happened to one option of a question.
type OptionOutcome struct{ Chosen, Correct bool }

// IndicatorOutcome records whether the learner recognised one indicator
// tagged on a question. Hit equals the question's Result.Correct.
type IndicatorOutcome struct {
	ID  string
	Hit bool
}

// Result is the scored outcome of one answer.
type Result struct {
	// Correct is true when every right option was chosen and no wrong one.
	Correct bool
	// Score is 0..1. Single choice and true/false score 0 or 1;
	// select-all-that-apply scores right ticks minus wrong ticks, over the
	// number of right options, never below 0: ticking every option earns
	// nothing once as many options are wrong as right, and ticking none
	// earns nothing.
	Score float64
	// Spotted is the number of right options chosen, Present the number of
	// right options, FalseAlarms the number of wrong options chosen and
	// RedHerrings the number of wrong options.
	Spotted, Present, FalseAlarms, RedHerrings int
	// Options holds one outcome per option, in module order.
	Options []OptionOutcome
	// Indicators holds one outcome per indicator tagged on the question.
	Indicators []IndicatorOutcome
	// Missed are the indexes of right options not chosen.
	Missed []int
	// Wrong are the indexes of wrong options chosen.
	Wrong []int
	// Placed is, for an ordering question, the position (0-based) where
	// the learner put each option, in module order; -1 when the answer was
	// not a full order. Nil for other kinds.
	Placed []int
}

// Score scores an answer to q. For choice questions chosen holds the
// indexes of the options chosen, in module order; duplicates and
// out-of-range indexes are ignored. For an ordering question chosen is the
// learner's order of the options (see scoreOrder).
func Score(q *content.Question, chosen []int) Result {
	if q.Kind == content.Ordering {
		return scoreOrder(q, chosen)
	}
	n := len(q.Options)
	picked := make([]bool, n)
	for _, c := range chosen {
		if c >= 0 && c < n {
			picked[c] = true
		}
	}
	r := Result{Options: make([]OptionOutcome, n)}
	for i, o := range q.Options {
		r.Options[i] = OptionOutcome{Chosen: picked[i], Correct: o.Correct}
		switch {
		case o.Correct && picked[i]:
			r.Spotted++
			r.Present++
		case o.Correct:
			r.Present++
			r.Missed = append(r.Missed, i)
		case picked[i]:
			r.FalseAlarms++
			r.RedHerrings++
			r.Wrong = append(r.Wrong, i)
		default:
			r.RedHerrings++
		}
	}
	r.Correct = n > 0 && len(r.Missed) == 0 && len(r.Wrong) == 0
	switch {
	case q.Kind == content.MultipleChoice && r.Present > 0:
		r.Score = float64(max(0, r.Spotted-r.FalseAlarms)) / float64(r.Present)
	case r.Correct:
		r.Score = 1
	}
	for _, id := range q.Indicators {
		r.Indicators = append(r.Indicators, IndicatorOutcome{ID: id, Hit: r.Correct})
	}
	return r
}

// ErrEmptyChoice is returned by ParseChoice when nothing was typed.
var ErrEmptyChoice = errors.New("no option chosen")

// ParseChoice reads a typed answer: "2", "1,3" or "1 3" (1-based option
// numbers) and returns sorted, de-duplicated 0-based indexes. When multi is
// false exactly one number is accepted. Errors are worded for the learner.
func ParseChoice(input string, nOptions int, multi bool) ([]int, error) {
	fields := strings.FieldsFunc(input, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == ';'
	})
	if len(fields) == 0 {
		return nil, fmt.Errorf("%w: type an option number from 1 to %d", ErrEmptyChoice, nOptions)
	}
	seen := map[int]bool{}
	var out []int
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not an option number; type a number from 1 to %d", f, nOptions)
		}
		if v < 1 || v > nOptions {
			return nil, fmt.Errorf("there is no option %d; type a number from 1 to %d", v, nOptions)
		}
		if !seen[v-1] {
			seen[v-1] = true
			out = append(out, v-1)
		}
	}
	if !multi && len(out) > 1 {
		return nil, errors.New("this question has one answer; type a single option number")
	}
	sort.Ints(out)
	return out, nil
}
