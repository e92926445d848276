// Package console is the trainer's console: the full-screen app that
// `frontline serve` shows in the trainer's own terminal. It shows the room
// (its code, the join command, the roster, the mode) and lets the trainer
// lead it: move every trainee's screen to a module page, a quiz question
// or a case-study scene, watch the answers come in as anonymous counts
// (hidden below three), reveal them, move a case study on by the room's
// majority or the trainer's choice, release the room to free mode, start
// a module's exam for everyone with one deadline, give one trainee extra
// time, remove a trainee, close the room to newcomers and export the
// class's results. The trainer notes of whatever the room is on are shown
// here, and only here.
//
// It is driven by a room through workshop.Console, so it runs the same
// against the real room and in tests.
package console

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/textsafe"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// Extra is the extra time one press of the extension key gives.
const Extra = 5 * time.Minute

// KeyMap is the console's keys; its help bar is generated from them.
type KeyMap struct {
	Up, Down, Lead, Next, Prev, Reveal, Majority, Choose, Free, Exam, Extend,
	Remove, Close, Notes, Export, Help, Quit, Yes, No, Back, Select, Search key.Binding
}

// Keys returns the console's key bindings.
func Keys() KeyMap {
	b := func(h, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		Lead:     b("l", "lead to…", "l"),
		Next:     b("→/n", "next", "right", "n"),
		Prev:     b("←/p", "previous", "left", "p"),
		Reveal:   b("r", "reveal", "r"),
		Majority: b("m", "follow majority", "m"),
		Choose:   b("1-9", "choose action", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Free:     b("f", "free mode", "f"),
		Exam:     b("x", "exam", "x"),
		Extend:   b("+", "+5 min to trainee", "+"),
		Remove:   b("d", "remove trainee", "d"),
		Close:    b("c", "close/open room", "c"),
		Notes:    b("t", "trainer notes", "t"),
		Export:   b("E", "export results", "E"),
		Help:     b("?", "help", "?"),
		Quit:     b("q", "end workshop", "q", "ctrl+c"),
		Yes:      b("y", "yes", "y", "Y"),
		No:       b("n", "no", "n", "N", "esc"),
		Back:     b("esc", "back", "esc"),
		Select:   b("enter", "choose", "enter"),
		Search:   b("/", "filter", "/"),
	}
}

// view is what the console shows.
type view int

const (
	viewRoom  view = iota
	viewLead       // choosing what to lead to
	viewExam       // choosing the exam's module
	viewNotes      // the trainer notes, full screen
	viewHelp
)

// EventMsg is one event of the room.
type EventMsg struct{ Event workshop.Event }

// doneMsg is the result of an action.
type doneMsg struct {
	text string
	err  error
}

type tickMsg struct{}

type notesMsg struct {
	key   string
	lines []string
}

// Model is the console.
type Model struct {
	c    *common.Common
	room workshop.Console
	keys KeyMap
	help help.Model

	info   workshop.Info
	roster []workshop.Member
	status workshop.Status
	closed bool
	events <-chan workshop.Event
	stop   func()

	view    view
	cursor  int
	log     []string // recent events, newest last
	msg     string
	msgErr  bool
	confirm *confirm
	busy    bool

	picker  []workshop.Entry
	pick    int
	filter  string
	typing  bool
	exams   []*content.Module
	notes   map[string][]string
	pager   common.Pager
	quit    bool
	maxLogs int
}

// confirm asks yes or no before an action (or before ending the
// workshop, when quit is set).
type confirm struct {
	question string
	do       func() tea.Msg
	quit     bool
}

// New builds the console for room; c gives the size, styles and clock.
func New(c *common.Common, room workshop.Console) *Model {
	h := help.New()
	h.Styles = c.Styles.Help
	m := &Model{c: c, room: room, keys: Keys(), help: h, notes: map[string][]string{}, maxLogs: 50}
	m.info = room.Info()
	m.refresh()
	return m
}

// Quitting reports whether the trainer asked to end the workshop.
func (m *Model) Quitting() bool { return m.quit }

// Init subscribes to the room's events and starts the clock.
func (m *Model) Init() tea.Cmd {
	m.events, m.stop = m.room.Subscribe(256)
	return tea.Batch(m.listen(), m.tick(), m.notesCmd())
}

func (m *Model) listen() tea.Cmd {
	ch := m.events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		e, ok := <-ch
		if !ok {
			return nil
		}
		return EventMsg{Event: e}
	}
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// refresh reads the room again.
func (m *Model) refresh() {
	m.roster = m.room.Roster()
	m.status = m.room.Status()
	m.closed = m.room.Closed()
	if m.cursor >= len(m.roster) {
		m.cursor = max(len(m.roster)-1, 0)
	}
}

// Update handles keys, the room's events, the clock and action results.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = max(msg.Width, 1), max(msg.Height, 1)
		return m, m.notesCmd()
	case EventMsg:
		m.note(msg.Event)
		before := m.notesKey(0)
		m.refresh()
		var cmd tea.Cmd
		if m.notesKey(0) != before {
			cmd = m.notesCmd()
		}
		return m, tea.Batch(m.listen(), cmd)
	case tickMsg:
		if m.quit {
			return m, nil
		}
		m.refresh()
		return m, m.tick()
	case doneMsg:
		m.busy = false
		m.say(msg.text, msg.err)
		m.refresh()
		return m, m.notesCmd()
	case notesMsg:
		m.notes[msg.key] = msg.lines
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) say(text string, err error) {
	if err != nil {
		m.msg, m.msgErr = capitalFirst(err.Error()), true
		return
	}
	m.msg, m.msgErr = text, false
}

