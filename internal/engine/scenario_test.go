package engine

import (
	"reflect"
	"strings"
	"testing"

	"frontline/internal/content"
)

// testScenario:
//
//	arrival (checkpoint; decide: talk* -> private, translate -> companion)
//	private (decide: refer* -> good-end, leave -> bad-end)
//	companion (decide: back* -> arrival, leave -> bad-end)
//	good-end, bad-end: endings
func testScenario() *content.Scenario {
	dec := func(opts ...content.Option) *content.Decision {
		return &content.Decision{Prompt: "What do you do?", Options: opts}
	}
	return &content.Scenario{
		Meta:  content.Meta{ID: "landing", Title: "Night landing"},
		Start: "arrival",
		Scenes: []content.Scene{
			{ID: "arrival", Title: "The arrival",
				Checkpoints: []content.Question{q("notice", content.MultipleChoice, "xx.", "controlled-speech", "paid-journey")},
				Decision: dec(
					content.Option{Text: "Private talk", Correct: true, Target: "private", Feedback: "Good: away from the companion."},
					content.Option{Text: "Ask the companion", Target: "companion", Feedback: "She may control her."},
				)},
			{ID: "private", Title: "Private talk", Decision: dec(
				content.Option{Text: "Refer", Correct: true, Target: "good-end", Feedback: "Referral made."},
				content.Option{Text: "Leave", Target: "bad-end", Feedback: "Missed chance."},
			)},
			{ID: "companion", Title: "Companion translates", Decision: dec(
				content.Option{Text: "Start again properly", Correct: true, Target: "arrival"},
				content.Option{Text: "Leave", Target: "bad-end"},
			)},
			{ID: "good-end", Title: "Safe"},
			{ID: "bad-end", Title: "Gone"},
		},
	}
}

func TestScenarioRecommendedRun(t *testing.T) {
	s := testScenario()
	st := StartRun(s)
	if Current(s, st).ID != "arrival" || Ended(s, st) {
		t.Fatalf("start state %+v", st)
	}
	if _, _, err := Choose(s, st, 0); err == nil || !strings.Contains(err.Error(), "checkpoint 1") {
		t.Fatalf("Choose before the checkpoint: err = %v", err)
	}
	st2, r, err := AnswerCheckpoint(s, st, 0, []int{0, 2})
	if err != nil || r.Spotted != 1 || r.FalseAlarms != 1 {
		t.Fatalf("AnswerCheckpoint = %+v, %v", r, err)
	}
	if len(st.Checkpoints) != 0 {
		t.Fatal("AnswerCheckpoint changed the state it was given")
	}
	// Re-answering replaces.
	st2, _, err = AnswerCheckpoint(s, st2, 0, []int{0, 1})
	if err != nil || len(st2.Checkpoints) != 1 || !st2.Checkpoints[0].Result.Correct {
		t.Fatalf("re-answer: %+v, %v", st2.Checkpoints, err)
	}
	if _, _, err := AnswerCheckpoint(s, st2, 1, []int{0}); err == nil {
		t.Error("answering a checkpoint that does not exist succeeded")
	}
	for _, bad := range []int{-1, 2} {
		if _, _, err := Choose(s, st2, bad); err == nil {
			t.Errorf("Choose(%d) succeeded", bad)
		}
	}
	st3, d, err := Choose(s, st2, 0)
	if err != nil || !d.Recommended || d.Target != "private" || d.Feedback == "" {
		t.Fatalf("Choose = %+v, %v", d, err)
	}
	st4, _, err := Choose(s, st3, 0)
	if err != nil || !Ended(s, st4) {
		t.Fatalf("second decision: %v, ended %v", err, Ended(s, st4))
	}
	if _, _, err := Choose(s, st4, 0); err == nil {
		t.Error("Choose at an ending succeeded")
	}
	db := MakeDebrief(s, st4)
	want := []string{"arrival", "private", "good-end"}
	if !reflect.DeepEqual(db.Taken, want) || !reflect.DeepEqual(db.Recommended, want) {
		t.Errorf("Taken %v, Recommended %v", db.Taken, db.Recommended)
	}
	if db.Ending != "good-end" || db.Spotted != 2 || db.Present != 2 || db.FalseAlarms != 0 || db.RedHerrings != 1 || len(db.Decisions) != 2 {
		t.Errorf("Debrief = %+v", db)
	}
}

func TestScenarioLoopAndFigures(t *testing.T) {
	s := testScenario()
	st := StartRun(s)
	steps := []struct {
		checkpoint []int // nil: no checkpoint in this scene
		option     int
	}{
		{[]int{2}, 1},    // arrival: a false alarm, then the companion
		{nil, 0},         // companion -> back to arrival
		{[]int{0, 1}, 0}, // arrival again: asked again; all spotted -> private
		{nil, 1},         // private -> bad end
	}
	for i, step := range steps {
		if step.checkpoint != nil {
			if Answered(st, 0) {
				t.Fatalf("step %d: checkpoint already answered on a new visit", i)
			}
			var err error
			st, _, err = AnswerCheckpoint(s, st, 0, step.checkpoint)
			if err != nil {
				t.Fatal(err)
			}
		}
		var err error
		st, _, err = Choose(s, st, step.option)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	db := MakeDebrief(s, st)
	if db.Ending != "bad-end" {
		t.Errorf("Ending = %q", db.Ending)
	}
	if want := []string{"arrival", "companion", "arrival", "private", "bad-end"}; !reflect.DeepEqual(db.Taken, want) {
		t.Errorf("Taken = %v", db.Taken)
	}
	// Two checkpoint answers: (0 of 2, 1 of 1 false alarm) + (2 of 2, 0 of 1).
	if db.Spotted != 2 || db.Present != 4 || db.FalseAlarms != 1 || db.RedHerrings != 2 {
		t.Errorf("figures = %d of %d, %d of %d", db.Spotted, db.Present, db.FalseAlarms, db.RedHerrings)
	}
	rec := 0
	for _, d := range db.Decisions {
		if d.Recommended {
			rec++
		}
	}
	if rec != 2 {
		t.Errorf("recommended decisions = %d, want 2", rec)
	}
}

func TestRecommendedPathStopsOnRepeat(t *testing.T) {
	s := testScenario()
	// Make the recommended action from arrival lead to companion, whose
	// recommended action leads back to arrival: a loop.
	s.Scenes[0].Decision.Options[0].Correct = false
	s.Scenes[0].Decision.Options[1].Correct = true
	got := RecommendedPath(s)
	if want := []string{"arrival", "companion"}; !reflect.DeepEqual(got, want) {
		t.Errorf("RecommendedPath = %v, want %v", got, want)
	}
	s.Start = ""
	if got := StartRun(s).Path; !reflect.DeepEqual(got, []string{"arrival"}) {
		t.Errorf("StartRun without Start = %v", got)
	}
	if !Ended(s, RunState{Path: []string{"missing"}}) {
		t.Error("a run at an unknown scene is not ended")
	}
}

func TestChooseUnknownTarget(t *testing.T) {
	s := testScenario()
	s.Scenes[1].Decision.Options[1].Target = "nowhere"
	st := RunState{Path: []string{"private"}}
	if _, _, err := Choose(s, st, 1); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("err = %v", err)
	}
}
