package room

import (
	"context"
	"strings"
	"testing"
	"time"

	"frontline/internal/progress"
	rt "frontline/internal/room/roomtest"
)

// answerFirstQuestion opens the first module's practice quiz from the home
// screen and answers its first question with option 1; it returns when the
// answer shows as saved.
func answerFirstQuestion(c *client) {
	c.t.Helper()
	m := c.mark()
	c.send("t")
	c.waitAfter(m, "Content note")
	m = c.mark()
	c.send(rt.Enter)
	c.waitAfter(m, "question 1 of")
	m = c.mark()
	c.send("1", rt.Enter)
	c.waitAfter(m, "saved")
}

// TestJoinAnswerQuiz: a trainee joins with the room code, answers a quiz
// question, and the answer is in the room's store under their profile;
// the room's events and roster follow.
func TestJoinAnswerQuiz(t *testing.T) {
	s := startServer(t, nil)
	events, stop := s.Room().Subscribe(64)
	defer stop()
	c := dial(t, s, rt.Options{})
	c.join("Ana")
	answerFirstQuestion(c)

	ctx := ctxTimeout(t)
	p, err := s.Room().Store().ProfileByName(ctx, "Ana")
	if err != nil {
		t.Fatal(err)
	}
	answers, err := s.Room().Store().Answers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 1 || answers[0].ProfileID != p.ID || answers[0].ModuleID == "" || len(answers[0].Chosen) != 1 {
		t.Fatalf("answers in the room's store: %+v", answers)
	}
	eventually(t, "the roster to show the answer", func() bool {
		m, ok := member(s, "Ana")
		return ok && m.State == Connected && m.Answers == 1 && m.Last.QuestionID == answers[0].QuestionID && m.Activity.Kind == "practice"
	})
	kinds := map[EventKind]bool{}
	for len(events) > 0 {
		kinds[(<-events).Kind] = true
	}
	for _, k := range []EventKind{EventJoined, EventActivity, EventAnswered} {
		if !kinds[k] {
			t.Errorf("no %s event", k)
		}
	}
}

// TestDropAndRejoin: a trainee whose connection drops comes back with
// their rejoin word and lands exactly where they were (the same question),
// without pressing anything else.
func TestDropAndRejoin(t *testing.T) {
	s := startServer(t, nil)
	c := dial(t, s, rt.Options{})
	word := c.join("Ana Lopez")
	answerFirstQuestion(c)
	m := c.mark()
	c.send(rt.Enter)
	c.waitAfter(m, "question 2 of")
	c.Conn.Close() // the Wi-Fi drops
	eventually(t, "the roster to show Ana dropped", func() bool {
		m, _ := member(s, "Ana Lopez")
		return m.State == Dropped
	})

	d := dial(t, s, rt.Options{})
	d.waitFor("Your name")
	d.typeText("ana lopez")
	d.waitFor("has already joined this room")
	if !strings.Contains(d.Screen(), "Someone called Ana Lopez") {
		t.Errorf("the rejoin screen should name the trainee as they joined")
	}
	m = d.mark()
	d.typeText("wrong-123")
	d.waitAfter(m, "not the rejoin word for Ana Lopez (2 tries left)")
	m = d.mark()
	d.typeText(strings.ToUpper(strings.ReplaceAll(word, "-", " ")))
	got := d.waitAfter(m, "question 2 of")
	if strings.Contains(got, "Modules") {
		t.Errorf("the rejoin went through the home screen:\n%s", got)
	}
	eventually(t, "the roster to show Ana connected again", func() bool {
		m, _ := member(s, "Ana Lopez")
		return m.State == Connected
	})
	if n := s.Room().Seats(); n != 1 {
		t.Errorf("%d seats, want 1", n)
	}
}

