package engine

import (
	"errors"
	"fmt"
	"strconv"

	"frontline/internal/content"
)

// RecordedCheckpoint is one checkpoint answer as a stored run keeps it:
// the scene, the checkpoint's key (see CheckpointKey) and the options
// chosen.
type RecordedCheckpoint struct {
	Scene    string
	Question string
	Chosen   []int
}

// Recorded is what a stored run remembers of its steps, in the order they
// were taken: the scenes visited (the last is the current one), the option
// chosen at each decision, and the checkpoint answers.
type Recorded struct {
	Path        []string
	Choices     []int
	Checkpoints []RecordedCheckpoint
}

// Replay rebuilds a run's state by taking its recorded steps again with
// AnswerCheckpoint and Choose, so a resumed run is scored by the same rules
// as a fresh one. At each visit of a scene it answers the recorded
// checkpoints of that scene (a checkpoint already answered in the visit
// belongs to a later visit), then takes the decision of that visit. It
// fails when the scenario has changed so that the steps no longer fit: the
// run starts at another scene, a step leads elsewhere than recorded, or
// steps are left over.
func Replay(s *content.Scenario, rec Recorded) (RunState, error) {
	st := StartRun(s)
	if len(rec.Path) == 0 || len(st.Path) == 0 || rec.Path[0] != st.Path[0] {
		return st, errors.New("it starts elsewhere")
	}
	cps := rec.Checkpoints
	for v, want := range rec.Path {
		scene := Current(s, st)
		if scene == nil || scene.ID != want {
			return st, fmt.Errorf("scene %q is not where it was", want)
		}
		for len(cps) > 0 && cps[0].Scene == scene.ID {
			idx := CheckpointIndex(scene, cps[0].Question)
			if Answered(st, idx) {
				break // it belongs to a later visit of the same scene
			}
			next, _, err := AnswerCheckpoint(s, st, idx, cps[0].Chosen)
			if err != nil {
				return st, err
			}
			st, cps = next, cps[1:]
		}
		if v < len(rec.Choices) {
			next, _, err := Choose(s, st, rec.Choices[v])
			if err != nil {
				return st, err
			}
			st = next
		}
	}
	if len(cps) > 0 || len(rec.Choices) >= len(rec.Path) {
		return st, errors.New("its steps do not match")
	}
	return st, nil
}

// CheckpointKey names checkpoint idx of a scene in a stored run: its id, or
// its index when it has none.
func CheckpointKey(scene *content.Scene, idx int) string {
	if idx >= 0 && idx < len(scene.Checkpoints) && scene.Checkpoints[idx].ID != "" {
		return scene.Checkpoints[idx].ID
	}
	return strconv.Itoa(idx)
}

// CheckpointIndex finds the checkpoint CheckpointKey named key: the one
// with that id, else the index the key spells, else -1.
func CheckpointIndex(scene *content.Scene, key string) int {
	for i, c := range scene.Checkpoints {
		if c.ID != "" && c.ID == key {
			return i
		}
	}
	if n, err := strconv.Atoi(key); err == nil {
		return n
	}
	return -1
}
