package room

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"frontline/internal/activity"
	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// LedFile keeps how the room is led, in its folder: the mode, the item,
// whether it was revealed, the room's path through the case study it
// plays, the exam it sits, and the answers given to the current item. A
// restarted room carries on from it.
const LedFile = "led.json"

// ledFile is LedFile's contents.
type ledFile struct {
	Version int          `json:"version"`
	Led     workshop.Led `json:"led"`
	// Answers are the answers to the current item, by trainee (name
	// skeleton) and part: options chosen in module order.
	Answers map[string]map[string][]int `json:"answers,omitempty"`
}

// Errors the led room returns for what cannot be done now.
var (
	// ErrNotLed: the room is not in led mode.
	ErrNotLed = errors.New("the room is not being led: lead it to something first")
	// ErrRemoved: the trainer removed this trainee from the room.
	ErrRemoved = errors.New("removed from the room by the trainer")
)

// loadLed reads LedFile; a missing file is a room in free mode.
func (r *Room) loadLed() error {
	path := filepath.Join(r.dir, LedFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var f ledFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("%s: %w (move it away to start the room in free mode; progress is kept in progress.db)", path, err)
	}
	r.led = f.Led
	r.answers = map[string]map[string][]int{}
	for sk, parts := range f.Answers {
		r.answers[sk] = parts
	}
	if r.led.Mode != workshop.ModeFree {
		if _, err := workshop.Resolve(r.cfg.Library, r.led.Item); err != nil && r.led.Mode == workshop.ModeLed {
			r.log.Printf("room %s: the led item is gone from the content (%v); free mode", r.cfg.Name, err)
			r.led.Mode = workshop.ModeFree
		}
	}
	return nil
}

// saveLed writes LedFile from the state as it is now. Saves are made one
// at a time, each from a snapshot taken in turn, so the file never goes
// back to an older state.
func (r *Room) saveLed() error {
	r.ledSave.Lock()
	defer r.ledSave.Unlock()
	r.mu.Lock()
	f := ledFile{Version: 1, Led: r.led, Answers: r.answers}
	data, err := json.MarshalIndent(f, "", "  ")
	r.mu.Unlock()
	if err != nil {
		return fmt.Errorf("save the room's mode: %w", err)
	}
	err = atomicfile.Write(filepath.Join(r.dir, LedFile), 0o600, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
	if err != nil {
		r.log.Printf("room %s: save %s: %v", r.cfg.Name, LedFile, err)
		return fmt.Errorf("save the room's mode: %w", err)
	}
	return nil
}

// changed saves the led state, tells every seat and publishes what
// changed.
func (r *Room) changed(detail string) error {
	err := r.saveLed()
	r.pushViews()
	r.bus.publish(Event{Kind: EventLed, At: r.now(), Detail: detail})
	return err
}

// Led is how the room is led now.
func (r *Room) Led() workshop.Led {
	r.mu.Lock()
	defer r.mu.Unlock()
	return cloneLed(r.led)
}

func cloneLed(l workshop.Led) workshop.Led {
	l.Path = slices.Clone(l.Path)
	l.Moves = slices.Clone(l.Moves)
	if l.Exam != nil {
		x := *l.Exam
		l.Exam = &x
	}
	return l
}

// Status is the led state with the live counts of the answers to the
// current item, for the trainer's console.
func (r *Room) Status() workshop.Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return workshop.Status{Led: cloneLed(r.led), Counts: r.countsLocked(), Present: len(r.seats)}
}

// countsLocked counts the answers to the current item; r.mu is held.
func (r *Room) countsLocked() []workshop.Count {
	if r.led.Mode != workshop.ModeLed {
		return nil
	}
	parts := workshop.Parts(r.cfg.Library, r.led.Item)
	buckets := map[string]map[string][]int{}
	for sk, mine := range r.answers {
		for key, chosen := range mine {
			if b, ok := workshop.Bucket(r.cfg.Library, r.led.Item, key, chosen); ok {
				if buckets[sk] == nil {
					buckets[sk] = map[string][]int{}
				}
				buckets[sk][key] = b
			}
		}
	}
	return workshop.Tally(parts, buckets)
}

// seatView is what trainee sk's screen is told; r.mu is held.
func (r *Room) seatViewLocked(sk string) workshop.SeatView {
	v := workshop.SeatView{Led: cloneLed(r.led)}
	if r.led.Mode == workshop.ModeLed && r.led.Revealed {
		for _, c := range r.countsLocked() {
			v.Counts = append(v.Counts, c.Public())
		}
	}
	if mine := r.answers[sk]; len(mine) > 0 {
		v.Mine = map[string][]int{}
		for k, c := range mine {
			v.Mine[k] = slices.Clone(c)
		}
	}
	return v
}

