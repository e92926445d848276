// Package projector is the projector view: what the room sees on the
// wall, in a terminal opened with the room's projector code (for example
// `ssh -p 2222 projector@localhost` on the trainer's own laptop). It is
// read-only and large: the page, question or scene the room is on, how
// many have answered and, once the trainer reveals, the room's answers as
// a bar chart. In free mode it shows how to join; during an exam, the
// time left. It never shows a name or a trainer note: what it draws
// comes from workshop.ProjectorView, which holds neither.
package projector

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/textsafe"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// Source is what the projector shows: the room's view and its events
// (each one a cue to look again).
type Source interface {
	ProjectorView() workshop.ProjectorView
	Subscribe(n int) (<-chan workshop.Event, func())
}

// Model is the projector view.
type Model struct {
	c      *common.Common
	src    Source
	v      workshop.ProjectorView
	events <-chan workshop.Event
	stop   func()
	pager  common.Pager
	body   map[string][]string
	ended  string
}

// ChangedMsg tells the projector to look at the room again (the room's
// events send it).
type ChangedMsg struct{}

type tickMsg struct{}

type renderedMsg struct {
	key   string
	lines []string
}

// EndMsg ends the projector view with a last line (the workshop ended).
type EndMsg struct{ Text string }

// New builds the projector view of src.
func New(c *common.Common, src Source) *Model {
	m := &Model{c: c, src: src, body: map[string][]string{}}
	m.v = src.ProjectorView()
	return m
}

// Init follows the room.
func (m *Model) Init() tea.Cmd {
	m.events, m.stop = m.src.Subscribe(64)
	return tea.Batch(m.listen(), m.tick(), m.renderCmd())
}

func (m *Model) listen() tea.Cmd {
	ch := m.events
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		// Drain what else is waiting: one look covers them all.
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					return ChangedMsg{}
				}
			default:
				return ChangedMsg{}
			}
		}
	}
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// Update follows the room; keys do nothing but leave (q, ctrl+c).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = max(msg.Width, 1), max(msg.Height, 1)
		return m, m.renderCmd()
	case ChangedMsg:
		m.v = m.src.ProjectorView()
		return m, tea.Batch(m.listen(), m.renderCmd())
	case tickMsg:
		if m.ended != "" {
			return m, nil
		}
		if m.v.Mode == workshop.ModeExam {
			m.v = m.src.ProjectorView()
		}
		return m, m.tick()
	case renderedMsg:
		m.body[msg.key] = msg.lines
		return m, nil
	case EndMsg:
		m.ended = msg.Text
		return m, nil
	case tea.KeyMsg:
		switch msg.String() {
		case "q", "ctrl+c", "ctrl+x":
			if m.stop != nil {
				m.stop()
			}
			return m, tea.Quit
		default:
			m.pager.HandleKey(m.c.Keys, msg)
		}
	}
	return m, nil
}

// width is the column the projector draws in: wide, with margins.
func (m *Model) width() int { return min(max(m.c.Width-4, 20), 110) }

// docKey names the rendered Markdown of the item.
func (m *Model) doc() (string, string) {
	res, err := workshop.Resolve(m.c.Library, m.v.Item)
	if err != nil || m.v.Mode != workshop.ModeLed {
		return "", ""
	}
	switch {
	case res.Page != nil:
		md := res.Page.Body
		if res.Page.Title != "" {
			md = "# " + res.Page.Title + "\n\n" + md
		}
		return fmt.Sprintf("module:%s:%s:%d", res.Module.ID, res.Module.Fingerprint, m.v.Item.Page), md
	case res.Scene != nil:
		return "scenario:" + res.Scenario.ID + ":" + res.Scenario.Fingerprint + ":scene:" + res.Scene.ID, res.Scene.Body
	case res.Question != nil && strings.TrimSpace(res.Question.Body) != "":
		return "question:" + res.Module.ID + ":" + res.Module.Fingerprint + ":" + res.Question.ID, res.Question.Body
	}
	return "", ""
}

