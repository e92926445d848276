package engine

import (
	"reflect"
	"strings"
	"testing"

	"frontline/internal/content"
)

// record turns a state into what a stored run keeps of it.
func record(s *content.Scenario, st RunState) Recorded {
	rec := Recorded{Path: append([]string(nil), st.Path...)}
	for _, d := range st.Decisions {
		rec.Choices = append(rec.Choices, d.Option)
	}
	for _, c := range st.Checkpoints {
		scene, _ := s.Scene(c.Scene)
		rec.Checkpoints = append(rec.Checkpoints, RecordedCheckpoint{Scene: c.Scene, Question: CheckpointKey(scene, c.Question), Chosen: c.Chosen})
	}
	return rec
}

func TestReplay(t *testing.T) {
	s := testScenario()
	cp := func(scene, key string, chosen ...int) RecordedCheckpoint {
		return RecordedCheckpoint{Scene: scene, Question: key, Chosen: chosen}
	}
	for _, c := range []struct {
		name string
		rec  Recorded
		// want: the current scene, checkpoint answers (scene@visit), the
		// recorded choices, the indicators spotted; or the error text.
		scene    string
		answered []string
		choices  []int
		spotted  int
		err      string
	}{
		{name: "nothing recorded", rec: Recorded{}, err: "starts elsewhere"},
		{name: "just started", rec: Recorded{Path: []string{"arrival"}}, scene: "arrival"},
		{name: "checkpoint answered, no decision yet",
			rec:   Recorded{Path: []string{"arrival"}, Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0)}},
			scene: "arrival", answered: []string{"arrival@0"}, spotted: 1},
		{name: "recommended path to the end",
			rec: Recorded{Path: []string{"arrival", "private", "good-end"}, Choices: []int{0, 0},
				Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0, 1)}},
			scene: "good-end", answered: []string{"arrival@0"}, choices: []int{0, 0}, spotted: 2},
		{name: "a scene visited twice is asked twice",
			rec: Recorded{Path: []string{"arrival", "companion", "arrival", "private"}, Choices: []int{1, 0, 0},
				Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0, 2), cp("arrival", "notice", 0, 1)}},
			scene: "private", answered: []string{"arrival@0", "arrival@2"}, choices: []int{1, 0, 0}, spotted: 3},
		{name: "checkpoint named by index",
			rec:   Recorded{Path: []string{"arrival", "private"}, Choices: []int{0}, Checkpoints: []RecordedCheckpoint{cp("arrival", "0", 1)}},
			scene: "private", answered: []string{"arrival@0"}, choices: []int{0}, spotted: 1},
		{name: "starts elsewhere", rec: Recorded{Path: []string{"private"}}, err: "starts elsewhere"},
		{name: "decision leads elsewhere",
			rec: Recorded{Path: []string{"arrival", "companion"}, Choices: []int{0},
				Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0)}},
			err: `scene "companion" is not where it was`},
		{name: "decision before its checkpoint",
			rec: Recorded{Path: []string{"arrival", "private"}, Choices: []int{0}}, err: "answer checkpoint 1"},
		{name: "checkpoint left over",
			rec: Recorded{Path: []string{"arrival"}, Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0), cp("private", "gone", 0)}},
			err: "steps do not match"},
		{name: "a decision too many",
			rec: Recorded{Path: []string{"arrival"}, Choices: []int{0}, Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0)}},
			err: "steps do not match"},
		{name: "unknown checkpoint", rec: Recorded{Path: []string{"arrival"}, Checkpoints: []RecordedCheckpoint{cp("arrival", "renamed", 0)}},
			err: "no checkpoint"},
		{name: "option no longer there",
			rec: Recorded{Path: []string{"arrival", "private"}, Choices: []int{5}, Checkpoints: []RecordedCheckpoint{cp("arrival", "notice", 0)}},
			err: "no action 6"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, err := Replay(s, c.rec)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(st.Path, c.rec.Path) || Current(s, st).ID != c.scene {
				t.Errorf("path %v, at %v; want %v at %s", st.Path, Current(s, st), c.rec.Path, c.scene)
			}
			var answered []string
			for _, a := range st.Checkpoints {
				answered = append(answered, a.Scene+"@"+string(rune('0'+a.Visit)))
			}
			if !reflect.DeepEqual(answered, c.answered) {
				t.Errorf("answered %v, want %v", answered, c.answered)
			}
			var choices []int
			for _, d := range st.Decisions {
				choices = append(choices, d.Option)
			}
			if !reflect.DeepEqual(choices, c.choices) {
				t.Errorf("choices %v, want %v", choices, c.choices)
			}
			if d := MakeDebrief(s, st); d.Spotted != c.spotted {
				t.Errorf("spotted %d, want %d", d.Spotted, c.spotted)
			}
		})
	}
}

// TestReplayRoundTrip plays runs step by step, records them and checks
// that replaying the record gives the same state back.
func TestReplayRoundTrip(t *testing.T) {
	s := testScenario()
	type step struct {
		chosen []int // answer the current scene's checkpoint
		option int   // else take this decision
	}
	for _, steps := range [][]step{
		{},
		{{chosen: []int{0, 1}}},
		{{chosen: []int{2}}, {option: 1}, {option: 0}, {chosen: []int{0, 1}}, {option: 0}, {option: 1}},
		{{chosen: []int{0}}, {option: 0}, {option: 0}},
	} {
		st := StartRun(s)
		for _, p := range steps {
			var err error
			if p.chosen != nil {
				st, _, err = AnswerCheckpoint(s, st, 0, p.chosen)
			} else {
				st, _, err = Choose(s, st, p.option)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := Replay(s, record(s, st))
		if err != nil {
			t.Fatalf("%+v: %v", steps, err)
		}
		if !reflect.DeepEqual(got, st) {
			t.Errorf("replayed %+v\nplayed   %+v", got, st)
		}
	}
}

func TestCheckpointKeyAndIndex(t *testing.T) {
	scene := &content.Scene{ID: "s", Checkpoints: []content.Question{{ID: "named"}, {}}}
	for idx, want := range []string{"named", "1"} {
		key := CheckpointKey(scene, idx)
		if key != want || CheckpointIndex(scene, key) != idx {
			t.Errorf("checkpoint %d: key %q (want %q), back to %d", idx, key, want, CheckpointIndex(scene, key))
		}
	}
	if i := CheckpointIndex(scene, "nope"); i != -1 {
		t.Errorf("unknown key gave %d", i)
	}
}