// ProjectorView is what the projector shows: no names, counts only once
// revealed.
func (r *Room) ProjectorView() workshop.ProjectorView {
	r.mu.Lock()
	defer r.mu.Unlock()
	v := workshop.ProjectorView{Led: cloneLed(r.led), Present: len(r.seats), Room: r.cfg.Name}
	counts := r.countsLocked()
	if len(counts) > 0 {
		v.Answered = counts[0].Answered
	}
	for _, t := range r.trainees {
		if t.member.Exam != nil && t.member.Exam.Finished {
			v.Submitted++
		}
	}
	if r.led.Revealed {
		for _, c := range counts {
			v.Counts = append(v.Counts, c.Public())
		}
	}
	return v
}

// pushViews tells every seat how the room is led now.
func (r *Room) pushViews() {
	r.mu.Lock()
	type push struct {
		s *Seat
		v workshop.SeatView
	}
	pushes := make([]push, 0, len(r.seats))
	for sk, s := range r.seats {
		pushes = append(pushes, push{s, r.seatViewLocked(sk)})
	}
	r.mu.Unlock()
	for _, p := range pushes {
		p.s.lead(p.v)
	}
}

// pushView tells one seat how the room is led now.
func (r *Room) pushView(s *Seat) {
	r.mu.Lock()
	v := r.seatViewLocked(s.key)
	r.mu.Unlock()
	s.lead(v)
}

// Lead moves every trainee's screen to it: led mode. A case study is led
// from its first scene (the room's path starts again), or carried on at
// the scene the room had reached; from there it moves on by decisions
// (Follow). Leading again to the item the room is on keeps its answers.
func (r *Room) Lead(it workshop.Item) error {
	res, err := workshop.Resolve(r.cfg.Library, it)
	if err != nil {
		return err
	}
	r.mu.Lock()
	same := it == r.led.Item
	switch {
	case same:
	case it.Kind == workshop.KindScene:
		start := engine.StartRun(res.Scenario).Path
		onPath := r.led.Item.Scenario == it.Scenario && len(r.led.Path) > 0 && r.led.Path[len(r.led.Path)-1] == it.Scene
		switch {
		case onPath:
		case len(start) > 0 && it.Scene == start[0]:
			r.led.Path, r.led.Moves = []string{it.Scene}, nil
		default:
			r.mu.Unlock()
			return fmt.Errorf("the room plays %s from its first scene and moves on by decisions", res.Scenario.Title)
		}
	}
	r.led.Mode = workshop.ModeLed
	if !same {
		r.led.Step++
		r.led.Item, r.led.Revealed = it, false
		r.answers = map[string]map[string][]int{}
		for _, t := range r.trainees {
			t.member.LedAnswered = 0
		}
	}
	r.mu.Unlock()
	return r.changed("led to " + workshop.Title(r.cfg.Library, it))
}

// Reveal shows every trainee their own feedback on the current item and
// the room's counts (when at least workshop.MinAnswers answered).
func (r *Room) Reveal() error {
	r.mu.Lock()
	if r.led.Mode != workshop.ModeLed {
		r.mu.Unlock()
		return ErrNotLed
	}
	if len(workshop.Parts(r.cfg.Library, r.led.Item)) == 0 {
		r.mu.Unlock()
		return errors.New("there is nothing to reveal on a page")
	}
	if r.led.Revealed {
		r.mu.Unlock()
		return nil
	}
	r.led.Revealed = true
	r.mu.Unlock()
	return r.changed("revealed")
}

// Follow moves the room on from the scene it is on, by the decision
// option (0-based) the trainer chose, or by the room's majority when
// option < 0. Every trainee's run takes that decision, keeping their own
// vote.
func (r *Room) Follow(option int) error {
	r.mu.Lock()
	if r.led.Mode != workshop.ModeLed || r.led.Item.Kind != workshop.KindScene {
		r.mu.Unlock()
		return errors.New("the room is not on a scene of a case study")
	}
	res, err := workshop.Resolve(r.cfg.Library, r.led.Item)
	if err != nil {
		r.mu.Unlock()
		return err
	}
	d := res.Scene.Decision
	if d == nil {
		r.mu.Unlock()
		return errors.New("this scene is an ending: the case study is over")
	}
	by := workshop.ByTrainer
	if option < 0 {
		by = workshop.ByMajority
		var votes workshop.Count
		for _, c := range r.countsLocked() {
			if c.Part.Kind == workshop.PartDecision {
				votes = c
			}
		}
		if option, err = workshop.Majority(votes); err != nil {
			r.mu.Unlock()
			return err
		}
	}
	if option >= len(d.Options) {
		r.mu.Unlock()
		return fmt.Errorf("there is no action %d here (1 to %d)", option+1, len(d.Options))
	}
	target := d.Options[option].Target
	if _, ok := res.Scenario.Scene(target); !ok {
		r.mu.Unlock()
		return fmt.Errorf("action %d leads to a scene the case study does not have (%q)", option+1, target)
	}
	r.led.Moves = append(r.led.Moves, workshop.Move{Scene: res.Scene.ID, Option: option, By: by})
	r.led.Path = append(r.led.Path, target)
	r.led.Step++
	r.led.Item = workshop.Item{Kind: workshop.KindScene, Scenario: res.Scenario.ID, Scene: target}
	r.led.Revealed = false
	r.answers = map[string]map[string][]int{}
	for _, t := range r.trainees {
		t.member.LedAnswered = 0
	}
	r.mu.Unlock()
	who := "the trainer's choice"
	if by == workshop.ByMajority {
		who = "the majority"
	}
	return r.changed(fmt.Sprintf("moved on by %s: %s", who, d.Options[option].Text))
}

