package room

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// TestSeatStoreKeepsTraineesApart drives one trainee's store view with
// requests for another trainee's records: every one is refused, and what
// is theirs still works.
func TestSeatStoreKeepsTraineesApart(t *testing.T) {
	ctx := ctxTimeout(t)
	inner := progresstest.Open(t)
	ana := progresstest.Learner(t, inner, "Ana", content.RolePolice)
	ben := progresstest.Learner(t, inner, "Ben", content.RoleHealth)

	// Ben's records, made through the room's store directly.
	bAtt, err := inner.StartAttempt(ctx, progress.Attempt{ProfileID: ben.ID, ModuleID: "foundations", Mode: progress.ModePractice, Questions: []string{"q1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inner.RecordAnswer(ctx, progress.Answer{ProfileID: ben.ID, AttemptID: bAtt.ID, ModuleID: "foundations", QuestionID: "q1", Chosen: []int{0}, Correct: true, Score: 1}); err != nil {
		t.Fatal(err)
	}
	bRun, err := inner.StartRun(ctx, progress.Run{ProfileID: ben.ID, ScenarioID: "airport-return", Path: []string{"start"}})
	if err != nil {
		t.Fatal(err)
	}

	var notes []EventKind
	var member Member
	s := newSeatStore(inner, ana, func(k EventKind, update func(*Member)) {
		notes = append(notes, k)
		update(&member)
	})

	refused := map[string]error{}
	_, refused["ProfileByName(Ben)"] = s.ProfileByName(ctx, "Ben")
	_, _, refused["Attempt(Ben's)"] = s.Attempt(ctx, bAtt.ID)
	_, refused["Attempts(Ben)"] = s.Attempts(ctx, ben.ID, "foundations", progress.ModePractice)
	_, _, refused["UnfinishedAttempt(Ben)"] = s.UnfinishedAttempt(ctx, ben.ID, "foundations", progress.ModePractice)
	_, refused["StartAttempt(as Ben)"] = s.StartAttempt(ctx, progress.Attempt{ProfileID: ben.ID, ModuleID: "foundations"})
	stolen := bAtt
	stolen.ProfileID = ana.ID
	refused["SaveAttempt(Ben's id)"] = s.SaveAttempt(ctx, stolen)
	_, refused["RecordAnswer(into Ben's attempt)"] = s.RecordAnswer(ctx, progress.Answer{ProfileID: ana.ID, AttemptID: bAtt.ID, ModuleID: "foundations", QuestionID: "q1"})
	_, refused["RecordAnswer(as Ben)"] = s.RecordAnswer(ctx, progress.Answer{ProfileID: ben.ID, ModuleID: "foundations", QuestionID: "q1"})
	_, refused["RecordAnswer(Ben's review)"] = s.RecordAnswer(ctx, progress.Answer{ProfileID: ana.ID, ModuleID: "foundations", QuestionID: "q1"}, progress.ReviewItem{ProfileID: ben.ID, Kind: progress.ReviewQuestion, Key: "foundations/q1"})
	runAsAna := bRun
	runAsAna.ProfileID = ana.ID
	refused["SaveRun(Ben's id)"] = s.SaveRun(ctx, runAsAna)
	_, refused["UnfinishedRun(Ben)"] = s.UnfinishedRun(ctx, ben.ID, "airport-return")
	_, refused["Runs(Ben)"] = s.Runs(ctx, ben.ID, "airport-return")
	refused["SetBookmark(Ben)"] = s.SetBookmark(ctx, progress.Bookmark{ProfileID: ben.ID, Kind: "module", ItemID: "foundations"})
	_, refused["Bookmarks(Ben)"] = s.Bookmarks(ctx, ben.ID)
	refused["MarkComplete(Ben)"] = s.MarkComplete(ctx, ben.ID, "foundations", time.Now())
	_, refused["ReviewItems(Ben)"] = s.ReviewItems(ctx, ben.ID)
	_, refused["ReviewDue(Ben)"] = s.ReviewDue(ctx, ben.ID, time.Now())
	refused["SaveReviews(Ben)"] = s.SaveReviews(ctx, ben.ID)
	_, refused["Dashboard(Ben)"] = s.Dashboard(ctx, ben.ID)
	_, refused["Answers(Ben)"] = s.Answers(ctx, ben.ID)
	_, refused["CreateProfile"] = s.CreateProfile(ctx, "Cy", content.RoleOther)
	refused["DeleteProfile(Ben)"] = s.DeleteProfile(ctx, ben.ID)
	refused["DeleteProfile(own)"] = s.DeleteProfile(ctx, ana.ID)
	for what, err := range refused {
		if err == nil {
			t.Errorf("%s was allowed", what)
		}
	}
	if !errors.Is(refused["Dashboard(Ben)"], progress.ErrNotFound) {
		t.Errorf("refusals should read as not found: %v", refused["Dashboard(Ben)"])
	}
	if len(notes) != 0 {
		t.Errorf("refused calls reported %v", notes)
	}

	// Their own records work, and are reported.
	ps, _ := s.Profiles(ctx)
	if len(ps) != 1 || ps[0].ID != ana.ID {
		t.Errorf("Profiles = %v, want only Ana", ps)
	}
	a, err := s.StartAttempt(ctx, progress.Attempt{ProfileID: ana.ID, ModuleID: "foundations", Mode: progress.ModePractice, Questions: []string{"q1", "q2"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, progress.Answer{ProfileID: ana.ID, AttemptID: a.ID, ModuleID: "foundations", QuestionID: "q1", Chosen: []int{1}, Correct: true, Score: 1}); err != nil {
		t.Fatal(err)
	}
	a.Current = 1
	if err := s.SaveAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	answers, err := s.Answers(ctx, 0)
	if err != nil || len(answers) != 1 || answers[0].ProfileID != ana.ID {
		t.Errorf("Answers(0) = %v, %v; want Ana's one answer", answers, err)
	}
	if member.Answers != 1 || member.Correct != 1 || member.Last.QuestionID != "q1" || member.Activity.Kind != "practice" || member.Activity.Position != 1 || member.Activity.Of != 2 {
		t.Errorf("reported member %+v", member)
	}
	if len(notes) != 3 || notes[1] != EventAnswered {
		t.Errorf("notes %v", notes)
	}
	if s.Failed() {
		t.Error("Failed after successful writes")
	}
}

// TestSeatStoreStatusHidesPaths: a trainee never sees the trainer's paths.
func TestSeatStoreStatusHidesPaths(t *testing.T) {
	inner := progresstest.WithStatus(progresstest.Open(t), progress.Status{Path: "/home/trainer/data/progress.db", ReadOnly: true, Reason: "the folder /home/trainer/data cannot be written", Backup: "/home/trainer/data/backups/x.db"})
	s := newSeatStore(inner, progress.Profile{ID: 1, Name: "Ana"}, nil)
	st := s.Status()
	if !st.ReadOnly || st.Path != "" || st.Backup != "" || st.MovedAside != "" || st.Reason == "" || containsAny(st.Reason, "/home") {
		t.Errorf("status %+v", st)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
