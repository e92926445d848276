package plain

import (
	"strings"

	"frontline/internal/activity"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// Review runs the review items due now, planned as in the full-screen app
// (activity.PlanReview): due questions first, module by module, as a quiz
// in review mode, each answer marked with feedback, recorded, and moving
// the item on the spaced-repetition schedule; then cards for due
// indicators that no question asks about: the learner recalls what the
// indicator means, sees the explanation and says whether they remembered.
// Quitting keeps everything answered; the rest stays due.
func (s *Session) Review() error {
	ctx, cancel := s.call()
	due, err := s.learner().ReviewDue(ctx)
	cancel()
	if err != nil {
		return err
	}
	plan := activity.PlanReview(s.Lib, due)
	if plan.Empty() {
		s.say("Nothing is due for review. Wrong answers and missed indicators come back here on a schedule.")
		return nil
	}
	s.blank()
	var parts []string
	if n := plan.Questions(); n > 0 {
		parts = append(parts, activity.Count(n, "question"))
	}
	if n := len(plan.Cards); n > 0 {
		parts = append(parts, activity.Count(n, "indicator card"))
	}
	s.say("Review: %s.", strings.Join(parts, " and "))
	qz := s.learner().QuizSession(plan.Parts, progress.ModeReview)
	ctx, cancel = s.call()
	_, err = qz.Prepare(ctx)
	cancel()
	if err != nil {
		return err
	}
	for _, c := range qz.Closed() {
		s.say("Left out: %s.", strings.TrimPrefix(c, activity.ErrExamOpen.Error()+": "))
	}
	if err := s.reviewQuestions(qz); err != nil {
		if err := s.save(qz.Stop()); err != nil {
			s.notSaved(err)
		}
		s.say("Review stopped. What you answered is saved; the rest stays due.")
		return ignoreEOF(err)
	}
	if err := s.reviewCards(plan.Cards, qz.Reviews()); err != nil {
		s.say("Review stopped. What you answered is saved; the rest stays due.")
		return ignoreEOF(err)
	}
	s.blank()
	s.say("Review complete.")
	return nil
}

// reviewQuestions asks the session's questions, naming each module as its
// questions begin, and records each module's share as a review attempt.
func (s *Session) reviewQuestions(qz *activity.Quiz) error {
	var last string
	for {
		m, q := qz.Current()
		if q == nil {
			break
		}
		if m.ID != last {
			last = m.ID
			s.blank()
			s.say("From %s.", ToText(m.Title))
		}
		if err := s.askQuestion(qz); err != nil {
			return err
		}
	}
	if sum := qz.Summary(); sum.Total > 0 {
		s.blank()
		s.say("Reviewed %s: %d fully right.", activity.Count(sum.Total, "question"), sum.Correct)
	}
	return nil
}

// reviewCards shows due indicators as cards with a self-rating. A card
// whose item an answer in this review already moved on is skipped.
func (s *Session) reviewCards(cards []string, rv *activity.Reviews) error {
	start := s.now()
	var todo []string
	for _, id := range cards {
		if cur, ok := rv.Get(progress.ReviewIndicator, id); ok && cur.Due.After(start) {
			continue
		}
		todo = append(todo, id)
	}
	if len(todo) == 0 {
		return nil
	}
	s.blank()
	s.say("Indicators to recall: %d. For each, think of what it means and why it matters, then check.", len(todo))
	for i, id := range todo {
		in, _ := s.Lib.Catalogue.Lookup(id)
		s.blank()
		s.say("Indicator %d of %d: %s", i+1, len(todo), ToText(in.Name))
		if in.Category != "" {
			s.say("Category: %s.", in.Category)
		}
		line, err := s.ask("Enter to show what it means, q to stop:")
		if err != nil {
			return err
		}
		if isQuit(line) {
			return ErrQuit
		}
		s.indicatorCard(in)
		var remembered bool
		for {
			line, err := s.ask("Did you remember what this means? Type y or n:")
			if err != nil {
				return err
			}
			l := strings.ToLower(line)
			if isQuit(l) {
				return ErrQuit
			}
			if l == "y" || l == "yes" || l == "n" || l == "no" {
				remembered = l[0] == 'y'
				break
			}
			s.say("Type y if you remembered it, n if you did not.")
		}
		ctx, cancel := s.call()
		next, retired, err := s.learner().RateCard(ctx, rv, id, remembered)
		cancel()
		switch {
		case err != nil:
			s.notSaved(err)
		case retired:
			s.say("Saved. You know this one well: it leaves the review queue.")
		default:
			s.say("Saved. It comes back in %s.", activity.Count(int((next+engine.Day/2)/engine.Day), "day"))
		}
	}
	return nil
}
