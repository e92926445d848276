// Package scenario is the case-study player: briefing, then scenes with
// checkpoints (which indicators do you notice?) and decisions whose
// consequences lead on, ending in a debrief. The root shows the scenario's
// content note first.
package scenario

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
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
	run      *runHolder
	saving   bool
	saveErr  error
	reviews  common.Reviews
	// offer is an unfinished run found on Init, replayed into a state.
	offer *resumeOffer
	ready bool

	cursorLine int
	// questionLine is where the question (a checkpoint's, or the
	// decision's prompt) starts; focus asks the next rebuild to scroll
	// there, so feedback, or the scene's next question, is on screen at
	// once.
	questionLine int
	focus        bool
}

// resumeOffer is an unfinished run that still fits the scenario.
type resumeOffer struct {
	run progress.Run
	st  engine.RunState
}

// readyMsg carries the review queue and any unfinished run.
type readyMsg struct {
	reviews common.Reviews
	offer   *resumeOffer
}

type runHolder struct {
	mu  sync.Mutex
	r   progress.Run
	err error
}

func (h *runHolder) save(ctx context.Context, store progress.Store, r progress.Run, reviews ...progress.ReviewItem) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.r.ID == 0 {
		started, err := store.StartRun(ctx, r)
		if err != nil {
			return fmt.Errorf("start case study: %w", err)
		}
		h.r = started
	}
	r.ID, r.Started = h.r.ID, h.r.Started
	if err := store.SaveRun(ctx, r, reviews...); err != nil {
		return fmt.Errorf("save case study: %w", err)
	}
	return nil
}

type renderedMsg struct {
	key   string
	lines []string
}

type savedMsg struct {
	err     error
	reviews []progress.ReviewItem
}

// New starts a run of scenario sc.
func New(c *common.Common, sc *content.Scenario) *Model {
	m := &Model{c: c, sc: sc, width: c.Width, height: c.Height, rendered: map[string][]string{},
		st: engine.StartRun(sc), run: &runHolder{}}
	m.enterScene()
	m.step = StepBriefing
	m.rebuild()
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
	return tea.Batch(m.renderCmd("briefing", m.sc.Briefing), m.sceneRender(), m.bookmarkCmd(), m.readyCmd())
}

func (m *Model) readyCmd() tea.Cmd {
	store, pid, c, sc := m.c.Store, m.c.Profile.ID, m.c, m.sc
	return func() tea.Msg {
		if store == nil || pid == 0 {
			return readyMsg{}
		}
		ctx, cancel := c.Ctx()
		defer cancel()
		var msg readyMsg
		if items, err := store.ReviewItems(ctx, pid); err == nil {
			msg.reviews = common.NewReviews(items)
		} else {
			c.Logf("read review queue: %v", err)
		}
		run, err := store.UnfinishedRun(ctx, pid, sc.ID)
		switch {
		case err == nil:
			st, err := Replay(sc, run)
			if err != nil {
				c.Logf("unfinished run of %s no longer fits the scenario (%v); starting again", sc.ID, err)
				break
			}
			msg.offer = &resumeOffer{run: run, st: st}
		case !errors.Is(err, progress.ErrNotFound):
			c.Logf("look for an unfinished run of %s: %v", sc.ID, err)
		}
		return msg
	}
}

// resume continues the offered run at its scene, with its earlier
// checkpoint answers and decisions.
func (m *Model) resume() tea.Cmd {
	o := m.offer
	m.offer = nil
	m.st = o.st
	m.run.mu.Lock()
	m.run.r = o.run
	m.run.mu.Unlock()
	m.enterScene()
	return m.sceneRender()
}

func (m *Model) bookmarkCmd() tea.Cmd {
	if m.c.Store == nil || m.c.Profile.ID == 0 {
		return nil
	}
	store := m.c.Store
	b := progress.Bookmark{ProfileID: m.c.Profile.ID, Kind: "scenario", ItemID: m.sc.ID, Updated: m.c.Now()}
	return m.c.SaveCmd("bookmark", func(ctx context.Context) error { return store.SetBookmark(ctx, b) })
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
		m.reviews, m.offer = msg.reviews, msg.offer
		if m.offer != nil && m.step == StepBriefing {
			m.step = StepOffer
		}
		m.rebuild()
		return m, nil
	case savedMsg:
		m.saving, m.saveErr = false, msg.err
		if msg.err == nil {
			m.reviews.Put(msg.reviews...)
		}
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
			m.step = StepBriefing
		}
	case StepBriefing, StepConsequence:
		if cont {
			m.enterScene()
			return m.sceneRender()
		}
		scroll()
	case StepScene, StepDecision:
		if scene := engine.Current(m.sc, m.st); m.step == StepScene && scene != nil && m.cp >= len(scene.Checkpoints) {
			// an ending scene: enter goes on to the debrief
			if cont {
				m.step = StepDebrief
				m.pager.Top()
				return m.saveCmd(true)
			}
			scroll()
			return nil
		}
		if m.choice.HandleKey(k, msg) {
			m.hint = ""
			m.rebuild()
			m.pager.ScrollTo(m.cursorLine)
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
	st, res, err := engine.AnswerCheckpoint(m.sc, m.st, m.cp, m.choice.Indexes())
	if err != nil {
		m.hint = err.Error()
		return nil
	}
	m.st, m.lastRes = st, res
	m.step = StepCheckpoint
	m.focus = true
	return m.saveCmd(false, m.reviewUpdates(res)...)
}

