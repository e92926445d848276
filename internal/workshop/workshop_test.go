package workshop

import (
	"errors"
	"reflect"
	"testing"

	"frontline/internal/content"
)

func testLib() *content.Library {
	m := &content.Module{Meta: content.Meta{ID: "m", Title: "Module"},
		Pages: []content.Page{{Title: "One"}, {Title: "Two"}},
		Questions: []content.Question{
			{ID: "q1", Text: "Pick", Kind: content.SingleChoice, Options: []content.Option{{Text: "a", Correct: true}, {Text: "b"}, {Text: "c"}}},
			{ID: "q2", Text: "Order", Kind: content.Ordering, Options: []content.Option{{Text: "first"}, {Text: "second"}, {Text: "third"}}},
		},
		TrainerNotes: []content.Page{{Title: "Timing", Body: "Ten minutes."}}}
	sc := &content.Scenario{Meta: content.Meta{ID: "s", Title: "Case"}, Start: "a",
		TrainerNotes: []content.Page{{Title: "Debrief", Body: "Ask why."}},
		Scenes: []content.Scene{
			{ID: "a", Title: "A", Checkpoints: []content.Question{{Text: "Notice?", Kind: content.MultipleChoice,
				Options: []content.Option{{Text: "sign", Correct: true}, {Text: "herring"}, {Text: "sign 2", Correct: true}}}},
				Decision: &content.Decision{Options: []content.Option{{Text: "go", Target: "b", Correct: true}, {Text: "stay", Target: "c"}, {Text: "wait", Target: "c"}}}},
			{ID: "b", Title: "B"}, {ID: "c", Title: "C"},
		}}
	return &content.Library{Modules: []*content.Module{m}, Scenarios: []*content.Scenario{sc}}
}

func TestTallyHidesBelowThree(t *testing.T) {
	lib := testLib()
	it := Item{Kind: KindScene, Scenario: "s", Scene: "a"}
	parts := Parts(lib, it)
	if len(parts) != 2 || parts[0].Key != CheckpointKey(0) || parts[1].Key != KeyDecision || parts[1].Text != "What do you do?" {
		t.Fatalf("parts %+v", parts)
	}
	answers := map[string]map[string][]int{}
	add := func(who, key string, chosen ...int) {
		b, ok := Bucket(lib, it, key, chosen)
		if !ok {
			t.Fatalf("%s %s %v does not fit", who, key, chosen)
		}
		if answers[who] == nil {
			answers[who] = map[string][]int{}
		}
		answers[who][key] = b
	}
	add("ana", KeyDecision, 0)
	add("ben", KeyDecision, 1)
	add("ana", CheckpointKey(0), 0, 2)
	add("ben", CheckpointKey(0), 0, 1, 1)
	c := Tally(parts, answers)
	if c[1].Answered != 2 || c[1].Shown() {
		t.Errorf("two votes: %+v shown %v", c[1], c[1].Shown())
	}
	if pub := c[1].Public(); !reflect.DeepEqual(pub.Chosen, []int{0, 0, 0}) || pub.Answered != 2 {
		t.Errorf("public count below three leaks: %+v", pub)
	}
	if _, err := Majority(c[1]); !errors.Is(err, ErrFewVotes) {
		t.Errorf("majority of two: %v", err)
	}
	add("cy", KeyDecision, 1)
	add("cy", CheckpointKey(0), 2)
	c = Tally(parts, answers)
	if !c[1].Shown() || !reflect.DeepEqual(c[1].Public().Chosen, []int{1, 2, 0}) {
		t.Errorf("three votes: %+v", c[1])
	}
	if got, err := Majority(c[1]); err != nil || got != 1 {
		t.Errorf("majority = %d, %v; want 1", got, err)
	}
	if !reflect.DeepEqual(c[0].Chosen, []int{2, 1, 2}) {
		t.Errorf("checkpoint counts %v", c[0].Chosen)
	}
	if s, f := c[0].Spotted(); s != 4 || f != 1 {
		t.Errorf("spotted %d, flagged %d; want 4 and 1", s, f)
	}
	add("dee", KeyDecision, 0)
	if _, err := Majority(Tally(parts, answers)[1]); !errors.Is(err, ErrTie) {
		t.Errorf("2-2: %v", err)
	}
	if _, err := Majority(c[0]); err == nil {
		t.Error("a checkpoint has a majority")
	}
}

