package activity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// ErrExamOpen means an assessed exam on the module is open, so its pages,
// practice quiz and review questions are closed until it is submitted or
// its time runs out. The error's text says until when.
var ErrExamOpen = errors.New("an exam on this module is open")

// Exam is an assessed exam for one learner: drawn when the learner begins,
// then answered with no feedback, with free movement and flags, against a
// deadline that keeps running whatever happens (see engine.Exam), and
// submitted by the learner or by the clock.
type Exam struct {
	l        *Learner
	mod      *content.Module
	cat      *content.Catalogue
	settings content.ExamSettings
	// seed chooses the draw; zero means one from the clock.
	seed int64
	// deadline, when set, is the deadline a workshop room shares (see
	// Sitting): a new exam's time limit is what is left of it.
	deadline time.Time

	// E is the exam's state once it has begun (drawn), else nil.
	E *engine.Exam
	// Resumed is true for an exam carried on from an earlier sitting.
	Resumed bool
	// Settled is true when the exam's time ran out while the learner was
	// away: it was submitted as it stood at the deadline when reopened.
	Settled bool
	// Finished attempts before this one.
	Before int

	h      *attemptHolder
	result *engine.ExamResult
}

// OpenExam prepares an exam of m with settings (the module's, possibly
// tightened; defaults are applied here). An unfinished attempt is carried
// on: with its time left, or, when its deadline passed meanwhile, submitted
// as it stood at the deadline (Settled) and returned finished. Otherwise a
// new exam is ready to Begin, unless no attempts are left
// (engine.ErrNoAttemptsLeft).
func (l *Learner) OpenExam(ctx context.Context, lib *content.Library, m *content.Module, settings content.ExamSettings) (*Exam, error) {
	if len(m.Questions) == 0 {
		return nil, fmt.Errorf("module %q has no questions for an exam", m.ID)
	}
	x := &Exam{l: l, mod: m, settings: settings.WithDefaults(len(m.Questions)), h: &attemptHolder{}}
	if lib != nil {
		x.cat = lib.Catalogue
	}
	if !l.records() {
		return x, nil
	}
	a, answers, err := l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModeExam)
	switch {
	case err == nil:
		x.resume(a, answers)
		if x.E.Expired(l.now()) {
			x.Settled = true
			if err := x.submitAt(x.E.Deadline()).Save(ctx); err != nil {
				return x, fmt.Errorf("submit the exam whose time ran out: %w", err)
			}
		}
		return x, nil
	case !errors.Is(err, progress.ErrNotFound):
		return nil, fmt.Errorf("look for an unfinished exam: %w", err)
	}
	past, err := l.Attempts(ctx, m.ID, progress.ModeExam)
	if err != nil {
		return nil, err
	}
	for _, a := range past {
		if a.Done() {
			x.Before++
		}
	}
	if err := engine.CanAttempt(x.settings, x.Before); err != nil {
		return nil, fmt.Errorf("exam %s: %w", m.ID, err)
	}
	return x, nil
}

// resume rebuilds the exam's state from a stored attempt and its answers.
func (x *Exam) resume(a progress.Attempt, answers []progress.Answer) {
	x.Resumed = true
	if a.PassMark > 0 {
		x.settings.PassMark = a.PassMark
	}
	x.settings.TimeLimit = a.TimeLimit
	x.settings.Questions = len(a.Questions)
	limit := a.TimeLimit
	if limit > 0 {
		limit += a.Extension
	}
	e := &engine.Exam{Module: x.mod, Questions: a.Questions, OptionOrder: a.OptionOrder,
		Answers: map[string][]int{}, Flagged: map[string]bool{}, Started: a.Started,
		Limit: limit, Seen: a.Started.Add(a.Elapsed)}
	for _, ans := range answers {
		if len(ans.Chosen) > 0 {
			e.Answers[ans.QuestionID] = ans.Chosen
		} else {
			delete(e.Answers, ans.QuestionID)
		}
	}
	for _, id := range a.Flagged {
		e.Flagged[id] = true
	}
	e.Pos = min(max(a.Current, 0), max(len(a.Questions)-1, 0))
	x.E = e
	x.h.a = a
}

// Seed fixes the draw of a new exam (for scripted, reproducible runs);
// zero means one from the clock.
func (x *Exam) Seed(seed int64) { x.seed = seed }

