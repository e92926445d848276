// Package quiz is the practice quiz and the review session: answer, learn
// from the feedback on every chosen option, the explanation and the
// indicators involved; a results screen ends it, with a way to retry only
// what was missed. A review session ends with cards for due indicators
// that no question asks about. What an answer does (scoring, recording,
// review scheduling, resuming) is the activity layer's.
package quiz

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

// Phase is where the quiz is.
type Phase int

// Phases of a quiz.
const (
	Asking Phase = iota
	Feedback
	Results
	// Checking waits for the learner's review queue and any unfinished
	// attempt before the first question.
	Checking
	// Offer asks whether to resume an unfinished quiz or start again.
	Offer
	// Card shows a due indicator to recall (review sessions).
	Card
)

// String names the phase.
func (p Phase) String() string {
	return [...]string{"asking", "feedback", "results", "checking", "offer", "card"}[p]
}

// Model is the quiz screen.
type Model struct {
	c             *common.Common
	sess          *activity.Quiz
	width, height int
	offer         *activity.QuizOffer

	phase  Phase
	answer common.Answerer
	last   engine.Result
	hint   string
	pager  common.Pager
	body   map[string][]string // rendered question bodies by question id

	// cards are due indicators to recall after the questions; card is the
	// one shown, revealed once the learner asks to see its meaning.
	cards    []string
	card     int
	revealed bool
	rated    []string // what each card's rating was, for the results

	saving  bool
	saveErr error
	// atOnce carries on an unfinished quiz without asking (Resuming).
	atOnce bool
}

// readyMsg carries what Prepare found.
type readyMsg struct {
	offer *activity.QuizOffer
	err   error
}

type bodyMsg struct {
	id    string
	lines []string
}

type answerSavedMsg struct{ err error }

type cardSavedMsg struct {
	text string
	err  error
}

// New starts a quiz over module m: all questions when ids is nil, else
// those ids. A practice quiz over every question first looks for an
// unfinished attempt and offers to resume it.
func New(c *common.Common, m *content.Module, ids []string, mode progress.Mode) *Model {
	return newModel(c, c.Learner().Quiz(m, ids, mode), nil)
}

// Resuming makes the quiz carry on an unfinished attempt at once, without
// asking whether to resume or start again: the learner chose to continue
// it. It returns m.
func (m *Model) Resuming() *Model {
	m.atOnce = true
	return m
}

// NewReview starts a review session from a plan (activity.PlanReview).
func NewReview(c *common.Common, plan activity.ReviewPlan) *Model {
	return newModel(c, c.Learner().QuizSession(plan.Parts, progress.ModeReview), plan.Cards)
}

func newModel(c *common.Common, s *activity.Quiz, cards []string) *Model {
	return &Model{c: c, sess: s, width: c.Width, height: c.Height, body: map[string][]string{}, phase: Checking, cards: cards}
}

// Phase reports the quiz's phase.
func (m *Model) Phase() Phase { return m.phase }

// Busy is true until the results are shown.
func (m *Model) Busy() bool { return m.phase == Asking || m.phase == Feedback || m.phase == Card }

// Init reads the review queue (and, for a practice quiz, any unfinished
// attempt).
func (m *Model) Init() tea.Cmd {
	s, c := m.sess, m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		o, err := s.Prepare(ctx)
		return readyMsg{offer: o, err: err}
	}
}

// ready applies what Init found and shows the first question or the offer
// to resume.
func (m *Model) ready(msg readyMsg) tea.Cmd {
	if errors.Is(msg.err, activity.ErrExamOpen) {
		return tea.Sequence(common.Cmd(common.BackMsg{}), common.Cmd(common.ErrorMsg{Err: msg.err}))
	}
	if msg.err != nil {
		m.c.Logf("prepare quiz: %v", msg.err)
	}
	if msg.offer != nil && m.atOnce {
		m.sess.Resume()
		return m.startQuestion()
	}
	if msg.offer != nil {
		m.offer = msg.offer
		m.phase = Offer
		m.rebuild()
		return nil
	}
	return m.startQuestion()
}

