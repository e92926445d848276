package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
	"frontline/internal/tui/common"
	"frontline/internal/tui/console"
	"frontline/internal/tui/projector"
	"frontline/internal/workshop"
)

// The console's and the projector's frames show clock times (an exam's
// end): the same in every time zone.
func init() { time.Local = time.UTC }

// scriptRoom is a room for the console's and the projector's golden
// frames: a fixed roster, and answers the test gives, counted by the
// workshop package's own rules. (The real room drives the console in
// internal/room's scripted room test.)
type scriptRoom struct {
	mu      sync.Mutex
	lib     *content.Library
	roster  []workshop.Member
	led     workshop.Led
	answers map[string]map[string][]int
	closed  bool
	now     time.Time
	calls   []string
}

func newScriptRoom(lib *content.Library, now time.Time) *scriptRoom {
	at := now.Add(-20 * time.Minute)
	return &scriptRoom{lib: lib, now: now, answers: map[string]map[string][]int{}, roster: []workshop.Member{
		{Name: "Ana Lopez", Role: content.RolePolice, State: workshop.Connected, Joined: at,
			Activity: workshop.Activity{Kind: "practice", ItemID: "labour", Position: 1, Of: 3},
			Last:     workshop.LastAnswer{ModuleID: "labour", QuestionID: "signs", Correct: true, At: now.Add(-2 * time.Minute)}, Answers: 4, Correct: 3, Completed: 1},
		{Name: "Ben Okafor", Role: content.RoleLabourInspection, State: workshop.Connected, Joined: at.Add(time.Minute),
			Activity: workshop.Activity{Kind: "module", ItemID: "basics"}},
		{Name: "Chloé Martin", Role: content.RoleHealth, State: workshop.Dropped, Joined: at.Add(2 * time.Minute),
			Activity: workshop.Activity{Kind: "scenario", ItemID: "farm", Position: 2}},
		{Name: "Dariusz Wiśniewski", Role: content.RoleBorder, State: workshop.Left, Joined: at.Add(3 * time.Minute)},
	}}
}

func (r *scriptRoom) Info() workshop.Info {
	return workshop.Info{Name: "police-2026-03-14", Code: "N39Y-NYWE", ProjectorCode: "PQ7R-XK4M",
		Join: []string{"ssh -p 2222 192.168.1.23"}, Projector: "ssh -p 2222 projector@localhost", Dir: "/data/rooms/police-2026-03-14"}
}
func (r *scriptRoom) Library() *content.Library { return r.lib }
func (r *scriptRoom) Roster() []workshop.Member {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.roster)
	for i := range out {
		out[i].LedAnswered = len(r.answers[out[i].Name])
	}
	return out
}
func (r *scriptRoom) counts() []workshop.Count {
	if r.led.Mode != workshop.ModeLed {
		return nil
	}
	b := map[string]map[string][]int{}
	for who, mine := range r.answers {
		b[who] = map[string][]int{}
		for k, c := range mine {
			b[who][k], _ = workshop.Bucket(r.lib, r.led.Item, k, c)
		}
	}
	return workshop.Tally(workshop.Parts(r.lib, r.led.Item), b)
}
func (r *scriptRoom) Status() workshop.Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return workshop.Status{Led: r.led, Counts: r.counts(), Present: 3}
}
func (r *scriptRoom) ProjectorView() workshop.ProjectorView {
	r.mu.Lock()
	defer r.mu.Unlock()
	v := workshop.ProjectorView{Led: r.led, Present: 3, Room: "police-2026-03-14", JoinCommand: "ssh -p 2222 192.168.1.23"}
	c := r.counts()
	if len(c) > 0 {
		v.Answered = c[0].Answered
	}
	if r.led.Revealed {
		for _, x := range c {
			v.Counts = append(v.Counts, x.Public())
		}
	}
	return v
}
func (r *scriptRoom) Subscribe(int) (<-chan workshop.Event, func()) {
	ch := make(chan workshop.Event)
	return ch, func() {}
}
func (r *scriptRoom) record(s string) { r.calls = append(r.calls, s) }
func (r *scriptRoom) Lead(it workshop.Item) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.record("lead " + string(it.Kind))
	r.led.Mode, r.led.Step, r.led.Item, r.led.Revealed = workshop.ModeLed, r.led.Step+1, it, false
	if it.Kind == workshop.KindScene {
		r.led.Path, r.led.Moves = []string{it.Scene}, nil
	}
	r.answers = map[string]map[string][]int{}
	return nil
}
func (r *scriptRoom) Reveal() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.record("reveal")
	r.led.Revealed = true
	return nil
}
func (r *scriptRoom) Follow(option int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	by := workshop.ByTrainer
	if option < 0 {
		by = workshop.ByMajority
		var err error
		for _, c := range r.counts() {
			if c.Part.Kind == workshop.PartDecision {
				option, err = workshop.Majority(c)
			}
		}
		if err != nil {
			return err
		}
	}
	res, _ := workshop.Resolve(r.lib, r.led.Item)
	target := res.Scene.Decision.Options[option].Target
	r.record(fmt.Sprintf("follow %d by %s", option, by))
	r.led.Moves = append(r.led.Moves, workshop.Move{Scene: res.Scene.ID, Option: option, By: by})
	r.led.Path = append(r.led.Path, target)
	r.led.Step++
	r.led.Item.Scene, r.led.Revealed = target, false
	r.answers = map[string]map[string][]int{}
	return nil
}
func (r *scriptRoom) Release() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.record("release")
	r.led.Mode = workshop.ModeFree
	return nil
}
func (r *scriptRoom) StartExam(module string, _ time.Duration, _ int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, _ := r.lib.Module(module)
	set := m.Exam.WithDefaults(len(m.Questions))
	r.record("exam " + module)
	r.led.Mode = workshop.ModeExam
	r.led.Exam = &workshop.Sitting{Module: module, Settings: set, Started: r.now, Deadline: r.now.Add(set.TimeLimit)}
	for i := range r.roster {
		r.roster[i].Exam = &workshop.ExamProgress{Module: module, Of: set.Questions, Deadline: r.led.Exam.Deadline}
	}
	r.roster[0].Exam.Begun, r.roster[0].Exam.Answered = true, 2
	r.roster[1].Exam.Begun, r.roster[1].Exam.Finished, r.roster[1].Exam.Percent, r.roster[1].Exam.Passed = true, true, 100, true
	return nil
}
func (r *scriptRoom) Extend(name string, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.roster {
		if r.roster[i].Name == name && r.roster[i].Exam != nil {
			e := *r.roster[i].Exam
			e.Extension += d
			e.Deadline = e.Deadline.Add(d)
			r.roster[i].Exam = &e
			r.record("extend " + name)
			return nil
		}
	}
	return errors.New("no exam")
}
func (r *scriptRoom) Remove(name string) error { r.record("remove " + name); return nil }
func (r *scriptRoom) SetClosed(c bool)         { r.closed = c }
func (r *scriptRoom) Closed() bool             { return r.closed }
func (r *scriptRoom) Export() (workshop.Exported, error) {
	return workshop.Exported{Files: []string{"results.csv"}}, nil
}

