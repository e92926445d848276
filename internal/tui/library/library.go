// Package library is the home screen: where to continue, what is due for
// review, and the modules and scenarios with their completion marks, in the
// suggested order, filtered by role and searchable.
package library

import (
	"fmt"
	"frontline/internal/textsafe"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

// Kind is what a row of the library opens.
type Kind int

// Row kinds.
const (
	KindHeader Kind = iota
	KindContinue
	KindReview
	KindModule
	KindScenario
	KindInfo
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"header", "continue", "review", "module", "scenario", "info"}[k]
}

type row struct {
	kind     Kind
	id       string
	title    string
	summary  string
	meta     string
	roles    string
	done     bool
	page     int
	quiz     bool   // a continue row for an unfinished quiz
	search   string // lower-case title and summary
	forRoles []content.Role
}

// Model is the library screen.
type Model struct {
	c             *common.Common
	width, height int

	rows    []row // everything, before filtering
	visible []int // indexes into rows after filtering
	cursor  int   // index into visible
	offset  int   // first visible row index (into visible)

	role   content.Role // filter; "" is every role
	search textinput.Model
	typing bool

	data    Data
	loaded  bool
	loadErr error
}

// Data is what the library shows from the store.
type Data struct {
	Bookmarks []progress.Bookmark
	Dashboard progress.Dashboard
	Due       []progress.ReviewItem
	Runs      map[string]bool // scenarios with a finished run
	// Quiz is the unfinished practice quiz on the most recent bookmark's
	// module, if it has answers (Quiz.ID == 0 otherwise).
	Quiz        progress.Attempt
	QuizAnswers int
	// RunOpen is true when the most recent bookmark is a scenario with an
	// unfinished run.
	RunOpen bool
}

// LoadedMsg carries the learner's progress for the library.
type LoadedMsg struct {
	Data Data
	Err  error
}

// New builds the library for the current learner. Rows are ready at once;
// completion marks arrive with LoadedMsg.
func New(c *common.Common) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height, search: c.Styles.NewInput("/ ", "search titles and summaries", 80)}
	m.build()
	return m
}

// Load reads the learner's progress; it runs in a command.
func Load(c *common.Common) tea.Cmd {
	l, store, pid := c.Learner(), c.Store, c.Profile.ID
	return func() tea.Msg {
		if !l.Records() {
			return LoadedMsg{}
		}
		ctx, cancel := c.Ctx()
		defer cancel()
		var d Data
		var err error
		if d.Bookmarks, err = l.Bookmarks(ctx); err != nil {
			return LoadedMsg{Err: err}
		}
		if d.Dashboard, err = l.Dashboard(ctx); err != nil {
			return LoadedMsg{Err: err}
		}
		if d.Due, err = l.ReviewDue(ctx); err != nil {
			return LoadedMsg{Err: err}
		}
		if len(d.Bookmarks) > 0 {
			b := d.Bookmarks[0]
			switch b.Kind {
			case "module":
				a, answers, err := store.UnfinishedAttempt(ctx, pid, b.ItemID, progress.ModePractice)
				if err == nil && len(answers) > 0 {
					d.Quiz, d.QuizAnswers = a, len(answers)
				}
			case "scenario":
				_, err := store.UnfinishedRun(ctx, pid, b.ItemID)
				d.RunOpen = err == nil
			}
		}
		d.Runs = map[string]bool{}
		for _, r := range d.Dashboard.Runs {
			if r.Done() {
				d.Runs[r.ScenarioID] = true
			}
		}
		return LoadedMsg{Data: d}
	}
}

// Init loads progress.
func (m *Model) Init() tea.Cmd { return Load(m.c) }

// SetData applies progress data without a command (used at start).
func (m *Model) SetData(d Data) {
	first := !m.loaded
	m.data, m.loaded = d, true
	m.build()
	if first {
		// Start on the top row: where to continue, or the review.
		m.cursor, m.offset = 0, 0
		m.fixCursor(1)
	}
}

func rolesText(rs []content.Role) string {
	if len(rs) == 0 {
		return "all roles"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Label()
	}
	return strings.Join(parts, ", ")
}

