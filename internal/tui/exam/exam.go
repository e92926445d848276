// Package exam is the assessed exam: questions drawn and shuffled from a
// seed, no feedback until submission, free movement, flags, an overview of
// what is unanswered, a countdown with a warning, confirmation before
// submitting, and results by indicator category. An interrupted attempt
// resumes with the time that was left.
package exam

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

// State is where the exam is.
type State int

// Exam states.
const (
	Loading State = iota
	Blocked
	Intro
	Taking
	Overview
	Confirm
	Results
)

// String names the state.
func (s State) String() string {
	return [...]string{"loading", "blocked", "intro", "taking", "overview", "confirm", "results"}[s]
}

// Model is the exam screen.
type Model struct {
	c             *common.Common
	mod           *content.Module
	set           content.ExamSettings
	width, height int

	state    State
	blockErr error
	att      progress.Attempt
	resumed  bool
	answers  map[string][]int // module-order option indexes by question id
	flagged  map[string]bool
	pos      int
	choice   common.Choice
	ovCursor int

	elapsedBase time.Duration // elapsed before this sitting
	since       time.Time     // when this sitting's clock started
	ticks       int
	gen         int

	result  engine.ExamResult
	pager   common.Pager
	saving  int
	saveErr error
}

// New prepares an exam of module m; Init draws or resumes it.
func New(c *common.Common, m *content.Module) *Model {
	set := m.Exam
	if c.Exam != nil {
		set = *c.Exam
	}
	set = set.WithDefaults(len(m.Questions))
	return &Model{c: c, mod: m, set: set, width: c.Width, height: c.Height,
		answers: map[string][]int{}, flagged: map[string]bool{}}
}

// State reports the exam's state.
func (m *Model) State() State { return m.state }

// Busy is true while the exam is being taken.
func (m *Model) Busy() bool { return m.state == Taking || m.state == Overview || m.state == Confirm }

type readyMsg struct {
	att     progress.Attempt
	answers []progress.Answer
	resumed bool
	err     error
}

type tickMsg struct{ gen int }

type answerSavedMsg struct{ err error }

type finishedMsg struct{ err error }

// Init resumes an unfinished attempt or draws a new one.
func (m *Model) Init() tea.Cmd {
	c, mod, set := m.c, m.mod, m.set
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		pid := c.Profile.ID
		att, answers, err := c.Store.UnfinishedAttempt(ctx, pid, mod.ID, progress.ModeExam)
		if err == nil {
			return readyMsg{att: att, answers: answers, resumed: true}
		}
		if !errors.Is(err, progress.ErrNotFound) {
			return readyMsg{err: fmt.Errorf("look for an unfinished exam: %w", err)}
		}
		past, err := c.Store.Attempts(ctx, pid, mod.ID, progress.ModeExam)
		if err != nil {
			return readyMsg{err: fmt.Errorf("count exam attempts: %w", err)}
		}
		done := 0
		for _, a := range past {
			if a.Done() {
				done++
			}
		}
		if err := engine.CanAttempt(set, done); err != nil {
			return readyMsg{err: err}
		}
		seed := c.Now().UnixNano()
		ids, order := engine.Draw(mod, set.Questions, seed)
		a := progress.Attempt{ProfileID: pid, ModuleID: mod.ID, Mode: progress.ModeExam,
			Fingerprint: engine.Fingerprint(mod), Version: mod.Version, Seed: seed,
			Questions: ids, OptionOrder: order, TimeLimit: set.TimeLimit, Started: c.Now()}
		a, err = c.Store.StartAttempt(ctx, a)
		if err != nil {
			return readyMsg{err: fmt.Errorf("start exam: %w", err)}
		}
		return readyMsg{att: a}
	}
}

func (m *Model) question(i int) *content.Question {
	if i < 0 || i >= len(m.att.Questions) {
		return nil
	}
	q, _ := m.mod.Question(m.att.Questions[i])
	return q
}

// order returns the shown order of question i's options (module indexes).
func (m *Model) order(i int) []int {
	q := m.question(i)
	if i < len(m.att.OptionOrder) && len(m.att.OptionOrder[i]) == len(q.Options) {
		return m.att.OptionOrder[i]
	}
	out := make([]int, len(q.Options))
	for j := range out {
		out[j] = j
	}
	return out
}