// note keeps a line about an event for the console's log. Answers are
// logged as "someone answered", never with what they chose.
func (m *Model) note(e workshop.Event) {
	var what string
	name := e.Member.Name
	switch e.Kind {
	case workshop.EventJoined:
		what = name + " joined"
	case workshop.EventRejoined:
		what = name + " came back"
	case workshop.EventDropped:
		what = name + " dropped (" + e.Detail + ")"
	case workshop.EventLeft:
		what = name + " left (" + e.Detail + ")"
	case workshop.EventRefused:
		what = "refused " + name + ": " + e.Detail
	case workshop.EventRemoved:
		what = name + " was removed"
	case workshop.EventLed:
		what = "room " + e.Detail
	default:
		return
	}
	m.log = append(m.log, e.At.Local().Format("15:04")+" "+what)
	if len(m.log) > m.maxLogs {
		m.log = m.log[len(m.log)-m.maxLogs:]
	}
}

// do runs an action on the room in a command.
func (m *Model) do(text string, f func() error) tea.Cmd {
	m.busy = true
	return func() tea.Msg { return doneMsg{text: text, err: f()} }
}

func (m *Model) selected() (workshop.Member, bool) {
	if m.cursor < 0 || m.cursor >= len(m.roster) {
		return workshop.Member{}, false
	}
	return m.roster[m.cursor], true
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.confirm != nil {
		switch {
		case key.Matches(msg, k.Yes):
			c := m.confirm
			m.confirm = nil
			if c.quit {
				m.quit = true
				if m.stop != nil {
					m.stop()
				}
				return tea.Quit
			}
			m.busy = true
			return func() tea.Msg { return c.do() }
		case key.Matches(msg, k.No), msg.Type == tea.KeyCtrlC:
			m.confirm = nil
			m.say("Not done.", nil)
		}
		return nil
	}
	switch m.view {
	case viewLead, viewExam:
		return m.keyPicker(msg)
	case viewNotes:
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Notes), msg.String() == "q":
			m.view = viewRoom
		default:
			m.pager.HandleKey(m.c.Keys, msg)
		}
		return nil
	case viewHelp:
		m.view = viewRoom
		return nil
	}
	st := m.status
	switch {
	case key.Matches(msg, k.Quit):
		m.confirm = &confirm{question: "End the workshop? Every trainee is told; their progress is saved.", quit: true}
	case key.Matches(msg, k.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, k.Down):
		m.cursor = min(m.cursor+1, max(len(m.roster)-1, 0))
	case key.Matches(msg, k.Help):
		m.view = viewHelp
	case key.Matches(msg, k.Lead):
		m.view, m.picker, m.filter, m.typing = viewLead, workshop.Menu(m.room.Library()), "", false
		m.pick = 0
		for i, e := range m.picker {
			if e.Item == st.Item || st.Item.Kind == workshop.KindScene && e.Item.Scenario == st.Item.Scenario {
				m.pick = i
				break
			}
		}
	case key.Matches(msg, k.Exam):
		m.view, m.exams, m.pick, m.filter, m.typing = viewExam, workshop.ExamModules(m.room.Library()), 0, "", false
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		d := 1
		if key.Matches(msg, k.Prev) {
			d = -1
		}
		if st.Item.IsZero() {
			m.say("", fmt.Errorf("lead the room to something first (l)"))
			return nil
		}
		next, ok := workshop.Step(m.room.Library(), st.Item, d)
		if !ok {
			if st.Item.Kind == workshop.KindScene {
				m.say("", fmt.Errorf("a case study moves on by a decision: m for the majority, or the action's number"))
			} else {
				m.say("", fmt.Errorf("there is nothing further that way"))
			}
			return nil
		}
		return m.do("Led to "+workshop.Title(m.room.Library(), next)+".", func() error { return m.room.Lead(next) })
	case key.Matches(msg, k.Reveal):
		return m.do("Revealed: trainees see their feedback and the room's answers.", m.room.Reveal)
	case key.Matches(msg, k.Majority):
		return m.do("Moved on by the room's majority.", func() error { return m.room.Follow(-1) })
	case key.Matches(msg, k.Choose):
		n := int(msg.String()[0] - '1')
		if st.Mode != workshop.ModeLed || st.Item.Kind != workshop.KindScene {
			m.say("", fmt.Errorf("numbers choose an action when the room is on a scene"))
			return nil
		}
		return m.do(fmt.Sprintf("Moved on by your choice: action %d.", n+1), func() error { return m.room.Follow(n) })
	case key.Matches(msg, k.Free):
		return m.do("Free mode: trainees are back where they were.", m.room.Release)
	case key.Matches(msg, k.Extend):
		t, ok := m.selected()
		if !ok {
			return nil
		}
		return m.do(fmt.Sprintf("Gave %s %s more for the exam.", t.Name, activity.Spoken(Extra)), func() error { return m.room.Extend(t.Name, Extra) })
	case key.Matches(msg, k.Remove):
		t, ok := m.selected()
		if !ok || t.Removed {
			return nil
		}
		m.confirm = &confirm{question: "Remove " + t.Name + " from the room? Their app ends and they cannot come back; their answers are kept.",
			do: func() tea.Msg { return doneMsg{text: t.Name + " was removed.", err: m.room.Remove(t.Name)} }}
	case key.Matches(msg, k.Close):
		closed := !m.closed
		m.room.SetClosed(closed)
		m.refresh()
		if closed {
			m.say("The room is closed to new trainees; those on the list can still come back.", nil)
		} else {
			m.say("The room is open to new trainees.", nil)
		}
	case key.Matches(msg, k.Notes):
		m.view = viewNotes
		m.pager.Top()
		return m.notesCmd()
	case key.Matches(msg, k.Export):
		m.busy = true
		room := m.room
		return func() tea.Msg {
			out, err := room.Export()
			if err != nil {
				return doneMsg{err: err}
			}
			return doneMsg{text: "Wrote the class's results: " + strings.Join(out.Files, ", ")}
		}
	}
	return nil
}

