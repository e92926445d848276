package common

import (
	"time"

	"frontline/internal/engine"
	"frontline/internal/progress"
)

// Reviews is the learner's review queue, by kind and key.
type Reviews map[string]progress.ReviewItem

func reviewKey(kind progress.ReviewKind, key string) string { return string(kind) + ":" + key }

// NewReviews indexes review items.
func NewReviews(items []progress.ReviewItem) Reviews {
	r := Reviews{}
	r.Put(items...)
	return r
}

// Put adds or replaces items; it does nothing on a nil queue (not loaded).
func (r Reviews) Put(items ...progress.ReviewItem) {
	if r == nil {
		return
	}
	for _, it := range items {
		r[reviewKey(it.Kind, it.Key)] = it
	}
}

// Next schedules one item after an answer: a miss adds it to the queue; an
// answer about an item already queued moves it. It reports false when the
// item stays out of the queue (answered right and not queued).
func (r Reviews) Next(pid int64, kind progress.ReviewKind, key string, correct bool, now time.Time) (progress.ReviewItem, bool) {
	prev, ok := r[reviewKey(kind, key)]
	if !ok && correct {
		return progress.ReviewItem{}, false
	}
	next, _ := engine.Schedule(engine.ReviewState{Box: prev.Box, Interval: prev.Interval, Due: prev.Due, Lapses: prev.Lapses}, correct, now)
	return progress.ReviewItem{ProfileID: pid, Kind: kind, Key: key,
		Box: next.Box, Interval: next.Interval, Due: next.Due, Lapses: next.Lapses, Updated: now}, true
}

// IndicatorHits converts a scored answer's indicators to the store's
// records.
func IndicatorHits(res engine.Result) []progress.IndicatorHit {
	var out []progress.IndicatorHit
	for _, in := range res.Indicators {
		out = append(out, progress.IndicatorHit{Indicator: in.ID, Hit: in.Hit})
	}
	return out
}
