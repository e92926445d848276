package engine

import (
	"testing"
	"time"
)

func TestSchedule(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		prev    ReviewState
		correct bool
		box     int
		due     time.Duration
		lapses  int
		retired bool
	}{
		{"new item wrong", ReviewState{}, false, 1, Day, 1, false},
		{"new item right", ReviewState{}, true, 1, Day, 0, false},
		{"box 1 right", ReviewState{Box: 1, Lapses: 1}, true, 2, 3 * Day, 1, false},
		{"box 2 right", ReviewState{Box: 2}, true, 3, 7 * Day, 0, false},
		{"box 3 right", ReviewState{Box: 3}, true, 4, 16 * Day, 0, false},
		{"box 4 right", ReviewState{Box: 4}, true, 5, 35 * Day, 0, false},
		{"box 5 right retires", ReviewState{Box: 5, Lapses: 2}, true, 5, RetiredFor, 2, true},
		{"box 4 wrong drops to 1", ReviewState{Box: 4, Lapses: 2}, false, 1, Day, 3, false},
		{"box 5 wrong drops to 1", ReviewState{Box: 5}, false, 1, Day, 1, false},
	}
	for _, tt := range tests {
		next, retired := Schedule(tt.prev, tt.correct, now)
		if next.Box != tt.box || !next.Due.Equal(now.Add(tt.due)) || next.Lapses != tt.lapses || retired != tt.retired {
			t.Errorf("%s: %+v retired=%v", tt.name, next, retired)
		}
		if !retired && next.Interval != tt.due {
			t.Errorf("%s: Interval %s, want %s", tt.name, next.Interval, tt.due)
		}
	}
	// Five right answers in a row from a wrong one retire an item.
	st, _ := Schedule(ReviewState{}, false, now)
	for i := range 5 {
		var retired bool
		st, retired = Schedule(st, true, now)
		if retired != (i == 4) {
			t.Fatalf("right answer %d: retired=%v box=%d", i+1, retired, st.Box)
		}
	}
}
