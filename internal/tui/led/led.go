// Package led is a workshop trainee's screen while the trainer leads the
// room. It shows what the room is on (a module's page, a quiz question, a
// scene of the case study the room plays together) and takes the
// trainee's answer or decision with no feedback. Once the trainer
// reveals, it shows the trainee their own feedback and the room's
// answers, as anonymous counts. When the room moves on from a scene, the
// trainee's run takes the room's decision, and the screen says who chose
// it.
//
// The root opens it over whatever the trainee was doing and closes it
// when the room returns to free mode. What is recorded goes through
// internal/activity (the trainee's own records); each answer goes to the
// room (common.Common.Room) once it is saved.
package led

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/textsafe"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// Model is the led screen.
type Model struct {
	c             *common.Common
	width, height int

	view workshop.SeatView
	res  workshop.Resolved
	err  error // the item could not be shown

	quiz *activity.Quiz
	run  *activity.Run
	// came is the decision that brought the room to this scene, as the
	// trainee's run took it.
	came  *engine.DecisionTaken
	votes map[string]int // the trainee's own votes, by scene
	// debrief is set once the run has reached an ending.
	debrief *engine.Debrief

	ready   bool  // the session for the item is open
	blocked error // the activity layer refused (an exam on the module is open)
	answer  common.Answerer
	part    string           // the part being asked ("" when none)
	mine    map[string][]int // the trainee's answers to this item's parts
	results map[string]engine.Result
	saving  int
	saveErr error
	hint    string

	pager    common.Pager
	rendered map[string][]string
	bodyKey  string // the rendered document of the item
	// focus asks the next rebuild to bring the line that says what
	// happens next into view (after an answer).
	focus    bool
	waitLine int
	// focusCursor asks the next rebuild to keep the option under the
	// cursor in view (after the trainee moved it).
	focusCursor bool
	// focusParts asks the next rebuild to start at the first question of
	// the item (partsLine), after the reveal.
	focusParts bool
	partsLine  int
	// pending is the view New was given, taken in by Init.
	pending workshop.SeatView
	// note is the content note shown above the first item of a module or
	// case study the room is led to; noted are those shown already.
	note  string
	noted map[string]bool
}

type readyMsg struct {
	step    int
	quiz    *activity.Quiz
	run     *activity.Run
	err     error
	blocked error
}

type savedMsg struct {
	step int
	err  error
}

type renderedMsg struct {
	key   string
	lines []string
}

// New returns the led screen; the root sends it the room's view.
func New(c *common.Common, v workshop.SeatView) *Model {
	m := &Model{c: c, width: c.Width, height: c.Height, votes: map[string]int{}, rendered: map[string][]string{}, noted: map[string]bool{}}
	m.view.Step = -1
	m.pending = v
	return m
}

var _ common.Screen = (*Model)(nil)

// Step is the step of the room the screen shows.
func (m *Model) Step() int { return m.view.Step }

// Busy is true: leaving the app while the room is led asks first.
func (m *Model) Busy() bool { return true }

// Init takes in the room's view.
func (m *Model) Init() tea.Cmd {
	v := m.pending
	m.pending = workshop.SeatView{}
	return m.setView(v)
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.pager.Height = max(h-3, 1)
	m.rebuild()
}

func (m *Model) tw() int { return min(max(m.width, 20), 100) }

// Update handles the room's views, keys, saves and rendered pages.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		cmd := m.renderCmd()
		m.rebuild()
		return m, cmd
	case common.LedMsg:
		cmd := m.setView(msg.View)
		m.rebuild()
		return m, cmd
	case readyMsg:
		if msg.step != m.view.Step {
			return m, nil
		}
		m.ready, m.quiz, m.run, m.blocked = true, msg.quiz, msg.run, msg.blocked
		if msg.err != nil {
			m.saveErr = msg.err
		}
		cmd := m.save(m.enter(), "", nil)
		m.rebuild()
		return m, cmd
	case savedMsg:
		m.saving--
		if msg.step == m.view.Step || msg.err != nil {
			m.saveErr = msg.err
		}
		m.rebuild()
		return m, common.Cmd(common.SavedMsg{Tag: "led", Err: msg.err})
	case renderedMsg:
		m.rendered[msg.key] = msg.lines
		m.rebuild()
		return m, nil
	case tea.KeyMsg:
		cmd := m.key(msg)
		m.rebuild()
		return m, cmd
	}
	return m, nil
}