// ErrSittingOver means a room's exam cannot be begun: its shared deadline
// has passed.
var ErrSittingOver = errors.New("the room's exam time is over")

// Sitting is an exam a workshop room sits together: the trainer's
// settings, which the learner cannot change, and one deadline shared by
// everyone in the room, fixed when the trainer started it. Whenever a
// learner begins, their attempt's time limit is what is left until that
// deadline, so every attempt ends at the same instant (Started +
// TimeLimit is the shared deadline); only an extension the trainer gives
// one learner (ExtendExam) moves theirs.
type Sitting struct {
	Settings content.ExamSettings
	// Started is when the trainer started it; Deadline is the room's
	// deadline (zero for an untimed exam).
	Started, Deadline time.Time
}

// OpenSitting prepares the room's exam of m (see Sitting). An unfinished
// exam attempt at m is carried on as OpenExam does. An attempt the learner
// already finished in this sitting (begun since it started) is returned
// done, with its result: a sitting is taken once. Otherwise a new exam is
// ready to Begin with the sitting's settings, unless its deadline has
// passed (ErrSittingOver) or no attempts are left.
func (l *Learner) OpenSitting(ctx context.Context, lib *content.Library, m *content.Module, s Sitting) (*Exam, error) {
	set := s.Settings
	if !s.Deadline.IsZero() && set.TimeLimit <= 0 {
		set.TimeLimit = time.Minute // marks it timed; Begin sets the real limit
	}
	if l.records() && !s.Started.IsZero() {
		_, _, err := l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModeExam)
		if errors.Is(err, progress.ErrNotFound) {
			if x, err := l.sat(ctx, lib, m, set, s.Started); x != nil || err != nil {
				return x, err
			}
		}
	}
	x, err := l.OpenExam(ctx, lib, m, set)
	if err != nil {
		return nil, err
	}
	if x.Begun() {
		return x, nil
	}
	x.deadline = s.Deadline
	if !x.deadline.IsZero() && !l.now().Before(x.deadline) {
		return nil, fmt.Errorf("exam %s: %w (it ended at %s)", m.ID, ErrSittingOver, x.deadline.Local().Format("15:04"))
	}
	return x, nil
}

// sat returns the exam the learner finished in a sitting that started at
// since, done, or nil when there is none.
func (l *Learner) sat(ctx context.Context, lib *content.Library, m *content.Module, set content.ExamSettings, since time.Time) (*Exam, error) {
	past, err := l.Attempts(ctx, m.ID, progress.ModeExam)
	if err != nil {
		return nil, err
	}
	for _, a := range past {
		if !a.Done() || a.Started.Before(since) {
			continue
		}
		a, answers, err := l.Store.Attempt(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("read the exam you took: %w", err)
		}
		x := &Exam{l: l, mod: m, settings: set.WithDefaults(len(m.Questions)), h: &attemptHolder{}}
		if lib != nil {
			x.cat = lib.Catalogue
		}
		x.resume(a, answers)
		x.Resumed = false
		res := x.E.Score(x.cat, x.settings.PassMark)
		x.result = &res
		x.h.finished = true
		return x, nil
	}
	return nil, nil
}

// Module is the exam's module.
func (x *Exam) Module() *content.Module { return x.mod }

// Settings are the rules the exam runs with.
func (x *Exam) Settings() content.ExamSettings { return x.settings }

// Begun reports whether the exam has been drawn and its clock started.
func (x *Exam) Begun() bool { return x.E != nil }

// Done reports whether the exam has been submitted.
func (x *Exam) Done() bool { return x.result != nil }

// Result is the submitted exam's result (zero before submission).
func (x *Exam) Result() engine.ExamResult {
	if x.result == nil {
		return engine.ExamResult{}
	}
	return *x.result
}

// Attempt is the attempt as last saved or submitted.
func (x *Exam) Attempt() progress.Attempt {
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	return x.h.a
}

// Taken is the wall time the submitted exam took.
func (x *Exam) Taken() time.Duration { return x.Attempt().Elapsed }