// answer is a trainee answering part of the item the room is on.
func (r *scriptRoom) answer(who, part string, chosen ...int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.answers[who] == nil {
		r.answers[who] = map[string][]int{}
	}
	r.answers[who][part] = chosen
}

// modelDriver runs a tea.Model (the console, the projector) as the
// app's driver runs the root: messages in, commands run at once.
type modelDriver struct {
	t testing.TB
	m tea.Model
	d *driver
}

func newModelDriver(t testing.TB, m tea.Model, w, h int) *modelDriver {
	md := &modelDriver{t: t, m: m, d: &driver{t: t, wait: 200 * time.Millisecond}}
	md.run(m.Init())
	md.send(tea.WindowSizeMsg{Width: w, Height: h})
	return md
}

func (md *modelDriver) run(cmd tea.Cmd) {
	for _, msg := range md.d.exec(cmd) {
		md.send(msg)
	}
}

func (md *modelDriver) send(msg tea.Msg) {
	var cmd tea.Cmd
	md.m, cmd = md.m.Update(msg)
	md.run(cmd)
}

func (md *modelDriver) keys(ks ...string) {
	for _, k := range ks {
		for _, msg := range keyMsgs(k) {
			md.send(msg)
		}
	}
}

func (md *modelDriver) frame() string {
	lines := strings.Split(ansi.Strip(md.m.View()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// addModel adds a frame of a model at w x h to the snapshots.
func (s *snapshots) addModel(t testing.TB, name string, md *modelDriver, w, h int) {
	f := md.frame()
	if n := strings.Count(f, "\n") + 1; n > h {
		t.Errorf("%s: frame has %d lines, screen has %d", name, n, h)
	}
	for i, l := range strings.Split(f, "\n") {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: line %d is %d columns wide, screen has %d: %q", name, i+1, lw, w, l)
		}
	}
	s.b.WriteString("=== " + name + "\n" + f + "\n")
}

// roomGolden runs script for the console or the projector at each size.
func roomGolden(t *testing.T, name string, theme common.Theme, build func(*common.Common, *scriptRoom) tea.Model, script func(md *modelDriver, r *scriptRoom, s *snapshots, w, h int)) {
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			c := newCommon(nil, testLibrary(), theme, sz[0], sz[1])
			r := newScriptRoom(c.Library, testNow)
			md := newModelDriver(t, build(c, r), sz[0], sz[1])
			var s snapshots
			script(md, r, &s, sz[0], sz[1])
			s.check(t, fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]))
		})
	}
}

