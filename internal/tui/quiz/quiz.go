// Package quiz is the practice quiz: pick, submit, learn from the feedback
// on every chosen option, the explanation and the indicators involved; a
// results screen ends it, with a way to retry only what was missed.
package quiz

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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
)

// String names the phase.
func (p Phase) String() string {
	return [...]string{"asking", "feedback", "results", "checking", "offer"}[p]
}

// Part is one module's share of a quiz session: a practice quiz has one,
// a review session one per module it draws questions from.
type Part struct {
	Module *content.Module
	// Questions are the ids to ask, in order; nil means every question.
	Questions []string
}

type part struct {
	mod  *content.Module
	quiz *engine.Quiz
	att  *attemptHolder
}

// Model is the quiz screen.
type Model struct {
	c     *common.Common
	mode  progress.Mode
	parts []*part
	cur   int
	// mod, quiz and att are the current part's.
	mod           *content.Module
	quiz          *engine.Quiz
	att           *attemptHolder
	reviews       common.Reviews
	width, height int
	// canResume looks for an unfinished practice attempt on Init.
	canResume bool
	offer     *resumeOffer
	// also are due indicators no question tags, named on the results.
	also []string

	phase   Phase
	choice  common.Choice
	last    engine.Result
	hint    string
	asked   time.Time
	pager   common.Pager
	body    map[string][]string // rendered question bodies by question id
	saving  bool
	saveErr error
	saved   int // answers the store confirmed
}

// attemptHolder starts the attempt once, from whichever command needs it
// first, so answers never race the attempt's creation.
type attemptHolder struct {
	mu  sync.Mutex
	a   progress.Attempt
	err error
}

// saveCurrent stores the position to resume at, once the attempt exists.
func (h *attemptHolder) saveCurrent(ctx context.Context, store progress.Store, pos int) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.a.ID == 0 {
		return nil
	}
	h.a.Current = pos
	if err := store.SaveAttempt(ctx, h.a); err != nil {
		return fmt.Errorf("save quiz position: %w", err)
	}
	return nil
}

func (h *attemptHolder) ensure(ctx context.Context, store progress.Store) (progress.Attempt, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.a.ID != 0 {
		return h.a, nil
	}
	a, err := store.StartAttempt(ctx, h.a)
	if err != nil {
		return h.a, fmt.Errorf("start quiz attempt: %w", err)
	}
	h.a = a
	return a, nil
}

// resumeOffer is an unfinished attempt found on Init.
type resumeOffer struct {
	att     progress.Attempt
	answers []progress.Answer
}

// readyMsg carries the review queue and any unfinished attempt.
type readyMsg struct {
	items  common.Reviews
	err    error
	resume *resumeOffer
}

type bodyMsg struct {
	id    string
	lines []string
}

// New starts a quiz over module m: all questions when ids is nil, else
// those ids. A practice quiz over every question first looks for an
// unfinished attempt and offers to resume it.
func New(c *common.Common, m *content.Module, ids []string, mode progress.Mode) *Model {
	md := NewSession(c, []Part{{Module: m, Questions: ids}}, mode, nil)
	md.canResume = md.mode == progress.ModePractice && ids == nil
	return md
}

// NewSession starts a quiz over several parts (a review session); also
// names due indicators that no question tags, listed on the results.
func NewSession(c *common.Common, parts []Part, mode progress.Mode, also []string) *Model {
	if mode == "" {
		mode = progress.ModePractice
	}
	md := &Model{c: c, mode: mode, width: c.Width, height: c.Height, body: map[string][]string{}, also: also}
	for _, p := range parts {
		q := engine.NewQuiz(p.Module, p.Questions)
		if len(q.Questions) == 0 {
			continue
		}
		md.parts = append(md.parts, &part{mod: p.Module, quiz: q, att: newHolder(c, p.Module, mode, q.Questions)})
	}
	if len(md.parts) == 0 { // nothing to ask: an empty quiz ends at once
		m := &content.Module{}
		if len(parts) > 0 {
			m = parts[0].Module
		}
		md.parts = []*part{{mod: m, quiz: engine.NewQuiz(m, []string{}), att: newHolder(c, m, mode, nil)}}
	}
	md.usePart(0)
	md.phase = Checking
	return md
}