// Certificate says how a passed exam's certificate is written, as a
// command the learner can paste: signed by this computer's issuer key, or a
// self-study record.
func (x *Exam) Certificate() string {
	cmd := x.l.Command("certificate", "--profile", x.l.Profile.Name, "--module", x.mod.ID)
	if x.l.Signed {
		return "You can write a certificate signed by this computer's issuer key: " + cmd
	}
	return "You can write a self-study record (not checked by a trainer): " + cmd
}

// Changed reports whether the module has changed since the exam began:
// questions no longer in it are not scored.
func (x *Exam) Changed() bool {
	return x.E != nil && x.Attempt().Fingerprint != "" && x.Attempt().Fingerprint != engine.Fingerprint(x.mod)
}

// Begin draws the exam and starts its clock; the deadline is fixed now (for
// a Sitting, it is the room's). It returns the write that stores the new
// attempt.
func (x *Exam) Begin() Pending {
	if x.E != nil {
		return Pending{}
	}
	now := x.l.now()
	seed := x.seed
	if seed == 0 {
		seed = now.UnixNano()
	}
	if !x.deadline.IsZero() {
		// A room's exam: the time left until the shared deadline (at
		// least a second, so a timed exam stays timed).
		// Wall-clock times (Round(0) drops the monotonic reading), so
		// Started + TimeLimit is the deadline exactly, as stored.
		x.settings.TimeLimit = max(x.deadline.Round(0).Sub(now.Round(0)), time.Second)
	}
	x.E = engine.NewExam(x.mod, x.settings, seed, now)
	x.h.a = progress.Attempt{ProfileID: x.l.Profile.ID, ModuleID: x.mod.ID, Mode: progress.ModeExam,
		Fingerprint: engine.Fingerprint(x.mod), Version: x.mod.Version, Seed: seed,
		Questions: x.E.Questions, OptionOrder: x.E.OptionOrder, TimeLimit: x.settings.TimeLimit,
		PassMark: x.settings.PassMark, Started: now}
	if !x.l.records() {
		return Pending{}
	}
	store, h := x.l.Store, x.h
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		_, err := h.ensure(ctx, store)
		return err
	}}
}

// Remaining is the time left now; -1 for an untimed exam.
func (x *Exam) Remaining() time.Duration {
	if x.E == nil && !x.deadline.IsZero() {
		return max(x.deadline.Sub(x.l.now()), 0)
	}
	if x.E == nil {
		return x.settings.TimeLimit
	}
	return x.E.Remaining(x.l.now())
}

// Expired reports whether the deadline has passed.
func (x *Exam) Expired() bool { return x.E != nil && x.E.Expired(x.l.now()) }

// Warning reports whether the exam is in its final stretch.
func (x *Exam) Warning() bool { return x.E != nil && x.E.Warning(x.l.now()) }

// Deadline is when the exam ends; zero when untimed or not begun.
func (x *Exam) Deadline() time.Time {
	if x.E == nil {
		return time.Time{}
	}
	return x.E.Deadline()
}

// Extension is the extra time a trainer gave this attempt.
func (x *Exam) Extension() time.Duration { return x.Attempt().Extension }

// Refresh reads the attempt's extension from the store and applies it
// (StoredExtension, then ApplyExtension): a trainer may give extra time
// while the exam is open (ExtendExam), and the open exam's deadline moves
// with it. It reports whether the deadline moved. An exam already
// submitted is left alone.
func (x *Exam) Refresh(ctx context.Context) (bool, error) {
	ext, err := x.StoredExtension(ctx)
	if err != nil {
		return false, err
	}
	return x.ApplyExtension(ext), nil
}

// StoredExtension reads the extension stored with the attempt (0 before
// it is stored). It changes nothing, so an interface may call it off its
// own goroutine and apply the result with ApplyExtension on it.
func (x *Exam) StoredExtension(ctx context.Context) (time.Duration, error) {
	x.h.mu.Lock()
	id, ext := x.h.a.ID, x.h.a.Extension
	x.h.mu.Unlock()
	if id == 0 || !x.l.records() {
		return ext, nil
	}
	a, _, err := x.l.Store.Attempt(ctx, id)
	if err != nil {
		return ext, fmt.Errorf("read the exam's time: %w", err)
	}
	return a.Extension, nil
}

