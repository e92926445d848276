// Package exam is the assessed exam: questions drawn and shuffled from a
// seed, no feedback until submission, free movement, flags, an overview of
// what is unanswered, a deadline that keeps running when the learner
// leaves, confirmation before submitting or leaving, and results by
// indicator category. What the exam records, and its clock, are the
// activity layer's (activity.Exam).
package exam

import (
	"fmt"
	"frontline/internal/textsafe"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
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
	// Leaving asks before leaving an open exam: its clock keeps running.
	Leaving
)

// String names the state.
func (s State) String() string {
	return [...]string{"loading", "blocked", "intro", "taking", "overview", "confirm", "results", "leaving"}[s]
}

// Model is the exam screen.
type Model struct {
	c             *common.Common
	mod           *content.Module
	set           content.ExamSettings
	width, height int

	state    State
	blockErr error
	x        *activity.Exam
	answer   common.Answerer
	ovCursor int
	gen      int
	ticks    int

	pager   common.Pager
	saving  int
	saveErr error
	// sitting, when set, is the exam a workshop room sits: the trainer's
	// settings and the room's deadline.
	sitting *activity.Sitting
}

// New prepares an exam of module m; Init opens it.
func New(c *common.Common, m *content.Module) *Model {
	set := m.Exam
	if c.Exam != nil {
		set = *c.Exam
	}
	return &Model{c: c, mod: m, set: set.WithDefaults(len(m.Questions)), width: c.Width, height: c.Height}
}

// NewSitting prepares the exam a workshop room sits together: the
// trainer's settings, which the trainee cannot change, and the room's
// deadline (activity.Sitting).
func NewSitting(c *common.Common, m *content.Module, s activity.Sitting) *Model {
	x := New(c, m)
	x.set = s.Settings.WithDefaults(len(m.Questions))
	x.sitting = &s
	return x
}

// Module is the id of the exam's module.
func (m *Model) Module() string { return m.mod.ID }

// Sitting reports whether this is a room's exam.
func (m *Model) Sitting() bool { return m.sitting != nil }

// State reports the exam's state.
func (m *Model) State() State { return m.state }

// Busy is true while the exam is being taken.
func (m *Model) Busy() bool {
	return m.state == Taking || m.state == Overview || m.state == Confirm || m.state == Leaving
}

type openedMsg struct {
	x   *activity.Exam
	err error
}

type tickMsg struct{ gen int }

type savedMsg struct{ err error }

// extensionMsg carries the extension stored with the attempt; expiring
// is set when it was read because the clock had run out.
type extensionMsg struct {
	ext      time.Duration
	expiring bool
	err      error
}

// Init opens the exam: an unfinished one resumes (or, when its time ran
// out meanwhile, is settled); otherwise a new one is ready to begin.
func (m *Model) Init() tea.Cmd {
	c, mod, set, sit := m.c, m.mod, m.set, m.sitting
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		if sit != nil {
			x, err := c.Learner().OpenSitting(ctx, c.Library, mod, *sit)
			return openedMsg{x: x, err: err}
		}
		x, err := c.Learner().OpenExam(ctx, c.Library, mod, set)
		return openedMsg{x: x, err: err}
	}
}

// save runs a pending write in a command.
func (m *Model) save(p activity.Pending) tea.Cmd {
	if p.Empty() {
		return nil
	}
	m.saving++
	c := m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := p.Save(ctx)
		if err != nil {
			c.Logf("exam: %v", err)
		}
		return savedMsg{err: err}
	}
}

