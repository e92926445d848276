package room

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/workshop"
)

// firstItems are a quiz question and a case study's first scene (with a
// checkpoint and a decision) of the bundled curriculum.
func firstItems(t *testing.T, lib *content.Library) (q, scene workshop.Item) {
	t.Helper()
	for _, e := range workshop.Menu(lib) {
		switch {
		case e.Item.Kind == workshop.KindQuestion && q.IsZero():
			if r, _ := workshop.Resolve(lib, e.Item); r.Question.Kind == content.SingleChoice {
				q = e.Item
			}
		case e.Item.Kind == workshop.KindScene && scene.IsZero():
			if r, _ := workshop.Resolve(lib, e.Item); len(r.Scene.Checkpoints) > 0 && r.Scene.Decision != nil && len(r.Scene.Decision.Options) >= 2 {
				scene = e.Item
			}
		}
	}
	if q.IsZero() || scene.IsZero() {
		t.Fatal("the bundled curriculum has no question or scene to lead to")
	}
	return q, scene
}

// TestLedRoom drives the room's led state directly: counts hidden below
// three answers, the reveal, majority and trainer decisions, free mode,
// and a restart that carries on where the room was.
func TestLedRoom(t *testing.T) {
	dir := t.TempDir()
	lib := bundled(t)
	open := func() *Room {
		r, err := OpenRoom(RoomConfig{Name: "led", DataDir: dir, Library: lib, Theme: "dark", MaxSeats: 10})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := open()
	ctx := ctxTimeout(t)
	var sks []string
	for _, n := range []string{"Ana", "Ben", "Cy"} {
		if _, err := r.Join(ctx, JoinRequest{Name: n, Role: content.RolePolice, Term: Terminal{Env: []string{"TERM=xterm"}}}); err != nil {
			t.Fatal(err)
		}
		sks = append(sks, nameSkeleton(n))
	}
	q, scene := firstItems(t, lib)
	if err := r.Reveal(); !errors.Is(err, ErrNotLed) {
		t.Errorf("reveal in free mode: %v", err)
	}
	if err := r.Lead(q); err != nil {
		t.Fatal(err)
	}
	st := r.Status()
	if st.Mode != workshop.ModeLed || st.Item != q || st.Step != 1 || len(st.Counts) != 1 {
		t.Fatalf("status after leading: %+v", st)
	}

	r.answer(sks[0], 1, workshop.KeyQuestion, []int{1})
	r.answer(sks[0], 1, workshop.KeyQuestion, []int{0}) // a second answer is not counted
	r.answer(sks[1], 0, workshop.KeyQuestion, []int{0}) // nor one to an earlier step
	r.answer(sks[1], 1, workshop.KeyQuestion, []int{1})
	c := r.Status().Counts[0]
	if c.Answered != 2 || c.Shown() {
		t.Errorf("two answers: %+v", c)
	}
	if pv := r.ProjectorView(); pv.Answered != 2 || len(pv.Counts) != 0 {
		t.Errorf("projector before the reveal: %+v", pv)
	}
	for _, m := range r.Roster() {
		if m.Last != (LastAnswer{}) {
			t.Errorf("%s's roster line shows a led answer: %+v", m.Name, m.Last)
		}
	}
	r.answer(sks[2], 1, workshop.KeyQuestion, []int{2})
	if err := r.Reveal(); err != nil {
		t.Fatal(err)
	}
	r.answer(sks[2], 1, workshop.KeyQuestion, []int{0}) // after the reveal: not counted
	c = r.Status().Counts[0]
	want := make([]int, len(c.Part.Options))
	want[1], want[2] = 2, 1
	if c.Answered != 3 || !c.Shown() || !reflect.DeepEqual(c.Chosen, want) {
		t.Errorf("three answers: %+v, want %v", c, want)
	}
	pv := r.ProjectorView()
	if len(pv.Counts) != 1 || !reflect.DeepEqual(pv.Counts[0].Chosen, want) {
		t.Errorf("projector after the reveal: %+v", pv.Counts)
	}
	v := func() workshop.SeatView { r.mu.Lock(); defer r.mu.Unlock(); return r.seatViewLocked(sks[0]) }()
	if !v.Revealed || len(v.Counts) != 1 || !reflect.DeepEqual(v.Mine[workshop.KeyQuestion], []int{1}) {
		t.Errorf("Ana's view: %+v", v)
	}

	// The case study: the majority, then the trainer's choice.
	res, _ := workshop.Resolve(lib, scene)
	if err := r.Lead(workshop.Item{Kind: workshop.KindScene, Scenario: scene.Scenario, Scene: "no-such-scene"}); err == nil {
		t.Error("led to a scene the case study does not have")
	}
	if err := r.Lead(scene); err != nil {
		t.Fatal(err)
	}
	for i, vote := range []int{1, 1, 0} {
		r.answer(sks[i], r.Led().Step, workshop.KeyDecision, []int{vote})
	}
	r.answer(sks[0], r.Led().Step, workshop.CheckpointKey(0), []int{0})
	if m := r.Roster()[0]; m.LedAnswered != 2 {
		t.Errorf("Ana answered %d parts, want 2", m.LedAnswered)
	}
	if err := r.Follow(-1); err != nil {
		t.Fatal(err)
	}
	l := r.Led()
	target := res.Scene.Decision.Options[1].Target
	if l.Item.Scene != target || len(l.Moves) != 1 || l.Moves[0].By != workshop.ByMajority || l.Moves[0].Option != 1 ||
		!reflect.DeepEqual(l.Path, []string{scene.Scene, target}) || l.Revealed {
		t.Errorf("after the majority: %+v", l)
	}
	if m, ok := l.Came(); !ok || m.By != workshop.ByMajority {
		t.Errorf("came %+v %v", m, ok)
	}
	if r.Roster()[0].LedAnswered != 0 {
		t.Error("answers carried over to the next scene")
	}
	// Back to the first scene starts the room's path again; the trainer
	// then chooses with too few votes for a majority.
	if err := r.Lead(scene); err != nil {
		t.Fatal(err)
	}
	if err := r.Follow(-1); !errors.Is(err, workshop.ErrFewVotes) {
		t.Errorf("majority with no votes: %v", err)
	}
	if err := r.Follow(len(res.Scene.Decision.Options)); err == nil {
		t.Error("followed an action that does not exist")
	}
	if err := r.Follow(0); err != nil {
		t.Fatal(err)
	}
	if l := r.Led(); l.Moves[0].By != workshop.ByTrainer || len(l.Path) != 2 {
		t.Errorf("after the trainer's choice: %+v", l)
	}
	step := r.Led().Step
	r.answer(sks[1], step, workshop.KeyDecision, []int{0})

	// Remove Cy: his app ends and he cannot come back.
	if err := r.Remove("cy"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Join(ctx, JoinRequest{Name: "Cy", Word: "whatever"}); !errors.Is(err, ErrRemoved) {
		t.Errorf("Cy joining again: %v", err)
	}
	if err := r.Release(); err != nil {
		t.Fatal(err)
	}
	if r.Led().Mode != workshop.ModeFree {
		t.Error("not free after the release")
	}
	if err := r.Lead(r.Led().Item); err != nil { // led there again: the room carries on
		t.Fatal(err)
	}
	if l := r.Led(); l.Step != step || len(l.Path) != 2 {
		t.Errorf("led back to where it was: %+v", l)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "rooms", "led", LedFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v %v", LedFile, fi, err)
	}

	// Reopened: the mode, the item, the path, the answers and who was
	// removed are all there.
	r = open()
	defer r.Close()
	l = r.Led()
	if l.Mode != workshop.ModeLed || l.Step != step || len(l.Path) != 2 || l.Moves[0].By != workshop.ByTrainer {
		t.Errorf("reopened: %+v", l)
	}
	roster := r.Roster()
	if roster[1].LedAnswered != 1 || !roster[2].Removed {
		t.Errorf("reopened roster: %+v", roster)
	}
}

// TestRoomExamProgress: the room's exam shows each trainee's answered
// count and deadline; one trainee's extension moves only theirs.
func TestRoomExamProgress(t *testing.T) {
	clock := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	lib := bundled(t)
	r, err := OpenRoom(RoomConfig{Name: "exam", DataDir: t.TempDir(), Library: lib, Theme: "dark", MaxSeats: 10, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := ctxTimeout(t)
	var seats []*Seat
	for _, n := range []string{"Ana", "Ben"} {
		j, err := r.Join(ctx, JoinRequest{Name: n, Role: content.RoleHealth, Term: Terminal{Env: []string{"TERM=xterm"}}})
		if err != nil {
			t.Fatal(err)
		}
		seats = append(seats, j.Seat)
	}
	mod := workshop.ExamModules(lib)[0]
	if err := r.StartExam(mod.ID, 10*time.Minute, 0); err != nil {
		t.Fatal(err)
	}
	if err := r.StartExam(mod.ID, 24*time.Hour, 0); err == nil {
		t.Error("a room's time limit longer than the module's was taken")
	}
	sit := r.Led().Exam
	if r.Led().Mode != workshop.ModeExam || !sit.Deadline.Equal(clock.Add(10*time.Minute)) {
		t.Fatalf("exam: %+v", r.Led())
	}
	// Ana takes it through her seat's store (as her app does).
	ana := &activity.Learner{Store: seats[0].store, Profile: seats[0].profile, Now: now}
	x, err := ana.OpenSitting(ctx, lib, mod, activity.Sitting{Settings: sit.Settings, Started: sit.Started, Deadline: sit.Deadline})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Begin().Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := x.Answer(0, []int{0}).Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := x.Answer(1, []int{0}).Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := x.Answer(1, []int{}).Save(ctx); err != nil { // cleared again
		t.Fatal(err)
	}
	e := r.Roster()[0].Exam
	if e == nil || !e.Begun || e.Answered != 1 || e.Of != sit.Settings.Questions || !e.Deadline.Equal(sit.Deadline) {
		t.Fatalf("Ana's exam progress: %+v", e)
	}
	if got := e.Left(clock.Add(5 * time.Minute)); got != 5*time.Minute {
		t.Errorf("time left %v", got)
	}
	if err := r.Extend("Ben", 5*time.Minute); err == nil {
		t.Error("extended Ben, who has not begun")
	}
	if err := r.Extend("ana", 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	if e := r.Roster()[0].Exam; !e.Deadline.Equal(sit.Deadline.Add(5*time.Minute)) || e.Extension != 5*time.Minute {
		t.Errorf("after the extension: %+v", e)
	}
	if e := r.Roster()[1].Exam; e == nil || e.Begun || !e.Deadline.Equal(sit.Deadline) {
		t.Errorf("Ben's exam: %+v", e)
	}
	a, _, err := r.store.UnfinishedAttempt(ctx, seats[0].profile.ID, mod.ID, progress.ModeExam)
	if err != nil || a.Extension != 5*time.Minute {
		t.Errorf("Ana's stored attempt: %+v, %v", a, err)
	}
}
