package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"frontline/internal/progress"
)

func TestMigrationsAndPragmas(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	var version, appID int
	var mode string
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if version != latestMigration() || version < 1 {
		t.Errorf("user_version = %d, want %d", version, latestMigration())
	}
	if appID != ApplicationID {
		t.Errorf("application_id = %#x, want %#x", appID, ApplicationID)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q", mode)
	}
	// Every pooled connection has the pragmas, not just the first.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := s.db.Conn(bg())
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
		var fk, sync, secure int
		if err := c.QueryRowContext(bg(), "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(bg(), "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(bg(), "PRAGMA secure_delete").Scan(&secure); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || sync != 2 || secure != 1 {
			t.Errorf("conn %d: foreign_keys=%d synchronous=%d secure_delete=%d", i, fk, sync, secure)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	p := mustProfile(t, s, "Ana")
	s.Close()

	// Reopening applies nothing twice and keeps the data.
	s2 := openT(t, dir, WithSynchronous(SyncNormal))
	if _, err := s2.ProfileByName(bg(), p.Name); err != nil {
		t.Fatalf("after reopen: %v", err)
	}
	if err := checkPragmas(s2.db, SyncNormal); err != nil {
		t.Errorf("checkPragmas(NORMAL): %v", err)
	}
	if err := checkPragmas(s2.db, SyncFull); err == nil {
		t.Error("checkPragmas(FULL) passed on a NORMAL connection")
	}
	if _, err := Open(dir, WithSynchronous("OFF")); err == nil {
		t.Error("Open accepted synchronous=OFF")
	}
}

func TestMigrationList(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Errorf("migration %d is %s", i+1, m.name)
		}
	}
}

func TestProfiles(t *testing.T) {
	s := openT(t, privateDir(t))
	a := mustProfile(t, s, "Ana")
	mustProfile(t, s, "bo")
	if _, err := s.CreateProfile(bg(), "ANA", "health"); !errors.Is(err, progress.ErrExists) {
		t.Errorf("duplicate name: err = %v, want ErrExists", err)
	}
	if _, err := s.CreateProfile(bg(), "  ", "health"); err == nil {
		t.Error("empty name accepted")
	}
	got, err := s.ProfileByName(bg(), "ana")
	if err != nil || got.ID != a.ID || got.Role != "police" || !got.Created.Equal(a.Created) {
		t.Errorf("ProfileByName = %+v, %v; want %+v", got, err, a)
	}
	if _, err := s.ProfileByName(bg(), "nobody"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("missing profile: err = %v", err)
	}
	list, err := s.Profiles(bg())
	if err != nil || len(list) != 2 || list[0].Name != "Ana" || list[1].Name != "bo" {
		t.Errorf("Profiles = %+v, %v", list, err)
	}
}