// ApplyExtension moves the open exam's deadline to take in an extension
// of ext in all (as StoredExtension read it); it reports whether the
// deadline moved. Extensions only grow, and a submitted or untimed exam
// is left alone.
func (x *Exam) ApplyExtension(ext time.Duration) bool {
	if x.E == nil || x.Done() || x.E.Limit <= 0 {
		return false
	}
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	if ext <= x.h.a.Extension {
		return false
	}
	x.E.Limit += ext - x.h.a.Extension
	x.h.a.Extension = ext
	return true
}

// ExtendExam gives the learner's open exam at m extra time (d on top of
// what it had), recorded in the attempt, and returns its new deadline. It
// is how a trainer meets an accessibility need in a workshop room. An exam
// with no time limit, or none open, cannot be extended.
func (l *Learner) ExtendExam(ctx context.Context, m *content.Module, d time.Duration) (time.Time, error) {
	if d <= 0 {
		return time.Time{}, fmt.Errorf("extra time must be more than nothing, not %s", d)
	}
	if !l.records() {
		return time.Time{}, errors.New("extend an exam: no learner")
	}
	a, _, err := l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModeExam)
	if errors.Is(err, progress.ErrNotFound) {
		return time.Time{}, fmt.Errorf("%s has no open exam on %s", l.Profile.Name, m.Title)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("look for %s's exam: %w", l.Profile.Name, err)
	}
	if a.TimeLimit <= 0 {
		return time.Time{}, fmt.Errorf("%s's exam on %s has no time limit", l.Profile.Name, m.Title)
	}
	seen := l.now()
	if last := a.Started.Add(a.Elapsed); last.After(seen) {
		seen = last
	}
	if !seen.Before(a.Deadline()) {
		return time.Time{}, fmt.Errorf("%s's exam on %s has already ended", l.Profile.Name, m.Title)
	}
	a.Extension += d
	if err := l.Store.SaveAttempt(ctx, a); err != nil {
		return time.Time{}, fmt.Errorf("give %s extra time: %w", l.Profile.Name, err)
	}
	return a.Deadline(), nil
}

// Answer sets the answer to shown question i from the positions shown (the
// options ticked, or the order given) and returns the write that records
// it; a later answer to the same question replaces it. No feedback is
// given. After the deadline nothing is recorded.
func (x *Exam) Answer(i int, shown []int) Pending {
	if x.E == nil || x.Done() || x.Expired() {
		return Pending{}
	}
	q := x.E.Question(i)
	if q == nil {
		return Pending{}
	}
	chosen, res := x.E.Answer(i, shown)
	x.E.Pos = i
	if !x.l.records() {
		return Pending{}
	}
	ans := progress.Answer{ProfileID: x.l.Profile.ID, ModuleID: x.mod.ID, QuestionID: q.ID,
		Version: x.h.a.Fingerprint, Chosen: chosen, Correct: res.Correct, Score: res.Score,
		At: x.E.Observe(x.l.now()), Indicators: hits(res)}
	if len(chosen) == 0 {
		ans.Correct, ans.Score, ans.Indicators = false, 0, nil
	}
	pos := x.position()
	store, h := x.l.Store, x.h
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		a, err := h.ensure(ctx, store)
		if err != nil {
			return err
		}
		ans.AttemptID = a.ID
		if _, err := store.RecordAnswer(ctx, ans); err != nil {
			return fmt.Errorf("record answer: %w", err)
		}
		return h.savePosition(ctx, store, pos)
	}}
}

// examPosition is what SavePosition keeps of an exam in progress.
type examPosition struct {
	current int
	flagged []string
	elapsed time.Duration
}

func (x *Exam) position() examPosition {
	now := x.E.Observe(x.l.now())
	return examPosition{current: x.E.Pos, flagged: x.E.FlaggedList(), elapsed: now.Sub(x.E.Started)}
}

// savePosition stores the position on the held attempt; h.mu is held.
func (h *attemptHolder) savePosition(ctx context.Context, store progress.Store, p examPosition) error {
	if h.finished || h.a.ID == 0 {
		return nil
	}
	h.a.Current, h.a.Flagged = p.current, p.flagged
	h.a.Elapsed = max(h.a.Elapsed, p.elapsed)
	if err := store.SaveAttempt(ctx, h.a); err != nil {
		return fmt.Errorf("save exam position: %w", err)
	}
	return nil
}