// setView takes in how the room is led now: the same item (revealed now,
// perhaps), or a new one.
func (m *Model) setView(v workshop.SeatView) tea.Cmd {
	if v.Mode != workshop.ModeLed {
		m.view = v
		return nil
	}
	if v.Step == m.view.Step {
		if v.Revealed && !m.view.Revealed {
			// The reveal: the feedback and the room's answers come into
			// view, from the first question of the item.
			m.part, m.answer, m.hint = "", nil, ""
			m.focusParts = true
		}
		m.view = v
		return nil
	}
	prev := m.view
	m.view = v
	m.err, m.blocked, m.hint, m.saveErr = nil, nil, "", nil
	m.part, m.answer = "", nil
	m.mine, m.results = map[string][]int{}, map[string]engine.Result{}
	for k, c := range v.Mine {
		m.mine[k] = slices.Clone(c)
	}
	m.pager.Top()
	res, err := workshop.Resolve(m.c.Library, v.Item)
	if err != nil {
		m.err = err
		return nil
	}
	m.res = res
	m.came, m.debrief, m.note = nil, nil, ""
	meta := content.Meta{}
	if res.Module != nil {
		meta = res.Module.Meta
	} else if res.Scenario != nil {
		meta = res.Scenario.Meta
	}
	if meta.ContentNote != "" && !m.noted[meta.ID] {
		m.noted[meta.ID] = true
		m.note = meta.ContentNote
	}
	switch v.Item.Kind {
	case workshop.KindPage:
		m.ready = true
		m.quiz, m.run = nil, nil
		return m.renderCmd()
	case workshop.KindQuestion:
		m.ready, m.run = false, nil
		if answered, ok := m.mine[workshop.KeyQuestion]; ok {
			m.results[workshop.KeyQuestion] = engine.Score(res.Question, answered)
		}
		return tea.Batch(m.openQuiz(), m.renderCmd())
	}
	// A scene: the trainee's run follows the room there, if it is on the
	// room's way; otherwise it is opened (resumed or begun) and caught up.
	if m.run != nil && prev.Item.Scenario == v.Item.Scenario && m.run.OnPath(v.Path, moves(v.Moves)) {
		m.ready = true
		return tea.Batch(m.follow(), m.renderCmd())
	}
	m.ready, m.run, m.quiz = false, nil, nil
	return tea.Batch(m.openRun(), m.renderCmd())
}

// moves are the room's moves as the activity layer takes them.
func moves(ms []workshop.Move) []activity.RoomMove {
	out := make([]activity.RoomMove, len(ms))
	for i, mv := range ms {
		out[i] = activity.RoomMove{Option: mv.Option, By: mv.By, Vote: -1}
	}
	return out
}

func (m *Model) openQuiz() tea.Cmd {
	step, c, mod, id := m.view.Step, m.c, m.res.Module, m.view.Item.Question
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		q := c.Learner().LedQuestion(mod, id)
		_, err := q.Prepare(ctx)
		msg := readyMsg{step: step, quiz: q}
		if err != nil {
			msg.blocked = err
		}
		return msg
	}
}

func (m *Model) openRun() tea.Cmd {
	step, c, sc := m.view.Step, m.c, m.res.Scenario
	path, mv := slices.Clone(m.view.Path), moves(m.view.Moves)
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		run, p, err := c.Learner().LedRun(ctx, sc, path, mv)
		if err != nil {
			return readyMsg{step: step, blocked: err}
		}
		return readyMsg{step: step, run: run, err: p.Save(ctx)}
	}
}

// follow takes the room's decisions the trainee's run has not taken yet,
// with the trainee's own vote on each.
func (m *Model) follow() tea.Cmd {
	var p activity.Pending
	for i := len(m.run.State().Decisions); i < len(m.view.Moves); i++ {
		mv := m.view.Moves[i]
		vote, ok := m.votes[mv.Scene]
		if !ok {
			vote = -1
		}
		d, fp, err := m.run.Follow(mv.Option, mv.By, vote)
		if err != nil {
			m.err = err
			return nil
		}
		m.came = &d
		p = p.Then(fp)
	}
	return m.save(p.Then(m.enter()), "", nil)
}