// TestNameLiveOnOneConnection: a name (or a look-alike) cannot be taken
// without its rejoin word; with it, the newer connection takes the seat
// and the older one is told and closed.
func TestNameLiveOnOneConnection(t *testing.T) {
	s := startServer(t, nil)
	a := dial(t, s, rt.Options{})
	word := a.join("Ana")

	b := dial(t, s, rt.Options{})
	b.waitFor("Your name")
	b.typeText("Аna") // Cyrillic А
	b.waitFor("has already joined this room")
	b.send(rt.Esc)
	m := b.mark()
	b.send(strings.Repeat("\x7f", 5))
	b.typeText("Ana")
	b.waitAfter(m, "has already joined this room")
	m = b.mark()
	b.typeText(word)
	b.waitAfter(m, "Modules")
	a.waitFor("you joined from another window")
	a.waitClosed()
	if n := len(s.Room().Roster()); n != 1 {
		t.Errorf("roster has %d names, want 1", n)
	}
}

// TestWrongRejoinWords: three wrong words end the try, and the address
// then waits before its next.
func TestWrongRejoinWords(t *testing.T) {
	s := startServer(t, nil)
	a := dial(t, s, rt.Options{})
	a.join("Ana")
	b := dial(t, s, rt.Options{})
	b.waitFor("Your name")
	b.typeText("Ana")
	b.waitFor("has already joined")
	for i := 0; i < 3; i++ {
		m := b.mark()
		b.typeText("guess-00" + string(rune('0'+i)))
		if i < 2 {
			b.waitAfter(m, "not the rejoin word")
		}
	}
	b.waitFor("three times")
	b.send("x")
	b.waitClosed()
	if d := s.limiter.Delay("127.0.0.1"); d <= 0 {
		t.Errorf("no delay for the address after three wrong words")
	}
	if m, _ := member(s, "Ana"); m.State != Connected {
		t.Errorf("Ana is %s after someone guessed at her word", m.State)
	}
}

// TestTraineesNeverSeeEachOther: what one trainee answers never reaches
// another's screen, and each one's progress page counts only their own.
func TestTraineesNeverSeeEachOther(t *testing.T) {
	s := startServer(t, nil)
	a := dial(t, s, rt.Options{})
	a.join("Ana Zylberg")
	answerFirstQuestion(a)
	b := dial(t, s, rt.Options{})
	b.join("Ben Quorvath")
	m := b.mark()
	b.send("p")
	b.waitAfter(m, "Your progress")
	b.WaitQuiet(100*time.Millisecond, 2*time.Second)
	bs := b.Screen()
	if strings.Contains(bs, "Ana") || strings.Contains(bs, "Zylberg") {
		t.Errorf("Ben's screen shows Ana:\n%s", tail(bs, 2000))
	}
	if as := a.Screen(); strings.Contains(as, "Quorvath") {
		t.Errorf("Ana's screen shows Ben")
	}
	ctx := ctxTimeout(t)
	pb, _ := s.Room().Store().ProfileByName(ctx, "Ben Quorvath")
	answers, _ := s.Room().Store().Answers(ctx, pb.ID)
	if len(answers) != 0 {
		t.Errorf("Ben has %d answers", len(answers))
	}
}