// startQuestion shows the current question, or the cards, or the results.
func (m *Model) startQuestion() tea.Cmd {
	_, q := m.sess.Current()
	m.hint = ""
	m.pager.Top()
	if q == nil {
		if m.card < len(m.cards) {
			m.phase, m.revealed = Card, false
		} else {
			m.phase = Results
		}
		m.rebuild()
		if m.phase == Results {
			return m.c.SavePending("attempt", m.sess.Finish())
		}
		return nil
	}
	m.phase = Asking
	m.sess.Ask()
	m.answer = common.NewAnswerer(q.Kind, len(q.Options))
	m.rebuild()
	return m.bodyCmd()
}

func (m *Model) bodyCmd() tea.Cmd {
	mod, q := m.sess.Current()
	if q == nil || q.Body == "" {
		return nil
	}
	k := common.RenderKey{Doc: "question:" + mod.ID + ":" + mod.Fingerprint + ":" + q.ID, Width: common.ReadingWidth(m.width)}
	if l, ok := m.c.Render.Get(k); ok {
		m.body[q.ID] = l
		m.rebuild()
		return nil
	}
	cache, id, md := m.c.Render, q.ID, q.Body
	return func() tea.Msg {
		l, err := cache.Render(k, md)
		if err != nil {
			l = []string{"(this part could not be shown: " + err.Error() + ")"}
		}
		return bodyMsg{id: id, lines: l}
	}
}

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.pager.Height = max(h-3, 1)
	m.rebuild()
}

// Update handles keys and store results.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.bodyCmd()
	case readyMsg:
		return m, m.ready(msg)
	case bodyMsg:
		m.body[msg.id] = msg.lines
		m.rebuild()
		return m, nil
	case answerSavedMsg:
		m.saving = false
		m.saveErr = msg.err
		m.rebuild()
		return m, common.Cmd(common.SavedMsg{Tag: "answer", Err: msg.err})
	case cardSavedMsg:
		m.saving, m.saveErr = false, msg.err
		m.rated = append(m.rated, msg.text)
		m.card++
		cmd := m.startQuestion()
		return m, tea.Batch(cmd, common.Cmd(common.SavedMsg{Tag: "review", Err: msg.err}))
	case tea.KeyMsg:
		switch m.phase {
		case Checking:
			if key.Matches(msg, k.Back) {
				return m, common.Cmd(common.BackMsg{})
			}
		case Offer:
			switch {
			case key.Matches(msg, k.Resume):
				m.offer = nil
				m.sess.Resume()
				return m, m.startQuestion()
			case key.Matches(msg, k.Again):
				m.offer = nil
				m.sess.Restart()
				return m, m.startQuestion()
			case key.Matches(msg, k.Back):
				return m, common.Cmd(common.BackMsg{})
			}
		case Asking:
			return m, m.keyAsking(msg)
		case Feedback:
			switch {
			case key.Matches(msg, k.Continue), key.Matches(msg, k.Next), msg.String() == "n":
				done := m.sess.Next()
				return m, tea.Batch(m.c.SavePending("attempt", done), m.startQuestion())
			case key.Matches(msg, k.Glossary):
				if _, q := m.sess.Current(); q != nil && len(q.Indicators) > 0 {
					return m, common.Cmd(common.OpenGlossaryMsg{Indicators: q.Indicators})
				}
			case key.Matches(msg, k.Back):
				return m, m.leave()
			default:
				m.pager.HandleKey(k, msg)
			}
		case Card:
			return m, m.keyCard(msg)
		case Results:
			switch {
			case key.Matches(msg, k.Retry):
				if len(m.sess.Summary().Missed) > 0 {
					return m, common.Cmd(retryMsg{})
				}
			case key.Matches(msg, k.Continue), key.Matches(msg, k.Back):
				return m, common.Cmd(common.BackMsg{})
			default:
				m.pager.HandleKey(k, msg)
			}
		}
	case retryMsg:
		n := newModel(m.c, m.sess.Retry(), nil)
		n.SetSize(m.width, m.height)
		return n, n.Init()
	}
	return m, nil
}

type retryMsg struct{}

// leave goes back mid-quiz: a review session records what was answered.
func (m *Model) leave() tea.Cmd {
	return tea.Batch(m.c.SavePending("attempt", m.sess.Stop()), common.Cmd(common.BackMsg{}))
}

func (m *Model) keyAsking(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.answer.HandleKey(k, msg) {
		m.hint = ""
		m.rebuild()
		return nil
	}
	switch {
	case key.Matches(msg, k.Submit):
		if !m.answer.Ready() {
			m.hint = m.answer.Prompt()
			m.rebuild()
			return nil
		}
		return m.submit()
	case key.Matches(msg, k.Back):
		return m.leave()
	default:
		m.pager.HandleKey(k, msg)
	}
	return nil
}

