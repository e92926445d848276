package plain

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// memStore is an in-memory progress.Store for tests. With failWrites set,
// every write fails with an error wrapping progress.ErrNotSaved.
type memStore struct {
	mu         sync.Mutex
	failWrites bool
	profiles   []progress.Profile
	attempts   []progress.Attempt
	answers    []progress.Answer
	runs       []progress.Run
	bookmarks  []progress.Bookmark
	complete   map[string]bool
	reviews    map[string]progress.ReviewItem
	seq        int64
}

var _ progress.Store = (*memStore)(nil)

func newMemStore() *memStore {
	return &memStore{complete: map[string]bool{}, reviews: map[string]progress.ReviewItem{}}
}

func (m *memStore) write() error {
	if m.failWrites {
		return fmt.Errorf("disk full: %w", progress.ErrNotSaved)
	}
	return nil
}

func (m *memStore) Status() progress.Status { return progress.Status{Path: ":memory:"} }

func (m *memStore) Profiles(ctx context.Context) ([]progress.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.profiles), nil
}

func (m *memStore) CreateProfile(ctx context.Context, name string, role content.Role) (progress.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return progress.Profile{}, err
	}
	for _, p := range m.profiles {
		if p.Name == name {
			return progress.Profile{}, progress.ErrExists
		}
	}
	p := progress.Profile{ID: int64(len(m.profiles) + 1), Name: name, Role: role}
	m.profiles = append(m.profiles, p)
	return p, nil
}

func (m *memStore) ProfileByName(ctx context.Context, name string) (progress.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.profiles {
		if p.Name == name {
			return p, nil
		}
	}
	return progress.Profile{}, progress.ErrNotFound
}

func (m *memStore) DeleteProfile(ctx context.Context, id int64) error { return m.write() }

func cloneAttempt(a progress.Attempt) progress.Attempt {
	a.Questions = slices.Clone(a.Questions)
	a.Flagged = slices.Clone(a.Flagged)
	a.OptionOrder = slices.Clone(a.OptionOrder)
	return a
}

func (m *memStore) StartAttempt(ctx context.Context, a progress.Attempt) (progress.Attempt, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return a, err
	}
	a.ID = int64(len(m.attempts) + 1)
	m.attempts = append(m.attempts, cloneAttempt(a))
	return a, nil
}

func (m *memStore) SaveAttempt(ctx context.Context, a progress.Attempt) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	if a.ID < 1 || int(a.ID) > len(m.attempts) {
		return progress.ErrNotFound
	}
	m.attempts[a.ID-1] = cloneAttempt(a)
	return nil
}

func (m *memStore) answersOf(id int64) []progress.Answer {
	var out []progress.Answer
	for _, a := range m.answers {
		if a.AttemptID == id {
			out = append(out, a)
		}
	}
	return out
}

func (m *memStore) UnfinishedAttempt(ctx context.Context, profileID int64, moduleID string, mode progress.Mode) (progress.Attempt, []progress.Answer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.attempts) - 1; i >= 0; i-- {
		a := m.attempts[i]
		if a.ProfileID == profileID && a.ModuleID == moduleID && a.Mode == mode && !a.Done() {
			return cloneAttempt(a), m.answersOf(a.ID), nil
		}
	}
	return progress.Attempt{}, nil, progress.ErrNotFound
}

func (m *memStore) Attempt(ctx context.Context, id int64) (progress.Attempt, []progress.Answer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id < 1 || int(id) > len(m.attempts) {
		return progress.Attempt{}, nil, progress.ErrNotFound
	}
	return cloneAttempt(m.attempts[id-1]), m.answersOf(id), nil
}

func (m *memStore) Attempts(ctx context.Context, profileID int64, moduleID string, mode progress.Mode) ([]progress.Attempt, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []progress.Attempt
	for i := len(m.attempts) - 1; i >= 0; i-- {
		a := m.attempts[i]
		if a.ProfileID == profileID && a.ModuleID == moduleID && (mode == "" || a.Mode == mode) {
			out = append(out, cloneAttempt(a))
		}
	}
	return out, nil
}

func (m *memStore) putReviews(items []progress.ReviewItem) {
	for _, it := range items {
		m.reviews[string(it.Kind)+"/"+it.Key] = it
	}
}

func (m *memStore) RecordAnswer(ctx context.Context, a progress.Answer, reviews ...progress.ReviewItem) (progress.Answer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return a, err
	}
	m.seq++
	a.Seq = m.seq
	a.ID = m.seq
	a.Chosen = slices.Clone(a.Chosen)
	for i, old := range m.answers {
		if old.AttemptID != 0 && old.AttemptID == a.AttemptID && old.QuestionID == a.QuestionID && m.attempts[a.AttemptID-1].Mode == progress.ModeExam {
			m.answers[i] = a
			m.putReviews(reviews)
			return a, nil
		}
	}
	m.answers = append(m.answers, a)
	m.putReviews(reviews)
	return a, nil
}

func cloneRun(r progress.Run) progress.Run {
	r.Path = slices.Clone(r.Path)
	r.Decisions = slices.Clone(r.Decisions)
	r.Checkpoints = slices.Clone(r.Checkpoints)
	return r
}