// filtered are the picker's entries that match the filter.
func (m *Model) filtered() []int {
	var out []int
	f := strings.ToLower(m.filter)
	n := len(m.picker)
	if m.view == viewExam {
		n = len(m.exams)
	}
	for i := 0; i < n; i++ {
		text := ""
		if m.view == viewExam {
			text = m.exams[i].Title
		} else {
			text = m.picker[i].Group + " " + m.picker[i].Label
		}
		if f == "" || strings.Contains(strings.ToLower(text), f) {
			out = append(out, i)
		}
	}
	return out
}

func (m *Model) keyPicker(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.typing {
		switch msg.Type {
		case tea.KeyEnter, tea.KeyEsc:
			m.typing = false
		case tea.KeyBackspace:
			if r := []rune(m.filter); len(r) > 0 {
				m.filter = string(r[:len(r)-1])
			}
		case tea.KeyRunes, tea.KeySpace:
			m.filter += textsafe.Text(string(msg.Runes))
		}
		m.pick = 0
		return nil
	}
	rows := m.filtered()
	pos := 0
	for i, r := range rows {
		if r == m.pick {
			pos = i
		}
	}
	switch {
	case key.Matches(msg, k.Back), msg.String() == "q":
		m.view = viewRoom
	case key.Matches(msg, k.Search):
		m.typing = true
	case key.Matches(msg, k.Up):
		if pos > 0 {
			m.pick = rows[pos-1]
		}
	case key.Matches(msg, k.Down):
		if pos+1 < len(rows) {
			m.pick = rows[pos+1]
		} else if len(rows) > 0 && !contains(rows, m.pick) {
			m.pick = rows[0]
		}
	case msg.Type == tea.KeyPgDown:
		m.pick = rows[min(pos+10, max(len(rows)-1, 0))]
	case msg.Type == tea.KeyPgUp:
		m.pick = rows[max(pos-10, 0)]
	case key.Matches(msg, k.Select):
		if len(rows) == 0 {
			return nil
		}
		if !contains(rows, m.pick) {
			m.pick = rows[0]
		}
		exam := m.view == viewExam
		m.view = viewRoom
		if exam {
			mod := m.exams[m.pick]
			set := mod.Exam.WithDefaults(len(mod.Questions))
			limit := "no time limit"
			if set.TimeLimit > 0 {
				limit = activity.Spoken(set.TimeLimit)
			}
			m.confirm = &confirm{question: fmt.Sprintf("Start the exam on %s for the whole room: %s, %s, pass mark %d%%, one deadline for everyone?",
				mod.Title, activity.Count(set.Questions, "question"), limit, set.PassMark),
				do: func() tea.Msg {
					return doneMsg{text: "The room's exam has started.", err: m.room.StartExam(mod.ID, 0, 0)}
				}}
			return nil
		}
		it := m.picker[m.pick].Item
		return m.do("Led to "+workshop.Title(m.room.Library(), it)+".", func() error { return m.room.Lead(it) })
	}
	return nil
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// notesKey names the rendered notes of what the room is on at the width.
func (m *Model) notesKey(w int) string {
	it := m.status.Item
	if m.status.Mode == workshop.ModeExam && m.status.Exam != nil {
		return fmt.Sprintf("notes:exam:%s:%d", m.status.Exam.Module, w)
	}
	return fmt.Sprintf("notes:%s:%s:%s:%d", it.Module, it.Scenario, it.Kind, w)
}

// notesPages are the trainer notes of what the room is on: the led item's
// (its module's or case study's), or the module's whose exam the room
// sits; none in free mode.
func (m *Model) notesPages() []content.Page {
	switch m.status.Mode {
	case workshop.ModeLed:
		return workshop.Notes(m.room.Library(), m.status.Item)
	case workshop.ModeExam:
		if m.status.Exam != nil {
			if mod, ok := m.room.Library().Module(m.status.Exam.Module); ok {
				return mod.TrainerNotes
			}
		}
	}
	return nil
}

// notesCmd renders the trainer notes of what the room is on.
func (m *Model) notesCmd() tea.Cmd {
	pages := m.notesPages()
	if len(pages) == 0 {
		return nil
	}
	var md strings.Builder
	for _, p := range pages {
		if p.Title != "" && !strings.EqualFold(strings.TrimSpace(p.Title), "trainer notes") {
			md.WriteString("**" + p.Title + "**\n\n")
		}
		md.WriteString(p.Body + "\n\n")
	}
	var cmds []tea.Cmd
	for _, w := range []int{m.notesWidth(), common.ReadingWidth(m.c.Width)} {
		k := m.notesKey(w)
		if _, ok := m.notes[k]; ok {
			continue
		}
		rk := common.RenderKey{Doc: k, Width: w}
		if l, ok := m.c.Render.Get(rk); ok {
			m.notes[k] = l
			continue
		}
		cache, text := m.c.Render, md.String()
		cmds = append(cmds, func() tea.Msg {
			l, err := cache.Render(rk, text)
			if err != nil {
				l = []string{"(the notes could not be shown: " + err.Error() + ")"}
			}
			return notesMsg{key: k, lines: l}
		})
	}
	return tea.Batch(cmds...)
}

// notesWidth is the width the notes are drawn at in the room view.
func (m *Model) notesWidth() int {
	if m.wide() {
		return max(m.c.Width-m.leftWidth()-3, 20)
	}
	return max(m.c.Width-2, 20)
}

func (m *Model) wide() bool { return m.c.Width >= 110 && m.c.Height >= 30 }

func (m *Model) leftWidth() int { return m.c.Width * 60 / 100 }

// View draws the console. Everything drawn passes the one filter that
// lets only text and colour through.
func (m *Model) View() string { return textsafe.ANSI(m.frame()) }

func (m *Model) frame() string {
	if m.quit {
		return ""
	}
	w, h := m.c.Width, m.c.Height
	if w < 40 || h < 12 {
		return common.FitLines(common.WrapLines("Please make the window larger: the console needs at least 40 columns and 12 lines.", w, "", ""), h)
	}
	head := m.header(w)
	foot := m.footer(w)
	bodyH := max(h-len(head)-len(foot), 1)
	var body []string
	switch m.view {
	case viewLead, viewExam:
		body = m.pickerLines(w, bodyH)
	case viewNotes:
		body = m.notesView(w, bodyH)
	case viewHelp:
		body = strings.Split(m.help.FullHelpView(m.FullHelp()), "\n")
	default:
		body = m.roomLines(w, bodyH)
	}
	out := append(head, strings.Split(common.FitLines(body, bodyH), "\n")...)
	out = append(out, foot...)
	return strings.Join(out, "\n")
}

// header: the room, its mode and how to join.
func (m *Model) header(w int) []string {
	s := m.c.Styles
	st := m.status
	mode := strings.ToUpper(st.Mode.String()) + " MODE"
	door := "open"
	if m.closed {
		door = "closed to newcomers"
	}
	in := 0
	for _, t := range m.roster {
		if t.State == workshop.Connected {
			in++
		}
	}
	right := s.Bold.Render(mode) + s.Subtle.Render(fmt.Sprintf(" · %d in · %s", in, door))
	line1 := common.SpreadLine(s.Title.Render("frontline console")+s.Subtle.Render(" · room ")+s.Bold.Render(m.info.Name), right, w)
	join := "ssh -p 2222 HOST"
	if len(m.info.Join) > 0 {
		join = m.info.Join[0]
	}
	line2 := s.Subtle.Render("join: ") + s.Bold.Render(join) + s.Subtle.Render("  code ") + s.Selected.Render(m.info.Code)
	if m.info.ProjectorCode != "" {
		line2 += s.Subtle.Render("  projector code ") + s.Bold.Render(m.info.ProjectorCode)
	}
	lines := []string{line1, common.Truncate(line2, w)}
	if len(m.info.Join) > 1 || m.info.Projector != "" {
		more := ""
		if len(m.info.Join) > 1 {
			more = "also: " + strings.Join(m.info.Join[1:], " · ")
		}
		if m.info.Projector != "" {
			if more != "" {
				more += "  "
			}
			more += "projector: " + m.info.Projector
		}
		lines = append(lines, s.Subtle.Render(common.Truncate(more, w)))
	}
	if m.wide() {
		lines = append(lines, s.Subtle.Render(strings.Repeat("─", w)))
	}
	return lines
}

// footer: the last message or question, and the help bar.
func (m *Model) footer(w int) []string {
	s := m.c.Styles
	var line string
	switch {
	case m.confirm != nil:
		line = s.Warning.Render(m.confirm.question) + "  " + s.Key.Render("y") + " yes  " + s.Key.Render("n") + " no"
	case m.busy:
		line = s.Subtle.Render("one moment…")
	case m.msg != "" && m.msgErr:
		line = s.Wrong.Render(s.Symbols.Wrong + " " + m.msg)
	case m.msg != "":
		line = s.Right.Render(s.Symbols.Right) + " " + m.msg
	case len(m.log) > 0:
		line = s.Subtle.Render(m.log[len(m.log)-1])
	}
	lines := common.WrapLines(line, w, "", "")
	if len(lines) > 2 {
		lines = append(lines[:1], common.Truncate(strings.Join(lines[1:], " "), w))
	}
	return append(lines, m.helpLine(w))
}

// helpLine is the short help, cut to the width.
func (m *Model) helpLine(w int) string {
	bs := m.ShortHelp()
	h := m.help
	h.Width = 0
	for len(bs) > 1 {
		v := h.ShortHelpView(bs)
		if common.Width(v) <= w {
			return v
		}
		bs = append(bs[:len(bs)-2:len(bs)-2], bs[len(bs)-1])
	}
	return h.ShortHelpView(bs)
}

// roomLines: the roster and the led panel, side by side when wide.
func (m *Model) roomLines(w, h int) []string {
	if m.wide() {
		lw := m.leftWidth()
		left := m.rosterLines(lw, h)
		right := m.ledLines(w-lw-3, h)
		var out []string
		for i := 0; i < h; i++ {
			var l, r string
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			out = append(out, common.PadRight(common.Truncate(l, lw), lw)+" "+m.c.Styles.Subtle.Render("│")+" "+common.Truncate(r, w-lw-3))
		}
		return out
	}
	led := m.ledLines(w, h)
	// The roster keeps at least two fifths of the height; the led panel's
	// end (the notes, which t shows whole) gives way first.
	rosterH := max(min(len(m.roster)+2, max(h-len(led)-1, h*2/5)), min(4, h))
	out := m.rosterLines(w, rosterH)
	out = append(out, m.c.Styles.Subtle.Render(strings.Repeat("─", w)))
	return append(out, led...)
}

// rosterLines: one line per trainee, the selected one marked, scrolled
// to keep it on screen.
func (m *Model) rosterLines(w, h int) []string {
	s := m.c.Styles
	nameW := min(max(w/5, 10), 22)
	roleW, stateW, progW := 6, 9, 12
	lastW := 13
	doingW := max(w-2-nameW-roleW-stateW-progW-lastW-5, 8)
	title := fmt.Sprintf("Roster (%d)", len(m.roster))
	head := "  " + common.PadRight("name", nameW) + " " + common.PadRight("role", roleW) + " " + common.PadRight("state", stateW) + " " +
		common.PadRight(m.doingHeader(), doingW) + " " + common.PadRight("progress", progW) + " " + m.lastHeader()
	lines := []string{s.Subtitle.Render(title), s.Header.Render(common.Truncate(head, w))}
	if len(m.roster) == 0 {
		return append(lines, s.Subtle.Render("  Nobody has joined yet. Put the join command and the code on the projector."))
	}
	rows := h - 2
	first := 0
	if m.cursor >= rows {
		first = m.cursor - rows + 1
	}
	for i := first; i < len(m.roster) && i < first+rows; i++ {
		t := m.roster[i]
		cur := "  "
		if i == m.cursor {
			cur = s.Cursor.Render(s.Symbols.Cursor) + " "
		}
		line := common.PadRight(common.Truncate(t.Name, nameW), nameW) + " " +
			common.PadRight(common.Truncate(roleShort(t.Role), roleW), roleW) + " " +
			common.PadRight(m.stateText(t), stateW) + " " +
			common.PadRight(common.Truncate(m.doing(t), doingW), doingW) + " " +
			common.PadRight(common.Truncate(progressText(t), progW), progW) + " " +
			common.Truncate(m.last(t), lastW)
		if i == m.cursor {
			line = s.Selected.Render(line)
		}
		lines = append(lines, cur+line)
	}
	return lines
}

func (m *Model) doingHeader() string {
	if m.status.Mode == workshop.ModeExam {
		return "answered"
	}
	return "doing"
}

func (m *Model) lastHeader() string {
	switch m.status.Mode {
	case workshop.ModeLed:
		return "answered"
	case workshop.ModeExam:
		return "time left"
	}
	return "last answer"
}

// roleShort is a role in six letters at most, for the roster.
func roleShort(r content.Role) string {
	switch r {
	case content.RoleSocialCare:
		return "Social"
	case content.RoleBorder:
		return "Border"
	case content.RoleFosterCare:
		return "Foster"
	case content.RoleLabourInspection:
		return "Labour"
	}
	return r.Label()
}

// progressText is a trainee's progress in the room: their answers right of
// those given (in free mode), and the modules they completed.
func progressText(t workshop.Member) string {
	if t.Answers == 0 && t.Completed == 0 {
		return "—"
	}
	out := fmt.Sprintf("%d/%d", t.Correct, t.Answers)
	if t.Completed > 0 {
		out += fmt.Sprintf(" · %d done", t.Completed)
	}
	return out
}

func (m *Model) stateText(t workshop.Member) string {
	s := m.c.Styles
	switch {
	case t.Removed:
		return s.Subtle.Render("removed")
	case t.State == workshop.Connected:
		return s.Right.Render("● in")
	case t.State == workshop.Dropped:
		return s.Warning.Render("○ dropped")
	}
	return s.Subtle.Render("– left")
}

// doing is what a trainee is on: their activity, or in an exam their
// answered count.
func (m *Model) doing(t workshop.Member) string {
	lib := m.room.Library()
	if m.status.Mode == workshop.ModeExam {
		e := t.Exam
		switch {
		case e == nil || !e.Begun:
			return "not begun"
		case e.Finished:
			verdict := "fail"
			if e.Passed {
				verdict = "pass"
			}
			return fmt.Sprintf("done %s %s", activity.Percent(e.Percent), verdict)
		}
		return fmt.Sprintf("%d of %d", e.Answered, e.Of)
	}
	a := t.Activity
	title := a.ItemID
	if lib != nil {
		if mod, ok := lib.Module(a.ItemID); ok {
			title = mod.Title
		} else if sc, ok := lib.Scenario(a.ItemID); ok {
			title = sc.Title
		}
	}
	switch a.Kind {
	case "":
		return "—"
	case "module":
		return fmt.Sprintf("reading %s p%d", title, a.Position+1)
	case "scenario":
		return "case " + title
	case "led":
		return "with the room"
	}
	pos := ""
	if a.Of > 0 {
		pos = fmt.Sprintf(" %d/%d", min(a.Position+1, a.Of), a.Of)
	}
	return a.Kind + " " + title + pos
}

// last is the trainee's last answer (free mode), whether they answered
// the item the room is on (led mode), or their time left (exam).
func (m *Model) last(t workshop.Member) string {
	s := m.c.Styles
	switch m.status.Mode {
	case workshop.ModeLed:
		parts := len(workshop.Parts(m.room.Library(), m.status.Item))
		switch {
		case parts == 0:
			return ""
		case t.LedAnswered >= parts:
			return s.Right.Render(s.Symbols.Done + " answered")
		case t.LedAnswered > 0:
			return fmt.Sprintf("%d of %d", t.LedAnswered, parts)
		}
		return s.Subtle.Render("waiting")
	case workshop.ModeExam:
		e := t.Exam
		if e == nil || e.Finished {
			return ""
		}
		left := e.Left(m.c.Now())
		if left < 0 {
			return "untimed"
		}
		out := activity.Clock(left)
		if e.Extension > 0 {
			out += " (+" + activity.Clock(e.Extension) + ")"
		}
		return out
	}
	if t.Last.At.IsZero() {
		return s.Subtle.Render("—")
	}
	mark := s.Right.Render(s.Symbols.Right)
	if !t.Last.Correct {
		mark = s.Wrong.Render(s.Symbols.Wrong)
	}
	return fmt.Sprintf("%s %s ago", mark, ago(m.c.Now().Sub(t.Last.At)))
}

func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh", int(d/time.Hour))
}