// SavePosition returns the write that keeps where the learner is, the
// flags and the latest time seen, so the exam resumes there.
func (x *Exam) SavePosition() Pending {
	if x.E == nil || x.Done() || !x.l.records() {
		return Pending{}
	}
	pos := x.position()
	store, h := x.l.Store, x.h
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, err := h.ensure(ctx, store); err != nil {
			return err
		}
		return h.savePosition(ctx, store, pos)
	}}
}

// Submit scores the exam as it stands and returns the write that records
// the result: the attempt finished (sealed where the machine has an issuer
// key) and, when passed, the module complete. An exam submitted after its
// deadline is scored as it stood at the deadline.
func (x *Exam) Submit() Pending {
	if x.E == nil || x.Done() {
		return Pending{}
	}
	end := x.E.Observe(x.l.now())
	if d := x.E.Deadline(); !d.IsZero() && end.After(d) {
		end = d
	}
	return x.submitAt(end)
}

// submitAt scores the exam and records it as finished at end.
func (x *Exam) submitAt(end time.Time) Pending {
	res := x.E.Score(x.cat, x.settings.PassMark)
	x.result = &res
	x.h.mu.Lock()
	a := x.h.a
	x.h.mu.Unlock()
	a.Current, a.Flagged = x.E.Pos, x.E.FlaggedList()
	a.Finished, a.Elapsed = end, x.E.Taken(end)
	a.Score, a.Total, a.Passed, a.PassMark = res.Score, res.Total, res.Passed, x.settings.PassMark
	if !x.l.records() {
		x.h.a, x.h.finished = a, true
		return Pending{}
	}
	l, store, h, mod := x.l, x.l.Store, x.h, x.mod
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.finished {
			return nil
		}
		stored, err := h.ensure(ctx, store)
		if err != nil {
			return err
		}
		a.ID = stored.ID
		if l.Seal != nil {
			if err := l.Seal(l.Profile, mod, &a); err != nil {
				l.logf("seal exam attempt %d: %v", a.ID, err)
			}
		}
		if err := store.SaveAttempt(ctx, a); err != nil {
			return fmt.Errorf("save exam result: %w", err)
		}
		h.a, h.finished = a, true
		if a.Passed {
			if err := store.MarkComplete(ctx, l.Profile.ID, mod.ID, a.Finished); err != nil {
				return fmt.Errorf("mark %s complete: %w", mod.ID, err)
			}
		}
		return nil
	}}
}

// ExamLock says whether an exam on module m is open for this learner, and
// until when. While it is, the module's pages, practice quiz and the
// review of its questions are closed (see CheckOpen). An open exam whose
// time has run out is settled here (submitted as it stood at the
// deadline), so it locks nothing.
func (l *Learner) ExamLock(ctx context.Context, m *content.Module) (until time.Time, open bool, err error) {
	if !l.records() {
		return time.Time{}, false, nil
	}
	a, _, err := l.Store.UnfinishedAttempt(ctx, l.Profile.ID, m.ID, progress.ModeExam)
	if errors.Is(err, progress.ErrNotFound) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("look for an open exam on %s: %w", m.ID, err)
	}
	if a.TimeLimit > 0 {
		deadline := a.Deadline()
		seen := l.now()
		if last := a.Started.Add(a.Elapsed); last.After(seen) {
			seen = last // the clock was moved back: keep the latest time seen
		}
		if !seen.Before(deadline) {
			if _, err := l.OpenExam(ctx, nil, m, m.Exam); err != nil {
				return time.Time{}, false, err
			}
			return time.Time{}, false, nil
		}
		return deadline, true, nil
	}
	return time.Time{}, true, nil
}

// CheckOpen returns an error wrapping ErrExamOpen when an exam on m is
// open, worded for the learner with the time it closes; nil otherwise.
// The interfaces call it before opening a module's pages, its practice
// quiz or a review with its questions.
func (l *Learner) CheckOpen(ctx context.Context, m *content.Module) error {
	until, open, err := l.ExamLock(ctx, m)
	if err != nil || !open {
		return err
	}
	if until.IsZero() {
		return fmt.Errorf("%w: %s is closed until you submit the exam", ErrExamOpen, m.Title)
	}
	return fmt.Errorf("%w: %s is closed until you submit the exam or its time runs out at %s", ErrExamOpen, m.Title, until.Local().Format("15:04"))
}
