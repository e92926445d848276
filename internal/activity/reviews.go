package activity

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// Reviews is a learner's spaced-repetition queue held in memory during a
// session, by kind and key. It is safe for concurrent use: a session
// schedules from the interface's goroutine and commits what the store
// confirmed from a command.
type Reviews struct {
	mu    sync.Mutex
	items map[string]progress.ReviewItem
}

func reviewKey(kind progress.ReviewKind, key string) string { return string(kind) + "\x00" + key }

// LoadReviews reads the learner's review queue. Without a store or a
// learner it is empty.
func (l *Learner) LoadReviews(ctx context.Context) (*Reviews, error) {
	r := &Reviews{items: map[string]progress.ReviewItem{}}
	if !l.records() {
		return r, nil
	}
	items, err := l.Store.ReviewItems(ctx, l.Profile.ID)
	if err != nil {
		return r, fmt.Errorf("read review queue: %w", err)
	}
	r.Commit(items...)
	return r, nil
}

// Commit records items the store has confirmed.
func (r *Reviews) Commit(items ...progress.ReviewItem) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.items == nil {
		r.items = map[string]progress.ReviewItem{}
	}
	for _, it := range items {
		r.items[reviewKey(it.Kind, it.Key)] = it
	}
}

// Get returns the queued item of a kind and key.
func (r *Reviews) Get(kind progress.ReviewKind, key string) (progress.ReviewItem, bool) {
	if r == nil {
		return progress.ReviewItem{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	it, ok := r.items[reviewKey(kind, key)]
	return it, ok
}

// next schedules one item after an answer, by the one rule: a miss puts
// the item in the queue (box 1); an answer about an item already queued
// moves it on the Leitner schedule (engine.Schedule); a right answer to an
// item not queued leaves it out. ok is false when nothing changes.
func (r *Reviews) next(pid int64, kind progress.ReviewKind, key string, right bool, now time.Time) (progress.ReviewItem, bool) {
	prev, queued := r.Get(kind, key)
	if !queued && right {
		return progress.ReviewItem{}, false
	}
	n, _ := engine.Schedule(engine.ReviewState{Box: prev.Box, Interval: prev.Interval, Due: prev.Due, Lapses: prev.Lapses}, right, now)
	return progress.ReviewItem{ProfileID: pid, Kind: kind, Key: key,
		Box: n.Box, Interval: n.Interval, Due: n.Due, Lapses: n.Lapses, Updated: now}, true
}

// forAnswer returns the review items one scored answer changes: the
// question (key "module/question"; none for a scenario checkpoint, whose
// moduleID is empty), and each indicator it tags, by whether the learner
// recognised it.
func (r *Reviews) forAnswer(pid int64, moduleID string, q *content.Question, res engine.Result, now time.Time) []progress.ReviewItem {
	var out []progress.ReviewItem
	if moduleID != "" {
		if it, ok := r.next(pid, progress.ReviewQuestion, moduleID+"/"+q.ID, res.Correct, now); ok {
			out = append(out, it)
		}
	}
	for _, in := range res.Indicators {
		if it, ok := r.next(pid, progress.ReviewIndicator, in.ID, in.Hit, now); ok {
			out = append(out, it)
		}
	}
	return out
}

// hits converts a scored answer's indicators to the store's records.
func hits(res engine.Result) []progress.IndicatorHit {
	var out []progress.IndicatorHit
	for _, in := range res.Indicators {
		out = append(out, progress.IndicatorHit{Indicator: in.ID, Hit: in.Hit})
	}
	return out
}

// MaxReview is the most questions one review session asks; what is left
// stays due for the next session.
const MaxReview = 20

// ReviewPlan is what one review session asks, built from the due items by
// PlanReview: quiz parts of due questions, then cards for due indicators
// that no question in the session covers.
type ReviewPlan struct {
	Parts []Part
	// Cards are due indicators no question tags: the learner recalls each
	// and rates whether they remembered it.
	Cards []string
	// Dropped counts due items whose question, module or indicator is no
	// longer in the content; they stay in the store untouched.
	Dropped int
}

// Empty reports whether the plan asks nothing.
func (p ReviewPlan) Empty() bool { return len(p.Parts) == 0 && len(p.Cards) == 0 }

// Size is how many things the session asks: its questions and its cards.
// It is the "due" count both interfaces show.
func (p ReviewPlan) Size() int { return p.Questions() + len(p.Cards) }

// Questions is the number of questions the plan asks.
func (p ReviewPlan) Questions() int {
	n := 0
	for _, pt := range p.Parts {
		n += len(pt.Questions)
	}
	return n
}

// PlanReview is the one way a review session is built from the due items
// (earliest due first). Due questions come first, grouped by module in the
// order they fell due, at most MaxReview. A due indicator is folded into a
// question that tags it (one already in the session, else the first such
// question in the library), so answering moves the indicator on too.
// Indicators that no question tags become cards.
func PlanReview(lib *content.Library, due []progress.ReviewItem) ReviewPlan {
	var plan ReviewPlan
	idx := map[string]int{} // module id -> index into plan.Parts
	have := map[string]bool{}
	count := 0
	add := func(mod *content.Module, qid string) bool {
		k := mod.ID + "/" + qid
		if have[k] {
			return true
		}
		if count >= MaxReview {
			return false
		}
		have[k] = true
		count++
		i, ok := idx[mod.ID]
		if !ok {
			i = len(plan.Parts)
			idx[mod.ID] = i
			plan.Parts = append(plan.Parts, Part{Module: mod, Questions: []string{}})
		}
		plan.Parts[i].Questions = append(plan.Parts[i].Questions, qid)
		return true
	}
	covered := map[string]bool{}
	for _, it := range due {
		if it.Kind != progress.ReviewQuestion {
			continue
		}
		mod, q := reviewQuestion(lib, it.Key)
		if q == nil {
			plan.Dropped++
			continue
		}
		if add(mod, q.ID) {
			for _, in := range q.Indicators {
				covered[in] = true
			}
		}
	}
	for _, it := range due {
		if it.Kind != progress.ReviewIndicator || covered[it.Key] {
			continue
		}
		if _, ok := lib.Catalogue.Lookup(it.Key); !ok {
			plan.Dropped++
			continue
		}
		covered[it.Key] = true
		if mod, qid := questionFor(lib, it.Key); mod != nil && add(mod, qid) {
			continue
		}
		plan.Cards = append(plan.Cards, it.Key)
	}
	return plan
}

// reviewQuestion resolves a "module/question" key.
func reviewQuestion(lib *content.Library, key string) (*content.Module, *content.Question) {
	modID, qid, ok := strings.Cut(key, "/")
	if !ok {
		return nil, nil
	}
	mod, ok := lib.Module(modID)
	if !ok {
		return nil, nil
	}
	q, ok := mod.Question(qid)
	if !ok {
		return nil, nil
	}
	return mod, q
}

// questionFor finds the first question in the library that tags indicator.
func questionFor(lib *content.Library, indicator string) (*content.Module, string) {
	for _, mod := range lib.Modules {
		for _, q := range mod.Questions {
			for _, in := range q.Indicators {
				if in == indicator {
					return mod, q.ID
				}
			}
		}
	}
	return nil, ""
}

// RateCard records the learner's own rating of a review card (an
// indicator they recalled, or did not): it moves the card on the schedule
// like an answer. It records no answer: there was no question, only the
// learner's word. retired reports an item that leaves the queue; next is
// when it comes back otherwise.
func (l *Learner) RateCard(ctx context.Context, r *Reviews, indicator string, remembered bool) (next time.Duration, retired bool, err error) {
	now := l.now()
	prev, _ := r.Get(progress.ReviewIndicator, indicator)
	n, retired := engine.Schedule(engine.ReviewState{Box: prev.Box, Interval: prev.Interval, Due: prev.Due, Lapses: prev.Lapses}, remembered, now)
	if !l.records() {
		return n.Interval, retired, nil
	}
	item := progress.ReviewItem{ProfileID: l.Profile.ID, Kind: progress.ReviewIndicator, Key: indicator,
		Box: n.Box, Interval: n.Interval, Due: n.Due, Lapses: n.Lapses, Updated: now}
	if err := l.Store.SaveReviews(ctx, l.Profile.ID, item); err != nil {
		return 0, false, fmt.Errorf("save review of %s: %w", indicator, err)
	}
	r.Commit(item)
	return n.Interval, retired, nil
}
