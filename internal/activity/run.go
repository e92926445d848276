package activity

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// Run is one play of a case-study scenario: checkpoints answered and
// decisions taken through the engine, the run stored after every step, and
// the review queue moved by what the learner recognised or missed. An
// unfinished run resumes at its scene (see Prepare).
type Run struct {
	l       *Learner
	sc      *content.Scenario
	st      engine.RunState
	reviews *Reviews
	h       *runHolder
	offer   *RunOffer
	done    bool
	// room holds, by decision index, the decisions a workshop room took
	// (Follow): who chose, and the learner's own vote.
	room map[int]RoomMove
}

// RoomMove is one decision a workshop room took in a case study the
// trainer led: the action taken (0-based), who chose it ("majority" or
// "trainer"), and the learner's own vote (-1: none).
type RoomMove struct {
	Option int
	By     string
	Vote   int
}

// RunOffer is an unfinished run found by Prepare that still fits the
// scenario.
type RunOffer struct {
	// Scene is the scene the run stopped at; Scenes is how many scene
	// visits it made, Decisions and Checkpoints how many of each it took.
	Scene                          *content.Scene
	Scenes, Decisions, Checkpoints int

	run progress.Run
	st  engine.RunState
}

type runHolder struct {
	mu sync.Mutex
	r  progress.Run
}

// Run starts a run of scenario sc.
func (l *Learner) Run(sc *content.Scenario) *Run {
	return &Run{l: l, sc: sc, st: engine.StartRun(sc), reviews: &Reviews{}, h: &runHolder{}}
}

// Scenario is the run's scenario.
func (r *Run) Scenario() *content.Scenario { return r.sc }

// State is where the run stands.
func (r *Run) State() engine.RunState { return r.st }

// Current is the scene the run is at, or nil.
func (r *Run) Current() *content.Scene { return engine.Current(r.sc, r.st) }

// Ended reports whether the run has reached an ending.
func (r *Run) Ended() bool { return engine.Ended(r.sc, r.st) }

// Prepare reads the review queue, records a visit for "continue where you
// left off", and looks for an unfinished run. An unfinished run that no
// longer fits the scenario (it has changed) is not offered; the second
// error says so, for a log or a note.
func (r *Run) Prepare(ctx context.Context) (*RunOffer, error) {
	rv, err := r.l.LoadReviews(ctx)
	r.reviews = rv
	if !r.l.records() {
		return nil, err
	}
	if verr := r.l.Visit(ctx, "scenario", r.sc.ID, 0); verr != nil {
		err = errors.Join(err, verr)
	}
	run, uerr := r.l.Store.UnfinishedRun(ctx, r.l.Profile.ID, r.sc.ID)
	switch {
	case errors.Is(uerr, progress.ErrNotFound):
		return nil, err
	case uerr != nil:
		return nil, errors.Join(err, fmt.Errorf("look for an unfinished run of %s: %w", r.sc.ID, uerr))
	}
	st, rerr := Replay(r.sc, run)
	if rerr != nil {
		return nil, errors.Join(err, fmt.Errorf("the scenario has changed since your last run (%v); starting again", rerr))
	}
	r.offer = &RunOffer{Scene: engine.Current(r.sc, st), Scenes: len(st.Path), Decisions: len(st.Decisions),
		Checkpoints: len(st.Checkpoints), run: run, st: st}
	return r.offer, err
}

// Resume continues the offered run at its scene, with its earlier
// checkpoint answers and decisions.
func (r *Run) Resume() {
	if r.offer == nil {
		return
	}
	for i, d := range r.offer.run.Decisions {
		if d.By != "" {
			r.setRoom(i, RoomMove{Option: d.Option, By: d.By, Vote: d.Vote})
		}
	}
	r.st = r.offer.st
	r.h.mu.Lock()
	r.h.r = r.offer.run
	r.h.mu.Unlock()
	r.offer = nil
}

// Restart drops the offer; the run starts from the beginning.
func (r *Run) Restart() { r.offer = nil }

// Replay rebuilds a stored run's state by taking its recorded steps again
// with the engine, so a resumed run is scored by the same rules as a fresh
// one. It fails when the scenario has changed so that the steps no longer
// fit.
func Replay(sc *content.Scenario, run progress.Run) (engine.RunState, error) {
	rec := engine.Recorded{Path: run.Path}
	for _, d := range run.Decisions {
		rec.Choices = append(rec.Choices, d.Option)
	}
	for _, c := range run.Checkpoints {
		rec.Checkpoints = append(rec.Checkpoints, engine.RecordedCheckpoint{Scene: c.Scene, Question: c.Question, Chosen: c.Chosen})
	}
	return engine.Replay(sc, rec)
}

