package plain

import (
	"context"
	"fmt"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
)

// answerPrompt is the prompt for a choice question's answer.
const answerPrompt = "Answer with option numbers (e.g. 2, or 1,3 for several), r to repeat the question, or q to quit:"

// orderPrompt is the prompt for an ordering question's answer.
const orderPrompt = "Order the step numbers, first step first (e.g. 3,1,2), r to repeat the question, or q to quit:"

// learner is who is learning, with the store their sessions record
// through.
func (s *Session) learner() *activity.Learner {
	return &activity.Learner{Store: s.Store, Profile: s.Profile, Now: s.Now, Seal: s.Seal, Signed: s.Signed, Flags: s.Flags}
}

// call returns a context for one store call (activity.Call).
func (s *Session) call() (context.Context, context.CancelFunc) {
	return activity.Call(s.ctx())
}

// save makes a pending write.
func (s *Session) save(p activity.Pending) error {
	ctx, cancel := s.call()
	defer cancel()
	return p.Save(ctx)
}

// saved makes a pending write and says whether it was saved.
func (s *Session) saved(p activity.Pending) bool {
	if p.Empty() {
		return false
	}
	if err := s.save(p); err != nil {
		s.notSaved(err)
		return false
	}
	s.say("Saved.")
	return true
}

// kindWords says how a question of kind k is answered, for the line mode.
func kindWords(k content.QuestionKind) string {
	if k == content.Ordering {
		return "put the steps in order"
	}
	return k.String()
}

// showQuestion prints a question with numbered options. order lists the
// module option indexes in the order shown (nil: module order).
func (s *Session) showQuestion(header string, q *content.Question, order []int) {
	s.blank()
	s.say("%s (%s)", header, kindWords(q.Kind))
	if !s.noted[q.Kind] {
		// How this kind is scored, the first time it comes up.
		if s.noted == nil {
			s.noted = map[content.QuestionKind]bool{}
		}
		s.noted[q.Kind] = true
		s.say("%s", engine.ScoringNote(q.Kind))
	}
	s.say("%s", ToText(q.Text))
	if body := ToText(q.Body); body != "" {
		s.say("%s", body)
	}
	s.sayOptions(q, order)
}

// sayOptions lists a question's options, numbered, after saying how many
// there are.
func (s *Session) sayOptions(q *content.Question, order []int) {
	what := "option"
	if q.Kind == content.Ordering {
		what = "step"
	}
	s.say("%s:", activity.Count(len(q.Options), what))
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

// askAnswer asks for an answer to q until it parses (engine.ParseAnswer);
// it returns ErrQuit when the learner quits and io.EOF when input ends.
// The positions returned are in the order shown. r calls repeat, which
// says the question again.
func (s *Session) askAnswer(q *content.Question, n int, repeat func()) ([]int, error) {
	prompt := answerPrompt
	if q.Kind == content.Ordering {
		prompt = orderPrompt
	}
	return s.askUntilParsed(prompt, func(line string) ([]int, error) { return engine.ParseAnswer(q, line, n) }, repeat)
}

// askChoice asks for option numbers until they parse; it returns ErrQuit
// when the learner quits and io.EOF when input ends. The indexes returned
// are in the order shown. r calls repeat, which says the question again.
func (s *Session) askChoice(prompt string, nOptions int, multi bool, repeat func()) ([]int, error) {
	return s.askUntilParsed(prompt, func(line string) ([]int, error) { return engine.ParseChoice(line, nOptions, multi) }, repeat)
}

// askUntilParsed asks prompt until parse takes the line, saying in one
// line what was not understood; q quits (ErrQuit) and r calls repeat.
func (s *Session) askUntilParsed(prompt string, parse func(string) ([]int, error), repeat func()) ([]int, error) {
	for {
		line, err := s.ask(prompt)
		if err != nil {
			return nil, err
		}
		if isQuit(line) {
			return nil, ErrQuit
		}
		if isRepeat(line) {
			repeat()
			continue
		}
		chosen, err := parse(line)
		if err != nil {
			s.say("Not understood: %s.", err)
			continue
		}
		return chosen, nil
	}
}

// showFeedback explains a scored answer: right or wrong in words and
// symbols, the feedback of each option chosen, the right options missed
// (or, for an ordering question, the learner's order beside the right
// one), the explanation and the indicators involved.
func (s *Session) showFeedback(q *content.Question, order []int, r engine.Result) {
	s.blank()
	switch {
	case r.Correct:
		s.say("Correct.")
	case q.Kind == content.MultipleChoice:
		s.say("Not quite. You chose %d of %d right options and %d of %d wrong ones: %s of 1 point.", r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings, activity.Points(r.Score))
	case q.Kind == content.Ordering:
		s.say("Not quite. %d of %d steps in their place: %s of 1 point.", r.Spotted, r.Present, activity.Points(r.Score))
	default:
		s.say("Not quite.")
	}
	if q.Kind == content.Ordering {
		s.orderFeedback(q, r)
	} else {
		s.choiceFeedback(q, order, r)
	}
	if ex := ToText(q.Explanation); ex != "" {
		s.say("Explanation: %s", ex)
	}
	if names := s.indicatorNames(q.Indicators); names != "" {
		s.say("Indicators: %s.", names)
	}
}

// choiceFeedback lists the options chosen, each marked right or wrong with
// its feedback, then the right options missed.
func (s *Session) choiceFeedback(q *content.Question, order []int, r engine.Result) {
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
		s.say("You chose %s:", activity.Count(len(chosen), "option"))
		for _, mi := range chosen {
			o := q.Options[mi]
			mark := "right"
			if !o.Correct {
				mark = "wrong"
			}
			line := fmt.Sprintf("  %d. %s: %s.", num(mi), ToText(o.Text), mark)
			if fb := ToText(o.Feedback); fb != "" {
				line += " " + fb
			}
			s.say("%s", line)
		}
	}
	if len(missed) > 0 {
		s.say("%s:", activity.Plural(len(missed), "The right answer you did not choose", "The right answers you did not choose"))
		for _, mi := range missed {
			s.say("  %d. %s", num(mi), ToText(q.Options[mi].Text))
		}
	}
}

// orderFeedback gives the right order, step by step, saying where the
// learner put each step, with its feedback.
func (s *Session) orderFeedback(q *content.Question, r engine.Result) {
	s.say("The right order:")
	for i, o := range q.Options {
		where := "you put it elsewhere"
		switch {
		case len(r.Placed) > i && r.Placed[i] == i:
			where = "right, you put it here"
		case len(r.Placed) > i && r.Placed[i] >= 0:
			where = fmt.Sprintf("wrong, you put it at %d", r.Placed[i]+1)
		}
		line := fmt.Sprintf("  %d. %s: %s.", i+1, ToText(o.Text), where)
		if fb := ToText(o.Feedback); fb != "" {
			line += " " + fb
		}
		s.say("%s", line)
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
