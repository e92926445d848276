package engine

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"frontline/internal/content"
)

func TestScore(t *testing.T) {
	single := q("s", content.SingleChoice, ".x..", "a")
	multi := q("m", content.MultipleChoice, "xx..", "a", "b")
	multi3 := q("m3", content.MultipleChoice, "x.x.x")
	tf := q("t", content.TrueFalse, ".x")
	tests := []struct {
		name        string
		q           content.Question
		chosen      []int
		correct     bool
		score       float64
		spotted     int
		falseAlarms int
		missed      []int
		wrong       []int
	}{
		{"single right", single, []int{1}, true, 1, 1, 0, nil, nil},
		{"single wrong", single, []int{0}, false, 0, 0, 1, []int{1}, []int{0}},
		{"single none", single, nil, false, 0, 0, 0, []int{1}, nil},
		{"single right plus wrong", single, []int{1, 2}, false, 0, 1, 1, nil, []int{2}},
		{"single duplicates and out of range ignored", single, []int{1, 1, 9, -1}, true, 1, 1, 0, nil, nil},
		{"multi all right", multi, []int{0, 1}, true, 1, 2, 0, nil, nil},
		{"multi one missed", multi, []int{0}, false, 0.5, 1, 0, []int{1}, nil},
		{"multi one false alarm", multi, []int{0, 1, 2}, false, 0.5, 2, 1, nil, []int{2}},
		{"multi one right one wrong", multi, []int{0, 3}, false, 0, 1, 1, []int{1}, []int{3}},
		{"multi nothing chosen", multi, nil, false, 0, 0, 0, []int{0, 1}, nil},
		{"multi everything chosen", multi, []int{0, 1, 2, 3}, false, 0, 2, 2, nil, []int{2, 3}},
		{"multi all wrong", multi, []int{2, 3}, false, 0, 0, 2, []int{0, 1}, []int{2, 3}},
		{"multi three of five right, two missed", multi3, []int{0}, false, 1.0 / 3, 1, 0, []int{2, 4}, nil},
		{"multi three of five right, all ticked", multi3, []int{0, 1, 2, 3, 4}, false, 1.0 / 3, 3, 2, nil, []int{1, 3}},
		{"true/false right", tf, []int{1}, true, 1, 1, 0, nil, nil},
		{"true/false wrong", tf, []int{0}, false, 0, 0, 1, []int{1}, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(&tt.q, tt.chosen)
			if r.Correct != tt.correct || math.Abs(r.Score-tt.score) > 1e-9 {
				t.Errorf("Correct, Score = %v, %v; want %v, %v", r.Correct, r.Score, tt.correct, tt.score)
			}
			if r.Spotted != tt.spotted || r.FalseAlarms != tt.falseAlarms {
				t.Errorf("Spotted, FalseAlarms = %d, %d; want %d, %d", r.Spotted, r.FalseAlarms, tt.spotted, tt.falseAlarms)
			}
			if r.Present+r.RedHerrings != len(tt.q.Options) || r.Present != len(tt.q.Correct()) {
				t.Errorf("Present, RedHerrings = %d, %d", r.Present, r.RedHerrings)
			}
			if !reflect.DeepEqual(r.Missed, tt.missed) || !reflect.DeepEqual(r.Wrong, tt.wrong) {
				t.Errorf("Missed, Wrong = %v, %v; want %v, %v", r.Missed, r.Wrong, tt.missed, tt.wrong)
			}
			if len(r.Options) != len(tt.q.Options) {
				t.Fatalf("Options has %d outcomes", len(r.Options))
			}
			if len(r.Indicators) != len(tt.q.Indicators) {
				t.Fatalf("Indicators = %v", r.Indicators)
			}
			for _, in := range r.Indicators {
				if in.Hit != r.Correct {
					t.Errorf("indicator %s Hit = %v, want %v", in.ID, in.Hit, r.Correct)
				}
			}
		})
	}
}

func TestScoreOptionsOutcome(t *testing.T) {
	multi := q("m", content.MultipleChoice, "x.x.")
	r := Score(&multi, []int{0, 1})
	want := []OptionOutcome{{true, true}, {true, false}, {false, true}, {false, false}}
	if !reflect.DeepEqual(r.Options, want) {
		t.Fatalf("Options = %v, want %v", r.Options, want)
	}
}