func TestAttemptsAnswersAndResume(t *testing.T) {
	dir := privateDir(t)
	clock := newClock()
	s := openT(t, dir, WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	att, err := s.StartAttempt(bg(), progress.Attempt{
		ProfileID: p.ID, ModuleID: "m1", Mode: progress.ModeExam, Fingerprint: "fp", Version: "2",
		Seed: 42, Questions: []string{"q1", "q2", "q3"}, OptionOrder: [][]int{{1, 0}, {0, 1, 2}, nil},
		TimeLimit: 20 * time.Minute, Total: 3,
	})
	if err != nil || att.ID == 0 {
		t.Fatalf("StartAttempt: %+v, %v", att, err)
	}
	a1 := mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: att.ID, ModuleID: "m1", QuestionID: "q1",
		Version: "fp", Chosen: []int{0, 2}, Correct: false, Score: 0.5, TimeTaken: 1500 * time.Millisecond,
		Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: true}, {Indicator: "isolation", Hit: false}}})
	clock.add(time.Second)
	// The exam lets the learner change an answer: the later one replaces it.
	a1b := mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: att.ID, ModuleID: "m1", QuestionID: "q1",
		Version: "fp", Chosen: []int{0}, Correct: true, Score: 1})
	a2 := mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: att.ID, ModuleID: "m1", QuestionID: "q2",
		Version: "fp", Chosen: []int{1}, Correct: true, Score: 1})
	if !(a1.Seq < a1b.Seq && a1b.Seq < a2.Seq) {
		t.Errorf("seqs not increasing: %d %d %d", a1.Seq, a1b.Seq, a2.Seq)
	}
	att.Current, att.Flagged, att.Elapsed = 2, []string{"q2"}, 90*time.Second
	if err := s.SaveAttempt(bg(), att); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Resume after a restart: same question, flags, time and answers.
	s = openT(t, dir, WithClock(clock.now))
	got, answers, err := s.UnfinishedAttempt(bg(), p.ID, "m1", progress.ModeExam)
	if err != nil {
		t.Fatal(err)
	}
	want := att
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resumed attempt\n got %+v\nwant %+v", got, want)
	}
	if len(answers) != 2 || !reflect.DeepEqual(answers[0], a1b) || !reflect.DeepEqual(answers[1], a2) {
		t.Errorf("resumed answers = %+v\nwant %+v, %+v", answers, a1b, a2)
	}
	if _, _, err := s.UnfinishedAttempt(bg(), p.ID, "m1", progress.ModePractice); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("practice attempt: err = %v", err)
	}

	// Practice answers to the same question are all kept.
	pr, _ := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m1", Mode: progress.ModePractice})
	for i := 0; i < 2; i++ {
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: pr.ID, ModuleID: "m1", QuestionID: "q1"})
	}
	if _, ans, _ := s.Attempt(bg(), pr.ID); len(ans) != 2 {
		t.Errorf("practice answers = %d, want 2", len(ans))
	}

	got.Finished, got.Score, got.Passed = clock.now(), 2, false
	if err := s.SaveAttempt(bg(), got); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.UnfinishedAttempt(bg(), p.ID, "m1", progress.ModeExam); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("after finishing: err = %v", err)
	}
	one, _, err := s.Attempt(bg(), got.ID)
	if err != nil || !one.Done() || one.Percent() < 66 || one.Percent() > 67 {
		t.Errorf("Attempt = %+v, %v", one, err)
	}
	list, err := s.Attempts(bg(), p.ID, "m1", progress.ModeExam)
	if err != nil || len(list) != 1 || list[0].ID != got.ID {
		t.Errorf("Attempts = %+v, %v", list, err)
	}
	if all, _ := s.Attempts(bg(), p.ID, "m1", ""); len(all) != 2 {
		t.Errorf("Attempts(all modes) = %d, want 2", len(all))
	}
	if err := s.SaveAttempt(bg(), progress.Attempt{ID: 999}); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("SaveAttempt(missing) = %v", err)
	}
	if _, _, err := s.Attempt(bg(), 999); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("Attempt(missing) = %v", err)
	}
	if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, AttemptID: 999, ModuleID: "m", QuestionID: "q"}); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("answer to a missing attempt: %v", err)
	}
}

