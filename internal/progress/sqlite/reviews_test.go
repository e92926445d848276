package sqlite

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"frontline/internal/progress"
)

func TestSaveReviews(t *testing.T) {
	s := openT(t, privateDir(t))
	ana, kim := mustProfile(t, s, "Ana"), mustProfile(t, s, "Kim")
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	first := []progress.ReviewItem{
		{Kind: progress.ReviewIndicator, Key: "isolation", Box: 1, Interval: 24 * time.Hour, Due: now.Add(24 * time.Hour), Lapses: 1, Updated: now},
		{ProfileID: ana.ID, Kind: progress.ReviewQuestion, Key: "m/q", Box: 2, Interval: 72 * time.Hour, Due: now.Add(-time.Hour), Updated: now},
	}
	if err := s.SaveReviews(bg(), ana.ID, first...); err != nil {
		t.Fatal(err)
	}
	// A second save of the same key replaces it; a new key is added.
	later := now.Add(time.Hour)
	second := []progress.ReviewItem{
		{Kind: progress.ReviewIndicator, Key: "isolation", Box: 2, Interval: 72 * time.Hour, Due: later.Add(72 * time.Hour), Lapses: 1, Updated: later},
		{Kind: progress.ReviewIndicator, Key: "debt-bondage", Box: 1, Interval: 24 * time.Hour, Due: later.Add(24 * time.Hour), Updated: later},
	}
	if err := s.SaveReviews(bg(), ana.ID, second...); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReviewItems(bg(), ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []progress.ReviewItem{first[1], second[1], second[0]} // earliest due first
	for i := range want {
		want[i].ProfileID = ana.ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("review items\n got %+v\nwant %+v", got, want)
	}
	if due, _ := s.ReviewDue(bg(), ana.ID, now); len(due) != 1 || due[0].Key != "m/q" {
		t.Errorf("due now = %+v", due)
	}
	if other, _ := s.ReviewItems(bg(), kim.ID); len(other) != 0 {
		t.Errorf("another learner's queue changed: %+v", other)
	}
	// Saving nothing is not an error.
	if err := s.SaveReviews(bg(), ana.ID); err != nil {
		t.Errorf("empty save: %v", err)
	}
}

// TestSaveReviewsAllOrNothing checks that a refused batch stores none of
// its items and wraps ErrNotSaved, whether it is refused before the
// transaction or by the database halfway through it.
func TestSaveReviewsAllOrNothing(t *testing.T) {
	s := openT(t, privateDir(t))
	ana, kim := mustProfile(t, s, "Ana"), mustProfile(t, s, "Kim")
	// The database refuses the key "refused", after the batch's first
	// item has been written inside the transaction.
	if _, err := s.db.Exec(`CREATE TRIGGER refuse_key BEFORE INSERT ON review_items WHEN new.key = 'refused'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	ok := progress.ReviewItem{Kind: progress.ReviewIndicator, Key: "isolation", Box: 1}
	for _, c := range []struct {
		name    string
		profile int64
		items   []progress.ReviewItem
		want    string
	}{
		{"another learner's item", ana.ID, []progress.ReviewItem{ok, {ProfileID: kim.ID, Kind: progress.ReviewIndicator, Key: "x", Box: 1}}, "belongs to learner"},
		{"no learner", 0, []progress.ReviewItem{ok}, "no learner"},
		{"unknown learner", 999, []progress.ReviewItem{ok}, "FOREIGN KEY"},
		{"second item refused by the database", ana.ID, []progress.ReviewItem{ok, {Kind: progress.ReviewIndicator, Key: "refused", Box: 1}}, "refused by the test"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := s.SaveReviews(bg(), c.profile, c.items...)
			if !isNotSaved(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want ErrNotSaved and %q", err, c.want)
			}
			for _, pid := range []int64{ana.ID, kim.ID, 999} {
				if items, _ := s.ReviewItems(bg(), pid); len(items) != 0 {
					t.Errorf("learner %d has %d items after a refused save", pid, len(items))
				}
			}
		})
	}
}

func TestSaveReviewsReadOnly(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	p := mustProfile(t, s, "Ana")
	s.Close()
	ro := openT(t, dir, func(o *options) { o.forceReadOnly = "the disk is read-only" })
	err := ro.SaveReviews(bg(), p.ID, progress.ReviewItem{Kind: progress.ReviewIndicator, Key: "isolation", Box: 1})
	if !isNotSaved(err) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("read-only SaveReviews: %v", err)
	}
}
