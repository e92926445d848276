// Package dashboard is the learner's progress: a table of modules, mastery
// per indicator category, case-study figures and recent activity.
package dashboard

import (
	"fmt"
	"frontline/internal/textsafe"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

// Model is the dashboard screen.
type Model struct {
	c             *common.Common
	width, height int
	data          *progress.Dashboard
	err           error
	pager         common.Pager
}

// LoadedMsg carries the dashboard.
type LoadedMsg struct {
	Dashboard progress.Dashboard
	Err       error
}

// New returns the dashboard; Init loads it.
func New(c *common.Common) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height}
	m.rebuild()
	return m
}

// Init reads the dashboard in a command.
func (m *Model) Init() tea.Cmd {
	l, c := m.c.Learner(), m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		d, err := l.Dashboard(ctx)
		return LoadedMsg{Dashboard: d, Err: err}
	}
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.pager.Height = max(h-2, 1)
	m.rebuild()
}

// Update handles keys and the loaded data.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case LoadedMsg:
		m.err = msg.Err
		if msg.Err == nil {
			d := msg.Dashboard
			m.data = &d
		}
		m.rebuild()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Back):
			return m, common.Cmd(common.BackMsg{})
		case m.pager.HandleKey(k, msg):
		case key.Matches(msg, k.Top):
			m.pager.Top()
		case key.Matches(msg, k.Bottom):
			m.pager.Bottom()
		case key.Matches(msg, k.Glossary):
			return m, common.Cmd(common.OpenGlossaryMsg{})
		}
	}
	return m, nil
}

func (m *Model) rebuild() {
	s := m.c.Styles
	w := min(max(m.width, 30), 110)
	var lines []string
	switch {
	case m.err != nil:
		lines = common.WrapLines(s.Wrong.Render(s.Symbols.Wrong+" "+m.err.Error()), w, "", "  ")
	case m.data == nil:
		lines = []string{s.Subtle.Render("Loading…")}
	default:
		lines = m.lines(w)
	}
	m.pager.SetLines(lines)
}

func (m *Model) lines(w int) []string {
	s := m.c.Styles
	d := m.data
	lib := m.c.Library
	var lines []string
	lines = append(lines, s.Header.Render("Modules"))
	titleW := max(w-38, 12)
	lines = append(lines, s.Subtle.Render(fmt.Sprintf("      %-*s %-6s %8s %6s  %s", titleW, "module", "done", "attempts", "best", "last")))
	stats := map[string]progress.ModuleStat{}
	for _, st := range d.Modules {
		stats[st.ModuleID] = st
	}
	for i, mod := range engine.Curriculum(lib.Modules) {
		st := stats[mod.ID]
		done := "  "
		if st.Completed {
			done = s.Right.Render(s.Symbols.Done) + " "
		}
		best, last := "—", "—"
		if st.Attempts > 0 {
			best = activity.Percent(st.Best)
		}
		if !st.LastAt.IsZero() {
			last = st.LastAt.Format("2 Jan")
		}
		title := common.Truncate(mod.Title, titleW)
		lines = append(lines, fmt.Sprintf("  %2d  %s %-6s %8d %6s  %s", i+1, common.PadRight(title, titleW), done, st.Attempts, best, last))
	}

	lines = append(lines, "", s.Header.Render("Indicator recognition by category"))
	type agg struct{ hits, misses int }
	cats := map[string]*agg{}
	for _, is := range d.Indicators {
		name := lib.Catalogue.CategoryOf(is.Indicator)
		if name == "" {
			name = "Other"
		}
		a := cats[name]
		if a == nil {
			a = &agg{}
			cats[name] = a
		}
		a.hits += is.Hits
		a.misses += is.Misses
	}
	var names []string
	if lib.Catalogue != nil {
		for _, c := range lib.Catalogue.Categories {
			if cats[c.Name] != nil {
				names = append(names, c.Name)
			}
		}
	}
	if cats["Other"] != nil {
		names = append(names, "Other")
	}
	if len(names) == 0 {
		lines = append(lines, s.Subtle.Render("  No answers yet: take a quiz to see this."))
	}
	bars := make([]common.BarRow, 0, len(names))
	for _, n := range names {
		a := cats[n]
		tot := a.hits + a.misses
		frac := 0.0
		if tot > 0 {
			frac = float64(a.hits) / float64(tot)
		}
		bars = append(bars, common.BarRow{Label: n, Frac: frac, Note: fmt.Sprintf("(%d/%d)", a.hits, tot)})
	}
	lines = append(lines, s.BarTable(bars, w, "  ", 22)...)

	lines = append(lines, "", s.Header.Render("Case studies"))
	if len(d.Runs) == 0 {
		lines = append(lines, s.Subtle.Render("  No case study finished yet."))
	}
	type runAgg struct {
		runs, spotted, present, falseAlarms, herrings int
		recommended, decisions                        int
	}
	byScn := map[string]*runAgg{}
	var order []string
	for _, r := range d.Runs {
		a := byScn[r.ScenarioID]
		if a == nil {
			a = &runAgg{}
			byScn[r.ScenarioID] = a
			order = append(order, r.ScenarioID)
		}
		a.runs++
		a.spotted += r.Spotted
		a.present += r.Present
		a.falseAlarms += r.FalseAlarms
		a.herrings += r.RedHerrings
		for _, dc := range r.Decisions {
			a.decisions++
			if dc.Recommended {
				a.recommended++
			}
		}
	}
	sort.Strings(order)
	for _, id := range order {
		a := byScn[id]
		title := id
		if sc, ok := lib.Scenario(id); ok {
			title = sc.Title
		}
		lines = append(lines, "  "+s.Bold.Render(common.Truncate(title, w-4)))
		lines = append(lines, common.WrapLines(fmt.Sprintf("%s · indicators spotted %d of %d · false alarms %d of %d red herrings · recommended actions %d of %d",
			activity.Count(a.runs, "run"), a.spotted, a.present, a.falseAlarms, a.herrings, a.recommended, a.decisions), w-4, "    ", "    ")...)
	}

	lines = append(lines, "", s.Header.Render("Recent activity"))
	if len(d.Recent) == 0 {
		lines = append(lines, s.Subtle.Render("  Nothing yet."))
	}
	for _, a := range d.Recent {
		what := activity.ItemTitle(lib, a) + ": " + activity.Describe(lib, a)
		lines = append(lines, common.WrapLines(what, w-20, "  "+s.Subtle.Render(a.At.Format("2 Jan 15:04"))+"  ", strings.Repeat(" ", 16))...)
	}
	lines = append(lines, "", activity.Count(d.Answers, "answer")+" recorded · "+activity.Count(d.ReviewDue, "review item")+" due")
	return lines
}

// View draws the title and the scrolled body.
func (m *Model) View() string {
	s := m.c.Styles
	return common.SpreadLine(s.Title.Render("Your progress"), s.Subtle.Render(textsafe.Line(m.c.Profile.Name)), m.width) + "\n\n" + m.pager.View()
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Down, k.Up, k.Glossary, k.Back, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Glossary, k.Back, k.Quit, k.QuickExit, k.Help}}
}