// TestConsoleGolden walks the trainer's console through a session: the
// room in free mode, choosing what to lead to, a case study's scene with
// its answers hidden below three then shown, the reveal, the majority
// moving the room on, the trainer notes, a room exam with one extension,
// and back to free mode.
func TestConsoleGolden(t *testing.T) {
	roomGolden(t, "console", common.Theme{Dark: true}, func(c *common.Common, r *scriptRoom) tea.Model { return console.New(c, r) },
		func(md *modelDriver, r *scriptRoom, s *snapshots, w, h int) {
			s.addModel(t, "free mode", md, w, h)
			md.keys("l")
			s.addModel(t, "lead to", md, w, h)
			md.keys("/", "farm", "enter", "enter")
			r.answer("Ana Lopez", workshop.CheckpointKey(0), 0)
			r.answer("Ana Lopez", workshop.KeyDecision, 0)
			r.answer("Ben Okafor", workshop.KeyDecision, 0)
			md.send(console.EventMsg{Event: workshop.Event{Kind: workshop.EventLedAnswer, At: testNow}})
			s.addModel(t, "scene, two answers", md, w, h)
			r.answer("Ben Okafor", workshop.CheckpointKey(0), 0, 1)
			r.answer("Chloé Martin", workshop.CheckpointKey(0), 0)
			r.answer("Chloé Martin", workshop.KeyDecision, 1)
			md.send(console.EventMsg{Event: workshop.Event{Kind: workshop.EventLedAnswer, At: testNow}})
			s.addModel(t, "scene, three answers", md, w, h)
			md.keys("r")
			s.addModel(t, "revealed", md, w, h)
			md.keys("m")
			s.addModel(t, "moved on by the majority", md, w, h)
			md.keys("t")
			s.addModel(t, "trainer notes", md, w, h)
			md.keys("esc", "x", "enter")
			s.addModel(t, "exam confirm", md, w, h)
			md.keys("y", "+")
			s.addModel(t, "exam with an extension", md, w, h)
			md.keys("f")
			want := []string{"lead scene", "reveal", "follow 0 by majority", "exam labour", "extend Ana Lopez", "release"}
			if !slices.Equal(r.calls, want) {
				t.Errorf("the console asked the room %v, want %v", r.calls, want)
			}
		})
}

// TestConsoleNoColor: without colour the console carries its meaning in
// text and marks, and draws no colour at all.
func TestConsoleNoColor(t *testing.T) {
	c := newCommon(nil, testLibrary(), common.Theme{Dark: true, NoColor: true}, 80, 24)
	r := newScriptRoom(c.Library, testNow)
	md := newModelDriver(t, console.New(c, r), 80, 24)
	md.keys("l", "/", "passport", "enter", "enter")
	for _, n := range []string{"Ana Lopez", "Ben Okafor", "Chloé Martin"} {
		r.answer(n, workshop.KeyQuestion, 1)
	}
	md.send(console.EventMsg{Event: workshop.Event{Kind: workshop.EventLedAnswer, At: testNow}})
	v := md.m.View()
	if strings.Contains(v, "\x1b[3") || strings.Contains(v, "\x1b[9") || strings.Contains(v, "38;") {
		t.Errorf("colour without colour:\n%q", v)
	}
	f := md.frame()
	for _, want := range []string{"LED MODE", "✓ 2. Retention of identity documents", "3 of 3", "✓ answered"} {
		if !strings.Contains(f, want) {
			t.Errorf("NO_COLOR console lacks %q:\n%s", want, f)
		}
	}
}