// enter prepares the item once its session is open: the answers already
// given (after a restart) and the first part to ask. At an ending it
// finishes the run and returns the write that stores it.
func (m *Model) enter() activity.Pending {
	if m.run != nil && m.res.Scene != nil {
		st := m.run.State()
		for i, d := range st.Decisions {
			// The trainee's own votes, as their run keeps them (a screen
			// opened after a restart has no memory of its own).
			if mv, ok := m.run.RoomDecision(i); ok && mv.Vote >= 0 {
				if _, known := m.votes[d.Scene]; !known {
					m.votes[d.Scene] = mv.Vote
				}
			}
		}
		if c, ok := m.view.Came(); ok && m.came == nil && len(st.Decisions) > 0 {
			last := st.Decisions[len(st.Decisions)-1]
			if last.Scene == c.Scene {
				m.came = &last
			}
		}
		visit := len(st.Path) - 1
		for _, cp := range st.Checkpoints {
			if cp.Visit == visit {
				key := workshop.CheckpointKey(cp.Question)
				m.results[key] = cp.Result
				if _, ok := m.mine[key]; !ok {
					m.mine[key] = cp.Chosen
				}
			}
		}
		if v, ok := m.mine[workshop.KeyDecision]; ok && len(v) == 1 {
			m.votes[m.res.Scene.ID] = v[0]
		}
		if m.res.Scene.IsEnding() && m.debrief == nil {
			d, p := m.run.Finish()
			m.debrief = &d
			m.nextPart()
			return p
		}
	}
	m.nextPart()
	return activity.Pending{}
}

// nextPart finds the first part not yet answered and sets up its
// widget; after the reveal nothing more is asked.
func (m *Model) nextPart() {
	m.part, m.answer, m.hint = "", nil, ""
	if !m.ready || m.blocked != nil || m.view.Revealed {
		return
	}
	for _, p := range workshop.Parts(m.c.Library, m.view.Item) {
		if _, ok := m.mine[p.Key]; ok {
			continue
		}
		m.part = p.Key
		switch {
		case p.Key == workshop.KeyQuestion:
			m.answer = common.NewAnswerer(m.res.Question.Kind, len(m.res.Question.Options))
		case p.Kind == workshop.PartCheckpoint:
			q := &m.res.Scene.Checkpoints[workshop.CheckpointIndex(p.Key)]
			m.answer = common.NewAnswerer(q.Kind, len(q.Options))
		default:
			c := common.NewChoice(len(p.Options), false)
			m.answer = &c
		}
		return
	}
}

// save makes a pending write in a command; once it is saved, the answer
// (when part is set) goes to the room.
func (m *Model) save(p activity.Pending, part string, chosen []int) tea.Cmd {
	if p.Empty() && part == "" {
		return nil
	}
	m.saving++
	step, c := m.view.Step, m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := p.Save(ctx)
		if err != nil {
			c.Logf("led: %v", err)
		}
		if err == nil && part != "" && c.Room != nil {
			c.Room.Answer(step, part, chosen)
		}
		return savedMsg{step: step, err: err}
	}
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.answer != nil && m.answer.HandleKey(k, msg) {
		m.hint = ""
		m.focusCursor = true
		return nil
	}
	if m.answer != nil && key.Matches(msg, k.Submit) {
		return m.submit()
	}
	m.pager.HandleKey(k, msg)
	return nil
}

// submit takes the answer to the part being asked.
func (m *Model) submit() tea.Cmd {
	if !m.answer.Ready() {
		m.hint = m.answer.Prompt()
		return nil
	}
	chosen := m.answer.Answer()
	part := m.part
	m.focus = true
	switch {
	case part == workshop.KeyQuestion:
		res, p := m.quiz.Submit(chosen)
		p = p.Then(m.quiz.Next())
		m.results[part] = res
		m.mine[part] = chosen
		m.nextPart()
		return m.save(p, part, chosen)
	case part == workshop.KeyDecision:
		if len(chosen) != 1 {
			m.hint = "Choose one action."
			return nil
		}
		m.mine[part] = chosen
		m.votes[m.res.Scene.ID] = chosen[0]
		m.nextPart()
		// A vote is recorded in the run when the room takes its decision.
		return m.save(activity.Pending{}, part, chosen)
	}
	i := workshop.CheckpointIndex(part)
	res, p, err := m.run.Answer(i, chosen)
	if err != nil {
		m.hint = err.Error()
		return nil
	}
	m.results[part] = res
	m.mine[part] = chosen
	m.nextPart()
	return m.save(p, part, chosen)
}