// ledLines: what the room is on, the live counts and the notes.
func (m *Model) ledLines(w, h int) []string {
	s := m.c.Styles
	st := m.status
	lib := m.room.Library()
	var lines []string
	switch st.Mode {
	case workshop.ModeFree:
		lines = append(lines, common.WrapLines(s.Subtitle.Render("Free mode")+s.Subtle.Render(": each trainee works on their own."), w, "", "")...)
		if !st.Item.IsZero() {
			lines = append(lines, common.WrapLines(s.Subtle.Render("Last led to: "+workshop.Title(lib, st.Item)+" (l, then enter, to lead there again)"), w, "", "")...)
		} else {
			lines = append(lines, common.WrapLines(s.Subtle.Render("l leads the room to a page, a question or a case study; x starts an exam."), w, "", "")...)
		}
	case workshop.ModeExam:
		lines = append(lines, m.examLines(w)...)
	case workshop.ModeLed:
		lines = append(lines, m.leadLines(w)...)
	}
	if st.Mode != workshop.ModeFree {
		if notes := m.notes[m.notesKey(m.notesWidth())]; len(notes) > 0 {
			lines = append(lines, "", s.Header.Render("Trainer notes")+s.Subtle.Render(" (t: all)"))
			room := h - len(lines)
			if room < len(notes) {
				notes = append(notes[:max(room-1, 0):max(room-1, 0)], s.Subtle.Render("  … t shows the rest"))
			}
			lines = append(lines, notes...)
		}
	}
	return lines
}

