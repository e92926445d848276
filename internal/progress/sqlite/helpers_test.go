package sqlite

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"frontline/internal/progress"
)

// fakeClock is a settable clock for tests.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *fakeClock               { return &fakeClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)} }
func bg() context.Context                { return context.Background() }
func noBackups() Option                  { return WithBackups(0, 5) }
func isNotSaved(err error) bool          { return errors.Is(err, progress.ErrNotSaved) }
func openT(t testing.TB, dir string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(dir, append([]Option{noBackups()}, opts...)...)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustProfile(t testing.TB, s *Store, name string) progress.Profile {
	t.Helper()
	p, err := s.CreateProfile(bg(), name, "police")
	if err != nil {
		t.Fatalf("CreateProfile(%s): %v", name, err)
	}
	return p
}

func mustAnswer(t testing.TB, s *Store, a progress.Answer, reviews ...progress.ReviewItem) progress.Answer {
	t.Helper()
	got, err := s.RecordAnswer(bg(), a, reviews...)
	if err != nil {
		t.Fatalf("RecordAnswer(%s): %v", a.QuestionID, err)
	}
	return got
}

// privateDir returns a new temporary folder only its owner may open, as a
// data folder must be (t.TempDir's folders follow the umask).
func privateDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}
