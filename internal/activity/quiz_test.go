package activity_test

import (
	"testing"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// TestQuizResumeAfterAnswerWithoutPosition is the crash between saving an
// answer and saving the position after it: the quiz resumes after the
// question answered, and never asks or stores it twice.
func TestQuizResumeAfterAnswerWithoutPosition(t *testing.T) {
	store := progresstest.Open(t)
	p := progresstest.Learner(t, store, "Sam", content.RolePolice)
	c := &clock{now: t0}
	l := &activity.Learner{Store: store, Profile: p, Now: c.Now}
	m := examModule()
	q := l.Quiz(m, nil, progress.ModePractice)
	if _, err := q.Prepare(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, pend := q.Submit([]int{0})
	if err := pend.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
	// The crash: the second answer is stored, its position is not.
	_, pend = q.Submit([]int{1})
	_ = pend
	a, _, err := store.UnfinishedAttempt(t.Context(), p.ID, "m", progress.ModePractice)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.RecordAnswer(t.Context(), progress.Answer{ProfileID: p.ID, AttemptID: a.ID, ModuleID: "m", QuestionID: "b", Chosen: []int{1}}); err != nil {
		t.Fatal(err)
	}
	if a.Current != 1 {
		t.Fatalf("saved position %d, want 1 (after the first answer)", a.Current)
	}
	again := l.Quiz(m, nil, progress.ModePractice)
	offer, err := again.Prepare(t.Context())
	if err != nil || offer == nil {
		t.Fatalf("offer %+v, %v", offer, err)
	}
	if offer.Answered != 2 || offer.At != 3 {
		t.Errorf("offer %+v: want 2 answered, resuming at question 3", offer)
	}
	again.Resume()
	if _, cur := again.Current(); cur == nil || cur.ID != "c" {
		t.Fatalf("resumed at %+v, want question c", cur)
	}
	_, pend = again.Submit([]int{0})
	if err := pend.Save(t.Context()); err != nil {
		t.Fatal(err)
	}
	answers, _ := store.Answers(t.Context(), p.ID)
	seen := map[string]int{}
	for _, ans := range answers {
		seen[ans.QuestionID]++
	}
	if seen["a"] != 1 || seen["b"] != 1 || seen["c"] != 1 {
		t.Errorf("answers per question %v: want each once", seen)
	}
	if sum := again.Summary(); sum.Total != 3 || sum.Correct != 2 {
		t.Errorf("summary %+v: want 2 of 3, counting the answers before the crash", sum)
	}
}