// load shows question pos with its saved answer.
func (m *Model) load() {
	q := m.question(m.pos)
	if q == nil {
		return
	}
	m.choice = common.NewChoice(len(q.Options), q.Kind == content.MultipleChoice)
	ord := m.order(m.pos)
	var shown []int
	for _, mi := range m.answers[q.ID] {
		for si, o := range ord {
			if o == mi {
				shown = append(shown, si)
			}
		}
	}
	m.choice.Set(shown)
	if len(shown) > 0 {
		m.choice.Cursor = shown[0]
	}
	m.pager.Top()
}

// Elapsed is the time used so far.
func (m *Model) Elapsed() time.Duration {
	if m.since.IsZero() {
		return m.elapsedBase
	}
	return m.elapsedBase + m.c.Now().Sub(m.since)
}

func (m *Model) tick() tea.Cmd {
	gen := m.gen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.pager.Height = max(h-3, 1)
	m.rebuild()
}

// Update handles keys, ticks and store results.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case readyMsg:
		if msg.err != nil {
			m.state, m.blockErr = Blocked, msg.err
			m.rebuild()
			return m, nil
		}
		m.att, m.resumed = msg.att, msg.resumed
		for _, a := range msg.answers {
			m.answers[a.QuestionID] = a.Chosen
		}
		for _, id := range m.att.Flagged {
			m.flagged[id] = true
		}
		m.pos = max(0, min(m.att.Current, len(m.att.Questions)-1))
		m.elapsedBase = m.att.Elapsed
		m.state = Intro
		m.rebuild()
		return m, nil
	case tickMsg:
		if msg.gen != m.gen || !m.Busy() {
			return m, nil
		}
		m.ticks++
		if m.set.TimeLimit > 0 && engine.Remaining(m.set.TimeLimit, m.Elapsed()) <= 0 {
			return m, m.finish()
		}
		var cmd tea.Cmd
		if m.ticks%15 == 0 {
			cmd = m.savePosition()
		}
		return m, tea.Batch(m.tick(), cmd)
	case answerSavedMsg:
		m.saving--
		m.saveErr = msg.err
		return m, common.Cmd(common.SavedMsg{Tag: "exam", Err: msg.err})
	case finishedMsg:
		m.saving--
		m.saveErr = msg.err
		m.rebuild()
		return m, common.Cmd(common.SavedMsg{Tag: "exam", Err: msg.err})
	case tea.KeyMsg:
		cmd := m.key(msg)
		m.rebuild()
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch m.state {
	case Loading, Blocked:
		if key.Matches(msg, k.Back) || key.Matches(msg, k.Continue) {
			return common.Cmd(common.BackMsg{})
		}
	case Intro:
		switch {
		case key.Matches(msg, k.Continue):
			m.state = Taking
			m.since = m.c.Now()
			m.gen++
			m.load()
			return m.tick()
		case key.Matches(msg, k.Back):
			return common.Cmd(common.BackMsg{})
		}
	case Taking:
		if m.choice.HandleKey(k, msg) {
			return m.saveAnswer()
		}
		switch {
		case key.Matches(msg, k.Next), msg.String() == "n", key.Matches(msg, k.Continue):
			if m.pos+1 < len(m.att.Questions) {
				m.pos++
				m.load()
				return m.savePosition()
			}
			m.state = Overview
			m.ovCursor = 0
		case key.Matches(msg, k.Prev), msg.String() == "p":
			if m.pos > 0 {
				m.pos--
				m.load()
				return m.savePosition()
			}
		case key.Matches(msg, k.Flag):
			id := m.att.Questions[m.pos]
			m.flagged[id] = !m.flagged[id]
			return m.savePosition()
		case key.Matches(msg, k.Unanswered):
			m.state = Overview
			m.ovCursor = m.pos
		case key.Matches(msg, k.Finish):
			m.state = Confirm
		case key.Matches(msg, k.Back):
			// Leaving keeps the attempt; the clock is saved and resumes later.
			return tea.Batch(m.savePosition(), common.Cmd(common.BackMsg{}))
		}
	case Overview:
		switch {
		case key.Matches(msg, k.Up):
			m.ovCursor = max(m.ovCursor-1, 0)
		case key.Matches(msg, k.Down):
			m.ovCursor = min(m.ovCursor+1, len(m.att.Questions)-1)
		case key.Matches(msg, k.Select):
			m.pos = m.ovCursor
			m.load()
			m.state = Taking
			return m.savePosition()
		case key.Matches(msg, k.Back), key.Matches(msg, k.Unanswered):
			m.state = Taking
		case key.Matches(msg, k.Finish):
			m.state = Confirm
		}
	case Confirm:
		switch {
		case key.Matches(msg, k.Yes):
			return m.finish()
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.state = Taking
		}
	case Results:
		switch {
		case key.Matches(msg, k.Continue), key.Matches(msg, k.Back):
			return common.Cmd(common.BackMsg{})
		default:
			m.pager.HandleKey(k, msg)
		}
	}
	return nil
}