func (m *Model) renderCmd() tea.Cmd {
	name, md := m.doc()
	if name == "" {
		return nil
	}
	k := common.RenderKey{Doc: name, Width: m.width()}
	if l, ok := m.c.Render.Get(k); ok {
		m.body[name+fmt.Sprint(k.Width)] = l
		return nil
	}
	cache := m.c.Render
	return func() tea.Msg {
		l, err := cache.Render(k, md)
		if err != nil {
			l = []string{"(this part could not be shown: " + err.Error() + ")"}
		}
		return renderedMsg{key: name + fmt.Sprint(k.Width), lines: l}
	}
}

// View draws the projector's frame, through the one filter that lets
// only text and colour through.
func (m *Model) View() string { return textsafe.ANSI(m.frame()) }

func (m *Model) frame() string {
	s := m.c.Styles
	w, h := m.c.Width, m.c.Height
	if m.ended != "" {
		return "\n  " + m.ended + "\n"
	}
	if w < 40 || h < 12 {
		return common.FitLines(common.WrapLines("Please make the window larger: the projector view needs at least 40 columns and 12 lines.", w, "", ""), h)
	}
	cw := m.width()
	margin := strings.Repeat(" ", max((w-cw)/2, 0))
	head := s.Title.Render("frontline") + s.Subtle.Render(" · workshop room "+m.v.Room)
	right := s.Subtle.Render(fmt.Sprintf("%d in the room", m.v.Present))
	if m.v.Mode == workshop.ModeLed && !m.v.Revealed && len(workshop.Parts(m.c.Library, m.v.Item)) > 0 {
		// How many have answered, where the room can always see it.
		right = s.Bold.Render(fmt.Sprintf("%d of %d have answered", m.v.Answered, m.v.Present))
	}
	lines := []string{margin + common.SpreadLine(head, right, cw), margin + s.Subtle.Render(strings.Repeat("─", cw)), ""}
	var body []string
	switch m.v.Mode {
	case workshop.ModeFree:
		body = m.freeLines(cw)
	case workshop.ModeExam:
		body = m.examLines(cw)
	default:
		body = m.ledLines(cw)
	}
	m.pager.Height = max(h-len(lines), 1)
	for i, l := range body {
		body[i] = margin + l
	}
	m.pager.SetLines(body)
	return strings.Join(lines, "\n") + "\n" + m.pager.View()
}

// big draws a title large: bold capitals, spaced, underlined.
func (m *Model) big(text string, w int) []string {
	s := m.c.Styles
	var out []string
	for _, l := range common.WrapLines(text, w, "", "") {
		out = append(out, s.Title.Underline(true).Render(l))
	}
	return out
}

func (m *Model) freeLines(w int) []string {
	s := m.c.Styles
	lines := m.big("Free study", w)
	lines = append(lines, "")
	lines = append(lines, common.WrapLines("Work at your own pace. The trainer will bring the room together when it is time.", w, "", "")...)
	if m.v.JoinCommand != "" {
		lines = append(lines, "", s.Subtle.Render("To join, open a terminal and type:"), "", "    "+s.Bold.Render(m.v.JoinCommand))
	}
	return lines
}

func (m *Model) examLines(w int) []string {
	s := m.c.Styles
	x := m.v.Exam
	if x == nil {
		return m.freeLines(w)
	}
	title := x.Module
	if mod, ok := m.c.Library.Module(x.Module); ok {
		title = mod.Title
	}
	lines := m.big("Exam: "+title, w)
	lines = append(lines, "")
	if !x.Deadline.IsZero() {
		left := max(x.Deadline.Sub(m.c.Now()), 0)
		lines = append(lines, s.Bold.Render("Time left: "+activity.Clock(left))+s.Subtle.Render("   (ends at "+x.Deadline.Local().Format("15:04")+" for everyone)"))
	} else {
		lines = append(lines, s.Bold.Render("No time limit"))
	}
	lines = append(lines, "", fmt.Sprintf("%s · pass mark %d%%", activity.Count(x.Settings.Questions, "question"), x.Settings.PassMark),
		fmt.Sprintf("%d of %d have submitted", m.v.Submitted, m.v.Present), "",
		s.Subtle.Render("Work on your own. Your answers are kept on the trainer's computer."))
	return lines
}

