// Package library is the home screen: where to continue (every unfinished
// reading, quiz, exam and case study, open exams first with their time
// left), what is due for review, and the modules and scenarios with their
// completion marks, numbered in one order for everyone (engine.Curriculum),
// with the suggested next module marked, filterable by role and searchable
// through their text.
package library

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
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
	num      int // the module's or case study's number (0 for other rows)
	title    string
	summary  string
	meta     string
	roles    string
	done     bool
	next     bool   // the suggested next module
	first    string // the modules it requires that are not done yet
	page     int
	quiz     bool      // a continue row for an unfinished quiz
	exam     bool      // a continue row for an open exam
	deadline time.Time // an open exam's deadline (zero when untimed)
	search   string    // lower-case text searched (see searchText)
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
	// Unfinished is everything left part way (activity.Learner.Unfinished),
	// open exams first; nil while only the front matter is loaded.
	Unfinished []activity.Unfinished
}

// maxContinue is the most unfinished items listed besides open exams
// (which are always listed: their clock is running).
const maxContinue = 4

// LoadedMsg carries the learner's progress for the library, as read
// against lib (a message read against a library since replaced is
// dropped).
type LoadedMsg struct {
	Data Data
	Err  error
	lib  *content.Library
}

// New builds the library for the current learner. Rows are ready at once;
// completion marks arrive with LoadedMsg.
func New(c *common.Common) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height, search: c.Styles.NewInput("/ ", "search titles, pages and questions", 80)}
	m.build()
	return m
}

