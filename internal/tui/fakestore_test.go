package tui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// fakeStore is an in-memory progress.Store for screen tests.
type fakeStore struct {
	mu        sync.Mutex
	status    progress.Status
	failWrite error // returned by every write when set
	profiles  []progress.Profile
	attempts  []progress.Attempt
	answers   []progress.Answer
	runs      []progress.Run
	bookmarks []progress.Bookmark
	complete  map[string]bool
	reviews   map[string]progress.ReviewItem
	seq       int64
}

func newFakeStore() *fakeStore {
	return &fakeStore{complete: map[string]bool{}, reviews: map[string]progress.ReviewItem{}}
}

func (f *fakeStore) Status() progress.Status { return f.status }

func (f *fakeStore) write() error {
	if f.failWrite != nil {
		return fmt.Errorf("write progress: %w", f.failWrite)
	}
	return nil
}

func (f *fakeStore) Profiles(ctx context.Context) ([]progress.Profile, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]progress.Profile(nil), f.profiles...), nil
}

func (f *fakeStore) CreateProfile(ctx context.Context, name string, role content.Role) (progress.Profile, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return progress.Profile{}, err
	}
	for _, p := range f.profiles {
		if strings.EqualFold(p.Name, name) {
			return progress.Profile{}, progress.ErrExists
		}
	}
	p := progress.Profile{ID: int64(len(f.profiles) + 1), Name: name, Role: role}
	f.profiles = append(f.profiles, p)
	return p, nil
}

func (f *fakeStore) ProfileByName(ctx context.Context, name string) (progress.Profile, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.profiles {
		if p.Name == name {
			return p, nil
		}
	}
	return progress.Profile{}, progress.ErrNotFound
}

func (f *fakeStore) DeleteProfile(ctx context.Context, id int64) error { return nil }

func (f *fakeStore) StartAttempt(ctx context.Context, a progress.Attempt) (progress.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return a, err
	}
	a.ID = int64(len(f.attempts) + 1)
	f.attempts = append(f.attempts, a)
	return a, nil
}

func (f *fakeStore) SaveAttempt(ctx context.Context, a progress.Attempt) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return err
	}
	for i := range f.attempts {
		if f.attempts[i].ID == a.ID {
			f.attempts[i] = a
			return nil
		}
	}
	return progress.ErrNotFound
}

func (f *fakeStore) answersOf(id int64) []progress.Answer {
	var out []progress.Answer
	for _, a := range f.answers {
		if a.AttemptID == id {
			out = append(out, a)
		}
	}
	return out
}

func (f *fakeStore) UnfinishedAttempt(ctx context.Context, pid int64, mod string, mode progress.Mode) (progress.Attempt, []progress.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.attempts) - 1; i >= 0; i-- {
		a := f.attempts[i]
		if a.ProfileID == pid && a.ModuleID == mod && a.Mode == mode && !a.Done() {
			return a, f.answersOf(a.ID), nil
		}
	}
	return progress.Attempt{}, nil, progress.ErrNotFound
}

func (f *fakeStore) Attempt(ctx context.Context, id int64) (progress.Attempt, []progress.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.attempts {
		if a.ID == id {
			return a, f.answersOf(id), nil
		}
	}
	return progress.Attempt{}, nil, progress.ErrNotFound
}

func (f *fakeStore) Attempts(ctx context.Context, pid int64, mod string, mode progress.Mode) ([]progress.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []progress.Attempt
	for i := len(f.attempts) - 1; i >= 0; i-- {
		a := f.attempts[i]
		if a.ProfileID == pid && a.ModuleID == mod && a.Mode == mode {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeStore) RecordAnswer(ctx context.Context, a progress.Answer, reviews ...progress.ReviewItem) (progress.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return a, err
	}
	f.seq++
	a.Seq, a.ID = f.seq, f.seq
	for i, old := range f.answers {
		if old.AttemptID == a.AttemptID && old.QuestionID == a.QuestionID && a.AttemptID != 0 {
			for _, at := range f.attempts {
				if at.ID == a.AttemptID && at.Mode == progress.ModeExam {
					f.answers[i] = a
					return a, nil
				}
			}
		}
	}
	f.answers = append(f.answers, a)
	for _, r := range reviews {
		f.reviews[string(r.Kind)+":"+r.Key] = r
	}
	return a, nil
}

func (f *fakeStore) StartRun(ctx context.Context, r progress.Run) (progress.Run, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return r, err
	}
	r.ID = int64(len(f.runs) + 1)
	f.runs = append(f.runs, r)
	return r, nil
}