// TestProjectorGolden: the projector in free mode, on a question before
// and after the reveal, on a scene the majority chose, and during an
// exam. It never shows a name or a trainer note.
func TestProjectorGolden(t *testing.T) {
	roomGolden(t, "projector", common.Theme{Dark: true}, func(c *common.Common, r *scriptRoom) tea.Model { return projector.New(c, r) },
		func(md *modelDriver, r *scriptRoom, s *snapshots, w, h int) {
			s.addModel(t, "free mode", md, w, h)
			_ = r.Lead(workshop.Item{Kind: workshop.KindQuestion, Module: "labour", Question: "signs"})
			r.answer("Ana Lopez", workshop.KeyQuestion, 0, 1)
			r.answer("Ben Okafor", workshop.KeyQuestion, 0)
			md.send(projector.ChangedMsg{})
			s.addModel(t, "question", md, w, h)
			r.answer("Chloé Martin", workshop.KeyQuestion, 0, 1, 2)
			_ = r.Reveal()
			md.send(projector.ChangedMsg{})
			s.addModel(t, "question revealed", md, w, h)
			_ = r.Lead(workshop.Item{Kind: workshop.KindScene, Scenario: "farm", Scene: "arrival"})
			for _, n := range []string{"Ana Lopez", "Ben Okafor", "Chloé Martin"} {
				r.answer(n, workshop.KeyDecision, 1)
			}
			_ = r.Follow(-1)
			md.send(projector.ChangedMsg{})
			s.addModel(t, "scene chosen by the majority", md, w, h)
			_ = r.StartExam("labour", 0, 0)
			md.send(projector.ChangedMsg{})
			s.addModel(t, "exam", md, w, h)
			all := s.b.String()
			for _, bad := range []string{"Ana", "Ben", "Chloé", "Dariusz", "Trainer notes", "Allow 25 minutes", "Discuss who should interpret"} {
				if strings.Contains(all, bad) {
					t.Errorf("the projector shows %q", bad)
				}
			}
		})
}

// TestRoomScreensWriteOnlyText: the led screen, the console and the
// projector, with a payload in every content field and in trainees' names,
// write nothing but text and SGR.
func TestRoomScreensWriteOnlyText(t *testing.T) {
	lib := hostileLibrary()
	ok := func(where, v string) {
		t.Helper()
		if good, at := textsafe.OnlySGR(v); !good {
			t.Errorf("%s: a byte sequence other than text and SGR at %d: %q", where, at, v[max(at-20, 0):min(at+20, len(v))])
		}
	}
	// The trainee's led screen, through the root.
	st := storeWithLearner(t)
	c := newCommon(st, lib, common.Theme{Dark: true}, 100, 40)
	c.Profile, c.Locked = progress.Profile{ID: 1, Name: "Sam"}, true
	c.Room = &roomLink{}
	m, err := newModel(c, "", "", false)
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: m, wait: 200 * time.Millisecond}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	items := []workshop.Item{
		{Kind: workshop.KindPage, Module: "labour"},
		{Kind: workshop.KindQuestion, Module: "labour", Question: "signs"},
		{Kind: workshop.KindScene, Scenario: "farm", Scene: "arrival"},
	}
	for i, it := range items {
		v := ledView(i+1, it, false)
		v.Path = []string{"arrival"}
		d.send(common.LedMsg{View: v})
		d.keys("1", "enter", "1", "enter")
		ok(fmt.Sprintf("led %s", it.Kind), d.m.View())
		v.Revealed = true
		for _, cnt := range workshop.Tally(workshop.Parts(lib, it), map[string]map[string][]int{
			"a": {workshop.KeyQuestion: {0}, workshop.CheckpointKey(0): {0}, workshop.KeyDecision: {0}},
			"b": {workshop.KeyQuestion: {0}, workshop.CheckpointKey(0): {1}, workshop.KeyDecision: {0}},
			"c": {workshop.KeyQuestion: {1}, workshop.CheckpointKey(0): {0}, workshop.KeyDecision: {1}}}) {
			v.Counts = append(v.Counts, cnt.Public())
		}
		d.send(common.LedMsg{View: v})
		ok(fmt.Sprintf("led %s revealed", it.Kind), d.m.View())
	}
	// The console and the projector, with trainees' names that hold
	// payloads (written before names were checked).
	cc := newCommon(nil, lib, common.Theme{Dark: true}, 120, 40)
	r := newScriptRoom(lib, testNow)
	for i := range r.roster {
		r.roster[i].Name += " \x1b]0;PWNED\x07\u202Egnp.exe"
	}
	con := newModelDriver(t, console.New(cc, r), 120, 40)
	proj := newModelDriver(t, projector.New(newCommon(nil, lib, common.Theme{Dark: true}, 100, 30), r), 100, 30)
	for _, it := range items {
		_ = r.Lead(it)
		for _, n := range []string{"a", "b", "c"} {
			r.answer(n, workshop.KeyQuestion, 0)
			r.answer(n, workshop.CheckpointKey(0), 0)
			r.answer(n, workshop.KeyDecision, 0)
		}
		_ = r.Reveal()
		con.send(console.EventMsg{Event: workshop.Event{Kind: workshop.EventLed, At: testNow, Detail: "\x1b[2J"}})
		proj.send(projector.ChangedMsg{})
		ok("console "+string(it.Kind), con.m.View())
		con.keys("t")
		ok("console notes", con.m.View())
		con.keys("esc", "l")
		ok("console lead to", con.m.View())
		con.keys("esc")
		ok("projector "+string(it.Kind), proj.m.View())
	}
}