// build makes the rows from the library and the progress data.
func (m *Model) build() {
	lib := m.c.Library
	done := map[string]bool{}
	for _, s := range m.data.Dashboard.Modules {
		if s.Completed {
			done[s.ModuleID] = true
		}
	}
	var rows []row
	if len(m.data.Bookmarks) > 0 {
		b := m.data.Bookmarks[0]
		switch b.Kind {
		case "module":
			if mod, ok := lib.Module(b.ItemID); ok && m.data.Quiz.ID != 0 {
				q := m.data.Quiz
				rows = append(rows, row{kind: KindContinue, id: mod.ID, quiz: true,
					title:   "Continue your quiz: " + mod.Title,
					summary: fmt.Sprintf("%d of %d questions answered", m.data.QuizAnswers, len(q.Questions))})
			} else if ok {
				where := fmt.Sprintf("page %d of %d", b.Position+1, max(len(mod.Pages), 1))
				if m.c.Partial { // pages are not loaded yet
					where = fmt.Sprintf("page %d", b.Position+1)
				}
				rows = append(rows, row{kind: KindContinue, id: mod.ID, page: b.Position,
					title: "Continue where you left off: " + mod.Title, summary: where})
			}
		case "scenario":
			if sc, ok := lib.Scenario(b.ItemID); ok && m.data.RunOpen {
				rows = append(rows, row{kind: KindScenario, id: sc.ID,
					title: "Continue your case study: " + sc.Title, summary: "resume at the scene where you stopped"})
			}
		}
	}
	if n, summary := reviewRow(lib, m.c.Partial, m.data.Due); n > 0 {
		rows = append(rows, row{kind: KindReview, title: fmt.Sprintf("Review: %d due", n), summary: summary})
	} else if m.loaded {
		rows = append(rows, row{kind: KindInfo, title: "Review: nothing due today"})
	}
	rows = append(rows, row{kind: KindHeader, title: "Modules"})
	for _, mod := range engine.Suggest(lib.Modules, done, m.c.Profile.Role) {
		rows = append(rows, row{kind: KindModule, id: mod.ID, title: mod.Title, summary: mod.Summary,
			meta:  fmt.Sprintf("%s · %d min", common.OrDash(string(mod.Level)), mod.Minutes),
			roles: rolesText(mod.Roles), done: done[mod.ID], forRoles: mod.Roles,
			search: strings.ToLower(mod.Title + " " + mod.Summary)})
	}
	if len(lib.Scenarios) > 0 {
		rows = append(rows, row{kind: KindHeader, title: "Case studies"})
		scs := append([]*content.Scenario(nil), lib.Scenarios...)
		role := m.c.Profile.Role
		sort.SliceStable(scs, func(i, j int) bool {
			a, b := scs[i].ForRole(role), scs[j].ForRole(role)
			if a != b {
				return a
			}
			return scs[i].Title < scs[j].Title
		})
		for _, sc := range scs {
			rows = append(rows, row{kind: KindScenario, id: sc.ID, title: sc.Title, summary: sc.Summary,
				meta:  fmt.Sprintf("%s · %d min", common.OrDash(string(sc.Level)), sc.Minutes),
				roles: rolesText(sc.Roles), done: m.data.Runs[sc.ID], forRoles: sc.Roles,
				search: strings.ToLower(sc.Title + " " + sc.Summary)})
		}
	}
	m.rows = rows
	m.filter()
}

// reviewSummary says what a review session holds.
// reviewRow is the review row's count and summary: what a review session
// would ask now (activity.PlanReview), as the line mode counts it. While
// only the front matter is loaded, the due items are counted as stored.
func reviewRow(lib *content.Library, partial bool, due []progress.ReviewItem) (int, string) {
	qs, ins := 0, 0
	if partial {
		for _, it := range due {
			if it.Kind == progress.ReviewQuestion {
				qs++
			} else {
				ins++
			}
		}
	} else {
		plan := activity.PlanReview(lib, due)
		qs, ins = plan.Questions(), len(plan.Cards)
	}
	questions, indicators := activity.Count(qs, "question"), activity.Count(ins, "indicator")
	switch {
	case qs > 0 && ins > 0:
		return qs + ins, questions + " you found hard and " + indicators + " you missed"
	case qs > 0:
		return qs, questions + " you found hard"
	}
	return ins, indicators + " you missed or flagged wrongly"
}

