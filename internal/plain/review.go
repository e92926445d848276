package plain

import (
	"fmt"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// dueItems lists the review items due now that the loaded content can
// still show: questions still in their module and indicators still in the
// catalogue, earliest due first.
func (s *Session) dueItems() []progress.ReviewItem {
	items, err := s.Store.ReviewDue(s.ctx(), s.Profile.ID, s.now())
	if err != nil {
		return nil
	}
	var out []progress.ReviewItem
	for _, it := range items {
		switch it.Kind {
		case progress.ReviewQuestion:
			if _, _, ok := s.reviewQuestion(it.Key); ok {
				out = append(out, it)
			}
		case progress.ReviewIndicator:
			if _, ok := s.Lib.Catalogue.Lookup(it.Key); ok {
				out = append(out, it)
			}
		}
	}
	return out
}

// reviewQuestion resolves a "module/question" key.
func (s *Session) reviewQuestion(key string) (*content.Module, string, bool) {
	modID, qID, ok := strings.Cut(key, "/")
	if !ok {
		return nil, "", false
	}
	m, ok := s.Lib.Module(modID)
	if !ok {
		return nil, "", false
	}
	if _, ok := m.Question(qID); !ok {
		return nil, "", false
	}
	return m, qID, true
}

// Review runs the review items due now. Questions come first, module by
// module, as a quiz in review mode: each answer is marked with feedback,
// recorded, and moves the item on the spaced-repetition schedule
// (engine.Schedule) exactly as in a practice quiz. Indicators follow as
// glossary cards: the learner recalls what the indicator means, sees the
// explanation and says whether they remembered, which schedules the card.
// Quitting keeps everything answered; the rest stays due.
func (s *Session) Review() error {
	due := s.dueItems()
	if len(due) == 0 {
		s.say("Nothing is due for review. Wrong answers and missed indicators come back here on a schedule.")
		return nil
	}
	var modules []*content.Module
	byModule := map[string][]string{}
	var cards []progress.ReviewItem
	for _, it := range due {
		if it.Kind == progress.ReviewIndicator {
			cards = append(cards, it)
			continue
		}
		m, qID, _ := s.reviewQuestion(it.Key)
		if byModule[m.ID] == nil {
			modules = append(modules, m)
		}
		byModule[m.ID] = append(byModule[m.ID], qID)
	}
	nq := len(due) - len(cards)
	s.blank()
	s.say("Review: %d due: %s and %s.", len(due), count(nq, "question"), count(len(cards), "indicator"))
	rq := s.loadReviews()
	for _, m := range modules {
		if err := s.reviewModule(m, byModule[m.ID], rq); err != nil {
			s.say("Review stopped. What you answered is saved; the rest stays due.")
			return ignoreEOF(err)
		}
	}
	if len(cards) > 0 {
		if err := s.reviewCards(cards, rq); err != nil {
			s.say("Review stopped. What you answered is saved; the rest stays due.")
			return ignoreEOF(err)
		}
	}
	s.blank()
	s.say("Review complete.")
	return nil
}

// count is "1 question", "2 questions".
func count(n int, what string) string { return countAs(n, what, what+"s") }

// countAs is count with an irregular plural.
func countAs(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// reviewModule asks a module's due questions as a review attempt. The
// attempt is stored finished even when the learner stops, with the
// questions answered so far; the others stay due.
func (s *Session) reviewModule(m *content.Module, ids []string, rq reviewQueue) error {
	qz := engine.NewQuiz(m, ids)
	s.blank()
	s.say("From %s: %s.", ToText(m.Title), count(len(qz.Questions), "question"))
	a := s.startAttempt(m, qz.Questions, progress.ModeReview)
	err := s.askQuiz(m, qz, &a, rq)
	answered := qz.Pos
	var score float64
	right := 0
	for _, id := range qz.Questions[:answered] {
		r := qz.Results[id]
		score += r.Score
		if r.Correct {
			right++
		}
	}
	if a.ID != 0 {
		a.Questions = qz.Questions[:answered]
		a.Current = answered
		a.Finished = s.now()
		a.Score, a.Total = score, answered
		if err := s.Store.SaveAttempt(s.ctx(), a); err != nil {
			s.notSaved(err)
		}
	}
	if answered > 0 {
		s.blank()
		s.say("Reviewed %s from %s: %d fully right.", count(answered, "question"), ToText(m.Title), right)
	}
	return err
}

// reviewCards shows due indicators as glossary cards with a self-rating.
// A card whose item an earlier answer in this review already moved on is
// skipped.
func (s *Session) reviewCards(cards []progress.ReviewItem, rq reviewQueue) error {
	start := s.now()
	var todo []progress.ReviewItem
	for _, it := range cards {
		if cur, ok := rq[reviewKey(it.Kind, it.Key)]; ok && cur.Due.After(start) {
			continue
		}
		todo = append(todo, it)
	}
	if len(todo) == 0 {
		return nil
	}
	s.blank()
	s.say("Indicators to recall: %d. For each, think of what it means and why it matters, then check.", len(todo))
	for i, it := range todo {
		in, _ := s.Lib.Catalogue.Lookup(it.Key)
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
			line, err := s.ask("Did you remember what this means? y/n:")
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
		s.rateCard(it, rq, remembered)
	}
	return nil
}

// rateCard stores a self-rating as the card's new schedule. It records no
// answer: there was no question, only the learner's word.
func (s *Session) rateCard(it progress.ReviewItem, rq reviewQueue, remembered bool) {
	now := s.now()
	prev := rq[reviewKey(it.Kind, it.Key)]
	next, retired := engine.Schedule(engine.ReviewState{Box: prev.Box, Interval: prev.Interval, Due: prev.Due, Lapses: prev.Lapses}, remembered, now)
	item := progress.ReviewItem{
		ProfileID: s.Profile.ID, Kind: progress.ReviewIndicator, Key: it.Key,
		Box: next.Box, Interval: next.Interval, Due: next.Due, Lapses: next.Lapses, Updated: now,
	}
	if err := s.Store.SaveReviews(s.ctx(), s.Profile.ID, item); err != nil {
		s.notSaved(err)
		return
	}
	rq.commit([]progress.ReviewItem{item})
	switch {
	case retired:
		s.say("Saved. You know this one well: it leaves the review queue.")
	default:
		s.say("Saved. It comes back in %s.", days(next.Interval))
	}
}

// days prints an interval in whole days.
func days(d time.Duration) string {
	return count(int((d+engine.Day/2)/engine.Day), "day")
}