// submit scores the answer, shows the feedback and saves it in a command.
func (m *Model) submit() tea.Cmd {
	res, p := m.sess.Submit(m.answer.Answer())
	m.last = res
	m.phase = Feedback
	m.pager.Top()
	m.saving = !p.Empty()
	m.rebuild()
	if p.Empty() {
		return nil
	}
	c := m.c
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := p.Save(ctx)
		if err != nil {
			c.Logf("record answer: %v", err)
		}
		return answerSavedMsg{err: err}
	}
}

// keyCard reveals a card's meaning, then takes the learner's rating.
func (m *Model) keyCard(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return m.leave()
	case !m.revealed && key.Matches(msg, k.Continue):
		m.revealed = true
		m.rebuild()
	case m.revealed && !m.saving && (key.Matches(msg, k.Yes) || key.Matches(msg, k.No)):
		return m.rate(key.Matches(msg, k.Yes))
	default:
		m.pager.HandleKey(k, msg)
	}
	return nil
}

// rate saves the learner's rating of the current card.
func (m *Model) rate(remembered bool) tea.Cmd {
	id, l, rv, c := m.cards[m.card], m.c.Learner(), m.sess.Reviews(), m.c
	name := strings.Join(common.IndicatorNames(c.Library.Catalogue, []string{id}), "")
	m.saving = true
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		next, retired, err := l.RateCard(ctx, rv, id, remembered)
		text := name + ": back in " + activity.Count(int((next+engine.Day/2)/engine.Day), "day")
		if retired {
			text = name + ": you know it well; it leaves the review queue"
		}
		if err != nil {
			c.Logf("rate card %s: %v", id, err)
		}
		return cardSavedMsg{text: text, err: err}
	}
}

// rebuild lays out the body lines for the current state; View only slices.
func (m *Model) rebuild() {
	s := m.c.Styles
	w := max(m.width, 20)
	tw := min(w, 100)
	var lines []string
	cursorLine := -1
	switch m.phase {
	case Checking:
		lines = append(lines, s.Subtle.Render("…"))
	case Offer:
		lines = m.offerLines(tw)
	case Results:
		lines = m.resultLines(tw)
	case Card:
		lines = m.cardLines(tw)
	default:
		_, q := m.sess.Current()
		if q == nil {
			break
		}
		lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), tw, "", "")...)
		if b, ok := m.body[q.ID]; ok {
			lines = append(lines, b...)
		} else if q.Body != "" {
			lines = append(lines, s.Subtle.Render("…"))
		}
		lines = append(lines, common.WrapLines(s.Subtle.Render(common.KindHint(q.Kind)), tw, "", "")...)
		lines = append(lines, "")
		if m.phase == Asking {
			texts := make([]string, len(q.Options))
			for i, o := range q.Options {
				texts[i] = o.Text
			}
			ol, at := m.answer.Lines(s, texts, tw, true)
			cursorLine = len(lines) + at
			lines = append(lines, ol...)
			if m.hint != "" {
				lines = append(lines, "")
				lines = append(lines, common.WrapLines(s.Warning.Render(m.hint), tw, "", "")...)
			}
		} else {
			lines = append(lines, m.feedbackLines(q, tw)...)
		}
	}
	m.pager.SetLines(lines)
	if cursorLine >= 0 {
		m.pager.ScrollTo(cursorLine)
	}
}

func (m *Model) feedbackLines(q *content.Question, w int) []string {
	s := m.c.Styles
	res := m.last
	var lines []string
	if q.Kind == content.Ordering {
		lines = append(lines, s.OrderFeedback(q, res, m.answer.Answer(), w)...)
	} else {
		lines = append(lines, m.choiceFeedback(q, w)...)
	}
	lines = append(lines, "")
	if res.Correct {
		lines = append(lines, s.Right.Render(s.Symbols.Right+" Right"))
	} else {
		verdict := s.Symbols.Wrong + " Not quite"
		switch q.Kind {
		case content.MultipleChoice:
			verdict += fmt.Sprintf(" — %s: you chose %d of %d right options and %d of %d wrong ones",
				activity.Percent(res.Score*100), res.Spotted, res.Present, res.FalseAlarms, res.RedHerrings)
		case content.Ordering:
			verdict += fmt.Sprintf(" — %s: %d of %d steps in their place",
				activity.Percent(res.Score*100), res.Spotted, res.Present)
		}
		lines = append(lines, common.WrapLines(s.Wrong.Render(verdict), w, "", "")...)
	}
	if q.Explanation != "" {
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(q.Explanation, w-2, "  ", "  ")...)
	}
	if len(q.Indicators) > 0 {
		lines = append(lines, "")
		names := common.IndicatorNames(m.c.Library.Catalogue, q.Indicators)
		lines = append(lines, common.WrapLines("Indicators: "+strings.Join(names, "; ")+s.Subtle.Render("  (i to look them up)"), w, "", "  ")...)
	}
	return lines
}

