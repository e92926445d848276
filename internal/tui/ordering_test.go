package tui

import (
	"strings"
	"testing"

	"frontline/internal/content"
)

// orderLibrary is a module whose quiz is one ordering question.
func orderLibrary() *content.Library {
	q := content.Question{ID: "steps", Text: "Put the first steps after a disclosure in order.", Kind: content.Ordering,
		Options: []content.Option{
			{Text: "Make sure the person is safe now", Feedback: "Safety comes first."},
			{Text: "Listen without pressing for detail"},
			{Text: "Explain what happens next"},
			{Text: "Record what was said"},
		}, Explanation: "Safety, listening, honesty, a record."}
	m := &content.Module{Meta: content.Meta{ID: "respond", Title: "Responding", Fingerprint: "fp-respond"}, Questions: []content.Question{q}}
	return &content.Library{Modules: []*content.Module{m}, Catalogue: &content.Catalogue{Indicators: map[string]*content.Indicator{}}}
}

// TestOrderingInTheQuiz moves steps with the keyboard: space picks a step
// up, ↑/↓ carry it, space puts it down; shift+↑ (K) moves one at once.
func TestOrderingInTheQuiz(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), orderLibrary(), "Sam", "quiz:respond", 80, 24)
	f := d.frame()
	if !strings.Contains(f, "Put the steps in order. Each pair") || !strings.Contains(f, "1. Make sure the person is safe now") {
		t.Fatalf("want the steps as written, numbered by place:\n%s", f)
	}
	// A practice quiz shows the steps in the order written: swap 1 and 2
	// by carrying step 1 down, then put it down; then move step 4 up one.
	d.keys("space", "down", "space")
	if f = d.frame(); !strings.Contains(f, "1. Listen without pressing") || !strings.Contains(f, "2. Make sure the person is safe") {
		t.Fatalf("carrying step 1 down should swap it with step 2:\n%s", f)
	}
	d.keys("down", "down", "K")
	d.keys("enter")
	f = d.frame()
	for _, want := range []string{"✗ 1. Listen without pressing for detail", "(belongs at 2)", "The right order",
		"1. Make sure the person is safe now", "Safety comes first.", "Not quite — 66%: 0 of 4 steps in their place"} {
		if !strings.Contains(f, want) {
			t.Errorf("feedback lacks %q:\n%s", want, f)
		}
	}
	ans := recordsOf(t, d.m.c.Store).Answers
	if len(ans) != 1 || !strings.Contains(ans[0], "chosen=[1 0 3 2]") {
		t.Errorf("stored answer %v: want the learner's order [1 0 3 2]", ans)
	}
}
