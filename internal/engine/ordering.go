package engine

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"frontline/internal/content"
)

// scoreOrder scores an ordering question. chosen is the learner's order:
// chosen[k] is the option (in module order, which is the right order)
// placed at position k. Credit is the share of pairs of items that stand
// in the right relative order, so one item out of place costs little and a
// reversed list scores 0. An answer that is not an order of every item
// scores 0.
func scoreOrder(q *content.Question, chosen []int) Result {
	n := len(q.Options)
	r := Result{Options: make([]OptionOutcome, n), Placed: make([]int, n), Present: n}
	for i := range r.Placed {
		r.Placed[i] = -1
	}
	valid := len(chosen) == n
	for pos, c := range chosen {
		if c < 0 || c >= n || r.Placed[c] >= 0 {
			valid = false
			break
		}
		r.Placed[c] = pos
	}
	if !valid {
		for i := range r.Placed {
			r.Placed[i] = -1
			r.Options[i] = OptionOutcome{Correct: true}
		}
		r.Missed = q.Correct()
		r.Present, r.Spotted = n, 0
	} else {
		for i := range q.Options {
			right := r.Placed[i] == i
			r.Options[i] = OptionOutcome{Chosen: right, Correct: true}
			if right {
				r.Spotted++
			} else {
				r.Missed = append(r.Missed, i)
			}
		}
		pairs, good := 0, 0
		for a := 0; a < n; a++ {
			for b := a + 1; b < n; b++ {
				pairs++
				if chosen[a] < chosen[b] {
					good++
				}
			}
		}
		if pairs > 0 {
			r.Score = float64(good) / float64(pairs)
		}
		r.Correct = n > 0 && good == pairs
		if r.Correct {
			r.Score = 1
		}
	}
	for _, id := range q.Indicators {
		r.Indicators = append(r.Indicators, IndicatorOutcome{ID: id, Hit: r.Correct})
	}
	return r
}

// ParseOrder reads a typed order: "3,1,2,4" or "3 1 2 4" (1-based item
// numbers as shown), and returns the 0-based order. Every item must appear
// exactly once. Errors are worded for the learner.
func ParseOrder(input string, nItems int) ([]int, error) {
	fields := strings.FieldsFunc(input, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == ';'
	})
	if len(fields) == 0 {
		return nil, fmt.Errorf("%w: type the %d item numbers in the order you choose, for example %s", ErrEmptyChoice, nItems, exampleOrder(nItems))
	}
	seen := make([]bool, nItems)
	out := make([]int, 0, nItems)
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not an item number; type numbers from 1 to %d", f, nItems)
		}
		if v < 1 || v > nItems {
			return nil, fmt.Errorf("there is no item %d; type numbers from 1 to %d", v, nItems)
		}
		if seen[v-1] {
			return nil, fmt.Errorf("item %d appears twice; use each number once", v)
		}
		seen[v-1] = true
		out = append(out, v-1)
	}
	if len(out) != nItems {
		return nil, errors.New("put every item in order: type all " + strconv.Itoa(nItems) + " numbers, for example " + exampleOrder(nItems))
	}
	return out, nil
}

func exampleOrder(n int) string {
	ex := []string{}
	for i := n; i >= 1 && len(ex) < 4; i-- {
		ex = append(ex, strconv.Itoa(i))
	}
	return strings.Join(ex, ",")
}

// ParseAnswer reads a typed answer to q in the line mode: option numbers
// for choice questions (see ParseChoice), an order for ordering questions
// (see ParseOrder). n is the number of options shown. The indexes returned
// are in the order shown.
func ParseAnswer(q *content.Question, input string, n int) ([]int, error) {
	if q.Kind == content.Ordering {
		return ParseOrder(input, n)
	}
	return ParseChoice(input, n, q.Kind == content.MultipleChoice)
}
