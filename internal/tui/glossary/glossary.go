// Package glossary is the glossary: the terms a learner meets in the
// course (the NRM, the duty to notify, section 45 and so on), then the
// indicator catalogue by category; searchable through names and
// definitions, each entry with its definition or explanation and source.
package glossary

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/tui/common"
)

type entry struct {
	header string // category name for a header row
	in     *content.Indicator
	term   *content.Term
}

// item reports whether the row is an entry (not a header).
func (e entry) item() bool { return e.in != nil || e.term != nil }

// Model is the glossary screen.
type Model struct {
	c             *common.Common
	width, height int
	focus         []string // ids to show; nil means all
	rows          []entry
	cursor        int // index into rows (never a header)
	pager         common.Pager
	search        textinput.Model
	typing        bool
	detail        *content.Indicator
	term          *content.Term // the term shown, if any
}

// New opens the glossary; with ids it shows just those indicators (and
// opens the entry directly when there is one).
func New(c *common.Common, ids []string) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height, focus: ids, search: c.Styles.NewInput("/ ", "search terms and indicators", 0)}
	m.filter()
	if len(ids) == 1 {
		if in, ok := c.Library.Catalogue.Lookup(ids[0]); ok {
			m.detail = in
		}
	}
	m.rebuild()
	return m
}

// Init does nothing: the catalogue is in memory.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing reports whether the search field has the keys.
func (m *Model) Capturing() bool { return m.typing }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.search.Width = max(w-4, 10)
	m.rebuild()
}

func (m *Model) filter() {
	cat := m.c.Library.Catalogue
	m.rows = m.rows[:0]
	q := strings.ToLower(strings.Join(strings.Fields(m.search.Value()), " "))
	if g := m.c.Library.Glossary; g != nil && len(m.focus) == 0 {
		first := true
		for i := range g.Terms {
			t := &g.Terms[i]
			if q != "" && !strings.Contains(strings.ToLower(strings.Join(strings.Fields(t.Name+" "+strings.Join(t.Also, " ")+" "+t.Definition), " ")), q) {
				continue
			}
			if first {
				m.rows = append(m.rows, entry{header: "Terms"})
				first = false
			}
			m.rows = append(m.rows, entry{term: t})
		}
	}
	if cat == nil {
		m.cursor = 0
		m.step(1)
		return
	}
	want := map[string]bool{}
	for _, id := range m.focus {
		want[id] = true
	}
	for _, c := range cat.Categories {
		first := true
		for _, id := range c.Indicators {
			in, ok := cat.Lookup(id)
			if !ok || (len(want) > 0 && !want[id]) {
				continue
			}
			if q != "" && !strings.Contains(strings.ToLower(in.Name+" "+in.ID+" "+in.Explanation), q) {
				continue
			}
			if first {
				m.rows = append(m.rows, entry{header: c.Name})
				first = false
			}
			m.rows = append(m.rows, entry{in: in})
		}
	}
	m.cursor = 0
	m.step(1)
}

// step moves the cursor n entries, skipping headers.
func (m *Model) step(n int) {
	if len(m.rows) == 0 {
		return
	}
	if !m.rows[m.cursor].item() { // from a header: land on the first entry
		n = min(max(n, -1), 1)
		if n == 0 {
			n = 1
		}
	}
	m.cursor = common.StepCursor(m.cursor, n, len(m.rows), func(i int) bool { return m.rows[i].item() })
}

