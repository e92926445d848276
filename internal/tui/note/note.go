// Package note is the content note shown before a module, a quiz, an exam,
// a review session or a case study: the learner continues, skips the item
// for something else, or goes back. A note is shown once per item (the
// root asks activity.Learner.NoteDue), unless the learner chooses here to
// see notes every time.
package note

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/tui/common"
)

// Item is what the note stands before.
type Item struct {
	// Title heads the screen.
	Title string
	// Kind and ID name the item for SkipItemMsg.
	Kind, ID string
	// Text is the content note; paragraphs are separated by blank lines.
	Text string
	// Verb says what the learner would do now: "read", "take", "play".
	Verb string
	// Read is the write that records that the learner read the note
	// (activity.Learner.NoteRead), made when they continue.
	Read activity.Pending
	// Always is whether the learner sees notes every time.
	Always bool
}

// Model is the content-note screen.
type Model struct {
	c             *common.Common
	item          Item
	next          tea.Msg
	width, height int
}

// New returns the note for item; continuing opens next in its place.
func New(c *common.Common, item Item, next tea.Msg) *Model {
	return &Model{c: c, item: item, next: next, width: c.Width, height: c.Height}
}

// Always reports whether the learner now sees notes every time.
func (m *Model) Always() bool { return m.item.Always }

// Init does nothing: the note is in memory.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update handles continue, skip and back.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := m.c.Keys
	switch {
	case key.Matches(km, k.Continue):
		return m, tea.Batch(m.c.SavePending("note", m.item.Read), common.Cmd(common.ReplaceMsg{Next: m.next}))
	case key.Matches(km, k.AlwaysNotes):
		m.item.Always = !m.item.Always
		l, always := m.c.Learner(), m.item.Always
		return m, m.c.SaveCmd("setting", func(ctx context.Context) error { return l.SetAlwaysShowNotes(ctx, always) })
	case key.Matches(km, k.Skip):
		return m, common.Cmd(common.SkipItemMsg{Kind: m.item.Kind, ID: m.item.ID})
	case key.Matches(km, k.Back):
		return m, common.Cmd(common.BackMsg{})
	}
	return m, nil
}

// View draws the title, the note and the choices.
func (m *Model) View() string {
	s := m.c.Styles
	w := min(m.width, 80)
	lines := []string{s.Title.Render(common.Truncate(m.item.Title, m.width)), "", s.Warning.Render("Content note")}
	for i, p := range common.Paragraphs(m.item.Text) {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, common.WrapLines(p, w, "", "")...)
	}
	lines = append(lines, "")
	lines = append(lines, common.WrapLines("You can "+m.item.Verb+" it now, skip it for something else, or go back.", w, "", "")...)
	when := "Each note is shown once, and again if it changes; a shows notes every time."
	if m.item.Always {
		when = "Notes are shown every time; a shows each note once."
	}
	lines = append(lines, "")
	for _, l := range common.WrapLines(when, w, "", "") {
		lines = append(lines, s.Subtle.Render(l))
	}
	lines = append(lines, "", s.Key.Render("enter")+" continue   "+s.Key.Render("s")+" skip   "+s.Key.Render("esc")+" back")
	return common.FitLines(lines, m.height)
}

// ShortHelp lists the keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Continue, k.Skip, k.Back, k.AlwaysNotes, k.QuickExit}
}

// FullHelp lists the keys.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Continue, k.Skip, k.Back, k.AlwaysNotes}, {k.Quit, k.QuickExit, k.Help}}
}