// Answer scores an answer to checkpoint idx of the current scene and
// returns the result and the write that stores the run and moves the
// indicators on the review queue.
func (r *Run) Answer(idx int, chosen []int) (engine.Result, Pending, error) {
	scene := r.Current()
	st, res, err := engine.AnswerCheckpoint(r.sc, r.st, idx, chosen)
	if err != nil {
		return res, Pending{}, err
	}
	r.st = st
	var reviews []progress.ReviewItem
	if r.l.records() {
		reviews = r.reviews.forAnswer(r.l.Profile.ID, "", &scene.Checkpoints[idx], res, r.l.now())
	}
	return res, r.save(false, reviews), nil
}

// Choose takes decision option (0-based) at the current scene and returns
// what was decided and the write that stores the run. Reaching an ending
// does not finish the run: Finish does, once the learner has read it.
func (r *Run) Choose(option int) (engine.DecisionTaken, Pending, error) {
	st, d, err := engine.Choose(r.sc, r.st, option)
	if err != nil {
		return d, Pending{}, err
	}
	r.st = st
	return d, r.save(false, nil), nil
}

// Follow takes the decision a workshop room took at the current scene:
// option, chosen by ("majority" or "trainer"), while the learner had voted
// for vote (-1: they had not). Checkpoints of the scene the learner did not
// answer before the room moved on are recorded first as answered with
// nothing flagged: their indicators count as missed. It returns the
// decision and the write that stores the run.
func (r *Run) Follow(option int, by string, vote int) (engine.DecisionTaken, Pending, error) {
	scene := r.Current()
	if scene == nil || scene.Decision == nil {
		return engine.DecisionTaken{}, Pending{}, errors.New("the case study has no decision here")
	}
	var reviews []progress.ReviewItem
	for i := range scene.Checkpoints {
		if engine.Answered(r.st, i) {
			continue
		}
		st, res, err := engine.AnswerCheckpoint(r.sc, r.st, i, []int{})
		if err != nil {
			return engine.DecisionTaken{}, Pending{}, err
		}
		r.st = st
		if r.l.records() {
			reviews = append(reviews, r.reviews.forAnswer(r.l.Profile.ID, "", &scene.Checkpoints[i], res, r.l.now())...)
		}
	}
	st, d, err := engine.Choose(r.sc, r.st, option)
	if err != nil {
		return d, Pending{}, err
	}
	r.setRoom(len(st.Decisions)-1, RoomMove{Option: option, By: by, Vote: vote})
	r.st = st
	return d, r.save(false, reviews), nil
}

// RoomDecision is the room's decision i of the run (0-based), with the
// learner's own vote; false when the learner took it alone.
func (r *Run) RoomDecision(i int) (RoomMove, bool) {
	m, ok := r.room[i]
	return m, ok
}

func (r *Run) setRoom(i int, m RoomMove) {
	if r.room == nil {
		r.room = map[int]RoomMove{}
	}
	r.room[i] = m
}

// OnPath reports whether the run is on a room's path: its scenes are the
// first scenes of path and its decisions the room's first moves.
func (r *Run) OnPath(path []string, moves []RoomMove) bool {
	if len(r.st.Path) > len(path) || len(r.st.Decisions) > len(moves) {
		return false
	}
	for i, id := range r.st.Path {
		if path[i] != id {
			return false
		}
	}
	for i, d := range r.st.Decisions {
		if d.Option != moves[i].Option {
			return false
		}
	}
	return true
}

// CatchUp brings a run that is on a room's path (OnPath) to the room's
// scene by following the room's decisions it has not taken yet, as Follow
// does with no vote of the learner's. It returns the write that stores the
// run (an empty one when there was nothing to follow).
func (r *Run) CatchUp(path []string, moves []RoomMove) (Pending, error) {
	if !r.OnPath(path, moves) {
		return Pending{}, errors.New("this run is not on the room's path")
	}
	var out Pending
	for i := len(r.st.Decisions); i < len(moves) && i < len(path)-1; i++ {
		_, p, err := r.Follow(moves[i].Option, moves[i].By, -1)
		if err != nil {
			return out, err
		}
		out = out.Then(p)
	}
	return out, nil
}

