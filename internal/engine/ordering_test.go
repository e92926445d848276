package engine

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"frontline/internal/content"
)

func orderQ(n int) *content.Question {
	q := &content.Question{ID: "o", Kind: content.Ordering, Indicators: []string{"a"}}
	for i := 0; i < n; i++ {
		q.Options = append(q.Options, content.Option{Text: string(rune('A' + i))})
	}
	return q
}

func TestScoreOrder(t *testing.T) {
	q := orderQ(4)
	tests := []struct {
		name    string
		chosen  []int
		correct bool
		score   float64
		placed  []int
	}{
		{"right order", []int{0, 1, 2, 3}, true, 1, []int{0, 1, 2, 3}},
		{"reversed", []int{3, 2, 1, 0}, false, 0, []int{3, 2, 1, 0}},
		{"one swap of neighbours", []int{1, 0, 2, 3}, false, 5.0 / 6, []int{1, 0, 2, 3}},
		{"last moved first", []int{3, 0, 1, 2}, false, 3.0 / 6, []int{1, 2, 3, 0}},
		{"missing an item", []int{0, 1, 2}, false, 0, []int{-1, -1, -1, -1}},
		{"repeated item", []int{0, 0, 1, 2}, false, 0, []int{-1, -1, -1, -1}},
		{"out of range", []int{0, 1, 2, 9}, false, 0, []int{-1, -1, -1, -1}},
		{"nothing", nil, false, 0, []int{-1, -1, -1, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(q, tc.chosen)
			if r.Correct != tc.correct || math.Abs(r.Score-tc.score) > 1e-9 {
				t.Errorf("correct %v score %v, want %v %v", r.Correct, r.Score, tc.correct, tc.score)
			}
			if !reflect.DeepEqual(r.Placed, tc.placed) {
				t.Errorf("placed %v, want %v", r.Placed, tc.placed)
			}
			if len(r.Indicators) != 1 || r.Indicators[0].Hit != tc.correct {
				t.Errorf("indicators %+v", r.Indicators)
			}
		})
	}
}

func TestParseOrder(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  string
	}{
		{"3,1,2,4", []int{2, 0, 1, 3}, ""},
		{"3 1 2 4", []int{2, 0, 1, 3}, ""},
		{" 1;2;3;4 ", []int{0, 1, 2, 3}, ""},
		{"", nil, "no option chosen: type the 4 item numbers in the order you choose, for example 4,3,2,1"},
		{"1,2,3", nil, "put every item in order: type all 4 numbers, for example 4,3,2,1"},
		{"1,1,2,3", nil, "item 1 appears twice; use each number once"},
		{"1,2,3,5", nil, "there is no item 5; type numbers from 1 to 4"},
		{"1,b,3,4", nil, `"b" is not an item number; type numbers from 1 to 4`},
	}
	for _, tc := range tests {
		got, err := ParseOrder(tc.in, 4)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: err %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v %v, want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseOrder("", 3); !errors.Is(err, ErrEmptyChoice) {
		t.Errorf("empty input: %v, want ErrEmptyChoice", err)
	}
}

func TestParseAnswerByKind(t *testing.T) {
	if got, err := ParseAnswer(orderQ(3), "2,3,1", 3); err != nil || !reflect.DeepEqual(got, []int{1, 2, 0}) {
		t.Errorf("ordering: %v %v", got, err)
	}
	multi := &content.Question{Kind: content.MultipleChoice}
	if got, err := ParseAnswer(multi, "3,1", 3); err != nil || !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("select all: %v %v", got, err)
	}
	single := &content.Question{Kind: content.SingleChoice}
	if _, err := ParseAnswer(single, "3,1", 3); err == nil {
		t.Errorf("single choice took two answers")
	}
}

func TestDrawShufflesOrderingItems(t *testing.T) {
	m := &content.Module{Questions: []content.Question{*orderQ(6)}}
	m.Questions[0].ID = "o"
	moved := false
	for seed := int64(1); seed < 20; seed++ {
		_, order := Draw(m, 1, seed)
		if !reflect.DeepEqual(order[0], []int{0, 1, 2, 3, 4, 5}) {
			moved = true
		}
	}
	if !moved {
		t.Error("ordering items are shown in the right order in every draw")
	}
}