func (f *fakeStore) SaveRun(ctx context.Context, r progress.Run, reviews ...progress.ReviewItem) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return err
	}
	for i := range f.runs {
		if f.runs[i].ID == r.ID {
			f.runs[i] = r
			for _, it := range reviews {
				f.reviews[string(it.Kind)+":"+it.Key] = it
			}
			return nil
		}
	}
	return progress.ErrNotFound
}

func (f *fakeStore) UnfinishedRun(ctx context.Context, pid int64, id string) (progress.Run, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.runs) - 1; i >= 0; i-- {
		r := f.runs[i]
		if r.ProfileID == pid && r.ScenarioID == id && !r.Done() {
			return r, nil
		}
	}
	return progress.Run{}, progress.ErrNotFound
}

func (f *fakeStore) Runs(ctx context.Context, pid int64, id string) ([]progress.Run, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []progress.Run
	for _, r := range f.runs {
		if r.ProfileID == pid && r.ScenarioID == id {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f *fakeStore) SetBookmark(ctx context.Context, b progress.Bookmark) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return err
	}
	for i, old := range f.bookmarks {
		if old.ProfileID == b.ProfileID && old.Kind == b.Kind && old.ItemID == b.ItemID {
			f.bookmarks = append(f.bookmarks[:i], f.bookmarks[i+1:]...)
			break
		}
	}
	f.bookmarks = append([]progress.Bookmark{b}, f.bookmarks...)
	return nil
}

func (f *fakeStore) Bookmarks(ctx context.Context, pid int64) ([]progress.Bookmark, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []progress.Bookmark
	for _, b := range f.bookmarks {
		if b.ProfileID == pid {
			out = append(out, b)
		}
	}
	return out, nil
}

func (f *fakeStore) MarkComplete(ctx context.Context, pid int64, mod string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return err
	}
	f.complete[mod] = true
	return nil
}

func (f *fakeStore) ReviewItems(ctx context.Context, pid int64) ([]progress.ReviewItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []progress.ReviewItem
	for _, r := range f.reviews {
		out = append(out, r)
	}
	return out, nil
}

func (f *fakeStore) ReviewDue(ctx context.Context, pid int64, now time.Time) ([]progress.ReviewItem, error) {
	items, _ := f.ReviewItems(ctx, pid)
	var out []progress.ReviewItem
	for _, r := range items {
		if !r.Due.After(now) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

func (f *fakeStore) Dashboard(ctx context.Context, pid int64) (progress.Dashboard, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var d progress.Dashboard
	ids := []string{}
	for id := range f.complete {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d.Modules = append(d.Modules, progress.ModuleStat{ModuleID: id, Completed: true})
	}
	hits := map[string]*progress.IndicatorStat{}
	var order []string
	for _, a := range f.answers {
		for _, h := range a.Indicators {
			st := hits[h.Indicator]
			if st == nil {
				st = &progress.IndicatorStat{Indicator: h.Indicator}
				hits[h.Indicator] = st
				order = append(order, h.Indicator)
			}
			if h.Hit {
				st.Hits++
			} else {
				st.Misses++
			}
		}
	}
	for _, id := range order {
		d.Indicators = append(d.Indicators, *hits[id])
	}
	for _, r := range f.runs {
		if r.Done() {
			d.Runs = append(d.Runs, r)
		}
	}
	d.Answers = len(f.answers)
	return d, nil
}

func (f *fakeStore) Answers(ctx context.Context, pid int64) ([]progress.Answer, error) {
	return nil, nil
}

func (f *fakeStore) Close() error { return nil }

var _ progress.Store = (*fakeStore)(nil)

func progressProfile() progress.Profile {
	return progress.Profile{ID: 1, Name: "Sam", Role: content.RoleLabourInspection}
}