// TestShutdownTellsEveryone: ending the workshop tells every trainee (on a
// seat or still on the join screen), keeps what was acknowledged, and is
// done well within five seconds.
func TestShutdownTellsEveryone(t *testing.T) {
	s := startServer(t, nil)
	a := dial(t, s, rt.Options{})
	a.join("Ana")
	answerFirstQuestion(a)
	b := dial(t, s, rt.Options{})
	b.join("Ben")
	c := dial(t, s, rt.Options{})
	c.waitFor("Your name")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, x := range []*client{a, b} {
		x.waitFor(EndedText)
		x.waitClosed()
	}
	c.waitFor("workshop has ended")
	c.waitClosed()

	// The store was closed; reopen the room to check the answer is there.
	r, err := OpenRoom(RoomConfig{Name: "test-room", DataDir: s.cfg.Room.DataDir, Library: bundled(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	answers, err := r.Store().Answers(ctxTimeout(t), 0)
	if err != nil || len(answers) != 1 {
		t.Errorf("after shutdown: %d answers, %v", len(answers), err)
	}
	roster := r.Roster()
	if len(roster) != 2 || roster[0].Name != "Ana" || roster[0].Answers != 1 || roster[0].State != Left || roster[1].Answers != 0 {
		t.Errorf("reopened roster: %+v", roster)
	}
}

// TestDroppedMidAnswer: a connection closed right after an answer is
// submitted leaves that answer saved whole or not at all.
func TestDroppedMidAnswer(t *testing.T) {
	s := startServer(t, nil)
	for i := 0; i < 4; i++ {
		c := dial(t, s, rt.Options{})
		name := "Trainee " + string(rune('A'+i))
		c.join(name)
		m := c.mark()
		c.send("t")
		c.waitAfter(m, "Content note")
		m = c.mark()
		c.send(rt.Enter)
		c.waitAfter(m, "question 1 of")
		c.send("1")
		_ = c.SendNow(rt.Enter)
		c.Conn.Close()
	}
	time.Sleep(300 * time.Millisecond)
	answers, err := s.Room().Store().Answers(ctxTimeout(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if a.QuestionID == "" || a.ModuleID == "" || len(a.Chosen) != 1 || a.AttemptID == 0 {
			t.Errorf("half an answer: %+v", a)
		}
	}
	t.Logf("%d of 4 answers in flight at the drop were saved", len(answers))
}

// TestIdleWarningThenClose: a minute (here, a second) before the idle
// time runs out the trainee is warned; a key keeps them; then the
// connection closes, and the seat waits for them.
func TestIdleWarningThenClose(t *testing.T) {
	s := startServer(t, func(c *Config) { c.Idle, c.IdleWarning = 1500*time.Millisecond, time.Second })
	c := dial(t, s, rt.Options{})
	word := c.join("Ana")
	c.waitFor("Still there?")
	m := c.mark()
	c.send("j") // stay
	c.waitAfter(m, "Modules")
	c.waitAfter(m, "Still there?")
	c.waitFor("without a key press; your progress is saved")
	c.waitClosed()
	if m, _ := member(s, "Ana"); m.State != Dropped {
		t.Errorf("Ana is %s after the idle close, want dropped", m.State)
	}
	d := dial(t, s, rt.Options{})
	d.waitFor("Your name")
	d.typeText("Ana")
	d.waitFor("rejoin word")
	m = d.mark()
	d.typeText(word)
	d.waitAfter(m, "Modules")
}

// TestQuitLeavesSeat: q on the home screen ends the trainee's app and
// tells them how to come back; the name stays theirs.
func TestQuitLeavesSeat(t *testing.T) {
	s := startServer(t, nil)
	c := dial(t, s, rt.Options{})
	word := c.join("Ana")
	c.send("q")
	c.waitFor("you have left the workshop room; your progress is saved")
	c.waitClosed()
	eventually(t, "the seat to end", func() bool { return s.Room().Seats() == 0 })
	if m, _ := member(s, "Ana"); m.State != Left {
		t.Errorf("Ana is %s", m.State)
	}
	d := dial(t, s, rt.Options{})
	d.waitFor("Your name")
	d.typeText("Ana")
	d.waitFor("rejoin word")
	m := d.mark()
	d.typeText(word)
	d.waitAfter(m, "Modules")
}

// TestQuickExitClears: ctrl+x clears the screen and the scrollback and
// closes the connection, without a word.
func TestQuickExitClears(t *testing.T) {
	s := startServer(t, nil)
	c := dial(t, s, rt.Options{})
	c.join("Ana")
	m := c.mark()
	c.send(rt.CtrlX)
	c.waitClosed()
	after := c.Raw()[m:]
	if !strings.HasSuffix(strings.TrimRight(after, "\r\n"), clearAll) {
		t.Errorf("quick exit did not end with a clear: %q", tail(after, 200))
	}
	if strings.Contains(after, "left the workshop") {
		t.Errorf("quick exit printed a farewell")
	}
}

var _ = progress.ErrNotFound
