package room

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// ErrNotYours is returned when a seat's app asks for another trainee's
// records. The app never does; the check makes sure of it.
var ErrNotYours = fmt.Errorf("another trainee's records: %w", progress.ErrNotFound)

// errRoomOnly is returned for what a trainee may not do in a room.
var errRoomOnly = errors.New("not available in a workshop room")

// seatStore is the progress store one trainee's app sees: the room's store,
// scoped to their own profile, that reports what they do to the room.
//
// Scope: every call that names a profile must name theirs; attempts and
// runs are checked to be theirs before they are read or written; the
// profile list holds only them; creating and deleting profiles is refused.
// So a trainee can never see or change another trainee's data, whatever
// their app asks.
//
// Reports: after each write is committed, note is called with what it
// shows (the activity, the answer, a completion); note publishes it as an
// event for the room. A write that fails reports nothing.
//
// In flight: Wait blocks until the writes under way have finished, so a
// shutdown can say "your progress is saved" truthfully; Failed reports
// whether the last write failed.
type seatStore struct {
	inner   progress.Store
	profile progress.Profile
	note    func(kind EventKind, update func(*Member))
	now     func() time.Time

	mu       sync.Mutex
	attempts map[int64]bool // attempt ids checked: true when theirs
	runs     map[int64]bool
	modes    map[int64]progress.Mode // the mode of attempts they started here
	// watch, when set, follows their exam attempts and answers for the
	// room's exam.
	watch seatWatch

	// inflight counts the writes under way; idle is closed whenever none
	// is. (A WaitGroup cannot be waited on while a new write may start.)
	flightMu sync.Mutex
	inflight int
	idle     chan struct{}
	failed   atomic.Bool
}

var _ progress.Store = (*seatStore)(nil)

// zero is T's zero value: what a refused call returns.
func zero[T any]() (z T) { return z }

func newSeatStore(inner progress.Store, p progress.Profile, note func(EventKind, func(*Member))) *seatStore {
	if note == nil {
		note = func(EventKind, func(*Member)) {}
	}
	idle := make(chan struct{})
	close(idle)
	return &seatStore{inner: inner, profile: p, note: note, now: time.Now, attempts: map[int64]bool{}, runs: map[int64]bool{},
		modes: map[int64]progress.Mode{}, idle: idle}
}

// seatWatch follows a trainee's exam: each exam attempt stored (started or
// saved) and each answer in an exam attempt.
type seatWatch struct {
	attempt func(progress.Attempt)
	answer  func(progress.Answer)
}

// mode is the mode of an attempt started here ("" when unknown).
func (s *seatStore) mode(id int64) progress.Mode {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.modes[id]
}

func (s *seatStore) setMode(id int64, m progress.Mode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.modes) > 10000 {
		clear(s.modes)
	}
	s.modes[id] = m
}

func (s *seatStore) watchAttempt(a progress.Attempt) {
	s.setMode(a.ID, a.Mode)
	if a.Mode == progress.ModeExam && s.watch.attempt != nil {
		s.watch.attempt(a)
	}
}

