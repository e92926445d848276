package progresstest

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

func TestOpenIsARealStore(t *testing.T) {
	at := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	dir := t.TempDir()
	s := OpenIn(t, dir, FixedClock(at))
	p := Learner(t, s, "Ana", content.RolePolice)
	if !p.Created.Equal(at) {
		t.Errorf("created %v, want the fixed clock's %v", p.Created, at)
	}
	if got := s.Status().Path; got != filepath.Join(dir, "progress.db") {
		t.Errorf("path %s", got)
	}
	if st := s.Status(); st.ReadOnly {
		t.Errorf("status %+v", st)
	}
}

func TestFailing(t *testing.T) {
	ctx := t.Context()
	s := Open(t)
	p := Learner(t, s, "Ana", content.RolePolice)
	item := progress.ReviewItem{Kind: progress.ReviewIndicator, Key: "isolation", Box: 1}

	f := &Failing{Store: s, Methods: []string{RecordAnswer}}
	_, err := f.RecordAnswer(ctx, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q"}, item)
	if !errors.Is(err, progress.ErrNotSaved) || err.Error() != "disk full: not saved" {
		t.Errorf("chosen write: %v", err)
	}
	if err := f.SaveReviews(ctx, p.ID, item); err != nil {
		t.Errorf("a write not chosen failed: %v", err)
	}
	if got, _ := f.Answers(ctx, p.ID); len(got) != 0 {
		t.Errorf("a failed write was stored: %+v", got)
	}

	f = &Failing{Store: s, Err: progress.ErrNotSaved}
	if _, err := f.CreateProfile(ctx, "Kim", content.RoleHealth); err != progress.ErrNotSaved {
		t.Errorf("every write should fail with Err as given: %v", err)
	}
	if err := f.MarkComplete(ctx, p.ID, "m", time.Time{}); !errors.Is(err, progress.ErrNotSaved) {
		t.Errorf("MarkComplete: %v", err)
	}
	f.Heal()
	if _, err := f.CreateProfile(ctx, "Kim", content.RoleHealth); err != nil {
		t.Errorf("after Heal: %v", err)
	}
	f.Break()
	if err := f.SetBookmark(ctx, progress.Bookmark{ProfileID: p.ID, Kind: "module", ItemID: "m"}); !errors.Is(err, progress.ErrNotSaved) {
		t.Errorf("after Break: %v", err)
	}
	if ps, _ := f.Profiles(ctx); len(ps) != 2 {
		t.Errorf("profiles = %+v", ps)
	}

	f = &Failing{Store: s, Err: errors.New("boom")}
	if err := f.SaveRun(ctx, progress.Run{ID: 1}); !errors.Is(err, progress.ErrNotSaved) || err.Error() != "boom: not saved" {
		t.Errorf("a cause that is not ErrNotSaved gets it added: %v", err)
	}

	defer func() {
		if recover() == nil {
			t.Error("an unknown method name should panic")
		}
	}()
	f = &Failing{Store: s, Methods: []string{"Answers"}}
	f.MarkComplete(ctx, p.ID, "m", time.Time{}) //nolint:errcheck
}

func TestWithStatus(t *testing.T) {
	s := Open(t)
	st := progress.Status{ReadOnly: true, Reason: "the disk is full", MovedAside: "/data/progress.db.damaged"}
	w := WithStatus(s, st)
	if w.Status() != st {
		t.Errorf("status %+v", w.Status())
	}
	if _, err := w.CreateProfile(t.Context(), "Ana", content.RolePolice); err != nil {
		t.Errorf("other calls should reach the store: %v", err)
	}
	if ps, _ := s.Profiles(t.Context()); len(ps) != 1 {
		t.Errorf("profiles = %+v", ps)
	}
}
