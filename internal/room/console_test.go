package room

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"frontline/internal/content"
	"frontline/internal/progress"
	rt "frontline/internal/room/roomtest"
	"frontline/internal/tui"
	"frontline/internal/tui/console"
	"frontline/internal/workshop"
)

// conDriver drives the trainer's console by key messages, running the
// commands it returns at once (those that wait, the clock's ticks and the
// event stream, are left to time out).
type conDriver struct {
	t *testing.T
	m tea.Model
}

func (d *conDriver) exec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(300 * time.Millisecond):
		return nil
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var mu sync.Mutex
		var wg sync.WaitGroup
		var out []tea.Msg
		for _, c := range b {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := d.exec(c)
				mu.Lock()
				out = append(out, r...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

func (d *conDriver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	for _, m := range d.exec(cmd) {
		d.send(m)
	}
}

// keys presses keys: "enter", "esc", "down" or text typed rune by rune.
func (d *conDriver) keys(ks ...string) {
	named := map[string]tea.KeyType{"enter": tea.KeyEnter, "esc": tea.KeyEsc, "down": tea.KeyDown, "up": tea.KeyUp}
	for _, k := range ks {
		if kt, ok := named[k]; ok {
			d.send(tea.KeyMsg{Type: kt})
			continue
		}
		for _, r := range k {
			d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
}

// look makes the console read the room again, as an event does.
func (d *conDriver) look() { d.send(console.EventMsg{Event: workshop.Event{At: time.Now()}}) }

func (d *conDriver) frame() string { return ansi.Strip(d.m.View()) }

// lead leads the room through the console's list to the entry with this
// group and label.
func (d *conDriver) lead(e workshop.Entry) {
	d.t.Helper()
	d.keys("l", "/", e.Group+" "+e.Label, "enter", "enter")
	if got := d.m.(*console.Model); got == nil {
		d.t.Fatal("no console")
	}
}

// TestScriptedRoom is a workshop run through the real room, its seats and
// three trainees' SSH connections (and the projector's), with the
// trainer's console driven by key messages: led navigation reaching every
// trainee, a question's answers hidden below three and right after the
// reveal, a case study moved on by the room's majority, the room's exam
// with one deadline and one trainee's extension, and the export's rows and
// class summary.
func TestScriptedRoom(t *testing.T) {
	s := startServer(t, func(c *Config) { c.ProjectorCode = "PQ7RXK4M" })
	lib := s.Room().Library()
	c := tui.NewCommon(tui.Options{Library: lib, Theme: "dark", Out: io.Discard, Getenv: func(string) string { return "" }})
	d := &conDriver{t: t, m: console.New(c, s.Console())}
	d.send(d.m.Init()())
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})

	names := []string{"Ana", "Ben", "Cy"}
	var cl []*client
	for i, n := range names {
		x := dial(t, s, rt.Options{})
		if _, err := x.Join(n, i, wait); err != nil {
			t.Fatalf("%s joins: %v\n%s", n, err, tail(x.Screen(), 2000))
		}
		cl = append(cl, x)
	}
	proj := dial(t, s, rt.Options{User: ProjectorUser, Code: "pq7r-xk4m", Cols: 100, Rows: 30})
	proj.waitFor("Free study")
	d.look()
	if f := d.frame(); !strings.Contains(f, "Roster (3)") || !strings.Contains(f, "PQ7R-XK4M") || strings.Count(f, "● in") != 3 {
		t.Fatalf("the console's roster:\n%s", f)
	}
	all := func(text string, marks []int) {
		t.Helper()
		for i, x := range cl {
			x.waitAfter(marks[i], text)
		}
	}
	marks := func() []int {
		out := make([]int, len(cl))
		for i, x := range cl {
			out[i] = x.mark()
		}
		return out
	}

	// Led navigation: a page, then the next one, on every screen.
	var mod *content.Module
	var page, question, scene workshop.Entry
	for _, e := range workshop.Menu(lib) {
		switch e.Item.Kind {
		case workshop.KindPage:
			if page.Item.IsZero() && e.Item.Page == 0 {
				m, _ := lib.Module(e.Item.Module)
				if len(m.Pages) > 1 {
					page, mod = e, m
				}
			}
		case workshop.KindQuestion:
			if q, _ := workshop.Resolve(lib, e.Item); question.Item.IsZero() && q.Question.Kind == content.SingleChoice && len(q.Question.Options) >= 3 {
				question = e
			}
		case workshop.KindScene:
			if r, _ := workshop.Resolve(lib, e.Item); scene.Item.IsZero() && len(r.Scene.Checkpoints) > 0 && r.Scene.Decision != nil && len(r.Scene.Decision.Options) >= 2 {
				scene = e
			}
		}
	}
	mk := marks()
	d.lead(page)
	all("with the room", mk)
	all(mod.Pages[0].Title, mk)
	mk = marks()
	d.keys("n")
	all(mod.Pages[1].Title, mk)
	if st := s.Room().Status(); st.Item.Page != 1 || st.Mode != workshop.ModeLed {
		t.Fatalf("after next: %+v", st.Led)
	}

	// A question: two answers stay hidden; the third shows them; the
	// reveal shows each trainee their feedback and the room's answers.
	mk = marks()
	d.lead(question)
	all("No feedback yet", mk)
	for i, opt := range []string{"1", "1"} {
		m := cl[i].mark()
		cl[i].send(opt, rt.Enter)
		cl[i].waitAfter(m, "Your answer is in")
	}
	eventually(t, "two answers counted", func() bool { return s.Room().Status().Counts[0].Answered == 2 })
	d.look()
	if f := d.frame(); !strings.Contains(f, "hidden until 3 have answered") {
		t.Errorf("two answers are not hidden on the console:\n%s", f)
	}
	m := cl[2].mark()
	cl[2].send("2", rt.Enter)
	cl[2].waitAfter(m, "Your answer is in")
	eventually(t, "three answers counted", func() bool { return s.Room().Status().Counts[0].Answered == 3 })
	d.look()
	cnt := s.Room().Status().Counts[0]
	if want := []int{2, 1}; !slices.Equal(cnt.Chosen[:2], want) || !cnt.Shown() {
		t.Errorf("the room's answers: %+v, want %v first", cnt, want)
	}
	if f := d.frame(); !strings.Contains(f, "2 of 3") || !strings.Contains(f, "1 of 3") {
		t.Errorf("the console does not show the distribution:\n%s", f)
	}
	mk = marks()
	pm := proj.mark()
	d.keys("r")
	all("How the room answered", mk)
	proj.waitAfter(pm, "How the room answered:")
	for _, x := range append(cl, proj) {
		if strings.Contains(x.Screen(), "Trainer notes") {
			t.Errorf("a trainee's or the projector's screen shows the trainer notes")
		}
	}
	for _, n := range names {
		if strings.Contains(proj.Screen(), n+" ") {
			t.Errorf("the projector shows the name %s", n)
		}
	}

	// A case study: Ana and Ben choose the second action, Cy the first;
	// the room follows its majority.
	res, _ := workshop.Resolve(lib, scene.Item)
	mk = marks()
	d.lead(scene)
	all(res.Scenario.Title+" · "+res.Scene.Title, mk)
	all("enter submit", mk) // the trainee's run is open: the first checkpoint is asked
	votes := []string{"2", "2", "1"}
	for i, x := range cl {
		for range res.Scene.Checkpoints {
			m := x.mark()
			x.send("1", rt.Enter)
			x.waitAfter(m, "your vote counts")
		}
		m := x.mark()
		x.send(votes[i], rt.Enter)
		x.waitAfter(m, "Your answer is in")
	}
	eventually(t, "three votes", func() bool {
		cs := s.Room().Status().Counts
		return cs[len(cs)-1].Answered == 3
	})
	d.look()
	mk = marks()
	d.keys("m")
	chosen := res.Scene.Decision.Options[1]
	all("(the room's majority)", mk)
	all(chosen.Text[:min(len(chosen.Text), 20)], mk)
	l := s.Room().Led()
	if mv, ok := l.Came(); !ok || mv.By != workshop.ByMajority || mv.Option != 1 || l.Item.Scene != chosen.Target {
		t.Errorf("the room moved on: %+v", l)
	}
	d.look()
	if f := d.frame(); !strings.Contains(f, "Came here by the room's majority") {
		t.Errorf("the console does not say how the room came here:\n%s", f)
	}
	ctx := ctxTimeout(t)
	eventually(t, "every trainee's run to take the room's decision", func() bool {
		for i, n := range names {
			p, err := s.Room().Store().ProfileByName(ctx, n)
			if err != nil {
				return false
			}
			runs, err := s.Room().Store().Runs(ctx, p.ID, scene.Item.Scenario)
			if err != nil || len(runs) != 1 || len(runs[0].Decisions) != 1 {
				return false
			}
			dd := runs[0].Decisions[0]
			wantVote := 1
			if i == 2 {
				wantVote = 0
			}
			if dd.Option != 1 || dd.By != workshop.ByMajority || dd.Vote != wantVote {
				t.Logf("%s's decision: %+v", n, dd)
				return false
			}
		}
		return true
	})

	// Free mode: everyone is back where they were (home).
	mk = marks()
	d.keys("f")
	all("Modules", mk)

	// The room's exam: one deadline; Ben gets five more minutes.
	exMod := workshop.ExamModules(lib)[0]
	mk = marks()
	d.keys("x", "/", exMod.Title, "enter", "enter", "y")
	all("The room's exam, set by the trainer", mk)
	sit := s.Room().Led().Exam
	if sit == nil || sit.Module != exMod.ID {
		t.Fatalf("the room's exam: %+v", s.Room().Led())
	}
	for i := range 2 {
		m := cl[i].mark()
		cl[i].send(rt.Enter)
		cl[i].waitAfter(m, "question 1 of")
		time.Sleep(1100 * time.Millisecond) // they begin at different moments
	}
	cl[0].send("1")
	eventually(t, "Ana's answer to count", func() bool {
		e := s.Room().Roster()[0].Exam
		return e != nil && e.Answered == 1
	})
	d.look()
	m = cl[1].mark()
	d.keys("down", "+")
	cl[1].waitAfter(m, "extra time given: 5:00")
	eventually(t, "the roster to show the exam", func() bool {
		r := s.Room().Roster()
		return r[0].Exam != nil && r[0].Exam.Answered == 1 && r[1].Exam != nil && r[1].Exam.Extension == 5*time.Minute
	})
	r := s.Room().Roster()
	if !r[0].Exam.Deadline.Equal(sit.Deadline) || !r[1].Exam.Deadline.Equal(sit.Deadline.Add(5*time.Minute)) || r[2].Exam.Begun {
		t.Errorf("deadlines: Ana %v, Ben %v (room %v); Cy begun %v", r[0].Exam.Deadline, r[1].Exam.Deadline, sit.Deadline, r[2].Exam.Begun)
	}
	for i, want := range []time.Duration{0, 5 * time.Minute} {
		p, _ := s.Room().Store().ProfileByName(ctx, names[i])
		a, _, err := s.Room().Store().UnfinishedAttempt(ctx, p.ID, exMod.ID, progress.ModeExam)
		if err != nil || a.Extension != want || !a.Started.Add(a.TimeLimit).Equal(sit.Deadline) {
			t.Errorf("%s's attempt: started %v + %v = %v (room %v), extension %v; %v", names[i], a.Started, a.TimeLimit, a.Started.Add(a.TimeLimit), sit.Deadline, a.Extension, err)
		}
	}
	d.look()
	if f := d.frame(); !strings.Contains(f, "(+5:00)") || !strings.Contains(f, "1 of") {
		t.Errorf("the console's exam roster:\n%s", f)
	}

	// The export: each trainee's rows and the class summary. (On a busy
	// machine the export may outlast the driver's wait for its message:
	// the files are what count.)
	d.keys("E")
	eventually(t, "the console's export", func() bool {
		for _, f := range Results {
			if _, err := os.Stat(filepath.Join(s.Room().Dir(), f)); err != nil {
				return false
			}
		}
		return true
	})
	data, err := os.ReadFile(filepath.Join(s.Room().Dir(), "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	categories := 0
	for _, rec := range recs[1:] {
		if rec[0] == "category" {
			categories++
			continue
		}
		rows[rec[1]+"/"+rec[3]]++
	}
	for _, n := range names {
		if rows[n+"/led question"] != 1 || rows[n+"/case study"] != 1 {
			t.Errorf("%s's rows: %v", n, rows)
		}
	}
	if rows["Ana/exam"] != 1 || rows["Ben/exam"] != 1 || rows["Cy/exam"] != 0 {
		t.Errorf("exam rows: %v", rows)
	}
	if categories == 0 {
		t.Errorf("no class summary in:\n%s", data)
	}
}