// saveAnswer records the current question's answer (a later one replaces
// it); no feedback is shown.
func (m *Model) saveAnswer() tea.Cmd {
	q := m.question(m.pos)
	ord := m.order(m.pos)
	var chosen []int
	for _, si := range m.choice.Indexes() {
		chosen = append(chosen, ord[si])
	}
	sort.Ints(chosen)
	m.answers[q.ID] = chosen
	res := engine.Score(q, chosen)
	now := m.c.Now()
	a := progress.Answer{ProfileID: m.c.Profile.ID, AttemptID: m.att.ID, ModuleID: m.mod.ID, QuestionID: q.ID,
		Version: m.att.Fingerprint, Chosen: chosen, Correct: res.Correct, Score: res.Score, At: now,
		Indicators: common.IndicatorHits(res)}
	store, c := m.c.Store, m.c
	m.saving++
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		if _, err := store.RecordAnswer(ctx, a); err != nil {
			c.Logf("record exam answer: %v", err)
			return answerSavedMsg{err: fmt.Errorf("record answer: %w", err)}
		}
		return answerSavedMsg{}
	}
}

func (m *Model) flaggedList() []string {
	var out []string
	for _, id := range m.att.Questions {
		if m.flagged[id] {
			out = append(out, id)
		}
	}
	return out
}

// savePosition stores where the learner is, the flags and the time used.
func (m *Model) savePosition() tea.Cmd {
	a := m.att
	a.Current = m.pos
	a.Flagged = m.flaggedList()
	a.Elapsed = m.Elapsed()
	m.att.Current, m.att.Flagged, m.att.Elapsed = a.Current, a.Flagged, a.Elapsed
	store := m.c.Store
	return m.c.SaveCmd("exam-position", func(ctx context.Context) error {
		if err := store.SaveAttempt(ctx, a); err != nil {
			return fmt.Errorf("save exam position: %w", err)
		}
		return nil
	})
}

// finish scores what was answered and records the result.
func (m *Model) finish() tea.Cmd {
	m.gen++ // stop the clock
	elapsed := m.Elapsed()
	if m.set.TimeLimit > 0 && elapsed > m.set.TimeLimit {
		elapsed = m.set.TimeLimit
	}
	m.elapsedBase, m.since = elapsed, time.Time{}
	m.result = engine.ScoreExam(m.mod, m.c.Library.Catalogue, m.att.Questions, m.answers, m.set.PassMark)
	a := m.att
	a.Current, a.Flagged, a.Elapsed = m.pos, m.flaggedList(), elapsed
	a.Finished = m.c.Now()
	a.Score, a.Total, a.Passed = m.result.Score, m.result.Total, m.result.Passed
	m.att = a
	m.state = Results
	m.pager.Top()
	store, c := m.c.Store, m.c
	m.saving++
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		if err := store.SaveAttempt(ctx, a); err != nil {
			c.Logf("save exam result: %v", err)
			return finishedMsg{err: fmt.Errorf("save exam result: %w", err)}
		}
		return finishedMsg{}
	}
}

func (m *Model) unanswered() int {
	n := 0
	for _, id := range m.att.Questions {
		if len(m.answers[id]) == 0 {
			n++
		}
	}
	return n
}

func fmtDur(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, mnt, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, mnt, s)
	}
	return fmt.Sprintf("%d:%02d", mnt, s)
}

