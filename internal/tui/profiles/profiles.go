// Package profiles is the learner picker: choose a learner on this machine
// or create one with a name and a role.
package profiles

import (
	"errors"
	"fmt"
	"frontline/internal/textsafe"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

type step int

const (
	stepPick step = iota
	stepName
	stepRole
)

// Model is the learner picker.
type Model struct {
	c             *common.Common
	width, height int

	list    []progress.Profile
	loaded  bool
	cursor  int // over list plus the "new learner" row
	step    step
	name    textinput.Model
	role    int
	err     error
	working bool
}

// LoadedMsg carries the learners on this machine.
type LoadedMsg struct {
	Profiles []progress.Profile
	Err      error
}

type createdMsg struct {
	p   progress.Profile
	err error
}

// New returns the picker. With suggested set (a --profile name that does
// not exist yet), it opens on the create form with that name.
func New(c *common.Common, suggested string) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height, name: c.Styles.NewInput("Name: ", "first name or initials", textsafe.MaxName)}
	if suggested != "" {
		m.name.SetValue(suggested)
		m.step = stepName
		m.name.Focus()
	}
	return m
}

// Init loads the learners.
func (m *Model) Init() tea.Cmd {
	store := m.c.Store
	c := m.c
	cmds := []tea.Cmd{func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		ps, err := store.Profiles(ctx)
		if err != nil {
			err = fmt.Errorf("list learners: %w", err)
		}
		return LoadedMsg{Profiles: ps, Err: err}
	}}
	if m.step == stepName {
		cmds = append(cmds, textinput.Blink)
	}
	return tea.Batch(cmds...)
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.name.Width = max(min(w-10, 40), 10)
}

// Capturing reports whether the name field has the keys.
func (m *Model) Capturing() bool { return m.step == stepName }

// Update handles keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case LoadedMsg:
		m.list, m.err, m.loaded = msg.Profiles, msg.Err, true
		return m, nil
	case createdMsg:
		m.working = false
		if errors.Is(msg.err, progress.ErrNotSaved) {
			// Progress cannot be kept here (the banner says why): learn
			// anyway, with nothing recorded, rather than stop at the door.
			return m, common.Cmd(common.ProfileChosenMsg{Profile: msg.p})
		}
		if msg.err != nil {
			m.err = msg.err
			if errors.Is(msg.err, progress.ErrExists) {
				m.err = fmt.Errorf("%w; pick them from the list, or choose another name", msg.err)
			}
			m.step = stepName
			return m, m.name.Focus()
		}
		return m, common.Cmd(common.ProfileChosenMsg{Profile: msg.p})
	case tea.KeyMsg:
		switch m.step {
		case stepName:
			switch msg.Type {
			case tea.KeyEsc:
				m.step = stepPick
				m.name.Blur()
				return m, nil
			case tea.KeyEnter:
				if strings.TrimSpace(m.name.Value()) == "" {
					m.err = errors.New("type a name first")
					return m, nil
				}
				m.err = nil
				m.step = stepRole
				m.name.Blur()
				return m, nil
			}
			var cmd tea.Cmd
			m.name, cmd = m.name.Update(msg)
			return m, cmd
		case stepRole:
			switch {
			case key.Matches(msg, k.Back):
				m.step = stepName
				return m, m.name.Focus()
			case key.Matches(msg, k.Up):
				m.role = max(m.role-1, 0)
			case key.Matches(msg, k.Down):
				m.role = min(m.role+1, len(content.Roles)-1)
			case key.Matches(msg, k.Select):
				if m.working {
					return m, nil
				}
				m.working = true
				name, role, store, c := m.name.Value(), content.Roles[m.role], m.c.Store, m.c
				return m, func() tea.Msg {
					ctx, cancel := c.Ctx()
					defer cancel()
					p, err := activity.Create(ctx, store, name, role)
					if errors.Is(err, progress.ErrNotSaved) {
						p = progress.Profile{Name: name, Role: role}
						if n, nerr := activity.CheckName(name); nerr == nil {
							p.Name = n
						}
					}
					return createdMsg{p: p, err: err}
				}
			default:
				if n := int(msg.String()[0] - '1'); len(msg.String()) == 1 && n >= 0 && n < len(content.Roles) {
					m.role = n
				}
			}
			return m, nil
		default:
			switch {
			case key.Matches(msg, k.Up):
				m.cursor = max(m.cursor-1, 0)
			case key.Matches(msg, k.Down):
				m.cursor = min(m.cursor+1, len(m.list))
			case key.Matches(msg, k.Back):
				if m.c.Profile.ID != 0 {
					return m, common.Cmd(common.BackMsg{})
				}
			case key.Matches(msg, k.Select):
				if m.cursor < len(m.list) {
					return m, common.Cmd(common.ProfileChosenMsg{Profile: m.list[m.cursor]})
				}
				m.step = stepName
				m.err = nil
				return m, m.name.Focus()
			}
		}
	}
	return m, nil
}

// View draws the picker or the form.
func (m *Model) View() string {
	s := m.c.Styles
	lines := []string{s.Title.Render("frontline") + s.Subtle.Render(" · who is learning?"), ""}
	switch m.step {
	case stepPick:
		if !m.loaded {
			lines = append(lines, s.Subtle.Render("Loading…"))
			break
		}
		if len(m.list) == 0 {
			lines = append(lines, "Welcome. Progress is kept on this computer for each learner.", "")
		}
		for i, p := range m.list {
			lines = append(lines, m.item(i == m.cursor, textsafe.Line(p.Name)+s.Subtle.Render("  "+p.Role.Label())))
		}
		lines = append(lines, m.item(m.cursor == len(m.list), "+ New learner"))
	case stepName:
		lines = append(lines, "A new learner. The name is only used on this computer.", "", m.name.View())
	case stepRole:
		lines = append(lines, "Name: "+s.Bold.Render(m.name.Value()), "", "Which group do you work in? Modules for it come first.", "")
		for i, r := range content.Roles {
			lines = append(lines, m.item(i == m.role, fmt.Sprintf("%d. %s", i+1, r.Label())))
		}
		if m.working {
			lines = append(lines, "", s.Subtle.Render("saving…"))
		}
	}
	if m.err != nil {
		lines = append(lines, "")
		for _, l := range common.WrapLines(s.Symbols.Wrong+" "+m.err.Error(), m.width, "", "  ") {
			lines = append(lines, s.Wrong.Render(l))
		}
	}
	return common.FitLines(lines, m.height)
}

func (m *Model) item(sel bool, text string) string {
	s := m.c.Styles
	if sel {
		return s.Cursor.Render(s.Symbols.Cursor) + " " + s.Selected.Render(text)
	}
	return "  " + text
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.step {
	case stepName:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")), k.Back, k.QuickExit}
	case stepRole:
		return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")), k.Back, k.QuickExit}
	}
	return []key.Binding{k.Up, k.Down, k.Select, k.Quit, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
