// Package activity is the floor between frontline's interfaces and its
// progress store. The full-screen app, the line mode, the commands and the
// workshop server all go through it to learn, and none of them decides on
// its own what an answer, an attempt or a run does:
//
//   - who is learning: finding, choosing and creating a learner (Find,
//     Only, Create, Resolve);
//   - quiz, exam, scenario and review sessions: each scores through the
//     engine, builds the progress records (this is the only package that
//     does), resumes, completes and schedules review by one rule;
//   - the learner-facing numbers: one rounding rule for percentages and one
//     plural helper (format.go).
//
// Sessions are used from a Bubble Tea model or a line-mode loop. Methods
// that change a session in memory are called from one goroutine (the
// interface's); they return a Pending write, and Save commits it to the
// store, which is safe to run in a command on another goroutine.
//
// Imports: engine, progress (the interface), content and the standard
// library; never a UI package.
package activity

import (
	"context"
	"fmt"
	"log"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// StoreTimeout bounds one store call made without a deadline of its own, so
// a stuck disk cannot hang an interface. It is the one timeout policy of
// the interfaces: they derive each call's context from their session's
// context with this bound.
const StoreTimeout = 5 * time.Second

// Call returns a context for one store call: parent (the session's context,
// which ends with the terminal or the connection), bounded by StoreTimeout.
func Call(parent context.Context) (context.Context, context.CancelFunc) {
	if parent == nil {
		parent = context.Background()
	}
	return context.WithTimeout(parent, StoreTimeout)
}

// Sealer seals a finished exam attempt of module m before it is stored, so
// a record can later be told apart from one written straight into the
// database (see internal/certificate). It may set fields of a; an error
// keeps the attempt unsealed and is logged.
type Sealer func(p progress.Profile, m *content.Module, a *progress.Attempt) error

// Learner is one person learning, with what their sessions need: the
// store, the clock, the log and, on a machine with an issuer key, the
// sealer for exam attempts. A zero Profile ID means no learner is chosen
// yet: sessions then work but record nothing.
type Learner struct {
	Store   progress.Store
	Profile progress.Profile
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives what went wrong in the background; nil discards it.
	Log *log.Logger
	// Seal, when set, seals finished exam attempts; Signed says that it
	// signs them with an issuer key (certificates from this computer are
	// then signed, not self-study records).
	Seal   Sealer
	Signed bool
	// Flags are the global flags a command printed for this learner must
	// repeat to act on the same records and content (--data DIR, --content
	// DIR, --plain), as separate arguments.
	Flags []string
}

// Command is a frontline command for this learner to paste: the session's
// flags, then args, quoted for a shell (CommandLine).
func (l *Learner) Command(args ...string) string {
	var flags []string
	if l != nil {
		flags = l.Flags
	}
	return CommandLine(flags, args...)
}

func (l *Learner) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func (l *Learner) logf(format string, args ...any) {
	if l.Log != nil {
		l.Log.Printf(format, args...)
	}
}

// records reports whether this learner's work is recorded: there is a
// store and a chosen profile.
func (l *Learner) records() bool { return l != nil && l.Store != nil && l.Profile.ID != 0 }

// Records reports whether this learner's answers are recorded.
func (l *Learner) Records() bool { return l.records() }

// Dashboard reads the learner's progress summary.
func (l *Learner) Dashboard(ctx context.Context) (progress.Dashboard, error) {
	if !l.records() {
		return progress.Dashboard{}, nil
	}
	d, err := l.Store.Dashboard(ctx, l.Profile.ID)
	if err != nil {
		return d, fmt.Errorf("read progress of %s: %w", l.Profile.Name, err)
	}
	return d, nil
}

// ReviewDue lists the learner's review items due now.
func (l *Learner) ReviewDue(ctx context.Context) ([]progress.ReviewItem, error) {
	if !l.records() {
		return nil, nil
	}
	items, err := l.Store.ReviewDue(ctx, l.Profile.ID, l.now())
	if err != nil {
		return nil, fmt.Errorf("read review queue: %w", err)
	}
	return items, nil
}

// Bookmarks lists where the learner stopped, most recent first.
func (l *Learner) Bookmarks(ctx context.Context) ([]progress.Bookmark, error) {
	if !l.records() {
		return nil, nil
	}
	bms, err := l.Store.Bookmarks(ctx, l.Profile.ID)
	if err != nil {
		return nil, fmt.Errorf("read bookmarks: %w", err)
	}
	return bms, nil
}

// Bookmark returns the saved position of an item ("module" or
// "scenario"), or 0.
func (l *Learner) Bookmark(ctx context.Context, kind, id string) int {
	bms, err := l.Bookmarks(ctx)
	if err != nil {
		l.logf("%v", err)
		return 0
	}
	for _, b := range bms {
		if b.Kind == kind && b.ItemID == id {
			return b.Position
		}
	}
	return 0
}

// Visit records that the learner is at position pos of an item ("module":
// a page index; "scenario": 0), for "continue where you left off".
func (l *Learner) Visit(ctx context.Context, kind, id string, pos int) error {
	if !l.records() {
		return nil
	}
	err := l.Store.SetBookmark(ctx, progress.Bookmark{ProfileID: l.Profile.ID, Kind: kind, ItemID: id, Position: pos, Updated: l.now()})
	if err != nil {
		return fmt.Errorf("save your place in %s: %w", id, err)
	}
	return nil
}

// Attempts lists the learner's attempts at a module in a mode, newest
// first.
func (l *Learner) Attempts(ctx context.Context, moduleID string, mode progress.Mode) ([]progress.Attempt, error) {
	if !l.records() {
		return nil, nil
	}
	atts, err := l.Store.Attempts(ctx, l.Profile.ID, moduleID, mode)
	if err != nil {
		return nil, fmt.Errorf("read attempts at %s: %w", moduleID, err)
	}
	return atts, nil
}

// Completion is the one rule for when a module counts as complete: its
// last page has been read (ReadThrough), or its exam has been passed
// (Exam.Submit). A practice quiz, however well done, does not complete a
// module: it is practice.
const Completion = "a module is complete when its last page has been read or its exam passed"

// ReadThrough records that the learner reached the last page of m: the
// module is complete, and its bookmark goes back to the first page.
func (l *Learner) ReadThrough(ctx context.Context, m *content.Module) error {
	if !l.records() {
		return nil
	}
	if err := l.Store.MarkComplete(ctx, l.Profile.ID, m.ID, l.now()); err != nil {
		return fmt.Errorf("mark %s read: %w", m.ID, err)
	}
	return l.Visit(ctx, "module", m.ID, 0)
}
