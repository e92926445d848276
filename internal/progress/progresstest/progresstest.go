// Package progresstest gives tests the real progress store: a SQLite store
// in a temporary folder, plus a wrapper that makes chosen writes fail the
// way a full or read-only disk does, and one that reports a chosen Status.
// Everything else goes through internal/progress/sqlite unchanged, so a
// test sees what a learner would.
package progresstest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// Open opens a fresh SQLite progress store in a temporary folder of t and
// closes it when the test ends. Scheduled backups are off; opts are applied
// after that (sqlite.WithClock fixes the time the store gives records that
// come without one).
func Open(t testing.TB, opts ...sqlite.Option) *sqlite.Store {
	t.Helper()
	return OpenIn(t, t.TempDir(), opts...)
}

// PrivateDir is a temporary folder only its owner may open, as a data
// folder must be: t.TempDir follows the umask, and frontline would keep
// progress in a private subfolder of a folder others may open.
func PrivateDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatalf("make %s private: %v", dir, err)
	}
	return dir
}

// OpenIn is Open on a given data folder, for tests that reopen a store
// (as a restart would) or prepare the folder first.
func OpenIn(t testing.TB, dir string, opts ...sqlite.Option) *sqlite.Store {
	t.Helper()
	// A test's temporary folder follows the umask; a data folder other
	// users may open would get a private subfolder, so make it private.
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			t.Fatalf("make %s private: %v", dir, err)
		}
	}
	s, err := sqlite.Open(dir, append([]sqlite.Option{sqlite.WithBackups(0, 1)}, opts...)...)
	if err != nil {
		t.Fatalf("open progress store in %s: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close progress store: %v", err)
		}
	})
	return s
}

// FixedClock is a sqlite.Option that stamps records given no time with at.
func FixedClock(at time.Time) sqlite.Option {
	return sqlite.WithClock(func() time.Time { return at })
}

// Learner creates a profile in s and fails the test if it cannot.
func Learner(t testing.TB, s progress.Store, name string, role content.Role) progress.Profile {
	t.Helper()
	p, err := s.CreateProfile(context.Background(), name, role)
	if err != nil {
		t.Fatalf("create learner %s: %v", name, err)
	}
	return p
}

// The write methods of progress.Store, for Failing.Methods.
const (
	CreateProfile = "CreateProfile"
	DeleteProfile = "DeleteProfile"
	StartAttempt  = "StartAttempt"
	SaveAttempt   = "SaveAttempt"
	RecordAnswer  = "RecordAnswer"
	StartRun      = "StartRun"
	SaveRun       = "SaveRun"
	SetBookmark   = "SetBookmark"
	MarkComplete  = "MarkComplete"
	SaveReviews   = "SaveReviews"
	SetSetting    = "SetSetting"
	MarkNoteSeen  = "MarkNoteSeen"
)

var writeMethods = []string{CreateProfile, DeleteProfile, StartAttempt, SaveAttempt, RecordAnswer,
	StartRun, SaveRun, SetBookmark, MarkComplete, SaveReviews, SetSetting, MarkNoteSeen}

// Failing wraps a store so that chosen write methods fail without writing,
// with an error that wraps progress.ErrNotSaved, as the real store reports
// a full disk. Reads, and writes not chosen, go to Store. Use it by
// pointer; it is safe for concurrent use.
type Failing struct {
	progress.Store
	// Err is the cause the failed writes report ("disk full" when nil).
	// The error returned is Err itself when it already wraps
	// progress.ErrNotSaved, else "Err: not saved".
	Err error
	// Methods names the write methods that fail (the constants above);
	// empty means every write.
	Methods []string

	mu     sync.Mutex
	healed bool
}

// Heal makes later writes go through, as when disk space is freed.
func (f *Failing) Heal() {
	f.mu.Lock()
	f.healed = true
	f.mu.Unlock()
}

// Break makes later writes fail again after Heal.
func (f *Failing) Break() {
	f.mu.Lock()
	f.healed = false
	f.mu.Unlock()
}

// fail returns the error a call of method gets, or nil to pass it on.
func (f *Failing) fail(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.Methods {
		if !slices.Contains(writeMethods, m) {
			panic(fmt.Sprintf("progresstest.Failing: %q is not a write method of progress.Store", m))
		}
	}
	if f.healed || (len(f.Methods) > 0 && !slices.Contains(f.Methods, method)) {
		return nil
	}
	err := f.Err
	if err == nil {
		err = errors.New("disk full")
	}
	if errors.Is(err, progress.ErrNotSaved) {
		return err
	}
	return fmt.Errorf("%w: %w", err, progress.ErrNotSaved)
}

