// Package scenario is the case-study player: briefing, then scenes with
// checkpoints (which indicators do you notice?) and decisions whose
// consequences lead on, ending in a debrief. The root shows the scenario's
// content note first.
package scenario

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/tui/common"
)

// Step is where the player is.
type Step int

// Steps of a run.
const (
	StepBriefing   Step = iota
	StepScene           // reading, or answering a checkpoint
	StepCheckpoint      // feedback on a checkpoint answer
	StepDecision        // choosing an action
	StepConsequence
	StepDebrief
	// StepOffer asks whether to resume an unfinished run or start again.
	StepOffer
)

// String names the step.
func (s Step) String() string {
	return [...]string{"briefing", "scene", "checkpoint", "decision", "consequence", "debrief", "offer"}[s]
}

// Model is the scenario screen.
type Model struct {
	c             *common.Common
	sc            *content.Scenario
	width, height int

	step     Step
	st       engine.RunState
	cp       int // checkpoint index in the current scene
	choice   common.Choice
	lastRes  engine.Result
	lastDec  engine.DecisionTaken
	hint     string
	pager    common.Pager
	rendered map[string][]string
	sess     *activity.Run
	saving   bool
	saveErr  error
	// offer is an unfinished run found on Init, replayed into a state.
	offer *activity.RunOffer
	ready bool
	// atOnce carries on an unfinished run without asking (Resuming).
	atOnce bool

	cursorLine int
	// questionLine is where the question (a checkpoint's, or the
	// decision's prompt) starts; focus asks the next rebuild to scroll
	// there, so feedback, or the scene's next question, is on screen at
	// once.
	questionLine int
	focus        bool
	// choices is set while a checkpoint or a decision is asked: the line
	// where its block starts (questionLine). pinned is the block, kept on
	// screen below the scene, which scrolls above it on its own; nil when
	// the screen is too short for that (everything scrolls together).
	choices bool
	pinned  []string
}

// minSceneLines is the least of the scene shown above pinned choices;
// with less room, the scene and the choices scroll together.
const minSceneLines = 4

// readyMsg carries what Prepare found.
type readyMsg struct {
	offer *activity.RunOffer
}

type renderedMsg struct {
	key   string
	lines []string
}

type savedMsg struct{ err error }

// New starts a run of scenario sc.
func New(c *common.Common, sc *content.Scenario) *Model {
	m := &Model{c: c, sc: sc, width: c.Width, height: c.Height, rendered: map[string][]string{},
		st: engine.StartRun(sc), sess: c.Learner().Run(sc)}
	m.enterScene()
	m.step = StepBriefing
	m.rebuild()
	return m
}

// Resuming makes the player carry on an unfinished run at once, without
// asking whether to resume or start again: the learner chose to continue
// it. It returns m.
func (m *Model) Resuming() *Model {
	m.atOnce = true
	return m
}

// Step reports where the player is.
func (m *Model) Step() Step { return m.step }

// Busy is true during a run.
func (m *Model) Busy() bool {
	return m.step != StepDebrief && m.step != StepOffer && m.step != StepBriefing
}

// Init renders the briefing and the first scene, and looks for an
// unfinished run to offer.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.renderCmd("briefing", m.sc.Briefing), m.sceneRender(), m.readyCmd())
}

func (m *Model) readyCmd() tea.Cmd {
	sess, c := m.sess, m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		offer, err := sess.Prepare(ctx)
		if err != nil {
			c.Logf("case study %s: %v", sess.Scenario().ID, err)
		}
		return readyMsg{offer: offer}
	}
}

// resume continues the offered run at its scene, with its earlier
// checkpoint answers and decisions.
func (m *Model) resume() tea.Cmd {
	m.offer = nil
	m.sess.Resume()
	m.st = m.sess.State()
	m.enterScene()
	return m.sceneRender()
}

// save runs a pending write in a command.
func (m *Model) save(p activity.Pending) tea.Cmd {
	if p.Empty() {
		return nil
	}
	c := m.c
	m.saving = true
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := p.Save(ctx)
		if err != nil {
			c.Logf("%v", err)
		}
		return savedMsg{err: err}
	}
}

func (m *Model) width2() int { return common.ReadingWidth(m.width) }

