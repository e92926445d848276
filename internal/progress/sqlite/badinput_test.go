package sqlite

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"frontline/internal/progress"
)

// An empty database file beside the creation marker is a creation that was
// killed before its first migration committed: the next start finishes it
// instead of reporting a damaged file. Without the marker an empty file is
// still moved aside (bad input #24).
func TestInterruptedCreationIsFinished(t *testing.T) {
	for _, tc := range []struct {
		name      string
		file      bool // an empty progress.db exists
		marker    bool
		movedAway bool
	}{
		{"empty file and marker", true, true, false},
		{"marker only (killed before the file was made)", false, true, false},
		{"empty file without marker", true, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := privateDir(t)
			path := filepath.Join(dir, FileName)
			if tc.file {
				write(t, path, nil)
			}
			if tc.marker {
				write(t, path+creatingSuffix, nil)
			}
			s := openT(t, dir)
			st := s.Status()
			if st.ReadOnly || (st.MovedAside != "") != tc.movedAway {
				t.Fatalf("status = %+v, want moved aside = %v", st, tc.movedAway)
			}
			var version int
			if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != latestMigration() {
				t.Errorf("user_version = %d, %v", version, err)
			}
			mustProfile(t, s, "Ana")
			if _, err := os.Lstat(path + creatingSuffix); err == nil {
				t.Error("the creation marker was left behind")
			}
		})
	}
}

// Bad input #28: the clock jumps backwards between answers. Resume and
// review use the recording order (seq), so nothing is lost or reordered,
// and an exam answer changed later still replaces the earlier one even
// though its time stamp is older.
func TestClockBackwardsKeepsRecordingOrder(t *testing.T) {
	dir := privateDir(t)
	clock := newClock()
	s := openT(t, dir, WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	att, err := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m", Mode: progress.ModeExam,
		Questions: []string{"q1", "q2", "q3"}})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, q := range []string{"q1", "q2", "q1", "q3"} { // q1 is changed after q2
		clock.add(-3 * time.Hour)
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: att.ID, ModuleID: "m", QuestionID: q, Chosen: []int{len(want)}})
		want = append(want, q)
	}
	s.Close()

	s = openT(t, dir, WithClock(clock.now))
	_, answers, err := s.UnfinishedAttempt(bg(), p.ID, "m", progress.ModeExam)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, a := range answers {
		got = append(got, a.QuestionID)
		if i > 0 && !a.At.Before(answers[i-1].At) {
			t.Errorf("the clock did not run backwards in this test")
		}
	}
	// The replaced q1 is gone; the rest keep their recording order.
	if !reflect.DeepEqual(got, []string{"q2", "q1", "q3"}) {
		t.Errorf("resumed answers = %v, want [q2 q1 q3]", got)
	}
	if answers[1].Chosen[0] != 2 {
		t.Errorf("q1 kept the earlier answer %v", answers[1].Chosen)
	}
	if d, _ := s.Dashboard(bg(), p.ID); d.Answers != 3 {
		t.Errorf("dashboard answers = %d, want 3", d.Answers)
	}
}

// Bad input #29: a content update removed a module and some question ids.
// The store knows nothing of content, so every answer, indicator figure
// and review item about them is kept, counted and exported.
func TestAnswersToRemovedQuestionsAreKept(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	p := mustProfile(t, s, "Ana")
	at, _ := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "retired", Mode: progress.ModePractice, Total: 2})
	for _, q := range []struct{ module, id string }{{"m", "kept"}, {"m", "removed"}, {"retired", "old1"}, {"retired", "old2"}} {
		attempt := int64(0)
		if q.module == "retired" {
			attempt = at.ID
		}
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: attempt, ModuleID: q.module, QuestionID: q.id,
			Indicators: []progress.IndicatorHit{{Indicator: "gone-indicator", Hit: false}}},
			progress.ReviewItem{Kind: progress.ReviewQuestion, Key: q.module + "/" + q.id, Box: 1, Due: time.Now()})
	}
	at.Finished, at.Score = time.Now(), 1
	if err := s.SaveAttempt(bg(), at); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The new content has neither "retired" nor "m/removed".
	s = openT(t, dir)
	all, err := s.Answers(bg(), 0)
	if err != nil || len(all) != 4 {
		t.Fatalf("Answers = %d, %v; want all 4", len(all), err)
	}
	d, err := s.Dashboard(bg(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Answers != 4 {
		t.Errorf("dashboard answers = %d, want 4", d.Answers)
	}
	if len(d.Modules) != 1 || d.Modules[0].ModuleID != "retired" || d.Modules[0].Attempts != 1 {
		t.Errorf("dashboard modules = %+v, want the retired module's attempt", d.Modules)
	}
	if len(d.Indicators) != 1 || d.Indicators[0].Misses != 4 {
		t.Errorf("dashboard indicators = %+v", d.Indicators)
	}
	items, _ := s.ReviewItems(bg(), p.ID)
	if len(items) != 4 {
		t.Errorf("review items = %d, want 4", len(items))
	}
}