func (m *Model) leadLines(w int) []string {
	s := m.c.Styles
	st := m.status
	lib := m.room.Library()
	lines := common.WrapLines(s.Subtitle.Render("Now: ")+s.Bold.Render(workshop.Title(lib, st.Item)), w, "", "  ")
	if mv, ok := st.Came(); ok {
		res, _ := workshop.Resolve(lib, workshop.Item{Kind: workshop.KindScene, Scenario: st.Item.Scenario, Scene: mv.Scene})
		text := fmt.Sprintf("action %d", mv.Option+1)
		if res.Scene != nil && res.Scene.Decision != nil && mv.Option < len(res.Scene.Decision.Options) {
			text = res.Scene.Decision.Options[mv.Option].Text
		}
		who := "your choice"
		if mv.By == workshop.ByMajority {
			who = "the room's majority"
		}
		lines = append(lines, common.WrapLines(s.Subtle.Render("Came here by "+who+": "+text), w, "", "  ")...)
	}
	if len(st.Counts) == 0 {
		if res, err := workshop.Resolve(lib, st.Item); err == nil && res.Scene != nil {
			lines = append(lines, s.Subtle.Render("An ending: the case study is over. Lead on (l) or free mode (f)."))
		} else {
			lines = append(lines, s.Subtle.Render("A page: nothing to answer. →/← next or previous page."))
		}
		return lines
	}
	state := "answering"
	if st.Revealed {
		state = "revealed"
	}
	lines = append(lines, s.Subtle.Render(fmt.Sprintf("%s · %s in the room", state, activity.Count(st.Present, "trainee"))))
	for i, c := range st.Counts {
		label := "Question"
		switch c.Part.Kind {
		case workshop.PartCheckpoint:
			label = fmt.Sprintf("Checkpoint %d", i+1)
		case workshop.PartDecision:
			label = "Decision"
		}
		if m.wide() {
			lines = append(lines, "")
		}
		lines = append(lines, common.Truncate(s.Bold.Render(fmt.Sprintf("%s (%d answered): ", label, c.Answered))+c.Part.Text, w))
		if c.Shown() {
			lines = append(lines, s.Distribution(c, w, true)...)
		} else {
			lines = append(lines, s.Subtle.Render(common.Truncate(fmt.Sprintf("  hidden until %d have answered", workshop.MinAnswers), w)))
		}
		if c.Part.Kind == workshop.PartDecision {
			if opt, err := workshop.Majority(c); err == nil {
				lines = append(lines, common.WrapLines(s.Subtle.Render(fmt.Sprintf("m follows the majority (action %d); 1-%d choose", opt+1, len(c.Part.Options))), w, "", "")...)
			} else {
				lines = append(lines, common.WrapLines(s.Subtle.Render(capitalFirst(err.Error())+fmt.Sprintf(" (1-%d)", len(c.Part.Options))), w, "", "")...)
			}
		}
	}
	if !st.Revealed {
		lines = append(lines, common.WrapLines(s.Subtle.Render("r reveals: trainees see their feedback and the room's answers."), w, "", "")...)
	}
	return lines
}

