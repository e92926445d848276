package activity

import (
	"context"
	"errors"

	"frontline/internal/progress"
)

// Pending is a write a session has decided on but not yet made: an answer
// with the review items it moves, a position, a finished attempt or run.
// Save makes it; it may run on another goroutine than the session (in a
// Bubble Tea command), and a Pending is saved at most once. The zero
// Pending saves nothing.
type Pending struct {
	save func(ctx context.Context) error
}

// Save commits the write. An error wraps progress.ErrNotSaved when the store
// refused it: the interface must then say "not saved".
func (p Pending) Save(ctx context.Context) error {
	if p.save == nil {
		return nil
	}
	return p.save(ctx)
}

// Empty reports whether there is nothing to save.
func (p Pending) Empty() bool { return p.save == nil }

// Then returns a Pending that saves p, then q (q is skipped when p fails).
func (p Pending) Then(q Pending) Pending {
	switch {
	case p.Empty():
		return q
	case q.Empty():
		return p
	}
	return Pending{save: func(ctx context.Context) error {
		if err := p.Save(ctx); err != nil {
			return err
		}
		return q.Save(ctx)
	}}
}

// Reason is why a write was not saved, as a learner reads it: the store's
// own reason (such as "disk full"), without the steps that led to it.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if errors.Is(e, progress.ErrNotSaved) && e != progress.ErrNotSaved {
			msg = e.Error()
		}
	}
	return msg
}
