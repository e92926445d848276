package activity_test

import (
	"errors"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// TestContentNotesOncePerItem: a note is due until the learner reads it,
// then not again for that item, unless its wording changes or the learner
// asks for notes every time. Other learners and other items are apart.
func TestContentNotesOncePerItem(t *testing.T) {
	ctx := t.Context()
	store := progresstest.Open(t)
	sam := &activity.Learner{Store: store, Profile: progresstest.Learner(t, store, "Sam", content.RolePolice)}
	kim := &activity.Learner{Store: store, Profile: progresstest.Learner(t, store, "Kim", content.RoleHealth)}
	const note = "Describes violence against workers."

	steps := []struct {
		name string
		do   func() error
		l    *activity.Learner
		kind string
		id   string
		text string
		due  bool
	}{
		{"first time", nil, sam, "module", "m", note, true},
		{"no note", nil, sam, "module", "m", "  ", false},
		{"read", func() error { return sam.NoteRead("module", "m", note).Save(ctx) }, sam, "module", "m", note, false},
		{"spaces do not reword it", nil, sam, "module", "m", " Describes  violence\nagainst workers. ", false},
		{"reworded", nil, sam, "module", "m", note + " And injuries.", true},
		{"another item", nil, sam, "scenario", "m", note, true},
		{"another learner", nil, kim, "module", "m", note, true},
		{"always", func() error { return sam.SetAlwaysShowNotes(ctx, true) }, sam, "module", "m", note, true},
		{"once again", func() error { return sam.SetAlwaysShowNotes(ctx, false) }, sam, "module", "m", note, false},
		{"no learner", nil, &activity.Learner{Store: store}, "module", "m", note, true},
	}
	for _, s := range steps {
		if s.do != nil {
			if err := s.do(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		if got := s.l.NoteDue(ctx, s.kind, s.id, s.text); got != s.due {
			t.Errorf("%s: NoteDue = %v, want %v", s.name, got, s.due)
		}
	}
	if sam.AlwaysShowNotes(ctx) || kim.AlwaysShowNotes(ctx) {
		t.Error("the setting leaked between learners or was lost")
	}

	// A store that cannot read shows the note: it is never skipped by
	// mistake. One that cannot write says the note was not remembered.
	broken := &progresstest.Failing{Store: store, Methods: []string{progresstest.MarkNoteSeen}}
	bl := &activity.Learner{Store: broken, Profile: kim.Profile, Now: func() time.Time { return time.Now() }}
	if err := bl.NoteRead("module", "m", note).Save(ctx); !errors.Is(err, progress.ErrNotSaved) {
		t.Errorf("a refused write: %v", err)
	}
	if !bl.NoteDue(ctx, "module", "m", note) {
		t.Error("a note not remembered should still be due")
	}
}