// Release returns the room to free mode: trainees go back to where they
// were. What the room was led to is kept, so the trainer can lead it
// there again. An exam the room sits keeps running to its deadline.
func (r *Room) Release() error {
	r.mu.Lock()
	if r.led.Mode == workshop.ModeFree {
		r.mu.Unlock()
		return nil
	}
	r.led.Mode = workshop.ModeFree
	r.mu.Unlock()
	return r.changed("free mode")
}

// answer takes trainee sk's answer to part of the item of step (already
// saved in their records). Answers to an earlier item, after the reveal,
// or to a part answered already are not counted.
func (r *Room) answer(sk string, step int, part string, chosen []int) {
	r.mu.Lock()
	t := r.trainees[sk]
	ok := t != nil && r.led.Mode == workshop.ModeLed && step == r.led.Step && !r.led.Revealed
	if ok {
		_, ok = workshop.Bucket(r.cfg.Library, r.led.Item, part, chosen)
	}
	if ok {
		_, ok = r.answers[sk][part]
		ok = !ok
	}
	if !ok {
		r.mu.Unlock()
		return
	}
	if r.answers[sk] == nil {
		r.answers[sk] = map[string][]int{}
	}
	r.answers[sk][part] = slices.Clone(chosen)
	t.member.LedAnswered = len(r.answers[sk])
	m := t.member
	r.mu.Unlock()
	_ = r.saveLed()
	r.bus.publish(Event{Kind: EventLedAnswer, At: r.now(), Member: m})
}

// seatLink is a seat's workshop.Link: its trainee's answers go to the
// room.
type seatLink struct {
	r  *Room
	sk string
}

func (l seatLink) Answer(step int, part string, chosen []int) { l.r.answer(l.sk, step, part, chosen) }

// Link is the link trainee name's app reports answers through (what a
// seat is given): for a client of the room other than a seat, such as a
// test standing in for a trainee.
func (r *Room) Link(name string) workshop.Link { return seatLink{r: r, sk: nameSkeleton(name)} }

// StartExam starts module's exam for the whole room: the module's
// settings, with a shorter time limit or a higher pass mark if the
// trainer gives one (0: the module's), and one deadline for everyone from
// now. Every trainee's screen opens it.
func (r *Room) StartExam(module string, limit time.Duration, passMark int) error {
	m, ok := r.cfg.Library.Module(module)
	if !ok || len(m.Questions) == 0 {
		return fmt.Errorf("module %q has no exam", module)
	}
	set, err := engine.Tighten(m.Exam.WithDefaults(len(m.Questions)), limit, passMark)
	if err != nil {
		return err
	}
	now := r.now()
	sit := &workshop.Sitting{Module: m.ID, Settings: set, Started: now}
	if set.TimeLimit > 0 {
		sit.Deadline = now.Add(set.TimeLimit)
	}
	r.mu.Lock()
	r.led.Mode, r.led.Exam = workshop.ModeExam, sit
	for _, t := range r.trainees {
		t.member.Exam = &workshop.ExamProgress{Module: m.ID, Of: set.Questions, Deadline: sit.Deadline}
		t.exam = examTrack{}
	}
	r.mu.Unlock()
	return r.changed("exam on " + m.Title)
}

// examTrack is what the room follows of a trainee's attempt at the room's
// exam: which attempt, and the questions answered in it.
type examTrack struct {
	attempt  int64
	answered map[string]bool
}

// sittingLocked is the room's exam and its module; r.mu is held.
func (r *Room) sittingLocked() (*workshop.Sitting, *content.Module) {
	if r.led.Exam == nil {
		return nil, nil
	}
	m, ok := r.cfg.Library.Module(r.led.Exam.Module)
	if !ok {
		return nil, nil
	}
	return r.led.Exam, m
}

