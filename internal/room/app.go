package room

import (
	"context"
	"io"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"frontline/internal/activity"
	"frontline/internal/app"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// appSpec is everything one trainee's app is built from.
type appSpec struct {
	// Ctx ends with the seat; it bounds every store call the app makes.
	Ctx     context.Context
	In      io.Reader
	Out     io.Writer
	Getenv  func(string) string
	Render  *lipgloss.Renderer
	Store   progress.Store
	Learner progress.Profile
	Library *content.Library
	Theme   string
	Renders *common.RenderShare
	// Seal seals finished exams (the trainer's issuer key, or the
	// self-study statement); Signed says it signs.
	Seal   activity.Sealer
	Signed bool
	// Room takes the trainee's answers to what the room is led to.
	Room workshop.Link
}

// newApp builds the app one trainee runs: the same app as the local one
// (app.Model, the assembly for a shared store), fixed to their own profile
// so no picker lists the room. It is the one place the room builds an app.
func newApp(a appSpec) (tea.Model, error) {
	learner := a.Learner
	return app.Model(a.Ctx, app.Config{
		Library: a.Library, Store: a.Store, Learner: &learner, Theme: a.Theme,
		In: a.In, Out: a.Out, Getenv: a.Getenv,
		Renderer: a.Render, Renders: a.Renders, Room: a.Room,
		Seal: a.Seal, Signed: a.Signed,
	})
}

// noticeMsg shows a line above the app (empty text removes it).
type noticeMsg struct{ text string }

// endMsg tells the seat's app the room is ending it: keys are ignored from
// now on and the app shows text until it is stopped.
type endMsg struct{ text string }

// seatModel wraps a trainee's app with what the room adds: a notice line
// (the idle warning), the end of the workshop, and noting the quick exit
// so the terminal can be cleared.
type seatModel struct {
	inner  tea.Model
	quick  key.Binding
	notice string
	ending string
	w, h   int
	style  lipgloss.Style
	// quit is set when the trainee used the quick exit.
	quit *atomic.Bool
}

func newSeatModel(inner tea.Model, r *lipgloss.Renderer, quick *atomic.Bool) *seatModel {
	return &seatModel{
		inner: inner, quick: common.DefaultKeyMap().QuickExit, quit: quick, w: 80, h: 24,
		style: r.NewStyle().Reverse(true).Bold(true),
	}
}

func (m *seatModel) Init() tea.Cmd { return m.inner.Init() }

func (m *seatModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		return m, m.resizeInner()
	case noticeMsg:
		had := m.notice != ""
		m.notice = msg.text
		if had != (m.notice != "") {
			return m, m.resizeInner()
		}
		return m, nil
	case endMsg:
		m.ending = msg.text
		return m, nil
	case tea.KeyMsg:
		if m.ending != "" {
			return m, nil
		}
		if key.Matches(msg, m.quick) {
			m.quit.Store(true)
		}
		// Bubble Tea hands every program the same rune slice for some keys
		// (the space bar), and text fields sanitise runes in place: with
		// many apps in one process, give each key its own copy.
		msg.Runes = slices.Clone(msg.Runes)
		var cmd tea.Cmd
		m.inner, cmd = m.inner.Update(msg)
		return m, cmd
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	return m, cmd
}

// resizeInner gives the app the window less the notice line.
func (m *seatModel) resizeInner() tea.Cmd {
	h := m.h
	if m.notice != "" {
		h--
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(tea.WindowSizeMsg{Width: m.w, Height: max(h, 1)})
	return cmd
}

func (m *seatModel) View() string {
	if m.quit.Load() {
		return ""
	}
	if m.ending != "" {
		return "\n  " + m.ending + "\n"
	}
	v := m.inner.View()
	if m.notice == "" {
		return v
	}
	line := common.Truncate("⚠ "+m.notice, max(m.w, 1))
	if pad := m.w - lipgloss.Width(line); pad > 0 {
		line += strings.Repeat(" ", pad)
	}
	return m.style.Render(line) + "\n" + v
}