func (m *Model) matches(r row) bool {
	switch r.kind {
	case KindModule, KindScenario:
	default:
		return m.search.Value() == "" && m.role == ""
	}
	if m.role != "" && len(r.forRoles) > 0 {
		ok := false
		for _, x := range r.forRoles {
			if x == m.role {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	q := strings.ToLower(strings.TrimSpace(m.search.Value()))
	return q == "" || strings.Contains(r.search, q)
}

func (m *Model) filter() {
	var cur string
	if m.cursor < len(m.visible) {
		r := m.rows[m.visible[m.cursor]]
		cur = r.kind.String() + r.id
	}
	m.visible = m.visible[:0]
	for i, r := range m.rows {
		if r.kind == KindHeader || m.matches(r) {
			m.visible = append(m.visible, i)
		}
	}
	// drop headers with nothing under them
	out := m.visible[:0]
	for i, v := range m.visible {
		if m.rows[v].kind == KindHeader && (i+1 >= len(m.visible) || m.rows[m.visible[i+1]].kind == KindHeader) {
			continue
		}
		out = append(out, v)
	}
	m.visible = out
	m.cursor = 0
	for i, v := range m.visible {
		r := m.rows[v]
		if r.kind.String()+r.id == cur {
			m.cursor = i
			break
		}
	}
	m.fixCursor(1)
}

func selectable(k Kind) bool { return k != KindHeader && k != KindInfo }

// fixCursor moves the cursor off headers in direction dir.
func (m *Model) fixCursor(dir int) {
	if len(m.visible) == 0 {
		m.cursor = 0
		return
	}
	m.cursor = max(0, min(m.cursor, len(m.visible)-1))
	for i := 0; i < len(m.visible); i++ {
		if selectable(m.rows[m.visible[m.cursor]].kind) {
			break
		}
		next := m.cursor + dir
		if next < 0 || next >= len(m.visible) {
			dir = -dir
			next = m.cursor + dir
			if next < 0 || next >= len(m.visible) {
				break
			}
		}
		m.cursor = next
	}
	m.scroll()
}

func (m *Model) move(n int) {
	if len(m.visible) == 0 {
		return
	}
	m.cursor = common.StepCursor(m.cursor, n, len(m.visible), func(i int) bool { return selectable(m.rows[m.visible[i]].kind) })
	m.scroll()
}

// rowHeight is the number of lines a row takes.
func (m *Model) rowHeight(i int) int {
	switch m.rows[m.visible[i]].kind {
	case KindHeader:
		return 2
	case KindInfo:
		return 1
	}
	return 2
}

func (m *Model) listHeight() int {
	h := m.height - 3
	if m.typing || m.search.Value() != "" {
		h--
	}
	return max(h, 2)
}

// scroll keeps the cursor's row on screen.
func (m *Model) scroll() {
	if m.cursor < m.offset {
		m.offset = m.cursor
		// show the section header above the first item
		if m.offset > 0 && m.rows[m.visible[m.offset-1]].kind == KindHeader {
			m.offset--
		}
	}
	h := m.listHeight()
	for {
		used := 0
		for i := m.offset; i <= m.cursor && i < len(m.visible); i++ {
			used += m.rowHeight(i)
		}
		if used <= h || m.offset >= m.cursor {
			break
		}
		m.offset++
	}
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.search.Width = max(w-4, 10)
	m.scroll()
}

// Capturing reports whether the search field has the keys.
func (m *Model) Capturing() bool { return m.typing }

// Update handles keys and loaded data.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case common.LibraryReadyMsg:
		m.build()
		return m, nil
	case LoadedMsg:
		if msg.Err != nil {
			m.loadErr = msg.Err
			return m, nil
		}
		m.SetData(msg.Data)
		return m, nil
	case tea.KeyMsg:
		if m.typing {
			switch msg.Type {
			case tea.KeyEsc:
				m.typing = false
				m.search.SetValue("")
				m.search.Blur()
				m.filter()
				return m, nil
			case tea.KeyEnter, tea.KeyDown, tea.KeyUp:
				m.typing = false
				m.search.Blur()
				return m, nil
			}
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(msg)
			m.filter()
			return m, cmd
		}
		switch {
		case key.Matches(msg, k.Search):
			m.typing = true
			return m, m.search.Focus()
		case key.Matches(msg, k.Back):
			if m.search.Value() != "" {
				m.search.SetValue("")
				m.filter()
			}
		case key.Matches(msg, k.Down):
			m.move(1)
		case key.Matches(msg, k.Up):
			m.move(-1)
		case key.Matches(msg, k.PageDown):
			m.move(max(m.listHeight()/2-1, 1))
		case key.Matches(msg, k.PageUp):
			m.move(-max(m.listHeight()/2-1, 1))
		case key.Matches(msg, k.Top):
			m.cursor, m.offset = 0, 0
			m.fixCursor(1)
		case key.Matches(msg, k.Bottom):
			m.cursor = len(m.visible) - 1
			m.fixCursor(-1)
		case key.Matches(msg, k.Role):
			m.role = nextRole(m.role)
			m.filter()
		case key.Matches(msg, k.Select):
			return m, m.open()
		case key.Matches(msg, k.Quiz):
			if r, ok := m.current(); ok && (r.kind == KindModule || r.kind == KindContinue) {
				return m, common.Cmd(common.OpenQuizMsg{ModuleID: r.id, Mode: progress.ModePractice})
			}
		case key.Matches(msg, k.Exam):
			if r, ok := m.current(); ok && (r.kind == KindModule || r.kind == KindContinue) {
				return m, common.Cmd(common.OpenExamMsg{ModuleID: r.id})
			}
		case key.Matches(msg, k.Glossary):
			return m, common.Cmd(common.OpenGlossaryMsg{})
		case key.Matches(msg, k.Progress):
			return m, common.Cmd(common.OpenDashboardMsg{})
		case key.Matches(msg, k.Profile) && !m.c.Locked:
			return m, common.Cmd(common.OpenProfilesMsg{})
		}
	}
	return m, nil
}

func nextRole(r content.Role) content.Role {
	if r == "" {
		return content.Roles[0]
	}
	for i, x := range content.Roles {
		if x == r {
			if i+1 < len(content.Roles) {
				return content.Roles[i+1]
			}
			return ""
		}
	}
	return ""
}

func (m *Model) current() (row, bool) {
	if m.cursor >= len(m.visible) {
		return row{}, false
	}
	r := m.rows[m.visible[m.cursor]]
	return r, selectable(r.kind)
}

func (m *Model) open() tea.Cmd {
	r, ok := m.current()
	if !ok {
		return nil
	}
	switch r.kind {
	case KindContinue:
		if r.quiz {
			return common.Cmd(common.OpenQuizMsg{ModuleID: r.id, Mode: progress.ModePractice})
		}
		return common.Cmd(common.OpenModuleMsg{ModuleID: r.id, Page: r.page})
	case KindReview:
		return common.Cmd(common.OpenReviewMsg{Due: append([]progress.ReviewItem(nil), m.data.Due...)})
	case KindModule:
		page := 0
		for _, b := range m.data.Bookmarks {
			if b.Kind == "module" && b.ItemID == r.id {
				page = b.Position
				break
			}
		}
		return common.Cmd(common.OpenModuleMsg{ModuleID: r.id, Page: page})
	case KindScenario:
		return common.Cmd(common.OpenScenarioMsg{ScenarioID: r.id})
	}
	return nil
}

// View draws the list; only the rows on screen are styled.
func (m *Model) View() string {
	s := m.c.Styles
	w := m.width
	learner := textsafe.Line(m.c.Profile.Name)
	if m.c.Profile.Role != "" {
		learner += " · " + m.c.Profile.Role.Label()
	}
	filter := "all roles"
	if m.role != "" {
		filter = m.role.Label()
	}
	head := common.SpreadLine(s.Title.Render("frontline")+s.Subtle.Render(" · recognise and respond to human trafficking"), s.Subtle.Render(learner), w)
	sub := s.Subtle.Render(fmt.Sprintf("showing %s", filter))
	if m.loadErr != nil {
		sub = s.Wrong.Render(common.Truncate(s.Symbols.Wrong+" "+m.loadErr.Error(), w))
	}
	lines := []string{head, sub}
	if m.typing || m.search.Value() != "" {
		lines = append(lines, m.search.View())
	}
	lines = append(lines, "")
	h := m.listHeight()
	used := 0
	for i := m.offset; i < len(m.visible) && used < h; i++ {
		r := m.rows[m.visible[i]]
		sel := i == m.cursor
		switch r.kind {
		case KindHeader:
			if i != m.offset {
				lines = append(lines, "")
				used++
			} else {
				used++
			}
			lines = append(lines, s.Header.Render(r.title))
			used++
			continue
		case KindInfo:
			lines = append(lines, "  "+s.Subtle.Render(r.title))
			used++
			continue
		}
		mark := "  "
		if r.done {
			mark = s.Right.Render(s.Symbols.Done) + " "
		}
		cur := "  "
		title := r.title
		if sel {
			cur = s.Cursor.Render(s.Symbols.Cursor) + " "
			title = s.Selected.Render(title)
		} else {
			title = s.Text.Render(title)
		}
		right := ""
		if r.meta != "" {
			right = s.Subtle.Render(r.meta)
		}
		lines = append(lines, common.SpreadLine(cur+mark+title, right, w))
		detail := r.summary
		if r.roles != "" {
			detail += " — " + r.roles
		}
		lines = append(lines, "    "+s.Subtle.Render(common.Truncate(detail, max(w-4, 1))))
		used += 2
	}
	if len(m.visible) == 0 {
		lines = append(lines, s.Subtle.Render("  Nothing matches. esc clears the search, r changes the role."))
	}
	if used > h { // a header pushed the last row past the bottom
		lines = lines[:len(lines)-(used-h)]
	}
	return common.FitLines(lines, m.height)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.typing {
		return common.TypingHelp(k)
	}
	return []key.Binding{k.Select, k.Quiz, k.Search, k.Help, k.Quit, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	find := []key.Binding{k.Search, k.Role, k.Profile}
	if m.c.Locked {
		find = find[:2]
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Select, k.Quiz, k.Exam, k.Glossary, k.Progress},
		find,
		{k.Quit, k.QuickExit, k.Help},
	}
}