func (m *Model) renderCmd() tea.Cmd {
	var name, md string
	switch {
	case m.res.Page != nil:
		name = fmt.Sprintf("module:%s:%s:%d", m.res.Module.ID, m.res.Module.Fingerprint, m.view.Item.Page)
		md = m.res.Page.Body
		if m.res.Page.Title != "" {
			md = "# " + m.res.Page.Title + "\n\n" + md
		}
	case m.res.Scene != nil:
		name = "scenario:" + m.res.Scenario.ID + ":" + m.res.Scenario.Fingerprint + ":scene:" + m.res.Scene.ID
		md = m.res.Scene.Body
	case m.res.Question != nil && m.res.Question.Body != "":
		name = "question:" + m.res.Module.ID + ":" + m.res.Module.Fingerprint + ":" + m.res.Question.ID
		md = m.res.Question.Body
	default:
		m.bodyKey = ""
		return nil
	}
	m.bodyKey = name
	if strings.TrimSpace(md) == "" {
		m.rendered[name] = nil
		return nil
	}
	k := common.RenderKey{Doc: name, Width: common.ReadingWidth(m.width)}
	if l, ok := m.c.Render.Get(k); ok {
		m.rendered[name] = l
		return nil
	}
	cache := m.c.Render
	return func() tea.Msg {
		l, err := cache.Render(k, md)
		if err != nil {
			l = []string{"(this part could not be shown: " + err.Error() + ")"}
		}
		return renderedMsg{key: name, lines: l}
	}
}

// body is the rendered Markdown of the item, or a placeholder.
func (m *Model) body() []string {
	if l, ok := m.rendered[m.bodyKey]; ok {
		return l
	}
	return []string{m.c.Styles.Subtle.Render("…")}
}

func (m *Model) rebuild() {
	lines, at := m.lines()
	m.pager.SetLines(lines)
	switch {
	case m.focusCursor && at >= 0:
		m.pager.ScrollTo(at)
	case m.focus:
		m.pager.ScrollTo(m.waitLine)
	case m.focusParts:
		m.pager.Offset = m.partsLine
		m.pager.Scroll(0)
	}
	m.focus, m.focusCursor, m.focusParts = false, false, false
}

func (m *Model) lines() ([]string, int) {
	s := m.c.Styles
	w := m.tw()
	if m.err != nil {
		return common.WrapLines(s.Wrong.Render(s.Symbols.Wrong+" This cannot be shown: "+m.err.Error()), w, "", "  "), -1
	}
	var lines []string
	at := -1
	if m.note != "" {
		lines = append(lines, common.WrapLines(s.Warning.Render("Content note: ")+m.note, w, "", "  ")...)
		lines = append(lines, "")
	}
	switch m.view.Item.Kind {
	case workshop.KindPage:
		lines = append(lines, m.body()...)
		return lines, -1
	case workshop.KindQuestion:
		q := m.res.Question
		m.partsLine = len(lines)
		lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
		if q.Body != "" {
			lines = append(lines, m.body()...)
		}
		lines = append(lines, common.WrapLines(s.Subtle.Render(common.KindHint(q.Kind)), w, "", "")...)
		lines = append(lines, "")
		l, a := m.partLines(workshop.KeyQuestion, q, w)
		if a >= 0 {
			at = len(lines) + a
		}
		lines = append(lines, l...)
	case workshop.KindScene:
		lines = append(lines, m.cameLines(w)...)
		lines = append(lines, s.Subtitle.Render(m.res.Scene.Title), "")
		lines = append(lines, m.body()...)
		m.partsLine = len(lines)
		for i := range m.res.Scene.Checkpoints {
			q := &m.res.Scene.Checkpoints[i]
			key := workshop.CheckpointKey(i)
			if m.part != key && !m.has(key) && !m.view.Revealed {
				continue // asked in turn
			}
			lines = append(lines, "", s.Subtle.Render(fmt.Sprintf("Checkpoint %d of %d · choose everything you notice", i+1, len(m.res.Scene.Checkpoints))))
			lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
			l, a := m.partLines(key, q, w)
			if a >= 0 {
				at = len(lines) + a
			}
			lines = append(lines, l...)
			if m.part == key {
				break
			}
		}
		if d := m.res.Scene.Decision; d != nil && (m.part == workshop.KeyDecision || m.has(workshop.KeyDecision) || m.view.Revealed) {
			prompt := d.Prompt
			if prompt == "" {
				prompt = "What do you do?"
			}
			lines = append(lines, "", s.Subtle.Render("The room's decision · your vote counts"))
			lines = append(lines, common.WrapLines(s.Subtitle.Render(prompt), w, "", "")...)
			l, a := m.partLines(workshop.KeyDecision, nil, w)
			if a >= 0 {
				at = len(lines) + a
			}
			lines = append(lines, l...)
		}
		if m.debrief != nil {
			d := m.debrief
			lines = append(lines, "", s.Header.Render("The end of the case study"),
				fmt.Sprintf("Indicators you spotted: %d of %d · false alarms: %d of %d red herrings", d.Spotted, d.Present, d.FalseAlarms, d.RedHerrings))
		}
	}
	if m.blocked != nil {
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(s.Warning.Render(capitalFirst(m.blocked.Error())+"."), w, "", "")...)
	}
	m.waitLine = len(lines) + 1
	lines = append(lines, "", m.waiting())
	if m.hint != "" {
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(s.Warning.Render(m.hint), w, "", "")...)
	}
	return lines, at
}

