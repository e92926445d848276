package plain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// answerPrompt is the prompt for a question's answer.
const answerPrompt = "Answer (e.g. 2, or 1,3 for several; q to quit):"

// points prints a score without needless decimals: 3, 3.5, 2.75.
func points(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// percent prints a percentage rounded down to a whole number, so a
// learner never reads a pass mark they did not reach.
func percent(x float64) string {
	return strconv.Itoa(int(math.Floor(x+1e-9))) + "%"
}

// spoken prints a duration in words a screen reader reads well.
func spoken(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var parts []string
	unit := func(n int, one string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else {
			parts = append(parts, fmt.Sprintf("%d %ss", n, one))
		}
	}
	if h > 0 {
		unit(h, "hour")
	}
	if m > 0 {
		unit(m, "minute")
	}
	if sec > 0 || len(parts) == 0 {
		unit(sec, "second")
	}
	return strings.Join(parts, " ")
}

// showQuestion prints a question with numbered options. order lists the
// module option indexes in the order shown (nil: module order).
func (s *Session) showQuestion(header string, q *content.Question, order []int) {
	s.blank()
	s.say("%s (%s)", header, q.Kind)
	s.say("%s", ToText(q.Text))
	if body := ToText(q.Body); body != "" {
		s.say("%s", body)
	}
	for i, oi := range shownOrder(q, order) {
		s.say("  %d. %s", i+1, ToText(q.Options[oi].Text))
	}
}

func shownOrder(q *content.Question, order []int) []int {
	if len(order) == len(q.Options) {
		return order
	}
	out := make([]int, len(q.Options))
	for i := range out {
		out[i] = i
	}
	return out
}

// askChoice asks for an answer until it parses; it returns ErrQuit when the
// learner quits and io.EOF when input ends. The indexes returned are in
// the order shown.
func (s *Session) askChoice(prompt string, nOptions int, multi bool) ([]int, error) {
	for {
		line, err := s.ask(prompt)
		if err != nil {
			return nil, err
		}
		if isQuit(line) {
			return nil, ErrQuit
		}
		chosen, err := engine.ParseChoice(line, nOptions, multi)
		if err != nil {
			s.say("Not understood: %s.", err)
			continue
		}
		return chosen, nil
	}
}

// toModuleOrder maps shown option numbers to module option indexes.
func toModuleOrder(q *content.Question, order []int, shown []int) []int {
	o := shownOrder(q, order)
	out := make([]int, 0, len(shown))
	for _, i := range shown {
		if i >= 0 && i < len(o) {
			out = append(out, o[i])
		}
	}
	return out
}

// showFeedback explains a scored answer: right or wrong in words and
// symbols, the feedback of each option chosen, the right options missed,
// the explanation and the indicators involved.
func (s *Session) showFeedback(q *content.Question, order []int, r engine.Result) {
	s.blank()
	switch {
	case r.Correct:
		s.say("✓ Correct.")
	case q.Kind == content.MultipleChoice:
		s.say("✗ Not quite. You chose %d of %d right options and %d of %d wrong ones: %s of 1 point.", r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings, points(r.Score))
	default:
		s.say("✗ Not quite.")
	}
	shown := shownOrder(q, order)
	num := func(mi int) int {
		for i, x := range shown {
			if x == mi {
				return i + 1
			}
		}
		return mi + 1
	}
	var chosen, missed []int
	for _, mi := range shown {
		o := r.Options[mi]
		if o.Chosen {
			chosen = append(chosen, mi)
		} else if o.Correct {
			missed = append(missed, mi)
		}
	}
	if len(chosen) > 0 {
		s.say("You chose:")
		for _, mi := range chosen {
			o := q.Options[mi]
			mark := "✓ right"
			if !o.Correct {
				mark = "✗ wrong"
			}
			line := fmt.Sprintf("  %d. %s: %s.", num(mi), ToText(o.Text), mark)
			if fb := ToText(o.Feedback); fb != "" {
				line += " " + fb
			}
			s.say("%s", line)
		}
	}
	if len(missed) > 0 {
		if len(missed) == 1 {
			s.say("The right answer you did not choose:")
		} else {
			s.say("The right answers you did not choose:")
		}
		for _, mi := range missed {
			s.say("  %d. %s", num(mi), ToText(q.Options[mi].Text))
		}
	}
	if ex := ToText(q.Explanation); ex != "" {
		s.say("Explanation: %s", ex)
	}
	if names := s.indicatorNames(q.Indicators); names != "" {
		s.say("Indicators: %s.", names)
	}
}

// indicatorNames names indicators as the catalogue does, with categories.
func (s *Session) indicatorNames(ids []string) string {
	var parts []string
	for _, id := range ids {
		var cat *content.Catalogue
		if s.Lib != nil {
			cat = s.Lib.Catalogue
		}
		in, ok := cat.Lookup(id)
		switch {
		case !ok:
			parts = append(parts, id)
		case in.Category != "":
			parts = append(parts, fmt.Sprintf("%s (%s)", ToText(in.Name), in.Category))
		default:
			parts = append(parts, ToText(in.Name))
		}
	}
	return strings.Join(parts, "; ")
}

// reviewQueue is the learner's review items by kind and key.
type reviewQueue map[string]progress.ReviewItem

func reviewKey(kind progress.ReviewKind, key string) string { return string(kind) + "\x00" + key }

func (s *Session) loadReviews() reviewQueue {
	q := reviewQueue{}
	items, err := s.Store.ReviewItems(s.ctx(), s.Profile.ID)
	if err != nil {
		return q
	}
	for _, it := range items {
		q[reviewKey(it.Kind, it.Key)] = it
	}
	return q
}

// schedule returns the review item an answer changes: an item already in
// the queue moves on every answer; a new one enters only when wrong.
func (s *Session) schedule(rq reviewQueue, kind progress.ReviewKind, key string, correct bool, now time.Time) (progress.ReviewItem, bool) {
	prev, ok := rq[reviewKey(kind, key)]
	if !ok && correct {
		return progress.ReviewItem{}, false
	}
	next, _ := engine.Schedule(engine.ReviewState{Box: prev.Box, Interval: prev.Interval, Due: prev.Due, Lapses: prev.Lapses}, correct, now)
	return progress.ReviewItem{
		ProfileID: s.Profile.ID, Kind: kind, Key: key,
		Box: next.Box, Interval: next.Interval, Due: next.Due, Lapses: next.Lapses, Updated: now,
	}, true
}

// reviewsFor returns the review items a question answer changes.
func (s *Session) reviewsFor(rq reviewQueue, moduleID string, q *content.Question, r engine.Result, now time.Time) []progress.ReviewItem {
	var out []progress.ReviewItem
	if moduleID != "" {
		if it, ok := s.schedule(rq, progress.ReviewQuestion, moduleID+"/"+q.ID, r.Correct, now); ok {
			out = append(out, it)
		}
	}
	for _, in := range r.Indicators {
		if it, ok := s.schedule(rq, progress.ReviewIndicator, in.ID, in.Hit, now); ok {
			out = append(out, it)
		}
	}
	return out
}

// commit records review items in the local copy of the queue once the
// store has them.
func (rq reviewQueue) commit(items []progress.ReviewItem) {
	for _, it := range items {
		rq[reviewKey(it.Kind, it.Key)] = it
	}
}

func hits(r engine.Result) []progress.IndicatorHit {
	var out []progress.IndicatorHit
	for _, in := range r.Indicators {
		out = append(out, progress.IndicatorHit{Indicator: in.ID, Hit: in.Hit})
	}
	return out
}