func (m *Model) ledLines(w int) []string {
	s := m.c.Styles
	lib := m.c.Library
	res, err := workshop.Resolve(lib, m.v.Item)
	if err != nil {
		return []string{s.Subtle.Render("The trainer is choosing what comes next…")}
	}
	name, _ := m.doc()
	rendered, ok := m.body[name+fmt.Sprint(w)]
	if !ok && name != "" {
		rendered = []string{s.Subtle.Render("…")}
	}
	var lines []string
	switch {
	case res.Page != nil:
		lines = append(lines, s.Subtle.Render(workshop.Title(lib, m.v.Item)), "")
		return append(lines, rendered...)
	case res.Question != nil:
		q := res.Question
		lines = append(lines, s.Subtle.Render(workshop.Title(lib, m.v.Item)), "")
		lines = append(lines, m.big(q.Text, w)...)
		if !m.v.Revealed {
			lines = append(lines, rendered...)
		}
		lines = append(lines, "")
		lines = append(lines, m.partLines(workshop.KeyQuestion, q.Options, w)...)
		if m.v.Revealed && q.Explanation != "" {
			lines = append(lines, "")
			lines = append(lines, common.WrapLines(q.Explanation, w, "", "")...)
		}
	case res.Scene != nil:
		lines = append(lines, s.Subtle.Render(res.Scenario.Title+" · case study"), "")
		if mv, ok := m.v.Came(); ok {
			if prev, ok := res.Scenario.Scene(mv.Scene); ok && prev.Decision != nil && mv.Option < len(prev.Decision.Options) {
				who := "the trainer's choice"
				if mv.By == workshop.ByMajority {
					who = "the room's majority"
				}
				lines = append(lines, common.WrapLines("The room chose: "+s.Bold.Render(prev.Decision.Options[mv.Option].Text)+s.Subtle.Render(" ("+who+")"), w, "", "  ")...)
				lines = append(lines, "")
			}
		}
		lines = append(lines, m.big(res.Scene.Title, w)...)
		if !m.v.Revealed {
			// Once revealed, the room's answers take the screen: the scene
			// has been read.
			lines = append(lines, "")
			lines = append(lines, rendered...)
		}
		for i := range res.Scene.Checkpoints {
			cp := &res.Scene.Checkpoints[i]
			lines = append(lines, "", s.Subtle.Render(fmt.Sprintf("Checkpoint %d of %d · choose everything you notice", i+1, len(res.Scene.Checkpoints))))
			lines = append(lines, common.WrapLines(s.Bold.Render(cp.Text), w, "", "")...)
			lines = append(lines, m.partLines(workshop.CheckpointKey(i), cp.Options, w)...)
		}
		if d := res.Scene.Decision; d != nil {
			prompt := d.Prompt
			if prompt == "" {
				prompt = "What do you do?"
			}
			lines = append(lines, "", s.Subtle.Render("The room decides"))
			lines = append(lines, common.WrapLines(s.Bold.Render(prompt), w, "", "")...)
			lines = append(lines, m.partLines(workshop.KeyDecision, d.Options, w)...)
		} else {
			lines = append(lines, "", s.Bold.Render("This is where the case study ends."))
		}
	}
	return lines
}

// partLines lists the options, then, once revealed, the room's answers
// as a bar chart (or why there is none).
func (m *Model) partLines(key string, opts []content.Option, w int) []string {
	s := m.c.Styles
	if m.v.Revealed {
		for _, c := range m.v.Counts {
			if c.Part.Key == key {
				return append([]string{s.Subtle.Render("How the room answered:")}, s.Distribution(c, w, key != workshop.KeyDecision)...)
			}
		}
	}
	var lines []string
	for i, o := range opts {
		lines = append(lines, common.WrapLines(o.Text, w-2, fmt.Sprintf("  %d. ", i+1), "     ")...)
	}
	return lines
}