func (m *memStore) StartRun(ctx context.Context, r progress.Run) (progress.Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return r, err
	}
	r.ID = int64(len(m.runs) + 1)
	m.runs = append(m.runs, cloneRun(r))
	return r, nil
}

func (m *memStore) SaveRun(ctx context.Context, r progress.Run, reviews ...progress.ReviewItem) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	if r.ID < 1 || int(r.ID) > len(m.runs) {
		return progress.ErrNotFound
	}
	m.runs[r.ID-1] = cloneRun(r)
	m.putReviews(reviews)
	return nil
}

func (m *memStore) UnfinishedRun(ctx context.Context, profileID int64, scenarioID string) (progress.Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.runs) - 1; i >= 0; i-- {
		r := m.runs[i]
		if r.ProfileID == profileID && r.ScenarioID == scenarioID && !r.Done() {
			return cloneRun(r), nil
		}
	}
	return progress.Run{}, progress.ErrNotFound
}

func (m *memStore) Runs(ctx context.Context, profileID int64, scenarioID string) ([]progress.Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []progress.Run
	for _, r := range m.runs {
		if r.ProfileID == profileID && r.ScenarioID == scenarioID {
			out = append(out, cloneRun(r))
		}
	}
	return out, nil
}

func (m *memStore) SetBookmark(ctx context.Context, b progress.Bookmark) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	for i, old := range m.bookmarks {
		if old.ProfileID == b.ProfileID && old.Kind == b.Kind && old.ItemID == b.ItemID {
			m.bookmarks = append(m.bookmarks[:i], m.bookmarks[i+1:]...)
			break
		}
	}
	m.bookmarks = append([]progress.Bookmark{b}, m.bookmarks...)
	return nil
}

func (m *memStore) Bookmarks(ctx context.Context, profileID int64) ([]progress.Bookmark, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []progress.Bookmark
	for _, b := range m.bookmarks {
		if b.ProfileID == profileID {
			out = append(out, b)
		}
	}
	return out, nil
}

func (m *memStore) MarkComplete(ctx context.Context, profileID int64, moduleID string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.write(); err != nil {
		return err
	}
	m.complete[fmt.Sprint(profileID, "/", moduleID)] = true
	return nil
}

func (m *memStore) ReviewItems(ctx context.Context, profileID int64) ([]progress.ReviewItem, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []progress.ReviewItem
	for _, it := range m.reviews {
		if it.ProfileID == profileID {
			out = append(out, it)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

func (m *memStore) ReviewDue(ctx context.Context, profileID int64, now time.Time) ([]progress.ReviewItem, error) {
	items, _ := m.ReviewItems(ctx, profileID)
	var out []progress.ReviewItem
	for _, it := range items {
		if !it.Due.After(now) {
			out = append(out, it)
		}
	}
	return out, nil
}

// Dashboard counts finished practice and exam attempts per module with
// their best percentage, completions, finished runs, due review items and
// answers, as the SQLite store does.
func (m *memStore) Dashboard(ctx context.Context, profileID int64) (progress.Dashboard, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var d progress.Dashboard
	stats := map[string]*progress.ModuleStat{}
	stat := func(id string) *progress.ModuleStat {
		if stats[id] == nil {
			stats[id] = &progress.ModuleStat{ModuleID: id}
		}
		return stats[id]
	}
	for _, a := range m.attempts {
		if a.ProfileID != profileID || !a.Done() || a.Mode == progress.ModeReview {
			continue
		}
		st := stat(a.ModuleID)
		st.Attempts++
		st.Best = max(st.Best, a.Percent())
	}
	for key := range m.complete {
		if id, ok := strings.CutPrefix(key, fmt.Sprint(profileID, "/")); ok {
			stat(id).Completed = true
		}
	}
	for _, st := range stats {
		d.Modules = append(d.Modules, *st)
	}
	sort.Slice(d.Modules, func(i, j int) bool { return d.Modules[i].ModuleID < d.Modules[j].ModuleID })
	for _, r := range m.runs {
		if r.ProfileID == profileID && r.Done() {
			d.Runs = append(d.Runs, cloneRun(r))
		}
	}
	inds := map[string]*progress.IndicatorStat{}
	for _, a := range m.answers {
		if a.ProfileID != profileID {
			continue
		}
		d.Answers++
		for _, h := range a.Indicators {
			if inds[h.Indicator] == nil {
				inds[h.Indicator] = &progress.IndicatorStat{Indicator: h.Indicator}
			}
			if h.Hit {
				inds[h.Indicator].Hits++
			} else {
				inds[h.Indicator].Misses++
			}
		}
	}
	for _, st := range inds {
		d.Indicators = append(d.Indicators, *st)
	}
	sort.Slice(d.Indicators, func(i, j int) bool { return d.Indicators[i].Indicator < d.Indicators[j].Indicator })
	return d, nil
}

func (m *memStore) Answers(ctx context.Context, profileID int64) ([]progress.Answer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []progress.Answer
	for _, a := range m.answers {
		if profileID == 0 || a.ProfileID == profileID {
			out = append(out, a)
		}
	}
	return out, nil
}

func (m *memStore) Close() error { return nil }
