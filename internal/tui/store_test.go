package tui

import (
	"errors"
	"slices"
	"testing"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/progress/sqlite"
)

// newStore opens an empty real progress store in a temporary folder; records
// given no time are stamped with testNow.
func newStore(t testing.TB) *sqlite.Store {
	return progresstest.Open(t, progresstest.FixedClock(testNow))
}

// storeWithLearner returns a real store with one learner, Sam (labour
// inspection), who is profile 1.
func storeWithLearner(t testing.TB) *sqlite.Store {
	st := newStore(t)
	if p := progresstest.Learner(t, st, "Sam", content.RoleLabourInspection); p.ID != 1 {
		t.Fatalf("learner Sam is profile %d, want 1", p.ID)
	}
	return st
}

// attemptsOf lists every attempt in st, oldest first.
func attemptsOf(t testing.TB, st progress.Store) []progress.Attempt {
	t.Helper()
	var out []progress.Attempt
	for id := int64(1); ; id++ {
		a, _, err := st.Attempt(t.Context(), id)
		if errors.Is(err, progress.ErrNotFound) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
}

// runsOf lists profile 1's scenario runs, oldest first.
func runsOf(t testing.TB, st progress.Store) []progress.Run {
	t.Helper()
	runs, err := st.Runs(t.Context(), 1, "")
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(runs)
	return runs
}

// reviewsOf is profile 1's review queue by "kind:key".
func reviewsOf(t testing.TB, st progress.Store) map[string]progress.ReviewItem {
	t.Helper()
	items, err := st.ReviewItems(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]progress.ReviewItem{}
	for _, it := range items {
		out[string(it.Kind)+":"+it.Key] = it
	}
	return out
}

// setBookmark stores a bookmark as the most recent one.
func setBookmark(t testing.TB, st progress.Store, b progress.Bookmark) {
	t.Helper()
	if b.Updated.IsZero() {
		b.Updated = testNow.Add(1)
	}
	if err := st.SetBookmark(t.Context(), b); err != nil {
		t.Fatal(err)
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