// load shows question pos with its saved answer.
func (m *Model) load() {
	e := m.x.E
	q := e.Question(e.Pos)
	if q == nil {
		m.answer = common.NewAnswerer(content.SingleChoice, 0)
		return
	}
	m.answer = common.NewAnswerer(q.Kind, len(q.Options))
	if ans, ok := e.Answers[q.ID]; ok {
		shown := e.ToShown(e.Pos, ans)
		m.answer.Set(shown)
		if c, ok := m.answer.(*common.Choice); ok && len(shown) > 0 {
			c.Cursor = shown[0]
		}
	}
	m.pager.Top()
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
	case openedMsg:
		if msg.err != nil {
			m.state, m.blockErr = Blocked, msg.err
			m.rebuild()
			return m, nil
		}
		m.x = msg.x
		m.set = m.x.Settings()
		m.state = Intro
		if m.x.Done() {
			m.state = Results
		}
		m.rebuild()
		return m, nil
	case tickMsg:
		if msg.gen != m.gen || !m.Busy() {
			return m, nil
		}
		m.ticks++
		if m.x.Expired() {
			// Before submitting, look for extra time the trainer gave.
			return m, m.readExtension(true)
		}
		var cmd tea.Cmd
		if m.ticks%15 == 0 {
			cmd = m.save(m.x.SavePosition())
		}
		m.rebuild()
		return m, tea.Batch(m.tick(), cmd)
	case common.ExamExtendedMsg:
		if m.x == nil || msg.Module != m.mod.ID || m.x.Done() {
			return m, nil
		}
		return m, m.readExtension(false)
	case extensionMsg:
		if msg.err != nil {
			m.c.Logf("exam: %v", msg.err)
		}
		if m.x != nil {
			m.x.ApplyExtension(msg.ext)
		}
		m.rebuild()
		if !msg.expiring || !m.Busy() {
			return m, nil
		}
		if m.x.Expired() {
			return m, m.finish()
		}
		return m, m.tick()
	case savedMsg:
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
			cmd := m.save(m.x.Begin())
			if m.x.Expired() { // resumed after the deadline, between open and now
				return tea.Batch(cmd, m.finish())
			}
			m.state = Taking
			m.gen++
			m.load()
			return tea.Batch(cmd, m.tick())
		case key.Matches(msg, k.Back):
			return common.Cmd(common.BackMsg{})
		}
	case Taking:
		return m.keyTaking(msg)
	case Overview:
		n := len(m.x.E.Questions)
		switch {
		case key.Matches(msg, k.Up):
			m.ovCursor = max(m.ovCursor-1, 0)
		case key.Matches(msg, k.Down):
			m.ovCursor = min(m.ovCursor+1, n-1)
		case key.Matches(msg, k.Select):
			m.x.E.Pos = m.ovCursor
			m.load()
			m.state = Taking
			return m.save(m.x.SavePosition())
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
	case Leaving:
		switch {
		case key.Matches(msg, k.Yes):
			return tea.Batch(m.save(m.x.SavePosition()), common.Cmd(common.BackMsg{}))
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

func (m *Model) keyTaking(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	e := m.x.E
	if m.answer.HandleKey(k, msg) {
		return m.save(m.x.Answer(e.Pos, m.answer.Answer()))
	}
	switch {
	case key.Matches(msg, k.Next), msg.String() == "n", key.Matches(msg, k.Continue):
		var took tea.Cmd
		if q := e.Question(e.Pos); q != nil && q.Kind == content.Ordering && !e.Answered(e.Pos) && key.Matches(msg, k.Continue) {
			// enter on an order left as shown takes it as the answer
			took = m.save(m.x.Answer(e.Pos, m.answer.Answer()))
		}
		if e.Pos+1 < len(e.Questions) {
			e.Pos++
			m.load()
			return tea.Batch(took, m.save(m.x.SavePosition()))
		}
		m.state = Overview
		m.ovCursor = 0
		return took
	case key.Matches(msg, k.Prev), msg.String() == "p":
		if e.Pos > 0 {
			e.Pos--
			m.load()
			return m.save(m.x.SavePosition())
		}
	case key.Matches(msg, k.Flag):
		e.ToggleFlag(e.Pos)
		return m.save(m.x.SavePosition())
	case key.Matches(msg, k.Unanswered):
		m.state = Overview
		m.ovCursor = e.Pos
	case key.Matches(msg, k.Finish):
		m.state = Confirm
	case key.Matches(msg, k.Back):
		m.state = Leaving
	default:
		m.pager.HandleKey(k, msg)
	}
	return nil
}

// readExtension reads the extension stored with the attempt, off the
// app's goroutine.
func (m *Model) readExtension(expiring bool) tea.Cmd {
	x, c := m.x, m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		ext, err := x.StoredExtension(ctx)
		return extensionMsg{ext: ext, expiring: expiring, err: err}
	}
}

// finish submits the exam and records the result.
func (m *Model) finish() tea.Cmd {
	m.gen++ // stop the clock's ticks
	cmd := m.save(m.x.Submit())
	m.state = Results
	m.pager.Top()
	return cmd
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
		lines = m.introLines(w)
	case Taking, Confirm, Leaving:
		lines, at = m.questionLines(w)
	case Overview:
		lines, at = m.overviewLines(w)
	case Results:
		lines = m.resultLines(w)
	}
	m.pager.SetLines(lines)
	if at >= 0 {
		m.pager.ScrollTo(at)
	}
}