func TestBucket(t *testing.T) {
	lib := testLib()
	q2 := Item{Kind: KindQuestion, Module: "m", Question: "q2"}
	a := Item{Kind: KindScene, Scenario: "s", Scene: "a"}
	tests := []struct {
		it     Item
		key    string
		chosen []int
		want   []int
		ok     bool
	}{
		{q2, KeyQuestion, []int{0, 1, 2}, []int{0}, true},
		{q2, KeyQuestion, []int{2, 1, 0}, []int{1}, true},
		{Item{Kind: KindQuestion, Module: "m", Question: "q1"}, KeyQuestion, []int{1}, []int{1}, true},
		{Item{Kind: KindQuestion, Module: "m", Question: "q1"}, KeyQuestion, []int{3}, nil, false},
		{a, KeyDecision, []int{0, 1}, nil, false},
		{a, KeyDecision, []int{2}, []int{2}, true},
		{a, "checkpoint:7", []int{0}, nil, false},
		{Item{Kind: KindPage, Module: "m"}, KeyQuestion, []int{0}, nil, false},
	}
	for _, tc := range tests {
		got, ok := Bucket(lib, tc.it, tc.key, tc.chosen)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Bucket(%v, %s, %v) = %v, %v; want %v, %v", tc.it, tc.key, tc.chosen, got, ok, tc.want, tc.ok)
		}
	}
}

func TestStepTitleNotesMenu(t *testing.T) {
	lib := testLib()
	p := Item{Kind: KindPage, Module: "m"}
	next, ok := Step(lib, p, 1)
	if !ok || next.Page != 1 || Title(lib, next) != "Module · page 2 of 2: Two" {
		t.Errorf("next page %+v %v %q", next, ok, Title(lib, next))
	}
	if _, ok := Step(lib, next, 1); ok {
		t.Error("stepped past the last page")
	}
	q := Item{Kind: KindQuestion, Module: "m", Question: "q1"}
	if n, ok := Step(lib, q, 1); !ok || n.Question != "q2" || Title(lib, n) != "Module · question 2 of 2" {
		t.Errorf("next question %+v", n)
	}
	sc := Item{Kind: KindScene, Scenario: "s", Scene: "b"}
	if _, ok := Step(lib, sc, 1); ok {
		t.Error("a scene stepped on without a decision")
	}
	if Title(lib, sc) != "Case · B (an ending)" || Notes(lib, sc)[0].Title != "Debrief" || Notes(lib, q)[0].Title != "Timing" {
		t.Errorf("title %q notes %v %v", Title(lib, sc), Notes(lib, sc), Notes(lib, q))
	}
	menu := Menu(lib)
	if len(menu) != 5 || menu[4].Item.Scene != "a" || menu[2].Label != "question 1: Pick" {
		t.Errorf("menu %+v", menu)
	}
	if _, err := Resolve(lib, Item{Kind: KindScene, Scenario: "s", Scene: "zz"}); err == nil {
		t.Error("resolved a missing scene")
	}
	if len(ExamModules(lib)) != 1 {
		t.Error("exam modules")
	}
}

func TestCame(t *testing.T) {
	l := Led{Mode: ModeLed, Item: Item{Kind: KindScene, Scenario: "s", Scene: "c"}, Path: []string{"a", "c"},
		Moves: []Move{{Scene: "a", Option: 1, By: ByMajority}}}
	if m, ok := l.Came(); !ok || m.By != ByMajority || m.Option != 1 {
		t.Errorf("came %+v %v", m, ok)
	}
	l.Path, l.Moves = []string{"a"}, nil
	if _, ok := l.Came(); ok {
		t.Error("the first scene was reached by a decision")
	}
	if ModeFree.String() != "free" || ModeExam.String() != "exam" || EventLedAnswer.String() != "led answer" {
		t.Error("names")
	}
}