// Load reads the learner's progress; it runs in a command.
func Load(c *common.Common) tea.Cmd {
	l, lib := c.Learner(), c.Library
	return func() tea.Msg {
		if !l.Records() {
			return LoadedMsg{lib: lib}
		}
		ctx, cancel := c.Ctx()
		defer cancel()
		var d Data
		var err error
		if d.Bookmarks, err = l.Bookmarks(ctx); err != nil {
			return LoadedMsg{Err: err, lib: lib}
		}
		if d.Dashboard, err = l.Dashboard(ctx); err != nil {
			return LoadedMsg{Err: err, lib: lib}
		}
		if d.Due, err = l.ReviewDue(ctx); err != nil {
			return LoadedMsg{Err: err, lib: lib}
		}
		if d.Unfinished, err = l.Unfinished(ctx, lib); err != nil {
			c.Logf("library: %v", err)
		}
		d.Runs = map[string]bool{}
		for _, r := range d.Dashboard.Runs {
			if r.Done() {
				d.Runs[r.ScenarioID] = true
			}
		}
		return LoadedMsg{Data: d, lib: lib}
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
	best := map[string]float64{}
	tried := map[string]bool{}
	for _, s := range m.data.Dashboard.Modules {
		if s.Completed {
			done[s.ModuleID] = true
		}
		if s.Attempts > 0 {
			tried[s.ModuleID], best[s.ModuleID] = true, s.Best
		}
	}
	var rows []row
	if cont := m.continueRows(); len(cont) > 0 {
		rows = append(rows, row{kind: KindHeader, title: "Continue where you left off"})
		rows = append(rows, cont...)
	}
	if n, summary := reviewRow(lib, m.c.Partial, m.data.Due); n > 0 {
		rows = append(rows, row{kind: KindReview, title: fmt.Sprintf("Review: %d due", n), summary: summary})
	} else if m.loaded {
		rows = append(rows, row{kind: KindInfo, title: "Review: nothing due today"})
	}
	mods := engine.Curriculum(lib.Modules)
	next := ""
	if m.loaded {
		if s := engine.Suggest(lib.Modules, done, m.c.Profile.Role); len(s) > 0 && !done[s[0].ID] {
			next = s[0].ID
		}
	}
	rows = append(rows, row{kind: KindHeader, title: "Modules"})
	for i, mod := range mods {
		detail := mod.Summary
		var first []string
		for _, r := range mod.Requires {
			if rm, ok := lib.Module(r); ok && !done[r] {
				first = append(first, rm.Title)
			}
		}
		if done[mod.ID] {
			first = nil
		}
		if tried[mod.ID] && !done[mod.ID] {
			detail = "best " + activity.Percent(best[mod.ID]) + " · " + detail
		}
		rows = append(rows, row{kind: KindModule, id: mod.ID, num: i + 1, title: mod.Title, summary: detail, first: strings.Join(first, ", "),
			meta:  fmt.Sprintf("%s · %d min", common.OrDash(string(mod.Level)), mod.Minutes),
			roles: rolesText(mod.Roles), done: done[mod.ID], next: mod.ID == next, forRoles: mod.Roles,
			search: moduleSearch(mod)})
	}
	if len(lib.Scenarios) > 0 {
		rows = append(rows, row{kind: KindHeader, title: "Case studies"})
		for i, sc := range engine.CurriculumScenarios(lib.Scenarios) {
			rows = append(rows, row{kind: KindScenario, id: sc.ID, num: len(mods) + i + 1, title: sc.Title, summary: sc.Summary,
				meta:  fmt.Sprintf("%s · %d min", common.OrDash(string(sc.Level)), sc.Minutes),
				roles: rolesText(sc.Roles), done: m.data.Runs[sc.ID], forRoles: sc.Roles,
				search: scenarioSearch(sc)})
		}
	}
	m.rows = rows
	m.filter()
}

// continueRows are the rows for what the learner left part way: open
// exams (all of them), then the most recent others, up to maxContinue.
func (m *Model) continueRows() []row {
	var rows []row
	others := 0
	for _, u := range m.data.Unfinished {
		var r row
		switch u.Kind {
		case activity.UnfinishedExam:
			r = row{kind: KindContinue, id: u.Module.ID, exam: true, deadline: u.Deadline,
				title:   "Exam: " + u.Module.Title,
				summary: fmt.Sprintf("question %d of %d · %d answered", u.At, u.Of, u.Answered)}
		case activity.UnfinishedQuiz:
			r = row{kind: KindContinue, id: u.Module.ID, quiz: true,
				title:   "Practice quiz: " + u.Module.Title,
				summary: fmt.Sprintf("question %d of %d · %d answered · enter carries on", u.At, u.Of, u.Answered)}
		case activity.UnfinishedReading:
			where := fmt.Sprintf("page %d of %d", u.Page+1, len(u.Module.Pages))
			if len(u.Module.Pages) == 0 { // only the front matter is loaded yet
				where = fmt.Sprintf("page %d", u.Page+1)
			}
			r = row{kind: KindContinue, id: u.Module.ID, page: u.Page,
				title: "Reading: " + u.Module.Title, summary: where}
		case activity.UnfinishedScenario:
			where := "the start"
			if u.Scene != nil {
				where = "“" + u.Scene.Title + "”"
			}
			r = row{kind: KindScenario, id: u.Scenario.ID,
				title:   "Case study: " + u.Scenario.Title,
				summary: "at " + where}
		default:
			continue
		}
		if !r.exam {
			if others == maxContinue {
				continue
			}
			others++
		}
		rows = append(rows, r)
	}
	return rows
}

// examLeft is what an open exam's row says about its clock, at now.
func examLeft(deadline, now time.Time) string {
	if deadline.IsZero() {
		return "no time limit"
	}
	left := max(deadline.Sub(now), 0)
	until := ", until " + deadline.Local().Format("15:04")
	if left < time.Minute {
		return "less than a minute left" + until
	}
	mins := int((left + time.Minute - 1) / time.Minute)
	return activity.Count(mins, "minute") + " left" + until
}

// tickMsg redraws the library while an exam's clock runs.
type tickMsg struct{}

// tick waits, then redraws, while an open exam with a time limit is
// listed.
func (m *Model) tick() tea.Cmd {
	for _, r := range m.rows {
		if r.exam && !r.deadline.IsZero() {
			return tea.Tick(10*time.Second, func(time.Time) tea.Msg { return tickMsg{} })
		}
	}
	return nil
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
	q := m.query()
	return q == "" || strings.Contains(r.search, q)
}

// query is the search typed, in lower case, spaces evened out.
func (m *Model) query() string {
	return strings.ToLower(strings.Join(strings.Fields(m.search.Value()), " "))
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
		return m, Load(m.c)
	case LoadedMsg:
		if msg.lib != nil && msg.lib != m.c.Library {
			return m, nil // read against the front matter; a newer load follows
		}
		if msg.Err != nil {
			m.loadErr = msg.Err
			return m, nil
		}
		ticking := m.tick() != nil
		m.SetData(msg.Data)
		if ticking {
			return m, nil // a tick is already waiting
		}
		return m, m.tick()
	case tickMsg:
		return m, m.tick()
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
		switch {
		case r.quiz:
			return common.Cmd(common.OpenQuizMsg{ModuleID: r.id, Mode: progress.ModePractice, Resume: true})
		case r.exam:
			return common.Cmd(common.OpenExamMsg{ModuleID: r.id})
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
		return common.Cmd(common.OpenScenarioMsg{ScenarioID: r.id, Resume: r.num == 0})
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
		if r.num > 0 {
			title = fmt.Sprintf("%2d  %s", r.num, title)
		}
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
		if r.next {
			right = s.Key.Render("suggested next") + s.Subtle.Render(" · ") + right
		}
		lines = append(lines, common.SpreadLine(cur+mark+title, right, w))
		detail := r.summary
		if sel && r.first != "" {
			// The selected module names what comes first, if not done.
			detail = "First: " + r.first + " · " + detail
		}
		if r.exam { // the clock first: it matters most and must not be cut off
			detail = examLeft(r.deadline, m.c.Now()) + " · " + detail
		}
		if r.roles != "" {
			detail += " — " + r.roles
		}
		if q := m.query(); q != "" && !strings.Contains(strings.ToLower(r.title+" "+r.summary), q) {
			// Found in the text: show where.
			if sn := snippet(r.search, q, max(w-6, 10)); sn != "" {
				detail = sn
			}
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