func (m *Model) introLines(w int) []string {
	s := m.c.Styles
	x := m.x
	limit := "no time limit"
	if m.set.TimeLimit > 0 {
		limit = activity.Clock(m.set.TimeLimit) + " to answer"
	}
	title := "Assessed exam"
	if m.sitting != nil {
		title = "The room's exam, set by the trainer"
		if !m.sitting.Deadline.IsZero() && !x.Resumed {
			limit = activity.Clock(x.Remaining()) + " left, until " + m.sitting.Deadline.Local().Format("15:04") + " for everyone"
		}
	}
	lines := []string{s.Subtitle.Render(title), "",
		fmt.Sprintf("%s · %s · pass mark %d%%", activity.Count(m.set.Questions, "question"), limit, m.set.PassMark)}
	if m.set.Attempts > 0 && !x.Resumed {
		lines = append(lines, fmt.Sprintf("This is attempt %d of %d.", x.Before+1, m.set.Attempts))
	}
	lines = append(lines, "")
	rules := "There is no feedback until you submit. You can move between questions, flag any for review and see what is still unanswered."
	switch {
	case m.sitting != nil && m.set.TimeLimit > 0:
		rules += " The room shares one deadline: the clock started when the trainer started the exam, runs the same for everyone whenever you begin, and keeps running if you leave; when it comes, what you answered is submitted."
	case m.set.TimeLimit > 0:
		rules += " The clock starts when you begin and keeps running if you leave or close frontline; when the time runs out, what you answered is submitted."
	}
	lines = append(lines, common.WrapLines(rules, w, "", "")...)
	if x.Resumed {
		e := x.E
		left := "no time limit"
		if m.set.TimeLimit > 0 {
			left = activity.Clock(x.Remaining()) + " left"
		}
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(s.Warning.Render(fmt.Sprintf("Resuming your attempt: %d of %d answered, %s.",
			len(e.Questions)-len(e.Unanswered()), len(e.Questions), left)), w, "", "")...)
		if x.Changed() {
			lines = append(lines, common.WrapLines(s.Subtle.Render("This module has changed since the exam began; questions no longer in it are not scored."), w, "", "")...)
		}
	}
	verb := "begin"
	if x.Resumed {
		verb = "carry on"
	}
	lines = append(lines, "", s.Key.Render("enter")+" "+verb+"   "+s.Key.Render("esc")+" not now")
	return lines
}

func (m *Model) questionLines(w int) ([]string, int) {
	s := m.c.Styles
	e := m.x.E
	q := e.Question(e.Pos)
	if q == nil {
		return common.WrapLines(s.Subtle.Render("This question is no longer in the module; it scores 0. Press → for the next one."), w, "", ""), -1
	}
	flag := ""
	if e.Flagged[q.ID] {
		flag = s.Warning.Render(s.Symbols.Flag+" flagged") + "  "
	}
	lines := common.WrapLines(flag+s.Subtle.Render(common.KindHint(q.Kind)), w, "", "")
	lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
	if q.Body != "" {
		lines = append(lines, common.WrapLines(textsafe.Text(q.Body), w, "", "")...)
	}
	lines = append(lines, "")
	ord := e.Shown(e.Pos)
	texts := make([]string, len(ord))
	for i, o := range ord {
		texts[i] = q.Options[o].Text
	}
	ol, cl := m.answer.Lines(s, texts, w, true)
	at := len(lines) + cl
	lines = append(lines, ol...)
	switch m.state {
	case Confirm:
		lines = append(lines, "", s.Warning.Render(fmt.Sprintf("Submit the exam now? %d unanswered, %d flagged.", len(e.Unanswered()), len(e.FlaggedList()))),
			s.Key.Render("y")+" submit   "+s.Key.Render("n")+" keep working")
		at = len(lines) - 1
	case Leaving:
		msg := "Leave the exam for now? Your answers are kept."
		if m.set.TimeLimit > 0 {
			msg = fmt.Sprintf("Leave the exam for now? The clock keeps running: %s left, until %s. Your answers are kept.",
				activity.Clock(m.x.Remaining()), m.x.Deadline().Local().Format("15:04"))
		}
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(s.Warning.Render(msg), w, "", "")...)
		lines = append(lines, s.Key.Render("y")+" leave   "+s.Key.Render("n")+" keep working")
		at = len(lines) - 1
	}
	return lines, at
}