func TestParseChoice(t *testing.T) {
	tests := []struct {
		in      string
		n       int
		multi   bool
		want    []int
		errPart string
	}{
		{"2", 4, false, []int{1}, ""},
		{" 2 ", 4, false, []int{1}, ""},
		{"1,3", 4, true, []int{0, 2}, ""},
		{"3 1", 4, true, []int{0, 2}, ""},
		{"1, 3", 4, true, []int{0, 2}, ""},
		{"3,3,1", 4, true, []int{0, 2}, ""},
		{"2,2", 4, false, []int{1}, ""},
		{"", 4, false, nil, "type an option number from 1 to 4"},
		{"  ", 4, true, nil, "type an option number"},
		{"5", 4, false, nil, "there is no option 5"},
		{"0", 4, false, nil, "there is no option 0"},
		{"x", 4, false, nil, `"x" is not an option number`},
		{"1,b", 4, true, nil, `"b" is not an option number`},
		{"1,3", 4, false, nil, "one answer"},
		{"-1", 4, false, nil, "there is no option -1"},
	}
	for _, tt := range tests {
		got, err := ParseChoice(tt.in, tt.n, tt.multi)
		if tt.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("ParseChoice(%q) error = %v, want it to contain %q", tt.in, err, tt.errPart)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseChoice(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestQuizFlow(t *testing.T) {
	m := testModule(3) // q0 single (right 1), q1 multi (right 0,1), q2 true/false (right 0)
	qz := NewQuiz(m, nil)
	if got := qz.Questions; !reflect.DeepEqual(got, []string{"q0", "q1", "q2"}) {
		t.Fatalf("Questions = %v", got)
	}
	answers := [][]int{{1}, {0}, {1}}
	for i, a := range answers {
		if qz.Done() {
			t.Fatalf("done before question %d", i)
		}
		cur := qz.Current()
		if cur == nil || cur.ID != qz.Questions[i] {
			t.Fatalf("Current = %v at %d", cur, i)
		}
		qz.Submit(a)
		if qz.Current().ID != cur.ID {
			t.Fatal("Submit advanced")
		}
		qz.Next()
	}
	if !qz.Done() || qz.Current() != nil {
		t.Fatal("quiz not done after the last question")
	}
	s := qz.Summary()
	if s.Total != 3 || s.Correct != 1 || math.Abs(s.Score-1.5) > 1e-9 || math.Abs(s.Percent-50) > 1e-9 {
		t.Errorf("Summary = %+v", s)
	}
	if !reflect.DeepEqual(s.Missed, []string{"q1", "q2"}) {
		t.Errorf("Missed = %v", s.Missed)
	}
	// Retry only the missed ones; unknown ids are dropped.
	retry := NewQuiz(m, append(s.Missed, "nope"))
	if !reflect.DeepEqual(retry.Questions, []string{"q1", "q2"}) {
		t.Errorf("retry Questions = %v", retry.Questions)
	}
	if s := retry.Summary(); s.Correct != 0 || len(s.Missed) != 2 {
		t.Errorf("unanswered retry Summary = %+v", s)
	}
}

func TestParseChoiceEmptyIsErrEmptyChoice(t *testing.T) {
	_, err := ParseChoice("", 3, false)
	if !errors.Is(err, ErrEmptyChoice) || err.Error() != "no option chosen: type an option number from 1 to 3" {
		t.Errorf("err = %v", err)
	}
}

// TestSelectAllGuessingEarnsLittle checks the rule the scoring note
// promises: on a select-all question with as many wrong options as right
// ones, ticking everything or nothing scores zero, and each wrong tick
// costs what a right tick earns.
func TestSelectAllGuessingEarnsLittle(t *testing.T) {
	for _, marks := range []string{"x.", "xx..", "x.x.", ".xx..", "x..x.x"} {
		qu := q("m", content.MultipleChoice, marks)
		all := make([]int, len(marks))
		for i := range all {
			all[i] = i
		}
		if s := Score(&qu, all).Score; s != 0 {
			t.Errorf("%s: ticking everything scores %v, want 0", marks, s)
		}
		if s := Score(&qu, nil).Score; s != 0 {
			t.Errorf("%s: ticking nothing scores %v, want 0", marks, s)
		}
	}
	qu := q("m", content.MultipleChoice, "xx..")
	if a, b := Score(&qu, []int{0}).Score, Score(&qu, []int{0, 1, 2}).Score; math.Abs(a-b) > 1e-9 {
		t.Errorf("one right tick scores %v but two right and one wrong score %v; a wrong tick should cancel a right one", a, b)
	}
}

func TestScoringNote(t *testing.T) {
	for _, k := range []content.QuestionKind{content.SingleChoice, content.MultipleChoice, content.TrueFalse, content.Ordering} {
		note := ScoringNote(k)
		if note == "" || strings.Contains(note, "\n") {
			t.Errorf("ScoringNote(%v) = %q, want one line", k, note)
		}
	}
	if !strings.Contains(ScoringNote(content.MultipleChoice), "wrong tick") {
		t.Errorf("the select-all note must say that wrong ticks cost: %q", ScoringNote(content.MultipleChoice))
	}
	if ScoringNote(content.QuestionKind(99)) != "" {
		t.Error("an unknown kind should have no note")
	}
}