func (m *Model) examLines(w int) []string {
	s := m.c.Styles
	st := m.status
	if st.Exam == nil {
		return nil
	}
	title := st.Exam.Module
	if mod, ok := m.room.Library().Module(st.Exam.Module); ok {
		title = mod.Title
	}
	set := st.Exam.Settings
	lines := common.WrapLines(s.Subtitle.Render("Exam: ")+s.Bold.Render(title), w, "", "  ")
	when := "no time limit"
	if !st.Exam.Deadline.IsZero() {
		when = fmt.Sprintf("ends %s (%s left)", st.Exam.Deadline.Local().Format("15:04"), activity.Clock(max(st.Exam.Deadline.Sub(m.c.Now()), 0)))
	}
	lines = append(lines, s.Subtle.Render(fmt.Sprintf("%s · pass mark %d%% · %s", activity.Count(set.Questions, "question"), set.PassMark, when)))
	begun, done, passed := 0, 0, 0
	for _, t := range m.roster {
		if t.Exam != nil && t.Exam.Begun {
			begun++
		}
		if t.Exam != nil && t.Exam.Finished {
			done++
			if t.Exam.Passed {
				passed++
			}
		}
	}
	lines = append(lines, fmt.Sprintf("%d begun · %d submitted · %d passed", begun, done, passed))
	lines = append(lines, s.Subtle.Render("+ gives the selected trainee 5 more minutes (recorded); f ends exam mode"))
	return lines
}