// reviewUpdates schedules the indicators of a checkpoint answer in the
// review queue: a miss or false alarm adds one; an answer about one that is
// already queued moves it.
func (m *Model) reviewUpdates(res engine.Result) []progress.ReviewItem {
	now := m.c.Now()
	var out []progress.ReviewItem
	for _, in := range res.Indicators {
		if it, ok := m.reviews.Next(m.c.Profile.ID, progress.ReviewIndicator, in.ID, in.Hit, now); ok {
			out = append(out, it)
		}
	}
	return out
}

func (m *Model) decide() tea.Cmd {
	option := m.choice.Cursor
	if idx := m.choice.Indexes(); len(idx) == 1 {
		option = idx[0]
	}
	st, dec, err := engine.Choose(m.sc, m.st, option)
	if err != nil {
		m.hint = err.Error()
		return nil
	}
	m.st, m.lastDec = st, dec
	m.step = StepConsequence
	m.pager.Top()
	return tea.Batch(m.saveCmd(false), m.sceneRender())
}

// toRun converts the engine state to the store's record.
func (m *Model) toRun(finished bool) progress.Run {
	r := progress.Run{ProfileID: m.c.Profile.ID, ScenarioID: m.sc.ID, Fingerprint: m.sc.Fingerprint,
		Path: append([]string(nil), m.st.Path...), Started: m.c.Now()}
	for _, d := range m.st.Decisions {
		r.Decisions = append(r.Decisions, progress.Decision{Scene: d.Scene, Option: d.Option, Target: d.Target, Recommended: d.Recommended})
	}
	for _, cp := range m.st.Checkpoints {
		qid := strconv.Itoa(cp.Question)
		if scene, ok := m.sc.Scene(cp.Scene); ok {
			qid = checkpointKey(scene, cp.Question)
		}
		r.Checkpoints = append(r.Checkpoints, progress.Checkpoint{Scene: cp.Scene, Question: qid, Chosen: cp.Chosen,
			Spotted: cp.Result.Spotted, Present: cp.Result.Present, FalseAlarms: cp.Result.FalseAlarms, RedHerrings: cp.Result.RedHerrings,
			Indicators: common.IndicatorHits(cp.Result)})
	}
	d := engine.MakeDebrief(m.sc, m.st)
	r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings = d.Spotted, d.Present, d.FalseAlarms, d.RedHerrings
	if finished {
		r.Finished = m.c.Now()
		r.Ending = d.Ending
	}
	return r
}

func (m *Model) saveCmd(finished bool, reviews ...progress.ReviewItem) tea.Cmd {
	if m.c.Store == nil || m.c.Profile.ID == 0 {
		return nil
	}
	r := m.toRun(finished)
	store, holder, c := m.c.Store, m.run, m.c
	m.saving = true
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := holder.save(ctx, store, r, reviews...)
		if err != nil {
			c.Logf("%v", err)
		}
		return savedMsg{err: err, reviews: reviews}
	}
}

func (m *Model) rebuild() {
	m.pager.SetLines(m.lines())
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
		if sc := engine.Current(m.sc, o.st); sc != nil {
			where = "“" + sc.Title + "”"
		}
		lines = append(lines, s.Subtitle.Render("You have an unfinished run of this case study"), "")
		lines = append(lines, common.WrapLines(fmt.Sprintf("You stopped at scene %d, %s, after %d decision(s) and %d checkpoint answer(s); they are kept if you resume.",
			len(o.st.Path), where, len(o.st.Decisions), len(o.st.Checkpoints)), w, "", "")...)
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
			m.questionLine = len(lines)
			lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), w, "", "")...)
			lines = append(lines, s.Subtle.Render(common.KindHint(q.Kind)), "")
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
		m.questionLine = len(lines)
		lines = append(lines, common.WrapLines(s.Subtitle.Render(prompt), w, "", "")...)
		lines = append(lines, "")
		ol, at := s.OptionLines(optionTexts(scene.Decision.Options), m.choice, w, true)
		m.cursorLine = len(lines) + at
		lines = append(lines, ol...)
	}
	if m.hint != "" {
		lines = append(lines, "", s.Warning.Render(m.hint))
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
		text := dc.Target
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
		return []key.Binding{k.Continue, k.Glossary, k.Back, k.QuickExit}
	}
	return []key.Binding{k.Continue, k.Down, k.Back, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.Submit}, {k.PageUp, k.PageDown, k.Glossary}, {k.Back, k.Quit, k.QuickExit, k.Help}}
}

// Replay rebuilds a stored run's state by taking its recorded steps again
// (engine.Replay, as the line mode does): it fails when the scenario has
// changed so that the steps no longer fit.
func Replay(sc *content.Scenario, run progress.Run) (engine.RunState, error) {
	rec := engine.Recorded{Path: run.Path}
	for _, d := range run.Decisions {
		rec.Choices = append(rec.Choices, d.Option)
	}
	for _, c := range run.Checkpoints {
		rec.Checkpoints = append(rec.Checkpoints, engine.RecordedCheckpoint{Scene: c.Scene, Question: c.Question, Chosen: c.Chosen})
	}
	return engine.Replay(sc, rec)
}

// checkpointKey names a checkpoint in a stored run (engine.CheckpointKey).
func checkpointKey(scene *content.Scene, idx int) string { return engine.CheckpointKey(scene, idx) }