func TestRunsResumeAndReviews(t *testing.T) {
	dir := privateDir(t)
	clock := newClock()
	s := openT(t, dir, WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	r, err := s.StartRun(bg(), progress.Run{ProfileID: p.ID, ScenarioID: "s1", Fingerprint: "f", Path: []string{"start"}})
	if err != nil {
		t.Fatal(err)
	}
	r.Path = append(r.Path, "kitchen")
	r.Decisions = []progress.Decision{{Scene: "start", Option: 1, Target: "kitchen", Recommended: true}}
	r.Checkpoints = []progress.Checkpoint{{Scene: "start", Question: "cp1", Chosen: []int{0, 2}, Spotted: 1, Present: 2,
		FalseAlarms: 1, RedHerrings: 2, Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: true}, {Indicator: "passport", Hit: false}}}}
	due := clock.now().Add(24 * time.Hour)
	rev := progress.ReviewItem{Kind: progress.ReviewIndicator, Key: "passport", Box: 1, Interval: 24 * time.Hour, Due: due, Updated: clock.now()}
	if err := s.SaveRun(bg(), r, rev); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openT(t, dir, WithClock(clock.now))
	got, err := s.UnfinishedRun(bg(), p.ID, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("resumed run\n got %+v\nwant %+v", got, r)
	}
	items, err := s.ReviewItems(bg(), p.ID)
	rev.ProfileID = p.ID
	if err != nil || len(items) != 1 || !reflect.DeepEqual(items[0], rev) {
		t.Errorf("ReviewItems = %+v, %v; want %+v", items, err, rev)
	}
	if d, _ := s.ReviewDue(bg(), p.ID, clock.now()); len(d) != 0 {
		t.Errorf("due now = %+v, want none", d)
	}
	if d, _ := s.ReviewDue(bg(), p.ID, due); len(d) != 1 {
		t.Errorf("due at due time = %d, want 1", len(d))
	}

	// A second save replaces the checkpoints, and an upsert moves the item.
	got.Finished, got.Ending, got.Spotted, got.Present = clock.now(), "safe", 3, 4
	got.Checkpoints = got.Checkpoints[:1]
	rev.Box, rev.Due = 2, due.Add(48*time.Hour)
	if err := s.SaveRun(bg(), got, rev); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UnfinishedRun(bg(), p.ID, "s1"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("after finish: %v", err)
	}
	runs, err := s.Runs(bg(), p.ID, "s1")
	if err != nil || len(runs) != 1 || !reflect.DeepEqual(runs[0], got) {
		t.Errorf("Runs = %+v, %v", runs, err)
	}
	if items, _ := s.ReviewItems(bg(), p.ID); len(items) != 1 || items[0].Box != 2 {
		t.Errorf("after upsert: %+v", items)
	}
	if err := s.SaveRun(bg(), progress.Run{ID: 77}); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("SaveRun(missing) = %v", err)
	}
}

func TestReviewDueOrderAndAnswerReviews(t *testing.T) {
	clock := newClock()
	s := openT(t, privateDir(t), WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	t0 := clock.now()
	mk := func(key string, due time.Duration) progress.ReviewItem {
		return progress.ReviewItem{Kind: progress.ReviewQuestion, Key: key, Box: 1, Interval: time.Hour, Due: t0.Add(due), Updated: t0}
	}
	mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "a"}, mk("m/a", 2*time.Hour), mk("m/b", -time.Hour), mk("m/c", time.Hour))
	due, err := s.ReviewDue(bg(), p.ID, t0.Add(90*time.Minute))
	if err != nil || len(due) != 2 || due[0].Key != "m/b" || due[1].Key != "m/c" {
		t.Errorf("ReviewDue = %+v, %v", due, err)
	}
	d, _ := s.Dashboard(bg(), p.ID)
	if d.ReviewDue != 1 {
		t.Errorf("Dashboard.ReviewDue = %d, want 1", d.ReviewDue)
	}
}