// has reports whether the trainee answered part key.
func (m *Model) has(key string) bool {
	_, ok := m.mine[key]
	return ok
}

// cameLines say how the room reached this scene: the action, who chose
// it, the trainee's own vote and the action's consequence.
func (m *Model) cameLines(w int) []string {
	s := m.c.Styles
	mv, ok := m.view.Came()
	if !ok {
		return nil
	}
	prev, _ := m.res.Scenario.Scene(mv.Scene)
	if prev == nil || prev.Decision == nil || mv.Option >= len(prev.Decision.Options) {
		return nil
	}
	who := "the trainer's choice"
	if mv.By == workshop.ByMajority {
		who = "the room's majority"
	}
	o := prev.Decision.Options[mv.Option]
	lines := common.WrapLines("The room chose: "+s.Bold.Render(o.Text)+s.Subtle.Render(" ("+who+")"), w, "", "  ")
	if v, ok := m.votes[mv.Scene]; ok && v >= 0 && v < len(prev.Decision.Options) && v != mv.Option {
		lines = append(lines, common.WrapLines(s.Subtle.Render("You had chosen: "+prev.Decision.Options[v].Text), w, "", "  ")...)
	}
	verdict := s.Right.Render(s.Symbols.Right + " the recommended action")
	if !o.Correct {
		verdict = s.Wrong.Render(s.Symbols.Wrong + " not the recommended action")
	}
	lines = append(lines, verdict)
	if o.Feedback != "" {
		lines = append(lines, common.WrapLines(o.Feedback, w, "", "")...)
	}
	return append(lines, "")
}

// partLines draws one part: the options to answer, the answer given
// (waiting for the reveal), or, once revealed, the trainee's feedback and
// the room's answers. It returns the line the cursor is on, or -1.
func (m *Model) partLines(key string, q *content.Question, w int) ([]string, int) {
	s := m.c.Styles
	var opts []string
	if q != nil {
		for _, o := range q.Options {
			opts = append(opts, o.Text)
		}
	} else if d := m.res.Scene.Decision; d != nil {
		for _, o := range d.Options {
			opts = append(opts, o.Text)
		}
	}
	if m.part == key && m.answer != nil {
		return m.answer.Lines(s, opts, w, true)
	}
	var lines []string
	chosen, answered := m.mine[key]
	switch {
	case !m.view.Revealed && answered:
		lines = append(lines, m.givenLines(q, opts, chosen, w)...)
	case !m.view.Revealed:
		for i, o := range opts {
			lines = append(lines, common.WrapLines(o, w-2, fmt.Sprintf("  %d. ", i+1), "     ")...)
		}
	case answered && q != nil:
		res, ok := m.results[key]
		if !ok {
			res = engine.Score(q, chosen)
		}
		if q.Kind == content.Ordering {
			lines = append(lines, s.OrderFeedback(q, res, chosen, w)...)
		} else {
			lines = append(lines, s.ChoiceFeedback(q, res, w, key != workshop.KeyQuestion)...)
		}
		if q.Explanation != "" {
			lines = append(lines, "")
			lines = append(lines, common.WrapLines(q.Explanation, w-2, "  ", "  ")...)
		}
	case answered:
		lines = append(lines, m.givenLines(nil, opts, chosen, w)...)
	default:
		lines = append(lines, s.Subtle.Render("You did not answer before the trainer revealed the answers."))
	}
	if m.view.Revealed {
		for _, c := range m.view.Counts {
			if c.Part.Key == key {
				lines = append(lines, "", s.Header.Render("How the room answered"))
				lines = append(lines, s.Distribution(c, w, key != workshop.KeyDecision)...)
			}
		}
	}
	return lines, -1
}