func newHolder(c *common.Common, m *content.Module, mode progress.Mode, ids []string) *attemptHolder {
	return &attemptHolder{a: progress.Attempt{
		ProfileID: c.Profile.ID, ModuleID: m.ID, Mode: mode, Fingerprint: engine.Fingerprint(m),
		Version: m.Version, Questions: append([]string(nil), ids...), Started: c.Now(),
	}}
}

func (m *Model) usePart(i int) {
	m.cur = i
	p := m.parts[i]
	m.mod, m.quiz, m.att = p.mod, p.quiz, p.att
}

// Phase reports the quiz's phase.
func (m *Model) Phase() Phase { return m.phase }

// Busy is true until the results are shown.
func (m *Model) Busy() bool { return m.phase == Asking || m.phase == Feedback }

// Init loads the review queue (and, for a practice quiz, any unfinished
// attempt), then renders the first question's body.
func (m *Model) Init() tea.Cmd {
	store, pid, c, mod, resume := m.c.Store, m.c.Profile.ID, m.c, m.mod, m.canResume
	load := func() tea.Msg {
		if store == nil || pid == 0 {
			return readyMsg{}
		}
		ctx, cancel := c.Ctx()
		defer cancel()
		items, err := store.ReviewItems(ctx, pid)
		msg := readyMsg{items: common.NewReviews(items), err: err}
		if resume {
			a, answers, err := store.UnfinishedAttempt(ctx, pid, mod.ID, progress.ModePractice)
			switch {
			case err == nil:
				msg.resume = &resumeOffer{att: a, answers: answers}
			case !errors.Is(err, progress.ErrNotFound):
				c.Logf("look for an unfinished quiz on %s: %v", mod.ID, err)
			}
		}
		return msg
	}
	return load
}

// ready applies what Init loaded and shows the first question or the
// offer to resume.
func (m *Model) ready(msg readyMsg) tea.Cmd {
	if msg.err == nil {
		m.reviews = msg.items
	} else {
		m.c.Logf("read review queue: %v", msg.err)
	}
	if o := msg.resume; o != nil {
		if len(o.answers) == 0 && o.att.Current == 0 {
			// Nothing answered yet: carry on in that attempt.
			m.att.mu.Lock()
			m.att.a = o.att
			m.att.mu.Unlock()
		} else {
			m.offer = o
			m.phase = Offer
			m.rebuild()
			return nil
		}
	}
	m.startQuestion()
	if m.phase == Results && len(m.quiz.Questions) > 0 {
		return m.finishCmd()
	}
	return m.bodyCmd()
}

// resume continues the offered attempt at its saved position, with its
// earlier answers counted.
func (m *Model) resume() tea.Cmd {
	o := m.offer
	m.offer = nil
	q := engine.NewQuiz(m.mod, o.att.Questions)
	for _, ans := range o.answers {
		if qu, ok := m.mod.Question(ans.QuestionID); ok {
			q.Results[qu.ID] = engine.Score(qu, ans.Chosen)
		}
	}
	q.Pos = min(max(o.att.Current, 0), len(q.Questions))
	att := &attemptHolder{a: o.att}
	m.parts[m.cur] = &part{mod: m.mod, quiz: q, att: att}
	m.usePart(m.cur)
	m.startQuestion()
	if m.phase == Results {
		return m.finishCmd()
	}
	return m.bodyCmd()
}