// pickerLines: what the room can be led to, or the exam's module.
func (m *Model) pickerLines(w, h int) []string {
	s := m.c.Styles
	title := "Lead the room to…"
	if m.view == viewExam {
		title = "Start an exam for the whole room: which module?"
	}
	lines := []string{s.Subtitle.Render(title)}
	f := s.Subtle.Render("/ filters")
	if m.typing || m.filter != "" {
		f = "filter: " + m.filter
		if m.typing {
			f += "▏"
		}
	}
	lines = append(lines, f)
	rows := m.filtered()
	if len(rows) == 0 {
		return append(lines, s.Subtle.Render("Nothing matches."))
	}
	if !contains(rows, m.pick) {
		m.pick = rows[0]
	}
	pos := 0
	for i, r := range rows {
		if r == m.pick {
			pos = i
		}
	}
	avail := max(h-len(lines), 1)
	first := max(min(pos-avail/2, len(rows)-avail), 0)
	group := ""
	for i := first; i < len(rows) && len(lines) < h; i++ {
		r := rows[i]
		var text string
		if m.view == viewExam {
			mod := m.exams[r]
			set := mod.Exam.WithDefaults(len(mod.Questions))
			text = fmt.Sprintf("%s · %s, %s, pass mark %d%%", mod.Title, activity.Count(set.Questions, "question"), activity.Spoken(set.TimeLimit), set.PassMark)
		} else {
			e := m.picker[r]
			if e.Group != group || i == first {
				group = e.Group
				if len(lines) < h-1 {
					lines = append(lines, s.Header.Render(common.Truncate(e.Group, w)))
				}
			}
			text = e.Label
		}
		cur := "  "
		line := common.Truncate(text, w-4)
		if r == m.pick {
			cur = s.Cursor.Render(s.Symbols.Cursor) + " "
			line = s.Selected.Render(line)
		}
		lines = append(lines, "  "+cur+line)
	}
	return lines
}