func (m *Model) renderCmd(name, md string) tea.Cmd {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	k := common.RenderKey{Doc: "scenario:" + m.sc.ID + ":" + m.sc.Fingerprint + ":" + name, Width: m.width2()}
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

func (m *Model) sceneRender() tea.Cmd {
	sc := engine.Current(m.sc, m.st)
	if sc == nil {
		return nil
	}
	return m.renderCmd("scene:"+sc.ID, sc.Body)
}

// enterScene prepares the current scene: first unanswered checkpoint, or
// the decision.
func (m *Model) enterScene() {
	scene := engine.Current(m.sc, m.st)
	m.hint = ""
	m.pager.Top()
	if scene == nil {
		m.step = StepDebrief
		return
	}
	m.cp = 0
	for m.cp < len(scene.Checkpoints) && engine.Answered(m.st, m.cp) {
		m.cp++
	}
	m.step = StepScene
	if m.cp < len(scene.Checkpoints) {
		q := scene.Checkpoints[m.cp]
		m.choice = common.NewChoice(len(q.Options), q.Kind == content.MultipleChoice)
		return
	}
	if scene.Decision != nil {
		m.step = StepDecision
		m.choice = common.NewChoice(len(scene.Decision.Options), false)
	}
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.pager.Height = max(h-3, 1)
	m.rebuild()
}

// Update handles keys and rendered text.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		cmd := tea.Batch(m.renderCmd("briefing", m.sc.Briefing), m.sceneRender())
		m.rebuild()
		return m, cmd
	case renderedMsg:
		m.rendered[msg.key] = msg.lines
		m.rebuild()
		return m, nil
	case readyMsg:
		m.ready = true
		m.offer = msg.offer
		if m.offer != nil && m.step == StepBriefing && m.atOnce {
			cmd := m.resume()
			m.rebuild()
			return m, cmd
		}
		if m.offer != nil && m.step == StepBriefing {
			m.step = StepOffer
		}
		m.rebuild()
		return m, nil
	case savedMsg:
		m.saving, m.saveErr = false, msg.err
		return m, common.Cmd(common.SavedMsg{Tag: "run", Err: msg.err})
	case tea.KeyMsg:
		cmd := m.key(msg)
		m.rebuild()
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	// Space chooses an option here, so it never pages down.
	scroll := func() bool { return msg.String() != " " && m.pager.HandleKey(k, msg) }
	if key.Matches(msg, k.Back) {
		return common.Cmd(common.BackMsg{})
	}
	cont := key.Matches(msg, k.Continue)
	switch m.step {
	case StepOffer:
		switch {
		case key.Matches(msg, k.Resume):
			return m.resume()
		case key.Matches(msg, k.Again):
			m.offer = nil
			m.sess.Restart()
			m.step = StepBriefing
		}
	case StepBriefing, StepConsequence:
		if cont {
			var begin tea.Cmd
			if m.step == StepBriefing {
				begin = m.save(m.sess.Begin())
			}
			m.enterScene()
			return tea.Batch(begin, m.sceneRender())
		}
		scroll()
	case StepScene, StepDecision:
		if scene := engine.Current(m.sc, m.st); m.step == StepScene && scene != nil && m.cp >= len(scene.Checkpoints) {
			// an ending scene: enter goes on to the debrief
			if cont {
				m.step = StepDebrief
				m.pager.Top()
				_, p := m.sess.Finish()
				return m.save(p)
			}
			scroll()
			return nil
		}
		if m.choice.HandleKey(k, msg) {
			m.hint = ""
			m.rebuild()
			if m.pinned == nil {
				m.pager.ScrollTo(m.cursorLine)
			}
			return nil
		}
		if scroll() {
			return nil
		}
		if key.Matches(msg, k.Submit) {
			if len(m.choice.Indexes()) == 0 {
				if m.choice.Multi {
					m.hint = "Choose what you notice with space or the numbers, then press enter."
					return nil
				}
				m.choice.Toggle(m.choice.Cursor)
			}
			if m.step == StepScene {
				return m.answerCheckpoint()
			}
			return m.decide()
		}
	case StepCheckpoint:
		switch {
		case cont:
			// The next question of the same scene comes into view.
			m.enterScene()
			m.focus = true
		case key.Matches(msg, k.Glossary):
			scene := engine.Current(m.sc, m.st)
			if scene != nil && m.cp < len(scene.Checkpoints) && len(scene.Checkpoints[m.cp].Indicators) > 0 {
				return common.Cmd(common.OpenGlossaryMsg{Indicators: scene.Checkpoints[m.cp].Indicators})
			}
		default:
			scroll()
		}
	case StepDebrief:
		if cont {
			return common.Cmd(common.BackMsg{})
		}
		scroll()
	}
	return nil
}