func (m *Model) startQuestion() {
	// A finished part hands over to the next one.
	for m.quiz.Current() == nil && m.cur+1 < len(m.parts) {
		m.usePart(m.cur + 1)
	}
	q := m.quiz.Current()
	m.phase = Asking
	m.hint = ""
	m.asked = m.c.Now()
	if q == nil {
		m.phase = Results
		m.rebuild()
		return
	}
	m.choice = common.NewChoice(len(q.Options), q.Kind == content.MultipleChoice)
	m.pager.Top()
	m.rebuild()
}

func (m *Model) bodyCmd() tea.Cmd {
	q := m.quiz.Current()
	if q == nil || q.Body == "" {
		return nil
	}
	k := common.RenderKey{Doc: "question:" + m.mod.ID + ":" + m.mod.Fingerprint + ":" + q.ID, Width: common.ReadingWidth(m.width)}
	if l, ok := m.c.Render.Get(k); ok {
		m.body[q.ID] = l
		m.rebuild()
		return nil
	}
	cache, id, md := m.c.Render, q.ID, q.Body
	return func() tea.Msg {
		l, err := cache.Render(k, md)
		if err != nil {
			l = strings.Split(common.Wrap(md, k.Width), "\n")
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
		if msg.err == nil {
			m.saved++
			m.reviews.Put(msg.reviews...)
		}
		m.rebuild()
		return m, common.Cmd(common.SavedMsg{Tag: "answer", Err: msg.err})
	case tea.KeyMsg:
		switch m.phase {
		case Checking:
			if key.Matches(msg, k.Back) {
				return m, common.Cmd(common.BackMsg{})
			}
		case Offer:
			switch {
			case key.Matches(msg, k.Resume):
				return m, m.resume()
			case key.Matches(msg, k.Again):
				m.offer = nil
				m.startQuestion()
				return m, m.bodyCmd()
			case key.Matches(msg, k.Back):
				return m, common.Cmd(common.BackMsg{})
			}
		case Asking:
			return m, m.keyAsking(msg)
		case Feedback:
			switch {
			case key.Matches(msg, k.Continue), key.Matches(msg, k.Next), msg.String() == "n":
				done := m.att
				m.quiz.Next()
				m.startQuestion()
				if m.phase == Results || m.att != done {
					// The last question of a part: record that attempt.
					return m, tea.Batch(m.finishAttempt(done, m.partOf(done)), m.bodyCmd())
				}
				return m, m.bodyCmd()
			case key.Matches(msg, k.Glossary):
				if q := m.quiz.Current(); q != nil && len(q.Indicators) > 0 {
					return m, common.Cmd(common.OpenGlossaryMsg{Indicators: q.Indicators})
				}
			case key.Matches(msg, k.Back):
				return m, common.Cmd(common.BackMsg{})
			default:
				m.pager.HandleKey(k, msg)
			}
		case Results:
			switch {
			case key.Matches(msg, k.Retry):
				if _, _, missed := m.totals(); missed > 0 {
					return m, common.Cmd(retryMsg{})
				}
			case key.Matches(msg, k.Glossary):
				if len(m.also) > 0 {
					return m, common.Cmd(common.OpenGlossaryMsg{Indicators: m.also})
				}
			case key.Matches(msg, k.Continue), key.Matches(msg, k.Back):
				return m, common.Cmd(common.BackMsg{})
			default:
				m.pager.HandleKey(k, msg)
			}
		}
	case retryMsg:
		var parts []Part
		for _, p := range m.parts {
			if missed := p.quiz.Summary().Missed; len(missed) > 0 {
				parts = append(parts, Part{Module: p.mod, Questions: missed})
			}
		}
		n := NewSession(m.c, parts, m.mode, nil)
		n.SetSize(m.width, m.height)
		return n, n.Init()
	}
	return m, nil
}

type retryMsg struct{}

func (m *Model) keyAsking(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.choice.HandleKey(k, msg) {
		m.hint = ""
		m.rebuild()
		return nil
	}
	switch {
	case key.Matches(msg, k.Submit):
		if len(m.choice.Indexes()) == 0 {
			if !m.choice.Multi {
				m.choice.Toggle(m.choice.Cursor)
			} else {
				m.hint = "Choose at least one option with space or its number, then press enter."
				m.rebuild()
				return nil
			}
		}
		return m.submit()
	case key.Matches(msg, k.Back):
		return common.Cmd(common.BackMsg{})
	default:
		m.pager.HandleKey(k, msg)
	}
	return nil
}

type answerSavedMsg struct {
	err     error
	reviews []progress.ReviewItem
}

// submit scores the answer, shows the feedback and saves it in a command.
func (m *Model) submit() tea.Cmd {
	q := m.quiz.Current()
	chosen := m.choice.Indexes()
	res := m.quiz.Submit(chosen)
	m.last = res
	m.phase = Feedback
	m.pager.Top()
	now := m.c.Now()
	ans := progress.Answer{
		ProfileID: m.c.Profile.ID, ModuleID: m.mod.ID, QuestionID: q.ID, Version: engine.Fingerprint(m.mod),
		Chosen: chosen, Correct: res.Correct, Score: res.Score, TimeTaken: now.Sub(m.asked), At: now,
		Indicators: common.IndicatorHits(res),
	}
	reviews := m.reviewUpdates(q, res.Correct, now)
	next := m.quiz.Pos + 1
	m.saving = true
	m.rebuild()
	store, att, c := m.c.Store, m.att, m.c
	if store == nil || c.Profile.ID == 0 {
		m.saving = false
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		a, err := att.ensure(ctx, store)
		if err != nil {
			return answerSavedMsg{err: err}
		}
		ans.AttemptID = a.ID
		if _, err := store.RecordAnswer(ctx, ans, reviews...); err != nil {
			c.Logf("record answer %s/%s: %v", ans.ModuleID, ans.QuestionID, err)
			return answerSavedMsg{err: fmt.Errorf("record answer: %w", err)}
		}
		// Where to resume: the answer is kept, so the next question.
		if err := att.saveCurrent(ctx, store, next); err != nil {
			c.Logf("%v", err)
			return answerSavedMsg{err: err, reviews: reviews}
		}
		return answerSavedMsg{reviews: reviews}
	}
}

// reviewUpdates schedules the question and its indicators in the review
// queue: a miss adds them; an answer to something already queued moves it.
func (m *Model) reviewUpdates(q *content.Question, correct bool, now time.Time) []progress.ReviewItem {
	var out []progress.ReviewItem
	add := func(kind progress.ReviewKind, key string) {
		if it, ok := m.reviews.Next(m.c.Profile.ID, kind, key, correct, now); ok {
			out = append(out, it)
		}
	}
	add(progress.ReviewQuestion, m.mod.ID+"/"+q.ID)
	for _, id := range q.Indicators {
		add(progress.ReviewIndicator, id)
	}
	return out
}

// finishCmd records the current part's finished attempt.
func (m *Model) finishCmd() tea.Cmd { return m.finishAttempt(m.att, m.quiz) }

func (m *Model) partOf(h *attemptHolder) *engine.Quiz {
	for _, p := range m.parts {
		if p.att == h {
			return p.quiz
		}
	}
	return m.quiz
}

// finishAttempt records a finished attempt with its quiz's score.
func (m *Model) finishAttempt(att *attemptHolder, q *engine.Quiz) tea.Cmd {
	sum := q.Summary()
	store, c := m.c.Store, m.c
	if store == nil || c.Profile.ID == 0 {
		return nil
	}
	now := c.Now()
	return c.SaveCmd("attempt", func(ctx context.Context) error {
		a, err := att.ensure(ctx, store)
		if err != nil {
			return err
		}
		a.Finished, a.Score, a.Total, a.Current = now, sum.Score, sum.Total, len(a.Questions)
		a.Elapsed = now.Sub(a.Started)
		if err := store.SaveAttempt(ctx, a); err != nil {
			return fmt.Errorf("save quiz result: %w", err)
		}
		return nil
	})
}

// totals adds up every part: points scored, questions, questions missed.
func (m *Model) totals() (score float64, total, missed int) {
	for _, p := range m.parts {
		s := p.quiz.Summary()
		score += s.Score
		total += s.Total
		missed += len(s.Missed)
	}
	return score, total, missed
}

// position is the current question's number in the whole session and the
// session's length.
func (m *Model) position() (int, int) {
	n, total := 0, 0
	for i, p := range m.parts {
		if i < m.cur {
			n += len(p.quiz.Questions)
		}
		total += len(p.quiz.Questions)
	}
	return n + m.quiz.Pos + 1, total
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
	default:
		q := m.quiz.Current()
		if q == nil {
			break
		}
		lines = append(lines, common.WrapLines(s.Subtitle.Render(q.Text), tw, "", "")...)
		if b, ok := m.body[q.ID]; ok {
			lines = append(lines, b...)
		} else if q.Body != "" {
			lines = append(lines, s.Subtle.Render("…"))
		}
		lines = append(lines, s.Subtle.Render(common.KindHint(q.Kind)), "")
		if m.phase == Asking {
			texts := make([]string, len(q.Options))
			for i, o := range q.Options {
				texts[i] = o.Text
			}
			ol, at := s.OptionLines(texts, m.choice, tw, true)
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
	for i, o := range q.Options {
		out := res.Options[i]
		var mark, note string
		switch {
		case out.Chosen && out.Correct:
			mark, note = s.Right.Render(s.Symbols.Right), "right"
		case out.Chosen && !out.Correct:
			mark, note = s.Wrong.Render(s.Symbols.Wrong), "not right"
		case !out.Chosen && out.Correct:
			mark, note = s.Warning.Render(s.Symbols.Missed), "missed"
		default:
			mark, note = " ", ""
		}
		// The same boxes and indents as when the question was asked.
		box := s.Symbols.Unselected
		switch {
		case q.Kind != content.MultipleChoice && out.Chosen:
			box = s.Symbols.RadioOn
		case q.Kind != content.MultipleChoice:
			box = s.Symbols.Radio
		case out.Chosen:
			box = s.Symbols.Selected
		}
		prefix := fmt.Sprintf("%s %s %d. ", mark, box, i+1)
		indent := strings.Repeat(" ", common.Width(prefix))
		text := o.Text
		if note != "" {
			text += s.Subtle.Render("  (" + note + ")")
		}
		lines = append(lines, common.WrapLines(text, w, prefix, indent)...)
		if (out.Chosen || out.Correct) && o.Feedback != "" {
			lines = append(lines, common.WrapLines(s.Subtle.Render(o.Feedback), w, indent, indent)...)
		}
	}
	lines = append(lines, "")
	if res.Correct {
		lines = append(lines, s.Right.Render(s.Symbols.Right+" Right"))
	} else {
		verdict := s.Symbols.Wrong + " Not quite"
		if q.Kind == content.MultipleChoice {
			verdict += fmt.Sprintf(" — %.0f%%: you chose %d of %d right options and %d of %d wrong ones",
				res.Score*100, res.Spotted, res.Present, res.FalseAlarms, res.RedHerrings)
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

func (m *Model) offerLines(w int) []string {
	s := m.c.Styles
	o := m.offer
	answered := map[string]bool{}
	for _, a := range o.answers {
		answered[a.QuestionID] = true
	}
	n := len(o.att.Questions)
	at := min(max(o.att.Current, 0), n)
	lines := []string{s.Subtitle.Render("You have an unfinished quiz on this module"), ""}
	lines = append(lines, common.WrapLines(fmt.Sprintf("%d of %d questions answered; you stopped at question %d. Your answers so far are kept.",
		len(answered), n, min(at+1, n)), w, "", "")...)
	lines = append(lines, "", s.Key.Render("enter")+" resume where you stopped   "+s.Key.Render("a")+" start again   "+s.Key.Render("esc")+" back")
	return lines
}

func (m *Model) resultLines(w int) []string {
	s := m.c.Styles
	score, total, missed := m.totals()
	pct := 0.0
	if total > 0 {
		pct = 100 * score / float64(total)
	}
	title := "Quiz complete"
	if m.mode == progress.ModeReview {
		title = "Review complete"
	}
	lines := []string{
		s.Subtitle.Render(title),
		"",
		fmt.Sprintf("Score: %s of %d  (%.0f%%)", trimFloat(score), total, pct),
		s.Bar(min(w-2, 40), pct/100),
		"",
	}
	switch {
	case total == 0:
		lines = append(lines, "There were no questions to ask.")
	case missed == 0:
		lines = append(lines, s.Right.Render(s.Symbols.Right+" Every question fully right."))
	default:
		lines = append(lines, fmt.Sprintf("To look at again (%d):", missed))
		for _, p := range m.parts {
			for _, id := range p.quiz.Summary().Missed {
				q, ok := p.mod.Question(id)
				if !ok {
					continue
				}
				r, answered := p.quiz.Results[id]
				note := fmt.Sprintf("(%.0f%%)", r.Score*100)
				if !answered {
					note = "(not answered)"
				}
				lines = append(lines, common.WrapLines(fmt.Sprintf("%s  %s", q.Text, s.Subtle.Render(note)), w-2, s.Wrong.Render(s.Symbols.Wrong)+" ", "  ")...)
			}
		}
	}
	if m.mode == progress.ModeReview && total > 0 {
		lines = append(lines, "", s.Subtle.Render("Each question comes back later: sooner if you missed it, later if you got it right."))
	}
	if len(m.also) > 0 {
		names := common.IndicatorNames(m.c.Library.Catalogue, m.also)
		lines = append(lines, "")
		lines = append(lines, common.WrapLines("Also due: "+strings.Join(names, "; ")+". No quiz question asks about these; they come up in the case studies. "+s.Key.Render("i")+" looks them up.", w, "", "")...)
	}
	lines = append(lines, "")
	if missed > 0 {
		lines = append(lines, s.Key.Render("r")+" retry the missed questions")
	}
	lines = append(lines, s.Key.Render("enter")+" back")
	return lines
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

// View draws the header, the body window and the status line.
func (m *Model) View() string {
	s := m.c.Styles
	w := m.width
	mode := "practice"
	if m.mode == progress.ModeReview {
		mode = "review"
	}
	pos := ""
	if m.phase == Asking || m.phase == Feedback {
		n, total := m.position()
		pos = fmt.Sprintf("question %d of %d", n, total)
	}
	title := m.mod.Title
	if m.mode == progress.ModeReview && m.phase == Results {
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
		return []key.Binding{k.Move, k.Toggle, k.Submit, k.Back, k.Help, k.QuickExit}
	case Feedback:
		if q := m.quiz.Current(); q != nil && len(q.Indicators) == 0 {
			return []key.Binding{common.WithHelp(k.Continue, "next"), k.Down, k.Back, k.QuickExit}
		}
		return []key.Binding{common.WithHelp(k.Continue, "next"), k.Glossary, k.Down, k.Back, k.QuickExit}
	case Checking:
		return []key.Binding{k.Back, k.QuickExit}
	case Offer:
		return []key.Binding{k.Resume, k.Again, k.Back, k.QuickExit}
	}
	if _, _, missed := m.totals(); missed == 0 {
		return []key.Binding{common.WithHelp(k.Continue, "back"), k.QuickExit}
	}
	return []key.Binding{k.Retry, common.WithHelp(k.Continue, "back"), k.QuickExit}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Toggle, k.Submit},
		{k.Glossary, k.Retry, k.PageUp, k.PageDown},
		{k.Back, k.Quit, k.QuickExit, k.Help},
	}
}
