package engine

import "time"

// ReviewState is one item's place in the review queue.
type ReviewState struct {
	// Box is the Leitner box, 1..5; 0 means the item is not in the queue.
	Box      int
	Interval time.Duration
	Due      time.Time
	Lapses   int
}

// Day is the unit of review intervals.
const Day = 24 * time.Hour

// MaxBox is the last Leitner box; a right answer there retires the item.
const MaxBox = 5

// BoxIntervals are the review intervals of boxes 1 to 5.
var boxIntervals = [MaxBox]time.Duration{1 * Day, 3 * Day, 7 * Day, 16 * Day, 35 * Day}

// BoxInterval returns the review interval of box b (1..5), or 0.
func BoxInterval(b int) time.Duration {
	if b < 1 || b > MaxBox {
		return 0
	}
	return boxIntervals[b-1]
}

// RetiredFor is how far ahead a retired item's Due date is set, so a store
// that keeps it never lists it as due again.
const RetiredFor = 100 * 365 * Day

// Schedule moves an item through the Leitner boxes after an answer.
//
// The review queue has five boxes with intervals of 1, 3, 7, 16 and 35
// days. A wrong answer puts the item in box 1, due one day later, and counts
// a lapse, wherever it was. A right answer moves it up one box and makes it
// due after that box's interval; an item not yet in the queue (Box 0) moves
// to box 1. A right answer in box 5 retires the item: retired is true and
// next keeps Box 5 with no interval and Due RetiredFor after now, so it is
// never due again unless a later wrong answer brings it back to box 1.
//
// Intervals count from now, not from the old due date, so reviewing late
// never schedules an item in the past.
func Schedule(prev ReviewState, correct bool, now time.Time) (next ReviewState, retired bool) {
	next = ReviewState{Lapses: prev.Lapses}
	if !correct {
		next.Box = 1
		next.Lapses++
		next.Interval = BoxInterval(1)
		next.Due = now.Add(next.Interval)
		return next, false
	}
	if prev.Box >= MaxBox {
		next.Box = MaxBox
		next.Due = now.Add(RetiredFor)
		return next, true
	}
	next.Box = max(prev.Box, 0) + 1
	next.Interval = BoxInterval(next.Box)
	next.Due = now.Add(next.Interval)
	return next, false
}