func (m *Model) overviewLines(w int) ([]string, int) {
	s := m.c.Styles
	e := m.x.E
	lines := []string{s.Subtitle.Render(fmt.Sprintf("Overview: %d unanswered, %d flagged", len(e.Unanswered()), len(e.FlaggedList()))), ""}
	at := -1
	for i, id := range e.Questions {
		text := fmt.Sprintf("%2d. ", i+1)
		if q := e.Question(i); q != nil {
			text += q.Text
		} else {
			text += id + " (no longer in the module)"
		}
		mark := s.Subtle.Render(s.Symbols.Missed + " unanswered")
		if e.Answered(i) {
			mark = s.Right.Render(s.Symbols.Right + " answered  ")
		}
		if e.Flagged[id] {
			mark += " " + s.Warning.Render(s.Symbols.Flag)
		} else {
			mark += "  "
		}
		cur := "  "
		if i == m.ovCursor {
			cur = s.Cursor.Render(s.Symbols.Cursor) + " "
			at = len(lines)
			text = s.Selected.Render(common.Truncate(text, max(w-18, 10)))
		} else {
			text = common.Truncate(text, max(w-18, 10))
		}
		lines = append(lines, cur+mark+" "+text)
	}
	return lines, at
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
	x := m.x
	r := x.Result()
	verdict := s.Right.Render(s.Symbols.Right + " Passed")
	if !r.Passed {
		verdict = s.Wrong.Render(s.Symbols.Wrong + " Not passed")
	}
	lines := []string{s.Subtitle.Render("Exam result") + "  " + verdict, ""}
	if x.Settled {
		lines = append(lines, common.WrapLines(s.Warning.Render("The time ran out while you were away, so the exam was submitted as it stood at the deadline."), w, "", "")...)
		lines = append(lines, "")
	}
	lines = append(lines,
		fmt.Sprintf("Score: %s of %d (%s) · pass mark %d%%", activity.Points(r.Score), r.Total, activity.Percent(r.Percent), m.set.PassMark),
		fmt.Sprintf("Time taken: %s · answered %d of %d", activity.Clock(x.Taken()), r.Answered, r.Answered+r.Unanswered),
		"")
	if len(r.ByCategory) > 0 {
		lines = append(lines, s.Header.Render("By indicator category"))
		bars := make([]common.BarRow, 0, len(r.ByCategory))
		for _, c := range r.ByCategory {
			frac := 0.0
			if c.Total > 0 {
				frac = c.Score / float64(c.Total)
			}
			bars = append(bars, common.BarRow{Label: c.Category, Frac: frac,
				Note: fmt.Sprintf("(%s of %d)", activity.Points(c.Score), c.Total)})
		}
		lines = append(lines, s.BarTable(bars, w, "", 24)...)
		lines = append(lines, "")
	}
	if m.set.Review == content.ReviewAnswers {
		lines = append(lines, m.answerLines(w)...)
	} else {
		lines = append(lines, s.Subtle.Render("This exam shows the score only; answers are not reviewed."), "")
	}
	switch {
	case m.saving > 0:
		lines = append(lines, common.SaveText(s, nil, true))
	case m.saveErr != nil:
		lines = append(lines, s.Wrong.Render(common.NotSavedText(m.saveErr)))
	default:
		lines = append(lines, common.SaveText(s, nil, false))
	}
	switch {
	case r.Passed && m.c.Locked:
		// A workshop trainee: the result is kept on the trainer's computer,
		// where certificates are written.
		lines = append(lines, common.WrapLines(s.Subtle.Render("Your result is kept on the trainer's computer; ask the trainer for your certificate."), w, "", "  ")...)
	case r.Passed:
		lines = append(lines, common.WrapLines(s.Subtle.Render(m.x.Certificate()), w, "", "  ")...)
	}
	lines = append(lines, s.Key.Render("enter")+" back")
	return lines
}