// examAttempt follows trainee sk's exam attempt a (started or saved).
func (r *Room) examAttempt(sk string, a progress.Attempt) {
	r.mu.Lock()
	sit, _ := r.sittingLocked()
	t := r.trainees[sk]
	if sit == nil || t == nil || a.Mode != progress.ModeExam || a.ModuleID != sit.Module || a.Started.Before(sit.Started.Add(-time.Second)) {
		r.mu.Unlock()
		return
	}
	known := t.exam.attempt == a.ID
	r.mu.Unlock()
	answered := map[string]bool{}
	if !known {
		// An attempt the room has not followed yet (resumed in a new
		// seat): its answers so far come from the store.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if _, answers, err := r.store.Attempt(ctx, a.ID); err == nil {
			for _, ans := range answers {
				if len(ans.Chosen) > 0 {
					answered[ans.QuestionID] = true
				} else {
					delete(answered, ans.QuestionID)
				}
			}
		}
		cancel()
	}
	r.mu.Lock()
	if t.exam.attempt != a.ID {
		t.exam = examTrack{attempt: a.ID, answered: answered}
	}
	t.member.Exam = examProgress(sit, a, len(t.exam.answered))
	m := t.member
	r.mu.Unlock()
	r.bus.publish(Event{Kind: EventExam, At: r.now(), Member: m})
}

func examProgress(sit *workshop.Sitting, a progress.Attempt, answered int) *workshop.ExamProgress {
	e := &workshop.ExamProgress{Module: sit.Module, Begun: true, Answered: answered, Of: len(a.Questions),
		Deadline: a.Deadline(), Extension: a.Extension}
	if a.Done() {
		e.Finished, e.Percent, e.Passed = true, a.Percent(), a.Passed
	}
	return e
}

// examAnswer follows an answer in trainee sk's exam attempt.
func (r *Room) examAnswer(sk string, a progress.Answer) {
	r.mu.Lock()
	t := r.trainees[sk]
	if t == nil || t.exam.attempt == 0 || a.AttemptID != t.exam.attempt || t.member.Exam == nil {
		r.mu.Unlock()
		return
	}
	if len(a.Chosen) > 0 {
		t.exam.answered[a.QuestionID] = true
	} else {
		delete(t.exam.answered, a.QuestionID)
	}
	e := *t.member.Exam
	e.Answered = len(t.exam.answered)
	t.member.Exam = &e
	m := t.member
	r.mu.Unlock()
	r.bus.publish(Event{Kind: EventExam, At: r.now(), Member: m})
}

// Extend gives trainee name's exam in the room extra time d (an
// accessibility need): it is recorded in their attempt, and their open
// exam moves its deadline.
func (r *Room) Extend(name string, d time.Duration) error {
	r.mu.Lock()
	t := r.trainees[nameSkeleton(name)]
	sit, mod := r.sittingLocked()
	var seat *Seat
	if t != nil {
		seat = r.seats[nameSkeleton(name)]
	}
	r.mu.Unlock()
	switch {
	case t == nil:
		return fmt.Errorf("no trainee called %q", name)
	case sit == nil || mod == nil:
		return errors.New("the room is not sitting an exam")
	}
	l := &activity.Learner{Store: r.store, Profile: progress.Profile{ID: t.ProfileID, Name: t.Name, Role: t.Role}, Now: r.now, Log: r.log}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := l.ExtendExam(ctx, mod, d); err != nil {
		return err
	}
	a, _, err := r.store.UnfinishedAttempt(ctx, t.ProfileID, mod.ID, progress.ModeExam)
	if err == nil {
		r.examAttempt(nameSkeleton(name), a)
	}
	if seat != nil {
		seat.send(common.ExamExtendedMsg{Module: mod.ID})
	}
	return nil
}

// Remove takes trainee name out of the room: their app ends (they are
// told why), they cannot join again, and their records are kept.
func (r *Room) Remove(name string) error {
	sk := nameSkeleton(name)
	r.joinMu.Lock()
	r.mu.Lock()
	t := r.trainees[sk]
	if t == nil {
		r.mu.Unlock()
		r.joinMu.Unlock()
		return fmt.Errorf("no trainee called %q", name)
	}
	t.Removed, t.member.Removed = true, true
	seat := r.seats[sk]
	m := t.member
	r.mu.Unlock()
	err := r.save()
	r.joinMu.Unlock()
	if seat != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		seat.End(ctx, RemovedText)
		cancel()
	}
	r.bus.publish(Event{Kind: EventRemoved, At: r.now(), Member: m})
	return err
}

// RemovedText is what a removed trainee is told.
const RemovedText = "The trainer has removed you from the workshop room. Your answers so far are kept."

// Closed reports whether the room is closed to new trainees.
func (r *Room) Closed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// Library is the room's content.
func (r *Room) Library() *content.Library { return r.cfg.Library }