func TestBookmarksAndCompletion(t *testing.T) {
	clock := newClock()
	s := openT(t, privateDir(t), WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	if err := s.SetBookmark(bg(), progress.Bookmark{ProfileID: p.ID, Kind: "module", ItemID: "m1", Position: 2}); err != nil {
		t.Fatal(err)
	}
	clock.add(time.Minute)
	_ = s.SetBookmark(bg(), progress.Bookmark{ProfileID: p.ID, Kind: "scenario", ItemID: "s1"})
	clock.add(time.Minute)
	_ = s.SetBookmark(bg(), progress.Bookmark{ProfileID: p.ID, Kind: "module", ItemID: "m1", Position: 5})
	bs, err := s.Bookmarks(bg(), p.ID)
	if err != nil || len(bs) != 2 || bs[0].ItemID != "m1" || bs[0].Position != 5 || bs[1].ItemID != "s1" {
		t.Errorf("Bookmarks = %+v, %v", bs, err)
	}
	first := clock.now()
	if err := s.MarkComplete(bg(), p.ID, "m1", first); err != nil {
		t.Fatal(err)
	}
	_ = s.MarkComplete(bg(), p.ID, "m1", first.Add(time.Hour))
	d, _ := s.Dashboard(bg(), p.ID)
	if len(d.Modules) != 1 || !d.Modules[0].Completed || !d.Modules[0].LastAt.Equal(first) {
		t.Errorf("modules = %+v", d.Modules)
	}
}

// TestSettingsAndNotesSeen stores a learner's settings and the content
// notes they read, apart from another learner's, and erases them with the
// learner.
func TestSettingsAndNotesSeen(t *testing.T) {
	clock := newClock()
	s := openT(t, t.TempDir(), WithClock(clock.now))
	ana, bo := mustProfile(t, s, "Ana"), mustProfile(t, s, "Bo")
	if err := s.SetSetting(bg(), ana.ID, "content-notes", "always"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(bg(), ana.ID, "content-notes", "once"); err != nil {
		t.Fatal(err)
	}
	if set, err := s.Settings(bg(), ana.ID); err != nil || len(set) != 1 || set["content-notes"] != "once" {
		t.Errorf("Settings = %v, %v", set, err)
	}
	if set, err := s.Settings(bg(), bo.ID); err != nil || len(set) != 0 {
		t.Errorf("another learner's settings = %v, %v", set, err)
	}
	for _, n := range []progress.NoteSeen{
		{ProfileID: ana.ID, Kind: "module", ItemID: "m1", Note: "aaa"},
		{ProfileID: ana.ID, Kind: "module", ItemID: "m1", Note: "bbb"}, // reworded, read again
		{ProfileID: ana.ID, Kind: "scenario", ItemID: "m1", Note: "ccc"},
		{ProfileID: bo.ID, Kind: "module", ItemID: "m1", Note: "aaa"},
	} {
		if err := s.MarkNoteSeen(bg(), n); err != nil {
			t.Fatal(err)
		}
	}
	seen, err := s.NotesSeen(bg(), ana.ID)
	if err != nil || len(seen) != 2 || seen[0].Kind != "module" || seen[0].Note != "bbb" || seen[1].Kind != "scenario" || !seen[0].Seen.Equal(clock.now()) {
		t.Errorf("NotesSeen = %+v, %v", seen, err)
	}
	if err := s.DeleteProfile(bg(), ana.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM settings) + (SELECT count(*) FROM notes_seen WHERE profile_id = ?)`, ana.ID).Scan(&n); err != nil || n != 0 {
		t.Errorf("after deleting the learner, %d rows remain (%v)", n, err)
	}
	if seen, _ := s.NotesSeen(bg(), bo.ID); len(seen) != 1 {
		t.Errorf("the other learner's notes: %+v", seen)
	}
}

func TestDashboard(t *testing.T) {
	clock := newClock()
	s := openT(t, privateDir(t), WithClock(clock.now))
	p := mustProfile(t, s, "Ana")
	other := mustProfile(t, s, "Bo")
	for i, score := range []float64{2, 4, 3} {
		clock.add(time.Minute)
		a, _ := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m1", Mode: progress.ModePractice, Total: 4})
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, AttemptID: a.ID, ModuleID: "m1", QuestionID: fmt.Sprint(i),
			Correct: i%2 == 0, Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: i%2 == 0}}})
		a.Finished, a.Score = clock.now(), score
		if err := s.SaveAttempt(bg(), a); err != nil {
			t.Fatal(err)
		}
	}
	_, _ = s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m2", Mode: progress.ModeExam, Total: 4}) // unfinished
	clock.add(time.Minute)
	r, _ := s.StartRun(bg(), progress.Run{ProfileID: p.ID, ScenarioID: "s1"})
	r.Checkpoints = []progress.Checkpoint{{Scene: "a", Question: "c", Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: true}, {Indicator: "wages", Hit: false}}}}
	r.Finished, r.Spotted, r.Present = clock.now(), 1, 2
	if err := s.SaveRun(bg(), r); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, s, progress.Answer{ProfileID: other.ID, ModuleID: "m9", QuestionID: "x", Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: false}}})

	d, err := s.Dashboard(bg(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Modules) != 1 || d.Modules[0].ModuleID != "m1" || d.Modules[0].Attempts != 3 || d.Modules[0].Best != 100 || d.Modules[0].Completed {
		t.Errorf("modules = %+v", d.Modules)
	}
	wantInd := []progress.IndicatorStat{{Indicator: "debt", Hits: 3, Misses: 1}, {Indicator: "wages", Hits: 0, Misses: 1}}
	if !reflect.DeepEqual(d.Indicators, wantInd) {
		t.Errorf("indicators = %+v, want %+v", d.Indicators, wantInd)
	}
	if len(d.Runs) != 1 || d.Runs[0].ID != r.ID {
		t.Errorf("runs = %+v", d.Runs)
	}
	if d.Answers != 3 {
		t.Errorf("answers = %d, want 3", d.Answers)
	}
	if len(d.Recent) != 4 || d.Recent[0].Kind != "run" || d.Recent[1].Kind != "attempt" || !d.Recent[0].At.After(d.Recent[1].At) {
		t.Errorf("recent = %+v", d.Recent)
	}
	if a := d.Recent[1]; a.ItemID != "m1" || a.Mode != progress.ModePractice || a.Score != 3 || a.Total != 4 {
		t.Errorf("recent[1] = %+v, want m1's practice attempt, 3 of 4", a)
	}
	for i := 0; i < 12; i++ {
		clock.add(time.Minute)
		_ = s.MarkComplete(bg(), p.ID, fmt.Sprintf("c%02d", i), time.Time{})
	}
	d, _ = s.Dashboard(bg(), p.ID)
	if len(d.Recent) != recentLimit || d.Recent[0].ItemID != "c11" {
		t.Errorf("recent after 12 completions = %d items, first %+v", len(d.Recent), d.Recent[0])
	}
}

func TestExportOrderIsSeqNotClock(t *testing.T) {
	clock := newClock()
	s := openT(t, privateDir(t), WithClock(clock.now))
	a := mustProfile(t, s, "Ana")
	b := mustProfile(t, s, "Bo")
	var want []string
	for i := 0; i < 6; i++ {
		clock.add(-time.Hour) // the clock runs backwards
		p := a
		if i%2 == 1 {
			p = b
		}
		q := fmt.Sprintf("q%d", i)
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: q})
		want = append(want, q)
	}
	all, err := s.Answers(bg(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, x := range all {
		got = append(got, x.QuestionID)
		if i > 0 && x.Seq <= all[i-1].Seq {
			t.Errorf("seq not increasing at %d", i)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	mine, _ := s.Answers(bg(), b.ID)
	if len(mine) != 3 || mine[0].QuestionID != "q1" {
		t.Errorf("Answers(Bo) = %+v", mine)
	}
}

func TestTwoStoresWriteConcurrently(t *testing.T) {
	dir := privateDir(t)
	s1 := openT(t, dir)
	s2 := openT(t, dir)
	p := mustProfile(t, s1, "Ana")
	const n = 150
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for w, s := range []*Store{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				// Read then write, as the app does.
				if _, err := s.Dashboard(bg(), p.ID); err != nil {
					errs <- err
				}
				if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: fmt.Sprintf("w%d-%d", w, i)}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, _ := s2.Answers(bg(), p.ID)
	if len(all) != 2*n {
		t.Errorf("answers = %d, want %d", len(all), 2*n)
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	p := mustProfile(t, s, "Ana")
	mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q"})
	s.Close()

	ro := openT(t, dir, func(o *options) { o.forceReadOnly = "the disk is read-only" })
	st := ro.Status()
	if !st.ReadOnly || st.Reason == "" {
		t.Fatalf("status = %+v", st)
	}
	// Reads work: progress is still shown.
	if got, err := ro.Answers(bg(), p.ID); err != nil || len(got) != 1 {
		t.Errorf("read-only Answers = %d, %v", len(got), err)
	}
	checkAllWritesRefused(t, ro, p.ID)
}

func checkAllWritesRefused(t *testing.T, s *Store, pid int64) {
	t.Helper()
	_, err1 := s.CreateProfile(bg(), "New", "police")
	_, err2 := s.StartAttempt(bg(), progress.Attempt{ProfileID: pid, ModuleID: "m"})
	err3 := s.SaveAttempt(bg(), progress.Attempt{ID: 1})
	_, err4 := s.RecordAnswer(bg(), progress.Answer{ProfileID: pid, ModuleID: "m", QuestionID: "q2"})
	_, err5 := s.StartRun(bg(), progress.Run{ProfileID: pid, ScenarioID: "s"})
	err6 := s.SaveRun(bg(), progress.Run{ID: 1})
	err7 := s.SetBookmark(bg(), progress.Bookmark{ProfileID: pid, Kind: "module", ItemID: "m"})
	err8 := s.MarkComplete(bg(), pid, "m", time.Time{})
	err9 := s.DeleteProfile(bg(), pid)
	_, err10 := s.Backup(bg())
	for i, err := range []error{err1, err2, err3, err4, err5, err6, err7, err8, err9, err10} {
		if !isNotSaved(err) {
			t.Errorf("write %d: err = %v, want ErrNotSaved", i+1, err)
		}
	}
}

func TestNewerSchemaOpensReadOnly(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	mustProfile(t, s, "Ana")
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := openT(t, dir)
	if st := s2.Status(); !st.ReadOnly || st.MovedAside != "" {
		t.Errorf("status = %+v, want read-only and nothing moved", st)
	}
	if _, err := s2.ProfileByName(bg(), "Ana"); err != nil {
		t.Errorf("read from newer schema: %v", err)
	}
}

// TestExtensionNeverShrinks: a trainer's extra time is stored with the
// attempt and moves its deadline; a later save that carries a smaller
// extension (the exam's own periodic save, made before the trainer gave
// it) keeps the stored one.
func TestExtensionNeverShrinks(t *testing.T) {
	s := openT(t, privateDir(t))
	p := mustProfile(t, s, "Ana")
	start := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	att, err := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m1", Mode: progress.ModeExam,
		Questions: []string{"q1"}, TimeLimit: 20 * time.Minute, Started: start})
	if err != nil {
		t.Fatal(err)
	}
	if got := att.Deadline(); !got.Equal(start.Add(20 * time.Minute)) {
		t.Errorf("deadline = %v", got)
	}
	stale := att
	att.Extension = 10 * time.Minute
	if err := s.SaveAttempt(bg(), att); err != nil {
		t.Fatal(err)
	}
	stale.Current, stale.Elapsed = 1, time.Minute
	if err := s.SaveAttempt(bg(), stale); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Attempt(bg(), att.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Extension != 10*time.Minute || got.Current != 1 {
		t.Errorf("after a stale save: extension %v, current %d", got.Extension, got.Current)
	}
	if d := got.Deadline(); !d.Equal(start.Add(30 * time.Minute)) {
		t.Errorf("deadline with the extension = %v", d)
	}
	if (progress.Attempt{}).Deadline() != (time.Time{}) {
		t.Error("an untimed attempt has a deadline")
	}
}