// choiceFeedback marks each option of a choice question: right, not
// right, missed, with the feedback of those chosen or missed.
func (m *Model) choiceFeedback(q *content.Question, w int) []string {
	return m.c.Styles.ChoiceFeedback(q, m.last, w, false)
}

func (m *Model) offerLines(w int) []string {
	s := m.c.Styles
	o := m.offer
	lines := []string{s.Subtitle.Render("You have an unfinished quiz on this module"), ""}
	lines = append(lines, common.WrapLines(fmt.Sprintf("%d of %d questions answered; you stopped at question %d. Your answers so far are kept.",
		o.Answered, o.Total, o.At), w, "", "")...)
	if o.Missing > 0 {
		lines = append(lines, common.WrapLines(fmt.Sprintf("%s of it %s no longer in the module and %s left out.",
			activity.Count(o.Missing, "question"), activity.Plural(o.Missing, "is", "are"), activity.Plural(o.Missing, "is", "are")), w, "", "")...)
	}
	lines = append(lines, "", s.Key.Render("enter")+" resume where you stopped   "+s.Key.Render("a")+" start again   "+s.Key.Render("esc")+" back")
	return lines
}

// cardLines shows a due indicator to recall: its name and category, then,
// once revealed, what it means, and the question whether the learner
// remembered.
func (m *Model) cardLines(w int) []string {
	s := m.c.Styles
	id := m.cards[m.card]
	lines := []string{s.Subtle.Render(fmt.Sprintf("Indicator %d of %d to recall", m.card+1, len(m.cards))), ""}
	in, ok := m.c.Library.Catalogue.Lookup(id)
	if !ok {
		lines = append(lines, id)
		return lines
	}
	lines = append(lines, common.WrapLines(s.Subtitle.Render(in.Name), w, "", "")...)
	if in.Category != "" {
		lines = append(lines, s.Subtle.Render(in.Category))
	}
	lines = append(lines, "")
	if !m.revealed {
		lines = append(lines, common.WrapLines("Think of what this indicator means and why it matters, then press "+s.Key.Render("enter")+" to check.", w, "", "")...)
		return lines
	}
	lines = append(lines, common.WrapLines(in.Explanation, w, "", "")...)
	if in.Source != "" {
		lines = append(lines, "")
		lines = append(lines, common.WrapLines(s.Subtle.Render("Source: "+in.Source), w, "", "")...)
	}
	lines = append(lines, "", "Did you remember what it means?  "+s.Key.Render("y")+" yes   "+s.Key.Render("n")+" no")
	return lines
}