func (m *Model) rebuild() {
	s := m.c.Styles
	w := min(max(m.width, 20), 100)
	var lines []string
	at := -1
	switch m.state {
	case Loading:
		lines = []string{s.Subtle.Render("Preparing the exam…")}
	case Blocked:
		lines = common.WrapLines(s.Wrong.Render(s.Symbols.Wrong+" "+capitalise(m.blockErr.Error())), w, "", "  ")
		lines = append(lines, "", s.Key.Render("esc")+" back")
	case Intro:
		limit := "no time limit"
		if m.set.TimeLimit > 0 {
			limit = fmtDur(m.set.TimeLimit) + " to answer"
		}
		lines = append(lines, s.Subtitle.Render("Assessed exam"), "",
			fmt.Sprintf("%d questions · %s · pass mark %d%%", len(m.att.Questions), limit, m.set.PassMark))
		if m.set.Attempts > 0 {
			lines = append(lines, fmt.Sprintf("%d attempt(s) allowed.", m.set.Attempts))
		}
		lines = append(lines, "")
		lines = append(lines, common.WrapLines("There is no feedback until you submit. You can move between questions, flag any for review and see what is still unanswered. When the time runs out, what you answered is submitted.", w, "", "")...)
		if m.resumed {
			lines = append(lines, "", s.Warning.Render(fmt.Sprintf("Resuming your attempt: %d of %d answered, %s left.",
				len(m.att.Questions)-m.unanswered(), len(m.att.Questions), fmtDur(engine.Remaining(m.set.TimeLimit, m.elapsedBase)))))
		}
		lines = append(lines, "", s.Key.Render("enter")+" begin   "+s.Key.Render("esc")+" not now")
	case Taking, Confirm:
		q := m.question(m.pos)
		if q == nil {
			break
		}
		flag := ""
		if m.flagged[q.ID] {
			flag = s.Warning.Render(s.Symbols.Flag+" flagged") + "  "
		}
		lines = append(lines, flag+s.Subtle.Render(common.KindHint(q.Kind)))
		lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
		if q.Body != "" {
			lines = append(lines, common.WrapLines(q.Body, w, "", "")...)
		}
		lines = append(lines, "")
		ord := m.order(m.pos)
		texts := make([]string, len(ord))
		for i, o := range ord {
			texts[i] = q.Options[o].Text
		}
		ol, cl := s.OptionLines(texts, m.choice, w, true)
		at = len(lines) + cl
		lines = append(lines, ol...)
		if m.state == Confirm {
			lines = append(lines, "", s.Warning.Render(fmt.Sprintf("Submit the exam now? %d unanswered, %d flagged.", m.unanswered(), len(m.flaggedList()))),
				s.Key.Render("y")+" submit   "+s.Key.Render("n")+" keep working")
			at = len(lines) - 1
		}
	case Overview:
		lines = append(lines, s.Subtitle.Render(fmt.Sprintf("Overview: %d unanswered, %d flagged", m.unanswered(), len(m.flaggedList()))), "")
		for i, id := range m.att.Questions {
			q, _ := m.mod.Question(id)
			mark := s.Subtle.Render(s.Symbols.Missed + " unanswered")
			if len(m.answers[id]) > 0 {
				mark = s.Right.Render(s.Symbols.Right + " answered  ")
			}
			if m.flagged[id] {
				mark += " " + s.Warning.Render(s.Symbols.Flag)
			} else {
				mark += "  "
			}
			cur := "  "
			text := fmt.Sprintf("%2d. ", i+1) + q.Text
			if i == m.ovCursor {
				cur = s.Cursor.Render(s.Symbols.Cursor) + " "
				at = len(lines)
				text = s.Selected.Render(common.Truncate(text, max(w-18, 10)))
			} else {
				text = common.Truncate(text, max(w-18, 10))
			}
			lines = append(lines, cur+mark+" "+text)
		}
	case Results:
		lines = m.resultLines(w)
	}
	m.pager.SetLines(lines)
	if at >= 0 {
		m.pager.ScrollTo(at)
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

func (m *Model) resultLines(w int) []string {
	s := m.c.Styles
	r := m.result
	verdict := s.Right.Render(s.Symbols.Right + " Passed")
	if !r.Passed {
		verdict = s.Wrong.Render(s.Symbols.Wrong + " Not passed")
	}
	lines := []string{
		s.Subtitle.Render("Exam result") + "  " + verdict, "",
		fmt.Sprintf("Score: %.1f of %d (%.0f%%) · pass mark %d%%", r.Score, r.Total, r.Percent, m.set.PassMark),
		fmt.Sprintf("Time taken: %s · answered %d of %d", fmtDur(m.att.Elapsed), r.Answered, r.Answered+r.Unanswered),
		"",
	}
	if len(r.ByCategory) > 0 {
		lines = append(lines, s.Header.Render("By indicator category"))
		bars := make([]common.BarRow, 0, len(r.ByCategory))
		for _, c := range r.ByCategory {
			frac := 0.0
			if c.Total > 0 {
				frac = c.Score / float64(c.Total)
			}
			bars = append(bars, common.BarRow{Label: c.Category, Frac: frac,
				Note: fmt.Sprintf("(%s of %d)", strings.TrimSuffix(fmt.Sprintf("%.1f", c.Score), ".0"), c.Total)})
		}
		lines = append(lines, s.BarTable(bars, w, "", 24)...)
		lines = append(lines, "")
	}
	if m.set.Review == content.ReviewAnswers {
		lines = append(lines, s.Header.Render("Your answers"))
		for i, id := range m.att.Questions {
			q, _ := m.mod.Question(id)
			res := engine.Score(q, m.answers[id])
			mark := s.Right.Render(s.Symbols.Right)
			if !res.Correct {
				mark = s.Wrong.Render(s.Symbols.Wrong)
			}
			lines = append(lines, common.WrapLines(fmt.Sprintf("%d. %s", i+1, q.Text), w-2, mark+" ", "  ")...)
			for _, o := range m.order(i) {
				out := res.Options[o]
				tag := ""
				switch {
				case out.Chosen && out.Correct:
					tag = s.Right.Render(s.Symbols.Right) + " your answer, right"
				case out.Chosen:
					tag = s.Wrong.Render(s.Symbols.Wrong) + " your answer"
				case out.Correct:
					tag = s.Warning.Render(s.Symbols.Missed) + " right answer"
				}
				if tag == "" {
					continue
				}
				lines = append(lines, common.WrapLines(q.Options[o].Text+"  "+s.Subtle.Render("— ")+tag, w-6, "    ", "      ")...)
			}
		}
		lines = append(lines, "")
	}
	switch {
	case m.saving > 0:
		lines = append(lines, common.SaveText(s, nil, true))
	case m.saveErr != nil:
		lines = append(lines, s.Wrong.Render(common.NotSavedText(m.saveErr)))
	default:
		lines = append(lines, common.SaveText(s, nil, false))
	}
	if r.Passed {
		lines = append(lines, s.Subtle.Render("A certificate: frontline certificate --module "+m.mod.ID))
	}
	lines = append(lines, s.Key.Render("enter")+" back")
	return lines
}

// View draws the header with the countdown, the body and the status line.
func (m *Model) View() string {
	s := m.c.Styles
	w := m.width
	right := ""
	if m.Busy() {
		right = fmt.Sprintf("question %d of %d", m.pos+1, len(m.att.Questions))
		if m.set.TimeLimit > 0 {
			left := engine.Remaining(m.set.TimeLimit, m.Elapsed())
			clock := "⏱ " + fmtDur(left) + " left"
			if engine.Warning(m.set.TimeLimit, m.Elapsed()) {
				clock = s.Warning.Render("⚠ " + fmtDur(left) + " left")
			} else {
				clock = s.Subtle.Render(clock)
			}
			right += "  " + clock
		}
	}
	head := common.SpreadLine(s.Title.Render(common.Truncate(m.mod.Title, max(w-34, 10)))+s.Subtle.Render(" · exam"), right, w)
	status := ""
	if m.Busy() {
		status = s.Subtle.Render(fmt.Sprintf("%d unanswered · %d flagged", m.unanswered(), len(m.flaggedList())))
		if m.saveErr != nil {
			status = s.Wrong.Render(common.Truncate(common.NotSavedText(m.saveErr), w))
		}
	}
	return head + "\n\n" + m.pager.View() + "\n" + status
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.state {
	case Taking:
		return []key.Binding{k.Toggle, k.Next, k.Prev, k.Finish, k.Unanswered, k.Flag, k.QuickExit}
	case Overview:
		return []key.Binding{k.Up, k.Down, common.WithHelp(k.Select, "go to"), k.Finish, k.Back, k.QuickExit}
	case Confirm:
		return []key.Binding{common.WithHelp(k.Yes, "submit"), common.WithHelp(k.No, "keep working"), k.QuickExit}
	case Intro:
		return []key.Binding{common.WithHelp(k.Continue, "begin"), k.Back, k.QuickExit}
	}
	return []key.Binding{common.WithHelp(k.Continue, "back"), k.Down, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Toggle},
		{k.Next, k.Prev, k.Flag, k.Unanswered, k.Finish},
		{k.Back, k.Quit, k.QuickExit, k.Help},
	}
}
