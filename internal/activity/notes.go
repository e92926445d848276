package activity

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"frontline/internal/progress"
)

// SettingNotes is the learner setting that says when content notes are
// shown: NotesOnce (the default) or NotesAlways.
const SettingNotes = "content-notes"

// Values of SettingNotes.
const (
	// NotesOnce shows an item's content note the first time the learner
	// opens it, and again only when the note's text changes.
	NotesOnce = "once"
	// NotesAlways shows the note every time the item is opened.
	NotesAlways = "always"
)

// noteDigest is a short digest of a note's text, spaces evened out, so a
// note shown once comes back when it is reworded.
func noteDigest(note string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(note), " ")))
	return hex.EncodeToString(sum[:8])
}

// AlwaysShowNotes reports whether the learner asked to see content notes
// every time (SettingNotes). With no learner, or when the setting cannot
// be read, notes are always shown: a note is never skipped by mistake.
func (l *Learner) AlwaysShowNotes(ctx context.Context) bool {
	if !l.records() {
		return true
	}
	set, err := l.Store.Settings(ctx, l.Profile.ID)
	if err != nil {
		l.logf("read settings: %v", err)
		return true
	}
	return set[SettingNotes] == NotesAlways
}

// SetAlwaysShowNotes stores when the learner sees content notes: every
// time (always), or once per item.
func (l *Learner) SetAlwaysShowNotes(ctx context.Context, always bool) error {
	if !l.records() {
		return nil
	}
	v := NotesOnce
	if always {
		v = NotesAlways
	}
	if err := l.Store.SetSetting(ctx, l.Profile.ID, SettingNotes, v); err != nil {
		return fmt.Errorf("save when content notes are shown: %w", err)
	}
	return nil
}

// NoteDue reports whether the content note of an item (kind "module",
// "scenario" or "review"; its id) should be shown before it opens: the
// note has text, and the learner either sees notes every time or has not
// yet read this one as it is worded now.
func (l *Learner) NoteDue(ctx context.Context, kind, id, note string) bool {
	if strings.TrimSpace(note) == "" {
		return false
	}
	if l.AlwaysShowNotes(ctx) {
		return true
	}
	seen, err := l.Store.NotesSeen(ctx, l.Profile.ID)
	if err != nil {
		l.logf("read the content notes seen: %v", err)
		return true
	}
	d := noteDigest(note)
	for _, n := range seen {
		if n.Kind == kind && n.ItemID == id && n.Note == d {
			return false
		}
	}
	return true
}

// NoteRead returns the write that records that the learner read the
// content note of an item, so it is not shown again (unless they see
// notes every time, or it is reworded).
func (l *Learner) NoteRead(kind, id, note string) Pending {
	if !l.records() || strings.TrimSpace(note) == "" {
		return Pending{}
	}
	n := progress.NoteSeen{ProfileID: l.Profile.ID, Kind: kind, ItemID: id, Note: noteDigest(note), Seen: l.now()}
	store := l.Store
	return Pending{save: func(ctx context.Context) error {
		if err := store.MarkNoteSeen(ctx, n); err != nil {
			return fmt.Errorf("remember the content note of %s: %w", id, err)
		}
		return nil
	}}
}