// CreateProfile fails when chosen, else creates the profile in Store.
func (f *Failing) CreateProfile(ctx context.Context, name string, role content.Role) (progress.Profile, error) {
	if err := f.fail(CreateProfile); err != nil {
		return progress.Profile{}, err
	}
	return f.Store.CreateProfile(ctx, name, role)
}

// DeleteProfile fails when chosen, else deletes the profile in Store.
func (f *Failing) DeleteProfile(ctx context.Context, id int64) error {
	if err := f.fail(DeleteProfile); err != nil {
		return err
	}
	return f.Store.DeleteProfile(ctx, id)
}

// StartAttempt fails when chosen, else starts the attempt in Store.
func (f *Failing) StartAttempt(ctx context.Context, a progress.Attempt) (progress.Attempt, error) {
	if err := f.fail(StartAttempt); err != nil {
		return a, err
	}
	return f.Store.StartAttempt(ctx, a)
}

// SaveAttempt fails when chosen, else saves the attempt in Store.
func (f *Failing) SaveAttempt(ctx context.Context, a progress.Attempt) error {
	if err := f.fail(SaveAttempt); err != nil {
		return err
	}
	return f.Store.SaveAttempt(ctx, a)
}

// RecordAnswer fails when chosen, else records the answer in Store.
func (f *Failing) RecordAnswer(ctx context.Context, a progress.Answer, reviews ...progress.ReviewItem) (progress.Answer, error) {
	if err := f.fail(RecordAnswer); err != nil {
		return a, err
	}
	return f.Store.RecordAnswer(ctx, a, reviews...)
}

// StartRun fails when chosen, else starts the run in Store.
func (f *Failing) StartRun(ctx context.Context, r progress.Run) (progress.Run, error) {
	if err := f.fail(StartRun); err != nil {
		return r, err
	}
	return f.Store.StartRun(ctx, r)
}

// SaveRun fails when chosen, else saves the run in Store.
func (f *Failing) SaveRun(ctx context.Context, r progress.Run, reviews ...progress.ReviewItem) error {
	if err := f.fail(SaveRun); err != nil {
		return err
	}
	return f.Store.SaveRun(ctx, r, reviews...)
}

// SetBookmark fails when chosen, else sets the bookmark in Store.
func (f *Failing) SetBookmark(ctx context.Context, b progress.Bookmark) error {
	if err := f.fail(SetBookmark); err != nil {
		return err
	}
	return f.Store.SetBookmark(ctx, b)
}

// MarkComplete fails when chosen, else marks the module complete in Store.
func (f *Failing) MarkComplete(ctx context.Context, profileID int64, moduleID string, at time.Time) error {
	if err := f.fail(MarkComplete); err != nil {
		return err
	}
	return f.Store.MarkComplete(ctx, profileID, moduleID, at)
}

// SetSetting fails when chosen, else stores the setting in Store.
func (f *Failing) SetSetting(ctx context.Context, profileID int64, name, value string) error {
	if err := f.fail(SetSetting); err != nil {
		return err
	}
	return f.Store.SetSetting(ctx, profileID, name, value)
}

// MarkNoteSeen fails when chosen, else records the note in Store.
func (f *Failing) MarkNoteSeen(ctx context.Context, n progress.NoteSeen) error {
	if err := f.fail(MarkNoteSeen); err != nil {
		return err
	}
	return f.Store.MarkNoteSeen(ctx, n)
}

// SaveReviews fails when chosen, else saves the items in Store.
func (f *Failing) SaveReviews(ctx context.Context, profileID int64, items ...progress.ReviewItem) error {
	if err := f.fail(SaveReviews); err != nil {
		return err
	}
	return f.Store.SaveReviews(ctx, profileID, items...)
}

var _ progress.Store = (*Failing)(nil)

// WithStatus wraps a store so that Status reports st: for the start-up
// states (a damaged file moved aside, a read-only disk, a backup offered)
// whose paths and reasons a test wants to name exactly. Every other call
// goes to s.
func WithStatus(s progress.Store, st progress.Status) progress.Store {
	return statusStore{Store: s, status: st}
}

type statusStore struct {
	progress.Store
	status progress.Status
}

func (s statusStore) Status() progress.Status { return s.status }