func (m *Model) answerCheckpoint() tea.Cmd {
	res, p, err := m.sess.Answer(m.cp, m.choice.Indexes())
	if err != nil {
		m.hint = err.Error()
		return nil
	}
	m.st, m.lastRes = m.sess.State(), res
	m.step = StepCheckpoint
	m.focus = true
	return m.save(p)
}

func (m *Model) decide() tea.Cmd {
	option := m.choice.Cursor
	if idx := m.choice.Indexes(); len(idx) == 1 {
		option = idx[0]
	}
	dec, p, err := m.sess.Choose(option)
	if err != nil {
		m.hint = err.Error()
		return nil
	}
	m.st, m.lastDec = m.sess.State(), dec
	m.step = StepConsequence
	m.pager.Top()
	return tea.Batch(m.save(p), m.sceneRender())
}

// rebuild lays the screen out again. While a checkpoint or a decision is
// asked and the whole does not fit, its choices stay on screen below the
// scene and the scene scrolls above them, when there is room for both;
// otherwise everything scrolls together, the question brought into view.
func (m *Model) rebuild() {
	m.choices = false
	lines := m.lines()
	avail := max(m.height-3, 1)
	m.pinned = nil
	// Pinned only when the whole does not fit: a short scene keeps its
	// choices right below it.
	if m.choices && m.questionLine <= len(lines) && len(lines) > avail {
		block := lines[m.questionLine:]
		if len(block)+1+minSceneLines <= avail {
			m.pinned = block
			m.pager.Height = avail - len(block) - 1
			m.pager.SetLines(lines[:m.questionLine])
			m.focus = false
			return
		}
	}
	m.pager.Height = avail
	m.pager.SetLines(lines)
	if m.focus {
		m.focus = false
		m.pager.Offset = m.questionLine
		m.pager.Scroll(0)
	}
}

func (m *Model) body(name string) []string {
	if l, ok := m.rendered[name]; ok {
		return l
	}
	return []string{m.c.Styles.Subtle.Render("…")}
}