func (m *Model) rebuild() {
	s := m.c.Styles
	w := min(max(m.width, 20), 100)
	extra := 2
	if m.typing || m.search.Value() != "" {
		extra++
	}
	m.pager.Height = max(m.height-extra, 1)
	var lines []string
	if t := m.term; t != nil {
		lines = append(lines, s.Subtitle.Render(t.Name), "")
		if len(t.Also) > 0 {
			lines = append(lines, common.WrapLines("Also: "+strings.Join(t.Also, ", "), w, "", "  ")...)
		}
		lines = append(lines, common.WrapLines("Source: "+common.OrDash(t.Source), w, "", "  ")...)
		lines = append(lines, "")
		for _, p := range common.Paragraphs(t.Definition) {
			lines = append(lines, common.WrapLines(p, w, "", "")...)
			lines = append(lines, "")
		}
		m.pager.SetLines(lines)
		return
	}
	if m.detail != nil {
		in := m.detail
		lines = append(lines, s.Subtitle.Render(in.Name), "")
		lines = append(lines, "Category: "+common.OrDash(in.Category))
		lines = append(lines, "Strength: "+common.OrDash(string(in.Strength)))
		lines = append(lines, common.WrapLines("Source: "+common.OrDash(in.Source), w, "", "  ")...)
		lines = append(lines, "")
		for _, p := range common.Paragraphs(in.Explanation) {
			lines = append(lines, common.WrapLines(p, w, "", "")...)
			lines = append(lines, "")
		}
		m.pager.SetLines(lines)
		return
	}
	at := 0
	for i, r := range m.rows {
		if !r.item() {
			if i > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, s.Header.Render(r.header))
			continue
		}
		strength, name := "", ""
		if r.term != nil {
			name = r.term.Name
		} else {
			name = r.in.Name
			if r.in.Strength != "" {
				strength = s.Subtle.Render(string(r.in.Strength))
			}
		}
		cur := "  "
		if i == m.cursor {
			at = len(lines)
			cur = s.Cursor.Render(s.Symbols.Cursor) + " "
			name = s.Selected.Render(name)
		}
		lines = append(lines, common.SpreadLine(cur+name, strength, w))
	}
	if len(m.rows) == 0 {
		lines = append(lines, s.Subtle.Render("No term or indicator matches."))
	}
	m.pager.SetLines(lines)
	m.pager.ScrollTo(at)
	if at > 0 && at-1 < m.pager.Offset+1 && lines[at-1] != "" { // keep the category header in view
		m.pager.ScrollTo(at - 1)
	}
}

// Update handles keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if m.typing {
		switch km.Type {
		case tea.KeyEsc:
			m.search.SetValue("")
			fallthrough
		case tea.KeyEnter, tea.KeyDown, tea.KeyUp:
			m.typing = false
			m.search.Blur()
			m.filter()
			m.rebuild()
			return m, nil
		}
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(km)
		m.filter()
		m.rebuild()
		return m, cmd
	}
	if m.detail != nil || m.term != nil {
		switch {
		case key.Matches(km, k.Back):
			if len(m.focus) == 1 {
				return m, common.Cmd(common.BackMsg{})
			}
			m.detail, m.term = nil, nil
		case key.Matches(km, k.Down), key.Matches(km, k.Up):
			m.pager.HandleKey(k, km)
			return m, nil
		}
		m.rebuild()
		return m, nil
	}
	switch {
	case key.Matches(km, k.Back):
		if m.search.Value() != "" {
			m.search.SetValue("")
			m.filter()
			break
		}
		return m, common.Cmd(common.BackMsg{})
	case key.Matches(km, k.Search):
		m.typing = true
		m.rebuild()
		return m, m.search.Focus()
	case key.Matches(km, k.Down):
		m.step(1)
	case key.Matches(km, k.Up):
		m.step(-1)
	case key.Matches(km, k.PageDown):
		m.step(m.pager.Height / 2)
	case key.Matches(km, k.PageUp):
		m.step(-m.pager.Height / 2)
	case key.Matches(km, k.Select):
		if m.cursor < len(m.rows) && m.rows[m.cursor].item() {
			m.detail, m.term = m.rows[m.cursor].in, m.rows[m.cursor].term
			m.pager.Top()
		}
	case km.String() == "a" && len(m.focus) > 0:
		m.focus = nil
		m.filter()
	}
	m.rebuild()
	return m, nil
}

// View draws the list or the entry.
func (m *Model) View() string {
	s := m.c.Styles
	title := "Glossary"
	var counts []string
	if g := m.c.Library.Glossary; g != nil {
		counts = append(counts, activity.Count(len(g.Terms), "term"))
	}
	if cat := m.c.Library.Catalogue; cat != nil {
		counts = append(counts, activity.Count(len(cat.Indicators), "indicator"))
	}
	right := strings.Join(counts, " · ")
	if len(m.focus) > 0 {
		title = "Indicators · from this question"
		right = "a: show all"
	}
	out := common.SpreadLine(s.Title.Render(title), s.Subtle.Render(right), m.width) + "\n"
	if m.detail == nil && m.term == nil && (m.typing || m.search.Value() != "") {
		out += m.search.View() + "\n"
	}
	return out + "\n" + m.pager.View()
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.typing {
		return common.TypingHelp(k)
	}
	if m.detail != nil || m.term != nil {
		return []key.Binding{k.Down, k.Back, k.QuickExit}
	}
	return []key.Binding{k.Up, k.Down, k.Select, k.Search, k.Back, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Select, k.Search}, {k.Back, k.Quit, k.QuickExit, k.Help}}
}
