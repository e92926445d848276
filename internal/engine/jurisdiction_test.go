package engine

import (
	"reflect"
	"testing"
)

func TestEligible(t *testing.T) {
	m := testModule(6)
	m.Questions[1].Jurisdiction = "gb-eng"
	m.Questions[2].Jurisdiction = "gb"
	m.Questions[4].Jurisdiction = "it"
	tests := []struct {
		place string
		want  []int
	}{
		{"", []int{0, 1, 2, 3, 4, 5}},
		{"gb-eng", []int{0, 1, 2, 3, 5}},
		{"gb-sct", []int{0, 2, 3, 5}},
		{"it", []int{0, 3, 4, 5}},
		{"zm", []int{0, 3, 5}},
	}
	for _, tt := range tests {
		m.Exam.Jurisdiction = tt.place
		if got := Eligible(m); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Eligible in %q = %v, want %v", tt.place, got, tt.want)
		}
	}
}

// TestDrawLeavesOutOtherPlaces checks that an exam for one place never
// draws a question tagged for another, whatever the seed, and that a
// module with no tagged questions draws exactly as before.
func TestDrawLeavesOutOtherPlaces(t *testing.T) {
	m := testModule(12)
	plain := testModule(12)
	for i := range m.Questions {
		if i%3 == 0 {
			m.Questions[i].Jurisdiction = "gb-eng"
		}
	}
	m.Exam.Jurisdiction = "it"
	for seed := int64(0); seed < 200; seed++ {
		ids, order := Draw(m, 0, seed)
		if len(ids) != 8 || len(order) != 8 {
			t.Fatalf("seed %d: drew %d questions, want the 8 that hold in Italy", seed, len(ids))
		}
		for _, id := range ids {
			q, _ := m.Question(id)
			if q.Jurisdiction != "" {
				t.Fatalf("seed %d: drew %s, tagged %s, for an exam in Italy", seed, id, q.Jurisdiction)
			}
		}
		// Untagged module, exam for any place: the same draw as with no place.
		plain.Exam.Jurisdiction = ""
		a, ao := Draw(plain, 5, seed)
		plain.Exam.Jurisdiction = "it"
		b, bo := Draw(plain, 5, seed)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(ao, bo) {
			t.Fatalf("seed %d: the place changed the draw of a module with no tagged questions", seed)
		}
	}
	m.Exam.Jurisdiction = "gb-eng"
	if ids, _ := Draw(m, 0, 1); len(ids) != 12 {
		t.Errorf("exam in England and Wales drew %d of 12", len(ids))
	}
}

func TestQuizLeavesOutOtherPlaces(t *testing.T) {
	m := testModule(4)
	m.Questions[2].Jurisdiction = "gb-eng"
	m.Exam.Jurisdiction = "us"
	if got := NewQuiz(m, nil).Questions; !reflect.DeepEqual(got, []string{"q0", "q1", "q3"}) {
		t.Errorf("quiz questions = %v", got)
	}
	// Explicit ids (a retry, a review) are kept as asked.
	if got := NewQuiz(m, []string{"q2"}).Questions; !reflect.DeepEqual(got, []string{"q2"}) {
		t.Errorf("explicit ids = %v", got)
	}
}