func (m *Model) lines() []string {
	s := m.c.Styles
	w := min(max(m.width, 20), 100)
	var lines []string
	m.cursorLine = 0
	switch m.step {
	case StepOffer:
		o := m.offer
		where := "the start"
		if o.Scene != nil {
			where = "“" + o.Scene.Title + "”"
		}
		lines = append(lines, s.Subtitle.Render("You have an unfinished run of this case study"), "")
		lines = append(lines, common.WrapLines(fmt.Sprintf("You stopped at scene %d, %s, after %s and %s; they are kept if you resume.",
			o.Scenes, where, activity.Count(o.Decisions, "decision"), activity.Count(o.Checkpoints, "checkpoint answer")), w, "", "")...)
		lines = append(lines, "", s.Key.Render("enter")+" resume where you stopped   "+s.Key.Render("a")+" start again   "+s.Key.Render("esc")+" back")
		return lines
	case StepBriefing:
		lines = append(lines, s.Subtitle.Render("Briefing"), "")
		lines = append(lines, m.body("briefing")...)
		lines = append(lines, "", s.Key.Render("enter")+" begin")
		return lines
	case StepDebrief:
		return m.debriefLines(w)
	}
	scene := engine.Current(m.sc, m.st)
	if scene == nil {
		return nil
	}
	if m.step == StepConsequence {
		last := m.st.Decisions[len(m.st.Decisions)-1]
		prev, _ := m.sc.Scene(last.Scene)
		if prev != nil && prev.Decision != nil && last.Option < len(prev.Decision.Options) {
			lines = append(lines, common.WrapLines("You chose: "+s.Bold.Render(prev.Decision.Options[last.Option].Text), w, "", "  ")...)
		}
		lines = append(lines, "")
		if m.lastDec.Feedback != "" {
			lines = append(lines, common.WrapLines(m.lastDec.Feedback, w, "", "")...)
			lines = append(lines, "")
		}
		lines = append(lines, s.Key.Render("enter")+" continue")
		return lines
	}
	lines = append(lines, s.Subtitle.Render(scene.Title), "")
	lines = append(lines, m.body("scene:"+scene.ID)...)
	lines = append(lines, "")
	switch m.step {
	case StepScene:
		if m.cp < len(scene.Checkpoints) {
			q := scene.Checkpoints[m.cp]
			m.questionLine, m.choices = len(lines), true
			lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
			for _, l := range common.WrapLines("Choose everything you notice; leave what is not an indicator.", w, "", "") {
				lines = append(lines, s.Subtle.Render(l))
			}
			lines = append(lines, "")
			ol, at := s.OptionLines(optionTexts(q.Options), m.choice, w, true)
			m.cursorLine = len(lines) + at
			lines = append(lines, ol...)
		} else if scene.IsEnding() {
			lines = append(lines, s.Key.Render("enter")+" see the debrief")
		}
	case StepCheckpoint:
		q := scene.Checkpoints[m.cp]
		m.questionLine = len(lines)
		lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
		for i, o := range q.Options {
			out := m.lastRes.Options[i]
			mark, note := " ", ""
			switch {
			case out.Chosen && out.Correct:
				mark, note = s.Right.Render(s.Symbols.Right), "spotted"
			case out.Chosen && !out.Correct:
				mark, note = s.Wrong.Render(s.Symbols.Wrong), "false alarm"
			case out.Correct:
				mark, note = s.Warning.Render(s.Symbols.Missed), "missed"
			}
			text := o.Text
			if note != "" {
				text += s.Subtle.Render("  (" + note + ")")
			}
			lines = append(lines, common.WrapLines(text, w-2, mark+" ", "  ")...)
			if (out.Chosen || out.Correct) && o.Feedback != "" {
				lines = append(lines, common.WrapLines(s.Subtle.Render(o.Feedback), w-4, "    ", "    ")...)
			}
		}
		lines = append(lines, "", fmt.Sprintf("Indicators spotted: %d of %d · false alarms: %d of %d red herrings",
			m.lastRes.Spotted, m.lastRes.Present, m.lastRes.FalseAlarms, m.lastRes.RedHerrings))
		if q.Explanation != "" {
			lines = append(lines, "")
			lines = append(lines, common.WrapLines(q.Explanation, w-2, "  ", "  ")...)
		}
		lines = append(lines, "", s.Key.Render("enter")+" continue")
	case StepDecision:
		prompt := scene.Decision.Prompt
		if prompt == "" {
			prompt = "What do you do?"
		}
		m.questionLine, m.choices = len(lines), true
		lines = append(lines, common.WrapLines(s.Subtitle.Render(prompt), w, "", "")...)
		lines = append(lines, "")
		ol, at := s.OptionLines(optionTexts(scene.Decision.Options), m.choice, w, true)
		m.cursorLine = len(lines) + at
		lines = append(lines, ol...)
	}
	if m.hint != "" {
		lines = append(lines, "")
		for _, l := range common.WrapLines(m.hint, w, "", "") {
			lines = append(lines, s.Warning.Render(l))
		}
	}
	return lines
}

func optionTexts(opts []content.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Text
	}
	return out
}

func (m *Model) sceneTitle(id string) string {
	if sc, ok := m.sc.Scene(id); ok && sc.Title != "" {
		return sc.Title
	}
	return id
}