// LedRun opens the learner's run of sc for a workshop room that the
// trainer leads through it along path (the scenes the room visited, the
// last its current scene) by moves (the decisions the room took): their
// unfinished run when it is on the room's path, else a new one, then
// caught up with the room (CatchUp). It returns the run and the write that
// stores it.
func (l *Learner) LedRun(ctx context.Context, sc *content.Scenario, path []string, moves []RoomMove) (*Run, Pending, error) {
	if start := engine.StartRun(sc).Path; len(path) == 0 || len(start) == 0 || path[0] != start[0] {
		return nil, Pending{}, fmt.Errorf("the room's path through %s does not start at its first scene", sc.ID)
	}
	r := l.Run(sc)
	offer, err := r.Prepare(ctx)
	if err != nil {
		l.logf("led case study %s: %v", sc.ID, err)
	}
	resumed := false
	if offer != nil {
		r.Resume()
		if r.OnPath(path, moves) {
			resumed = true
		} else {
			// A run off the room's path (played alone earlier) is kept as
			// it was; the room's run starts afresh.
			rv := r.reviews
			r = l.Run(sc)
			r.reviews = rv
		}
	}
	var begin Pending
	if !resumed {
		begin = r.Begin()
	}
	p, err := r.CatchUp(path, moves)
	if err != nil {
		return nil, Pending{}, err
	}
	return r, begin.Then(p), nil
}

// Finish ends a run that has reached an ending and returns its debrief and
// the write that stores the finished run.
func (r *Run) Finish() (engine.Debrief, Pending) {
	d := engine.MakeDebrief(r.sc, r.st)
	if r.done || !r.Ended() {
		return d, Pending{}
	}
	r.done = true
	return d, r.save(true, nil)
}

// Debrief summarises the run so far.
func (r *Run) Debrief() engine.Debrief { return engine.MakeDebrief(r.sc, r.st) }

// record is the stored form of the run's state.
func (r *Run) record(finished bool) progress.Run {
	run := progress.Run{ProfileID: r.l.Profile.ID, ScenarioID: r.sc.ID, Fingerprint: r.sc.Fingerprint,
		Path: append([]string(nil), r.st.Path...)}
	for i, d := range r.st.Decisions {
		rec := progress.Decision{Scene: d.Scene, Option: d.Option, Target: d.Target, Recommended: d.Recommended}
		if m, ok := r.room[i]; ok {
			rec.By, rec.Vote = m.By, m.Vote
		}
		run.Decisions = append(run.Decisions, rec)
	}
	for _, c := range r.st.Checkpoints {
		key := strconv.Itoa(c.Question)
		if scene, ok := r.sc.Scene(c.Scene); ok {
			key = engine.CheckpointKey(scene, c.Question)
		}
		run.Checkpoints = append(run.Checkpoints, progress.Checkpoint{Scene: c.Scene, Question: key, Chosen: c.Chosen,
			Spotted: c.Result.Spotted, Present: c.Result.Present, FalseAlarms: c.Result.FalseAlarms,
			RedHerrings: c.Result.RedHerrings, Indicators: hits(c.Result)})
		run.Spotted += c.Result.Spotted
		run.Present += c.Result.Present
		run.FalseAlarms += c.Result.FalseAlarms
		run.RedHerrings += c.Result.RedHerrings
	}
	if finished {
		run.Finished = r.l.now()
		run.Ending = engine.MakeDebrief(r.sc, r.st).Ending
	}
	return run
}

// save returns the write that stores the run as it stands, creating it
// with its first write, and the review items in the same transaction.
func (r *Run) save(finished bool, reviews []progress.ReviewItem) Pending {
	if !r.l.records() {
		return Pending{}
	}
	run := r.record(finished)
	store, h, rv, now := r.l.Store, r.h, r.reviews, r.l.now()
	return Pending{save: func(ctx context.Context) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.r.ID == 0 {
			run.Started = now
			started, err := store.StartRun(ctx, run)
			if err != nil {
				return fmt.Errorf("start case study: %w", err)
			}
			h.r = started
		}
		run.ID, run.Started = h.r.ID, h.r.Started
		if err := store.SaveRun(ctx, run, reviews...); err != nil {
			return fmt.Errorf("save case study: %w", err)
		}
		rv.Commit(reviews...)
		return nil
	}}
}

// Begin returns the write that stores the run as begun, so a run that is
// left before its first answer still resumes at its first scene.
func (r *Run) Begin() Pending { return r.save(false, nil) }
