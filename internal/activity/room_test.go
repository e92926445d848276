package activity_test

import (
	"errors"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// roomFixture is three trainees sharing one store, as a workshop room's
// trainees do, on a controlled clock.
type roomFixture struct {
	t     *testing.T
	store progress.Store
	clock *clock
	ps    []progress.Profile
	m     *content.Module
}

func newRoomFixture(t *testing.T) *roomFixture {
	f := &roomFixture{t: t, store: progresstest.Open(t), clock: &clock{now: t0}, m: examModule()}
	for _, n := range []string{"Ana", "Ben", "Cy"} {
		f.ps = append(f.ps, progresstest.Learner(t, f.store, n, content.RolePolice))
	}
	return f
}

func (f *roomFixture) learner(i int) *activity.Learner {
	return &activity.Learner{Store: f.store, Profile: f.ps[i], Now: f.clock.Now}
}

func (f *roomFixture) save(p activity.Pending) {
	f.t.Helper()
	if err := p.Save(f.t.Context()); err != nil {
		f.t.Fatal(err)
	}
}

// TestSittingSharesOneDeadline: trainees who begin a room's exam at
// different moments all end at the room's deadline; one trainee's
// extension moves theirs alone, is recorded in the attempt, survives the
// exam's own saves and reaches their open exam; nobody can begin after the
// deadline.
func TestSittingSharesOneDeadline(t *testing.T) {
	f := newRoomFixture(t)
	deadline := t0.Add(20 * time.Minute)
	sit := activity.Sitting{Settings: content.ExamSettings{Questions: 3, PassMark: 80}, Started: t0, Deadline: deadline}
	var xs []*activity.Exam
	for i, at := range []time.Duration{time.Minute, 5 * time.Minute, 19 * time.Minute} {
		f.clock.at(at)
		x, err := f.learner(i).OpenSitting(t.Context(), nil, f.m, sit)
		if err != nil {
			t.Fatal(err)
		}
		if got := x.Remaining(); got != 20*time.Minute-at {
			t.Errorf("%s before beginning: %v left, want %v", f.ps[i].Name, got, 20*time.Minute-at)
		}
		f.save(x.Begin())
		if got := x.Deadline(); !got.Equal(deadline) {
			t.Errorf("%s's deadline = %v, want the room's %v", f.ps[i].Name, got, deadline)
		}
		if x.Settings().PassMark != 80 {
			t.Errorf("%s's pass mark = %d, want the room's 80", f.ps[i].Name, x.Settings().PassMark)
		}
		xs = append(xs, x)
	}

	// Ben needs more time: ten minutes, given while his exam is open.
	f.clock.at(10 * time.Minute)
	got, err := f.learner(1).ExtendExam(t.Context(), f.m, 10*time.Minute)
	if err != nil || !got.Equal(deadline.Add(10*time.Minute)) {
		t.Fatalf("extend Ben: %v, %v", got, err)
	}
	// His open exam saves its position (with the attempt as it held it)
	// before it hears of the extension: the extension stays.
	f.save(xs[1].Answer(0, xs[1].E.ToShown(0, []int{0})))
	moved, err := xs[1].Refresh(t.Context())
	if err != nil || !moved {
		t.Fatalf("Ben's open exam did not take the extension: %v, %v", moved, err)
	}
	if !xs[1].Deadline().Equal(deadline.Add(10*time.Minute)) || xs[1].Extension() != 10*time.Minute {
		t.Errorf("Ben's exam: deadline %v, extension %v", xs[1].Deadline(), xs[1].Extension())
	}
	if moved, _ := xs[0].Refresh(t.Context()); moved {
		t.Error("Ana's deadline moved with Ben's extension")
	}

	// At the room's deadline Ana and Cy are out of time; Ben is not.
	f.clock.at(20 * time.Minute)
	if !xs[0].Expired() || !xs[2].Expired() || xs[1].Expired() {
		t.Errorf("expired at the deadline: Ana %v, Ben %v, Cy %v", xs[0].Expired(), xs[1].Expired(), xs[2].Expired())
	}
	if xs[1].Remaining() != 10*time.Minute {
		t.Errorf("Ben has %v left, want 10m", xs[1].Remaining())
	}
	f.save(xs[0].Submit())
	if a := xs[0].Attempt(); !a.Finished.Equal(deadline) || a.Extension != 0 {
		t.Errorf("Ana's attempt: finished %v, extension %v", a.Finished, a.Extension)
	}

	// Reopened later (a new seat after a restart), Ben's exam keeps his
	// extension and its true time left.
	f.clock.at(25 * time.Minute)
	again, err := f.learner(1).OpenSitting(t.Context(), nil, f.m, sit)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Resumed || again.Remaining() != 5*time.Minute || again.Extension() != 10*time.Minute {
		t.Errorf("Ben resumed: resumed %v, %v left, extension %v", again.Resumed, again.Remaining(), again.Extension())
	}
	f.save(again.Submit())
	if a := again.Attempt(); a.Extension != 10*time.Minute || !a.Done() {
		t.Errorf("Ben's submitted attempt: %+v", a)
	}
	// Opened again in the same sitting, it is his result, not a new exam.
	done, err := f.learner(1).OpenSitting(t.Context(), nil, f.m, sit)
	if err != nil || !done.Done() || done.Attempt().ID != again.Attempt().ID || done.Result().Total != 3 {
		t.Errorf("Ben's exam reopened after he submitted: %+v, %v", done, err)
	}

	// Nobody begins after the deadline, and an ended exam is not extended.
	late := progresstest.Learner(t, f.store, "Dee", content.RoleHealth)
	dee := &activity.Learner{Store: f.store, Profile: late, Now: f.clock.Now}
	if _, err := dee.OpenSitting(t.Context(), nil, f.m, sit); !errors.Is(err, activity.ErrSittingOver) {
		t.Errorf("begin after the deadline: %v", err)
	}
	if _, err := f.learner(2).ExtendExam(t.Context(), f.m, time.Minute); err == nil {
		t.Error("extended an exam whose time had run out")
	}
	if _, err := f.learner(0).ExtendExam(t.Context(), f.m, time.Minute); err == nil {
		t.Error("extended a submitted exam")
	}
	if _, err := f.learner(0).ExtendExam(t.Context(), f.m, 0); err == nil {
		t.Error("extended by nothing")
	}
}

// TestLedQuestionRecordsOneAttempt: a question put to the room is the
// trainee's own record, in its own mode.
func TestLedQuestionRecordsOneAttempt(t *testing.T) {
	f := newRoomFixture(t)
	q := f.learner(0).LedQuestion(f.m, "b")
	if _, err := q.Prepare(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, qu := q.Current(); qu == nil || qu.ID != "b" {
		t.Fatalf("asks %v", qu)
	}
	res, p := q.Submit([]int{1})
	f.save(p)
	f.save(q.Next())
	if res.Correct || !q.Done() {
		t.Errorf("result %+v, done %v", res, q.Done())
	}
	atts, err := f.store.Attempts(t.Context(), f.ps[0].ID, "m", progress.ModeLed)
	if err != nil || len(atts) != 1 || !atts[0].Done() || atts[0].Total != 1 {
		t.Fatalf("led attempts: %+v, %v", atts, err)
	}
	if _, ans, _ := f.store.Attempt(t.Context(), atts[0].ID); len(ans) != 1 || ans[0].QuestionID != "b" {
		t.Errorf("answers %+v", ans)
	}
}

// ledScenario: start (one checkpoint; go left or right), left and right
// lead to two endings.
func ledScenario() *content.Scenario {
	return &content.Scenario{Meta: content.Meta{ID: "s", Title: "S", Fingerprint: "fps"}, Start: "start",
		Scenes: []content.Scene{
			{ID: "start", Title: "Start", Checkpoints: []content.Question{{ID: "cp", Text: "What do you notice?", Kind: content.MultipleChoice,
				Options: []content.Option{{Text: "sign", Correct: true}, {Text: "noise"}}}},
				Decision: &content.Decision{Prompt: "Where?", Options: []content.Option{{Text: "left", Target: "left", Correct: true}, {Text: "right", Target: "right"}}}},
			{ID: "left", Title: "Left", Decision: &content.Decision{Options: []content.Option{{Text: "on", Target: "end", Correct: true}}}},
			{ID: "right", Title: "Right"},
			{ID: "end", Title: "End"},
		}}
}

// TestFollowTheRoom: the room's decision moves every trainee's run, with
// their own vote kept; a checkpoint left unanswered counts as missed; a
// latecomer is caught up; a run reopened after a restart keeps the votes.
func TestFollowTheRoom(t *testing.T) {
	f := newRoomFixture(t)
	sc := ledScenario()
	ctx := t.Context()
	path, moves := []string{"start"}, []activity.RoomMove(nil)

	ana, p, err := f.learner(0).LedRun(ctx, sc, path, moves)
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	_, p, err = ana.Answer(0, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	ben, p, err := f.learner(1).LedRun(ctx, sc, path, moves)
	if err != nil {
		t.Fatal(err)
	}
	f.save(p) // Ben never answers the checkpoint

	// The room goes right (the trainer's choice); Ana had voted left.
	d, p, err := ana.Follow(1, "trainer", 0)
	if err != nil || d.Target != "right" {
		t.Fatalf("Ana follows: %+v, %v", d, err)
	}
	f.save(p)
	_, p, err = ben.Follow(1, "trainer", 1)
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	if got := ben.Debrief(); got.Spotted != 0 || got.Present != 1 {
		t.Errorf("Ben's unanswered checkpoint: spotted %d of %d", got.Spotted, got.Present)
	}
	path, moves = append(path, "right"), append(moves, activity.RoomMove{Option: 1, By: "trainer"})

	// Cy arrives late: caught up to the room's scene.
	cy, p, err := f.learner(2).LedRun(ctx, sc, path, moves)
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	if cur := cy.Current(); cur == nil || cur.ID != "right" {
		t.Fatalf("Cy is at %v", cur)
	}

	// Stored: the room's choice, who made it, and each one's own vote.
	for i, want := range []int{0, 1, -1} {
		run, err := f.store.UnfinishedRun(ctx, f.ps[i].ID, "s")
		if err != nil {
			t.Fatal(err)
		}
		if len(run.Decisions) != 1 {
			t.Fatalf("%s: decisions %+v", f.ps[i].Name, run.Decisions)
		}
		dd := run.Decisions[0]
		if dd.Option != 1 || dd.By != "trainer" || dd.Vote != want {
			t.Errorf("%s's decision: %+v, want the trainer's right with vote %d", f.ps[i].Name, dd, want)
		}
	}

	// Ana's seat restarts: her run is found again, on the room's path,
	// with her vote.
	again, p, err := f.learner(0).LedRun(ctx, sc, path, moves)
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	if again.Current().ID != "right" || again.State().Checkpoints[0].Result.Spotted != 1 {
		t.Errorf("Ana's run reopened at %s with %+v", again.Current().ID, again.State().Checkpoints)
	}
	_, p = again.Finish()
	f.save(p)
	runs, _ := f.store.Runs(ctx, f.ps[0].ID, "s")
	if len(runs) != 1 || runs[0].Decisions[0].Vote != 0 || runs[0].Ending != "right" {
		t.Errorf("Ana's finished run: %+v", runs)
	}

	// A run down another path (another room's) is left as it was; this
	// room's run starts afresh.
	other := []string{"start", "left"}
	b2, p, err := f.learner(1).LedRun(ctx, sc, other, []activity.RoomMove{{Option: 0, By: "majority"}})
	if err != nil {
		t.Fatal(err)
	}
	f.save(p)
	if b2.Current().ID != "left" {
		t.Errorf("Ben's new room run is at %s", b2.Current().ID)
	}
	if runs, _ := f.store.Runs(ctx, f.ps[1].ID, "s"); len(runs) != 2 {
		t.Errorf("Ben has %d runs, want his first kept and a new one", len(runs))
	}
	if _, _, err := f.learner(1).LedRun(ctx, sc, []string{"left"}, nil); err == nil {
		t.Error("a room path not starting at the first scene was taken")
	}
}