func (m *Model) debriefLines(w int) []string {
	s := m.c.Styles
	d := engine.MakeDebrief(m.sc, m.st)
	lines := []string{s.Subtitle.Render("Debrief"), ""}
	lines = append(lines, fmt.Sprintf("Indicators spotted: %d of %d present", d.Spotted, d.Present))
	lines = append(lines, fmt.Sprintf("False alarms:       %d of %d red herrings", d.FalseAlarms, d.RedHerrings))
	lines = append(lines, "")
	n := max(len(d.Taken), len(d.Recommended))
	colW := (w - 3) / 2
	if colW >= 24 {
		lines = append(lines, s.Header.Render(common.PadRight("Your path", colW))+"   "+s.Header.Render("Recommended path"))
		for i := 0; i < n; i++ {
			a, b := "", ""
			if i < len(d.Taken) {
				a = fmt.Sprintf("%d. %s", i+1, m.sceneTitle(d.Taken[i]))
			}
			if i < len(d.Recommended) {
				b = fmt.Sprintf("%d. %s", i+1, m.sceneTitle(d.Recommended[i]))
			}
			mark := " "
			if i < len(d.Taken) && i < len(d.Recommended) && d.Taken[i] != d.Recommended[i] {
				mark = s.Warning.Render("≠")
			}
			lines = append(lines, common.PadRight(common.Truncate(a, colW), colW)+" "+mark+" "+common.Truncate(b, colW))
		}
	} else {
		lines = append(lines, s.Header.Render("Your path"))
		for i, id := range d.Taken {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, m.sceneTitle(id)))
		}
		lines = append(lines, "", s.Header.Render("Recommended path"))
		for i, id := range d.Recommended {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, m.sceneTitle(id)))
		}
	}
	lines = append(lines, "", s.Header.Render("Your decisions"))
	for _, dc := range d.Decisions {
		scene, _ := m.sc.Scene(dc.Scene)
		text := m.sceneTitle(dc.Target)
		if scene != nil && scene.Decision != nil && dc.Option < len(scene.Decision.Options) {
			text = scene.Decision.Options[dc.Option].Text
		}
		mark := s.Right.Render(s.Symbols.Right) + " "
		verdict := s.Subtle.Render(" (recommended)")
		if !dc.Recommended {
			mark = s.Wrong.Render(s.Symbols.Wrong) + " "
			verdict = s.Subtle.Render(" (not the recommended action)")
		}
		lines = append(lines, common.WrapLines(m.sceneTitle(dc.Scene)+": "+text+verdict, w-2, mark, "  ")...)
		if dc.Feedback != "" {
			lines = append(lines, common.WrapLines(s.Subtle.Render(dc.Feedback), w-4, "    ", "    ")...)
		}
		if !dc.Recommended && scene != nil && scene.Decision != nil {
			if r := scene.Decision.Recommended(); r >= 0 {
				lines = append(lines, common.WrapLines("Recommended: "+scene.Decision.Options[r].Text, w-4, "    ", "    ")...)
			}
		}
	}
	status := ""
	switch {
	case m.saving:
		status = common.SaveText(s, nil, true)
	case m.saveErr != nil:
		status = s.Wrong.Render(common.NotSavedText(m.saveErr))
	case m.c.Profile.ID != 0:
		status = common.SaveText(s, nil, false)
	}
	lines = append(lines, "", status, s.Key.Render("enter")+" back to the library")
	return lines
}

// View draws the title line, the body and the status.
func (m *Model) View() string {
	s := m.c.Styles
	right := ""
	if sc := engine.Current(m.sc, m.st); sc != nil && m.step != StepBriefing && m.step != StepDebrief && m.step != StepOffer {
		right = fmt.Sprintf("scene %d", len(m.st.Path))
	}
	head := common.SpreadLine(s.Title.Render(common.Truncate(m.sc.Title, max(m.width-12, 10)))+s.Subtle.Render(" · case study"), s.Subtle.Render(right), m.width)
	status := ""
	if m.saveErr != nil && m.step != StepDebrief {
		status = s.Wrong.Render(common.Truncate(common.NotSavedText(m.saveErr), m.width))
	}
	if m.pinned != nil {
		// The scene scrolls above the choices; the line between says
		// whether there is more of it.
		sep := ""
		switch {
		case !m.pager.AtBottom():
			sep = s.Subtle.Render("↓ more of the scene (pgdn) · the choices stay here")
		case m.pager.Offset > 0:
			sep = s.Subtle.Render("↑ the start of the scene (pgup)")
		}
		return head + "\n\n" + m.pager.View() + "\n" + sep + "\n" + strings.Join(m.pinned, "\n") + "\n" + status
	}
	if !m.pager.AtBottom() {
		status = common.SpreadLine(status, s.Subtle.Render("↓ more (pgdn)"), m.width)
	}
	return head + "\n\n" + m.pager.View() + "\n" + status
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.step {
	case StepOffer:
		return []key.Binding{k.Resume, k.Again, k.Back, k.QuickExit}
	case StepScene, StepDecision:
		if scene := engine.Current(m.sc, m.st); m.step == StepScene && scene != nil && m.cp >= len(scene.Checkpoints) {
			return []key.Binding{k.Continue, k.Down, k.Back, k.QuickExit}
		}
		return []key.Binding{k.Move, k.Toggle, k.Submit, k.Back, k.Help, k.QuickExit}
	case StepCheckpoint:
		return []key.Binding{k.Continue, k.Indicators, k.Back, k.QuickExit}
	}
	return []key.Binding{k.Continue, k.Down, k.Back, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.Submit}, {k.PageUp, k.PageDown, k.Indicators}, {k.Back, k.Quit, k.QuickExit, k.Help}}
}
