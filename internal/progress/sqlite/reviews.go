package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"frontline/internal/progress"
)

// SaveReviews stores review items as given, all in one transaction. An item
// with a zero ProfileID belongs to profileID; an item naming another
// learner is refused and nothing is stored. Like every write, a failure
// wraps progress.ErrNotSaved.
func (s *Store) SaveReviews(ctx context.Context, profileID int64, items ...progress.ReviewItem) error {
	what := fmt.Sprintf("save %d review items", len(items))
	if len(items) == 1 {
		what = fmt.Sprintf("save review item %s %s", items[0].Kind, items[0].Key)
	}
	if profileID == 0 {
		return fmt.Errorf("%s: %w: no learner given", what, progress.ErrNotSaved)
	}
	for _, it := range items {
		if it.ProfileID != 0 && it.ProfileID != profileID {
			return fmt.Errorf("%s: %w: item %s %s belongs to learner %d, not %d",
				what, progress.ErrNotSaved, it.Kind, it.Key, it.ProfileID, profileID)
		}
	}
	return s.write(ctx, what, func(tx *sql.Tx) error {
		return putReviews(ctx, tx, profileID, items)
	})
}