// answerLines reviews each question: the learner's answer and the right
// one, in the order the options were shown.
func (m *Model) answerLines(w int) []string {
	s := m.c.Styles
	e := m.x.E
	lines := []string{s.Header.Render("Your answers")}
	for i := range e.Questions {
		q := e.Question(i)
		if q == nil {
			continue
		}
		res := engine.Score(q, e.Answers[q.ID])
		mark := s.Right.Render(s.Symbols.Right)
		if !res.Correct {
			mark = s.Wrong.Render(s.Symbols.Wrong)
		}
		lines = append(lines, common.WrapLines(fmt.Sprintf("%d. %s", i+1, q.Text), w-2, mark+" ", "  ")...)
		if q.Kind == content.Ordering {
			lines = append(lines, m.orderReview(q, res, w)...)
			continue
		}
		for _, o := range e.Shown(i) {
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
	return lines
}

// orderReview shows the right order of an ordering question, marking the
// steps the learner put in their place.
func (m *Model) orderReview(q *content.Question, res engine.Result, w int) []string {
	s := m.c.Styles
	var lines []string
	for i, o := range q.Options {
		tag := s.Wrong.Render(s.Symbols.Wrong) + " you put it elsewhere"
		if res.Placed != nil && res.Placed[i] == i {
			tag = s.Right.Render(s.Symbols.Right) + " in its place"
		}
		lines = append(lines, common.WrapLines(fmt.Sprintf("%d. %s  %s", i+1, o.Text, s.Subtle.Render("— ")+tag), w-6, "    ", "       ")...)
	}
	return lines
}

// View draws the header with the countdown, the body and the status line.
func (m *Model) View() string {
	s := m.c.Styles
	w := m.width
	right := ""
	if m.Busy() && m.x != nil && m.x.E != nil {
		e := m.x.E
		right = fmt.Sprintf("question %d of %d", e.Pos+1, len(e.Questions))
		if m.set.TimeLimit > 0 {
			clock := "⏱ " + activity.Clock(m.x.Remaining()) + " left"
			if m.x.Warning() {
				clock = s.Warning.Render("⚠ " + activity.Clock(m.x.Remaining()) + " left")
			} else {
				clock = s.Subtle.Render(clock)
			}
			right += "  " + clock
		}
	}
	// The title gives way to the question number and the clock.
	head := common.SpreadLine(s.Title.Render(common.Truncate(m.mod.Title, max(w-common.Width(right)-len(" · exam")-1, 10)))+s.Subtle.Render(" · exam"), right, w)
	status := ""
	switch {
	case m.Busy() && m.saveErr != nil:
		status = s.Wrong.Render(common.Truncate(common.NotSavedText(m.saveErr), w))
	case m.Busy():
		e := m.x.E
		st := fmt.Sprintf("%d unanswered · %d flagged", len(e.Unanswered()), len(e.FlaggedList()))
		if ext := m.x.Extension(); ext > 0 {
			st += " · extra time given: " + activity.Clock(ext)
		}
		status = s.Subtle.Render(common.Truncate(st, w))
	case m.state == Results && !m.pager.AtBottom():
		status = s.Subtle.Render("↓ more: ↑/↓, pgup/pgdn, home/end")
	}
	return head + "\n\n" + m.pager.View() + "\n" + status
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.state {
	case Taking:
		// Submitting and moving on come first: a narrow help bar drops
		// from the end (keeping the quick exit).
		keys := []key.Binding{k.Finish, k.Next}
		if m.answer != nil {
			keys = append(keys, m.answer.Bindings(k)...)
		}
		return append(keys, k.Prev, k.Unanswered, k.Flag, k.Help, k.QuickExit)
	case Overview:
		return []key.Binding{k.Up, k.Down, common.WithHelp(k.Select, "go to"), k.Finish, k.Back, k.QuickExit}
	case Confirm:
		return []key.Binding{common.WithHelp(k.Yes, "submit"), common.WithHelp(k.No, "keep working"), k.QuickExit}
	case Leaving:
		return []key.Binding{common.WithHelp(k.Yes, "leave"), common.WithHelp(k.No, "keep working"), k.QuickExit}
	case Intro:
		return []key.Binding{common.WithHelp(k.Continue, "begin"), k.Back, k.QuickExit}
	case Results:
		return []key.Binding{common.WithHelp(k.Continue, "back"), k.Down, k.PageDown, k.Top, k.Bottom, k.QuickExit}
	}
	return []key.Binding{common.WithHelp(k.Continue, "back"), k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Toggle, k.Grab, k.ItemUp},
		{k.Next, k.Prev, k.Flag, k.Unanswered, k.Finish},
		{k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Back, k.Quit, k.QuickExit, k.Help},
	}
}