// givenLines show the answer the trainee gave, before the reveal.
func (m *Model) givenLines(q *content.Question, opts []string, chosen []int, w int) []string {
	s := m.c.Styles
	var lines []string
	if q != nil && q.Kind == content.Ordering {
		lines = append(lines, s.Subtle.Render("Your order:"))
		for place, i := range chosen {
			if i >= 0 && i < len(opts) {
				lines = append(lines, common.WrapLines(opts[i], w-2, fmt.Sprintf("  %d. ", place+1), "     ")...)
			}
		}
		return lines
	}
	for i, o := range opts {
		box := s.Symbols.Radio
		if q != nil && q.Kind == content.MultipleChoice {
			box = s.Symbols.Unselected
		}
		if slices.Contains(chosen, i) {
			box = s.Symbols.RadioOn
			if q != nil && q.Kind == content.MultipleChoice {
				box = s.Symbols.Selected
			}
			o = s.Bold.Render(o)
		}
		prefix := fmt.Sprintf("  %s %d. ", box, i+1)
		lines = append(lines, common.WrapLines(o, w, prefix, strings.Repeat(" ", common.Width(prefix)))...)
	}
	return lines
}

// waiting says what happens next.
func (m *Model) waiting() string {
	s := m.c.Styles
	switch {
	case !m.ready:
		return s.Subtle.Render("One moment…")
	case m.part != "":
		return s.Subtle.Render("No feedback yet: the trainer reveals the answers when the room is ready.")
	case m.view.Item.Kind == workshop.KindPage:
		return s.Subtle.Render("The trainer leads the room through this page.")
	case m.debrief != nil:
		return s.Subtle.Render("The trainer will talk the room through it.")
	case m.view.Revealed && m.res.Scene != nil && m.res.Scene.Decision != nil:
		return s.Subtle.Render("The trainer will move the room on.")
	case m.view.Revealed:
		return s.Subtle.Render("The trainer will move the room on.")
	}
	return s.Right.Render(s.Symbols.Right+" Your answer is in.") + s.Subtle.Render(" Waiting for the trainer…")
}

// View draws the title line, the body and the status.
func (m *Model) View() string {
	s := m.c.Styles
	title := "Led by the trainer"
	if m.err == nil && m.view.Mode == workshop.ModeLed {
		title = workshop.Title(m.c.Library, m.view.Item)
	}
	head := common.SpreadLine(s.Title.Render(common.Truncate(textsafe.Text(title), max(m.width-22, 10))), s.Subtle.Render("with the room"), m.width)
	status := ""
	switch {
	case m.saveErr != nil:
		status = s.Wrong.Render(common.Truncate(common.NotSavedText(m.saveErr), m.width))
	case m.saving > 0:
		status = common.SaveText(s, nil, true)
	}
	if !m.pager.AtBottom() {
		status = common.SpreadLine(status, s.Subtle.Render("↓ more (pgdn)"), m.width)
	}
	return head + "\n\n" + m.pager.View() + "\n" + status
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.answer != nil {
		return append(append([]key.Binding{k.Submit}, m.answer.Bindings(k)...), k.PageDown, k.QuickExit)
	}
	return []key.Binding{k.Down, k.PageDown, k.Quit, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.Submit}, {k.PageUp, k.PageDown}, {k.Quit, k.QuickExit, k.Help}}
}

func capitalFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