func (m *Model) resultLines(w int) []string {
	s := m.c.Styles
	sum := m.sess.Summary()
	review := m.sess.Mode() == progress.ModeReview
	title := "Quiz complete"
	if review {
		title = "Review complete"
	}
	lines := []string{s.Subtitle.Render(title), ""}
	if sum.Total > 0 {
		lines = append(lines,
			fmt.Sprintf("Score: %s of %d  (%s)", activity.Points(sum.Score), sum.Total, activity.Percent(sum.Percent())),
			s.Bar(min(w-2, 40), sum.Percent()/100), "")
	}
	switch {
	case sum.Total == 0 && len(m.rated) == 0:
		lines = append(lines, "There were no questions to ask.")
	case sum.Total == 0:
	case len(sum.Missed) == 0:
		lines = append(lines, s.Right.Render(s.Symbols.Right+" Every question fully right."))
	default:
		lines = append(lines, fmt.Sprintf("To look at again (%d):", len(sum.Missed)))
		for _, ms := range sum.Missed {
			note := "(" + activity.Percent(ms.Score*100) + ")"
			if !ms.Answered {
				note = "(not answered)"
			}
			lines = append(lines, common.WrapLines(fmt.Sprintf("%s  %s", ms.Question.Text, s.Subtle.Render(note)), w-2, s.Wrong.Render(s.Symbols.Wrong)+" ", "  ")...)
		}
	}
	if len(m.rated) > 0 {
		lines = append(lines, "", "Indicators recalled:")
		for _, r := range m.rated {
			lines = append(lines, common.WrapLines(r, w-2, s.Symbols.Bullet+" ", "  ")...)
		}
	}
	if closed := m.sess.Closed(); len(closed) > 0 {
		lines = append(lines, "")
		for _, c := range closed {
			lines = append(lines, common.WrapLines(s.Subtle.Render("Left out: "+strings.TrimPrefix(c, activity.ErrExamOpen.Error()+": ")+"."), w, "", "  ")...)
		}
	}
	if review && sum.Total > 0 {
		lines = append(lines, "")
		for _, l := range common.WrapLines("Each question comes back later: sooner if you missed it, later if you got it right.", w, "", "") {
			lines = append(lines, s.Subtle.Render(l))
		}
	}
	lines = append(lines, "")
	if len(sum.Missed) > 0 {
		lines = append(lines, s.Key.Render("r")+" retry the missed questions")
	}
	lines = append(lines, s.Key.Render("enter")+" back")
	return lines
}

// View draws the header, the body window and the status line.
func (m *Model) View() string {
	s := m.c.Styles
	w := m.width
	review := m.sess.Mode() == progress.ModeReview
	mode := "practice"
	if review {
		mode = "review"
	}
	pos := ""
	switch m.phase {
	case Asking, Feedback:
		n, total := m.sess.Position()
		pos = fmt.Sprintf("question %d of %d", n, total)
	case Card:
		pos = fmt.Sprintf("card %d of %d", m.card+1, len(m.cards))
	}
	title := m.sess.Module().Title
	if review && (m.phase == Results || m.phase == Card || title == "") {
		title = "Review"
	}
	head := common.SpreadLine(s.Title.Render(common.Truncate(title, max(w-30, 10)))+s.Subtle.Render(" · "+mode), s.Subtle.Render(pos), w)
	status := ""
	switch {
	case m.saving:
		status = common.SaveText(s, nil, true)
	case m.saveErr != nil:
		status = s.Wrong.Render(common.Truncate(common.NotSavedText(m.saveErr), max(w-2, 1)))
	case m.phase == Feedback && m.c.Profile.ID != 0:
		status = common.SaveText(s, nil, false)
	}
	more := ""
	if !m.pager.AtBottom() {
		more = s.Subtle.Render("↓ more  ")
	}
	if m.phase == Feedback {
		status = common.SpreadLine(status, more+s.Key.Render("enter")+s.Subtle.Render(" next"), w)
	} else if more != "" {
		status = common.SpreadLine(status, more, w)
	}
	return head + "\n\n" + m.pager.View() + "\n" + status
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.phase {
	case Asking:
		return append(m.answer.Bindings(k), k.Submit, k.Back, k.Help, k.QuickExit)
	case Feedback:
		if _, q := m.sess.Current(); q != nil && len(q.Indicators) == 0 {
			return []key.Binding{common.WithHelp(k.Continue, "next"), k.Down, k.Back, k.QuickExit}
		}
		return []key.Binding{common.WithHelp(k.Continue, "next"), k.Indicators, k.Down, k.Back, k.QuickExit}
	case Checking:
		return []key.Binding{k.Back, k.QuickExit}
	case Offer:
		return []key.Binding{k.Resume, k.Again, k.Back, k.QuickExit}
	case Card:
		if !m.revealed {
			return []key.Binding{common.WithHelp(k.Continue, "show meaning"), k.Back, k.QuickExit}
		}
		return []key.Binding{common.WithHelp(k.Yes, "remembered"), common.WithHelp(k.No, "did not"), k.Back, k.QuickExit}
	}
	if len(m.sess.Summary().Missed) == 0 {
		return []key.Binding{common.WithHelp(k.Continue, "back"), k.Down, k.QuickExit}
	}
	return []key.Binding{k.Retry, common.WithHelp(k.Continue, "back"), k.Down, k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Toggle, k.Submit},
		{k.Grab, k.ItemUp, k.ItemDown},
		{k.Indicators, k.Retry, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Back, k.Quit, k.QuickExit, k.Help},
	}
}
