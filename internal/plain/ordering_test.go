package plain

import (
	"reflect"
	"testing"

	"frontline/internal/content"
)

// TestOrderingQuestion answers an ordering question in the line mode by
// typing the steps' numbers in order, after a typo that is explained.
func TestOrderingQuestion(t *testing.T) {
	h := newHarness(t)
	h.lib.Modules[0].Questions = []content.Question{{ID: "steps", Text: "Put the first steps in order.", Kind: content.Ordering,
		Options: []content.Option{
			{Text: "Make sure the person is safe now", Feedback: "Safety comes first."},
			{Text: "Listen without pressing for detail"},
			{Text: "Explain what happens next"},
		}, Explanation: "Safety, listening, honesty."}}
	out := h.run(t, "\n3,1\n2,1,3\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out,
		"Question 1 of 1 (put the steps in order)", "3 steps:", "  1. Make sure the person is safe now",
		"Order the step numbers, first step first (e.g. 3,1,2), r to repeat the question, or q to quit:",
		"Not understood: put every item in order: type all 3 numbers, for example 3,2,1.",
		"Not quite. 1 of 3 steps in their place: 0.67 of 1 point.",
		"The right order:", "  1. Make sure the person is safe now: wrong, you put it at 2. Safety comes first.",
		"  3. Explain what happens next: right, you put it here.",
		"Explanation: Safety, listening, honesty.",
	)
	if a := h.answers(); len(a) != 1 || !reflect.DeepEqual(a[0].Chosen, []int{1, 0, 2}) {
		t.Errorf("answers = %+v, want the order [1 0 2]", a)
	}
}