// Wait waits for the writes under way, at most until ctx ends; it reports
// whether they all finished.
func (s *seatStore) Wait(ctx context.Context) bool {
	s.flightMu.Lock()
	done := s.idle
	s.flightMu.Unlock()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// Failed reports whether the most recent write failed.
func (s *seatStore) Failed() bool { return s.failed.Load() }

// write runs one write, counting it in flight and remembering its result.
func (s *seatStore) write(f func() error) error {
	s.flightMu.Lock()
	if s.inflight == 0 {
		s.idle = make(chan struct{})
	}
	s.inflight++
	s.flightMu.Unlock()
	defer func() {
		s.flightMu.Lock()
		if s.inflight--; s.inflight == 0 {
			close(s.idle)
		}
		s.flightMu.Unlock()
	}()
	err := f()
	s.failed.Store(err != nil)
	return err
}

func (s *seatStore) mine(pid int64) error {
	if pid != s.profile.ID {
		return ErrNotYours
	}
	return nil
}

// ownAttempt checks that attempt id is theirs (asking the store once).
func (s *seatStore) ownAttempt(ctx context.Context, id int64) error {
	if id == 0 {
		return nil
	}
	s.mu.Lock()
	ok, known := s.attempts[id]
	s.mu.Unlock()
	if !known {
		a, _, err := s.inner.Attempt(ctx, id)
		if err != nil {
			return err
		}
		ok = a.ProfileID == s.profile.ID
		s.remember(s.attempts, id, ok)
	}
	if !ok {
		return ErrNotYours
	}
	return nil
}

// ownRun checks that run id is theirs. The store has no lookup by run id,
// so an unknown run is looked for among their runs of the scenario.
func (s *seatStore) ownRun(ctx context.Context, r progress.Run) error {
	if r.ID == 0 {
		return nil
	}
	s.mu.Lock()
	ok, known := s.runs[r.ID]
	s.mu.Unlock()
	if !known {
		runs, err := s.inner.Runs(ctx, s.profile.ID, r.ScenarioID)
		if err != nil {
			return err
		}
		for _, x := range runs {
			if x.ID == r.ID {
				ok = true
			}
		}
		s.remember(s.runs, r.ID, ok)
	}
	if !ok {
		return ErrNotYours
	}
	return nil
}

func (s *seatStore) remember(m map[int64]bool, id int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(m) > 10000 {
		clear(m)
	}
	m[id] = ok
}

func (s *seatStore) mineReviews(items []progress.ReviewItem) error {
	for _, it := range items {
		if it.ProfileID != 0 && it.ProfileID != s.profile.ID {
			return ErrNotYours
		}
	}
	return nil
}

// Status hides the trainer's file paths: a trainee learns only whether
// answers can be saved.
func (s *seatStore) Status() progress.Status {
	st := s.inner.Status()
	out := progress.Status{ReadOnly: st.ReadOnly}
	if st.ReadOnly {
		out.Reason = "the workshop's progress file cannot be written; tell the trainer"
	}
	return out
}

func (s *seatStore) Profiles(context.Context) ([]progress.Profile, error) {
	return []progress.Profile{s.profile}, nil
}

func (s *seatStore) CreateProfile(context.Context, string, content.Role) (progress.Profile, error) {
	return progress.Profile{}, fmt.Errorf("create a learner: %w", errRoomOnly)
}

func (s *seatStore) ProfileByName(_ context.Context, name string) (progress.Profile, error) {
	if name == s.profile.Name || nameSkeleton(name) == nameSkeleton(s.profile.Name) {
		return s.profile, nil
	}
	return progress.Profile{}, ErrNotYours
}

func (s *seatStore) DeleteProfile(context.Context, int64) error {
	return fmt.Errorf("delete a learner: %w", errRoomOnly)
}

func (s *seatStore) StartAttempt(ctx context.Context, a progress.Attempt) (progress.Attempt, error) {
	if err := s.mine(a.ProfileID); err != nil {
		return zero[progress.Attempt](), err
	}
	var out progress.Attempt
	err := s.write(func() (err error) { out, err = s.inner.StartAttempt(ctx, a); return err })
	if err != nil {
		return out, err
	}
	s.remember(s.attempts, out.ID, true)
	s.watchAttempt(out)
	s.note(EventActivity, func(m *Member) { m.Activity = attemptActivity(out, s.now()) })
	return out, nil
}

func (s *seatStore) SaveAttempt(ctx context.Context, a progress.Attempt) error {
	if err := s.mine(a.ProfileID); err != nil {
		return err
	}
	if err := s.ownAttempt(ctx, a.ID); err != nil {
		return err
	}
	if err := s.write(func() error { return s.inner.SaveAttempt(ctx, a) }); err != nil {
		return err
	}
	if a.Mode == progress.ModeExam && s.watch.attempt != nil {
		// The stored attempt: its extension may be more than a holds.
		if stored, _, err := s.inner.Attempt(ctx, a.ID); err == nil {
			a = stored
		}
	}
	s.watchAttempt(a)
	s.note(EventActivity, func(m *Member) { m.Activity = attemptActivity(a, s.now()) })
	return nil
}

func attemptActivity(a progress.Attempt, now time.Time) Activity {
	return Activity{Kind: string(a.Mode), ItemID: a.ModuleID, Position: a.Current, Of: len(a.Questions), Finished: a.Done(), At: now}
}

func (s *seatStore) UnfinishedAttempt(ctx context.Context, pid int64, moduleID string, mode progress.Mode) (progress.Attempt, []progress.Answer, error) {
	if err := s.mine(pid); err != nil {
		return zero[progress.Attempt](), nil, err
	}
	a, ans, err := s.inner.UnfinishedAttempt(ctx, pid, moduleID, mode)
	if err == nil && a.ProfileID == s.profile.ID {
		s.remember(s.attempts, a.ID, true)
		s.setMode(a.ID, a.Mode)
	}
	return a, ans, err
}

func (s *seatStore) Attempt(ctx context.Context, id int64) (progress.Attempt, []progress.Answer, error) {
	a, ans, err := s.inner.Attempt(ctx, id)
	if err != nil {
		return a, ans, err
	}
	if a.ProfileID != s.profile.ID {
		s.remember(s.attempts, id, false)
		return zero[progress.Attempt](), nil, ErrNotYours
	}
	s.remember(s.attempts, id, true)
	return a, ans, nil
}

func (s *seatStore) Attempts(ctx context.Context, pid int64, moduleID string, mode progress.Mode) ([]progress.Attempt, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.Attempts(ctx, pid, moduleID, mode)
}

func (s *seatStore) RecordAnswer(ctx context.Context, a progress.Answer, reviews ...progress.ReviewItem) (progress.Answer, error) {
	if err := s.mine(a.ProfileID); err != nil {
		return zero[progress.Answer](), err
	}
	if err := s.mineReviews(reviews); err != nil {
		return zero[progress.Answer](), err
	}
	if err := s.ownAttempt(ctx, a.AttemptID); err != nil {
		return zero[progress.Answer](), err
	}
	var out progress.Answer
	err := s.write(func() (err error) { out, err = s.inner.RecordAnswer(ctx, a, reviews...); return err })
	if err != nil {
		return out, err
	}
	switch s.mode(a.AttemptID) {
	case progress.ModeLed:
		// The room sees answers to what it is led to only as anonymous
		// counts: nothing of this one reaches the roster.
		return out, nil
	case progress.ModeExam:
		if s.watch.answer != nil {
			s.watch.answer(a)
		}
	}
	s.note(EventAnswered, func(m *Member) {
		m.Last = LastAnswer{ModuleID: a.ModuleID, QuestionID: a.QuestionID, Correct: a.Correct, Score: a.Score, At: s.now()}
		m.Answers++
		if a.Correct {
			m.Correct++
		}
	})
	return out, nil
}

func (s *seatStore) StartRun(ctx context.Context, r progress.Run) (progress.Run, error) {
	if err := s.mine(r.ProfileID); err != nil {
		return zero[progress.Run](), err
	}
	var out progress.Run
	err := s.write(func() (err error) { out, err = s.inner.StartRun(ctx, r); return err })
	if err != nil {
		return out, err
	}
	s.remember(s.runs, out.ID, true)
	s.note(EventActivity, func(m *Member) { m.Activity = runActivity(out, s.now()) })
	return out, nil
}

func (s *seatStore) SaveRun(ctx context.Context, r progress.Run, reviews ...progress.ReviewItem) error {
	if err := s.mine(r.ProfileID); err != nil {
		return err
	}
	if err := s.mineReviews(reviews); err != nil {
		return err
	}
	if err := s.ownRun(ctx, r); err != nil {
		return err
	}
	if err := s.write(func() error { return s.inner.SaveRun(ctx, r, reviews...) }); err != nil {
		return err
	}
	s.note(EventActivity, func(m *Member) { m.Activity = runActivity(r, s.now()) })
	return nil
}

func runActivity(r progress.Run, now time.Time) Activity {
	a := Activity{Kind: "scenario", ItemID: r.ScenarioID, Position: len(r.Path), Finished: r.Done(), At: now}
	if len(r.Path) > 0 {
		a.Scene = r.Path[len(r.Path)-1]
	}
	return a
}

func (s *seatStore) UnfinishedRun(ctx context.Context, pid int64, scenarioID string) (progress.Run, error) {
	if err := s.mine(pid); err != nil {
		return zero[progress.Run](), err
	}
	r, err := s.inner.UnfinishedRun(ctx, pid, scenarioID)
	if err == nil && r.ProfileID == s.profile.ID {
		s.remember(s.runs, r.ID, true)
	}
	return r, err
}

func (s *seatStore) Runs(ctx context.Context, pid int64, scenarioID string) ([]progress.Run, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.Runs(ctx, pid, scenarioID)
}

func (s *seatStore) SetBookmark(ctx context.Context, b progress.Bookmark) error {
	if err := s.mine(b.ProfileID); err != nil {
		return err
	}
	if err := s.write(func() error { return s.inner.SetBookmark(ctx, b) }); err != nil {
		return err
	}
	if b.Kind == "module" {
		s.note(EventActivity, func(m *Member) {
			m.Activity = Activity{Kind: "module", ItemID: b.ItemID, Position: b.Position, At: s.now()}
		})
	}
	return nil
}

func (s *seatStore) Bookmarks(ctx context.Context, pid int64) ([]progress.Bookmark, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.Bookmarks(ctx, pid)
}

// Settings returns the trainee's own settings.
func (s *seatStore) Settings(ctx context.Context, pid int64) (map[string]string, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.Settings(ctx, pid)
}

// SetSetting stores one of the trainee's own settings.
func (s *seatStore) SetSetting(ctx context.Context, pid int64, name, value string) error {
	if err := s.mine(pid); err != nil {
		return err
	}
	return s.write(func() error { return s.inner.SetSetting(ctx, pid, name, value) })
}

// NotesSeen lists the content notes the trainee has read.
func (s *seatStore) NotesSeen(ctx context.Context, pid int64) ([]progress.NoteSeen, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.NotesSeen(ctx, pid)
}

// MarkNoteSeen records a content note the trainee has read.
func (s *seatStore) MarkNoteSeen(ctx context.Context, n progress.NoteSeen) error {
	if err := s.mine(n.ProfileID); err != nil {
		return err
	}
	return s.write(func() error { return s.inner.MarkNoteSeen(ctx, n) })
}

func (s *seatStore) MarkComplete(ctx context.Context, pid int64, moduleID string, at time.Time) error {
	if err := s.mine(pid); err != nil {
		return err
	}
	if err := s.write(func() error { return s.inner.MarkComplete(ctx, pid, moduleID, at) }); err != nil {
		return err
	}
	s.note(EventCompleted, func(m *Member) { m.Completed++ })
	return nil
}

func (s *seatStore) ReviewItems(ctx context.Context, pid int64) ([]progress.ReviewItem, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.ReviewItems(ctx, pid)
}

func (s *seatStore) ReviewDue(ctx context.Context, pid int64, now time.Time) ([]progress.ReviewItem, error) {
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.ReviewDue(ctx, pid, now)
}

func (s *seatStore) SaveReviews(ctx context.Context, pid int64, items ...progress.ReviewItem) error {
	if err := s.mine(pid); err != nil {
		return err
	}
	if err := s.mineReviews(items); err != nil {
		return err
	}
	return s.write(func() error { return s.inner.SaveReviews(ctx, pid, items...) })
}

func (s *seatStore) Dashboard(ctx context.Context, pid int64) (progress.Dashboard, error) {
	if err := s.mine(pid); err != nil {
		return progress.Dashboard{}, err
	}
	return s.inner.Dashboard(ctx, pid)
}

// Answers lists their answers only; 0 (every profile) means theirs.
func (s *seatStore) Answers(ctx context.Context, pid int64) ([]progress.Answer, error) {
	if pid == 0 {
		pid = s.profile.ID
	}
	if err := s.mine(pid); err != nil {
		return nil, err
	}
	return s.inner.Answers(ctx, pid)
}

// Close does nothing: the room owns the store and closes it.
func (s *seatStore) Close() error { return nil }