// notesView shows every trainer note of the item, scrollable.
func (m *Model) notesView(w, h int) []string {
	s := m.c.Styles
	title := "Trainer notes"
	if m.status.Mode == workshop.ModeLed {
		title += " · " + workshop.Title(m.room.Library(), m.status.Item)
	}
	lines := []string{s.Subtitle.Render(title), ""}
	notes, ok := m.notes[m.notesKey(common.ReadingWidth(w))]
	switch {
	case m.status.Mode == workshop.ModeFree:
		notes = []string{s.Subtle.Render("Lead the room to something, or start an exam, to see its notes.")}
	case len(m.notesPages()) == 0:
		notes = []string{s.Subtle.Render("There are no trainer notes for this.")}
	case !ok:
		notes = []string{s.Subtle.Render("…")}
	}
	m.pager.Height = max(h-len(lines), 1)
	m.pager.SetLines(notes)
	return append(lines, strings.Split(m.pager.View(), "\n")...)
}

// ShortHelp lists the main keys for where the console is.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.view {
	case viewLead, viewExam:
		return []key.Binding{k.Select, k.Up, k.Down, k.Search, k.Back}
	case viewNotes:
		return []key.Binding{m.c.Keys.PageDown, m.c.Keys.PageUp, k.Back}
	case viewHelp:
		return []key.Binding{k.Back}
	}
	st := m.status
	switch st.Mode {
	case workshop.ModeLed:
		bs := []key.Binding{k.Reveal}
		if st.Item.Kind == workshop.KindScene {
			bs = append(bs, k.Majority, k.Choose)
		} else {
			bs = append(bs, k.Next, k.Prev)
		}
		return append(bs, k.Lead, k.Free, k.Notes, k.Help, k.Quit)
	case workshop.ModeExam:
		return []key.Binding{k.Extend, k.Up, k.Down, k.Free, k.Lead, k.Help, k.Quit}
	}
	return []key.Binding{k.Lead, k.Exam, k.Up, k.Down, k.Remove, k.Close, k.Export, k.Help, k.Quit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Lead, k.Next, k.Prev, k.Reveal, k.Majority, k.Choose},
		{k.Free, k.Exam, k.Extend, k.Notes},
		{k.Up, k.Down, k.Remove, k.Close, k.Export},
		{k.Help, k.Quit},
	}
}

func capitalFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
