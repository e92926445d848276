package engine

import (
	"errors"
	"fmt"

	"frontline/internal/content"
)

// CheckpointTaken is one checkpoint answer in a scenario run.
type CheckpointTaken struct {
	Scene    string
	Question int // index of the checkpoint in its scene
	Chosen   []int
	Result   Result
	// Visit is the index into RunState.Path of the scene visit the answer
	// belongs to, so a scene reached twice is asked again.
	Visit int
}

// DecisionTaken is one decision made in a scenario run.
type DecisionTaken struct {
	Scene       string
	Option      int
	Target      string
	Recommended bool
	Feedback    string
}

// RunState is where a scenario run stands. It is a value: the stepping
// functions return a new state and never change the one given.
type RunState struct {
	// Path are the scene ids visited; the last is the current scene.
	Path        []string
	Checkpoints []CheckpointTaken
	Decisions   []DecisionTaken
}

// clone copies st so a returned state shares no slices with its input.
func (st RunState) clone() RunState {
	return RunState{
		Path:        append([]string(nil), st.Path...),
		Checkpoints: append([]CheckpointTaken(nil), st.Checkpoints...),
		Decisions:   append([]DecisionTaken(nil), st.Decisions...),
	}
}

// startScene is the scenario's first scene id: Start, or the first scene.
func startScene(s *content.Scenario) string {
	if s.Start != "" {
		return s.Start
	}
	if len(s.Scenes) > 0 {
		return s.Scenes[0].ID
	}
	return ""
}

// StartRun begins a run at the scenario's start scene.
func StartRun(s *content.Scenario) RunState {
	start := startScene(s)
	if start == "" {
		return RunState{}
	}
	return RunState{Path: []string{start}}
}

// Current returns the scene the run is at, or nil if there is none.
func Current(s *content.Scenario, st RunState) *content.Scene {
	if len(st.Path) == 0 {
		return nil
	}
	sc, ok := s.Scene(st.Path[len(st.Path)-1])
	if !ok {
		return nil
	}
	return sc
}

// Answered reports whether checkpoint idx of the current scene has been
// answered during the current visit.
func Answered(st RunState, idx int) bool {
	visit := len(st.Path) - 1
	for _, c := range st.Checkpoints {
		if c.Visit == visit && c.Question == idx {
			return true
		}
	}
	return false
}

// AnswerCheckpoint scores an answer to checkpoint idx of the current scene
// and records it; answering the same checkpoint again in the same visit
// replaces the earlier answer.
func AnswerCheckpoint(s *content.Scenario, st RunState, idx int, chosen []int) (RunState, Result, error) {
	sc := Current(s, st)
	if sc == nil {
		return st, Result{}, errors.New("the run is not at a scene")
	}
	if idx < 0 || idx >= len(sc.Checkpoints) {
		return st, Result{}, fmt.Errorf("scene %q has no checkpoint %d", sc.ID, idx+1)
	}
	r := Score(&sc.Checkpoints[idx], chosen)
	next := st.clone()
	visit := len(st.Path) - 1
	taken := CheckpointTaken{Scene: sc.ID, Question: idx, Chosen: append([]int(nil), chosen...), Result: r, Visit: visit}
	for i, c := range next.Checkpoints {
		if c.Visit == visit && c.Question == idx {
			next.Checkpoints[i] = taken
			return next, r, nil
		}
	}
	next.Checkpoints = append(next.Checkpoints, taken)
	return next, r, nil
}

// Choose takes decision option (0-based) at the current scene and moves to
// its target. It fails when the scene has no decision, the option does not
// exist, its target is not a scene, or a checkpoint is still unanswered.
func Choose(s *content.Scenario, st RunState, option int) (RunState, DecisionTaken, error) {
	sc := Current(s, st)
	if sc == nil {
		return st, DecisionTaken{}, errors.New("the run is not at a scene")
	}
	if sc.Decision == nil {
		return st, DecisionTaken{}, fmt.Errorf("scene %q ends the run; there is no decision to take", sc.ID)
	}
	if option < 0 || option >= len(sc.Decision.Options) {
		return st, DecisionTaken{}, fmt.Errorf("scene %q has no action %d", sc.ID, option+1)
	}
	for i := range sc.Checkpoints {
		if !Answered(st, i) {
			return st, DecisionTaken{}, fmt.Errorf("answer checkpoint %d of scene %q first", i+1, sc.ID)
		}
	}
	o := sc.Decision.Options[option]
	if _, ok := s.Scene(o.Target); !ok {
		return st, DecisionTaken{}, fmt.Errorf("action %d of scene %q leads to unknown scene %q", option+1, sc.ID, o.Target)
	}
	d := DecisionTaken{Scene: sc.ID, Option: option, Target: o.Target, Recommended: o.Correct, Feedback: o.Feedback}
	next := st.clone()
	next.Decisions = append(next.Decisions, d)
	next.Path = append(next.Path, o.Target)
	return next, d, nil
}

// Ended reports whether the run is at a scene with no decision (or at no
// scene at all, so a broken run cannot loop).
func Ended(s *content.Scenario, st RunState) bool {
	sc := Current(s, st)
	return sc == nil || sc.IsEnding()
}

// RecommendedPath follows the recommended action of each scene from the
// start to an ending. It stops at a scene with no recommended action, at an
// unknown scene, or before visiting a scene a second time.
func RecommendedPath(s *content.Scenario) []string {
	var path []string
	seen := map[string]bool{}
	id := startScene(s)
	for id != "" && !seen[id] {
		sc, ok := s.Scene(id)
		if !ok {
			break
		}
		seen[id] = true
		path = append(path, id)
		if sc.Decision == nil {
			break
		}
		rec := sc.Decision.Recommended()
		if rec < 0 {
			break
		}
		id = sc.Decision.Options[rec].Target
	}
	return path
}

// Debrief is what the end of a run shows.
type Debrief struct {
	// Taken is the path the learner took; Recommended the path that
	// follows every recommended action.
	Taken, Recommended []string
	Decisions          []DecisionTaken
	// Spotted of Present are the indicators recognised; FalseAlarms of
	// RedHerrings the distractors wrongly flagged, summed over checkpoints.
	Spotted, Present, FalseAlarms, RedHerrings int
	// Ending is the id of the ending reached, or "" if the run has not ended.
	Ending string
}

// MakeDebrief summarises a run.
func MakeDebrief(s *content.Scenario, st RunState) Debrief {
	d := Debrief{
		Taken:       append([]string(nil), st.Path...),
		Recommended: RecommendedPath(s),
		Decisions:   append([]DecisionTaken(nil), st.Decisions...),
	}
	for _, c := range st.Checkpoints {
		d.Spotted += c.Result.Spotted
		d.Present += c.Result.Present
		d.FalseAlarms += c.Result.FalseAlarms
		d.RedHerrings += c.Result.RedHerrings
	}
	if sc := Current(s, st); sc != nil && sc.IsEnding() {
		d.Ending = sc.ID
	}
	return d
}
