package plain

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

const examHelp = `Commands: type an option number to answer (1,3 for several), n next question, p previous,
g 5 go to question 5, f flag or unflag this question, u list unanswered and flagged questions,
s submit, h this help, q stop for now (the exam is kept, with the time that was left).`

// exam is an exam in progress.
type exam struct {
	m        *content.Module
	a        progress.Attempt
	answers  map[string][]int // module option order
	flagged  map[string]bool
	base     time.Duration // elapsed before this session
	t0       time.Time     // when this session's clock started
	settings content.ExamSettings
}

func (e *exam) elapsed(now time.Time) time.Duration { return e.base + now.Sub(e.t0) }

// Exam runs an assessed exam on a module with the given settings (already
// tightened by the caller): questions drawn and shuffled with a recorded
// seed, no feedback until submission, free movement between questions,
// flags, a countdown with a warning near the end, and automatic submission
// when time runs out. An unfinished exam attempt is resumed with the time
// that was left. The error is non-nil when the exam could not be taken at
// all, for instance when no attempts are left (engine.ErrNoAttemptsLeft).
func (s *Session) Exam(moduleID string, settings content.ExamSettings) error {
	m, err := s.module(moduleID)
	if err != nil {
		return err
	}
	if len(m.Questions) == 0 {
		return fmt.Errorf("module %q has no questions for an exam", m.ID)
	}
	settings = settings.WithDefaults(len(m.Questions))
	s.say("Exam: %s", titleLine(m))
	e, started, err := s.resumeExam(m, settings)
	if err != nil {
		return err
	}
	if e == nil {
		if e, started, err = s.newExam(m, settings); err != nil || !started {
			return err
		}
	}
	return s.runExam(e)
}

// resumeExam returns the learner's unfinished exam attempt, or nil.
func (s *Session) resumeExam(m *content.Module, settings content.ExamSettings) (*exam, bool, error) {
	a, answers, err := s.Store.UnfinishedAttempt(s.ctx(), s.Profile.ID, m.ID, progress.ModeExam)
	if errors.Is(err, progress.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read unfinished exam: %w", err)
	}
	e := &exam{m: m, a: a, answers: map[string][]int{}, flagged: map[string]bool{}, base: a.Elapsed, t0: s.now(), settings: settings}
	for _, ans := range answers {
		e.answers[ans.QuestionID] = ans.Chosen
	}
	for _, id := range a.Flagged {
		e.flagged[id] = true
	}
	e.a.Current = min(max(a.Current, 0), len(a.Questions)-1)
	left := "no time limit"
	if a.TimeLimit > 0 {
		left = spoken(engine.Remaining(a.TimeLimit, a.Elapsed)) + " left"
	}
	s.say("Continuing your exam at question %d of %d, %s.", e.a.Current+1, len(a.Questions), left)
	if a.Fingerprint != engine.Fingerprint(m) {
		s.say("Note: this module has changed since the exam began; questions no longer in it are not scored.")
	}
	return e, true, nil
}

// newExam checks the attempt limit, shows the rules and draws the exam.
func (s *Session) newExam(m *content.Module, settings content.ExamSettings) (*exam, bool, error) {
	atts, err := s.Store.Attempts(s.ctx(), s.Profile.ID, m.ID, progress.ModeExam)
	if err != nil {
		return nil, false, fmt.Errorf("count exam attempts: %w", err)
	}
	finished := 0
	for _, a := range atts {
		if a.Done() {
			finished++
		}
	}
	if err := engine.CanAttempt(settings, finished); err != nil {
		return nil, false, fmt.Errorf("exam %s: %w", m.ID, err)
	}
	ok, err := s.contentNote("module", m.ContentNote)
	if err != nil || !ok {
		return nil, false, ignoreEOF(err)
	}
	limit := "no time limit"
	if settings.TimeLimit > 0 {
		limit = "a time limit of " + spoken(settings.TimeLimit)
	}
	attempt := fmt.Sprintf("This is attempt %d", finished+1)
	if settings.Attempts > 0 {
		attempt += fmt.Sprintf(" of %d", settings.Attempts)
	}
	s.say("%d questions drawn from %d, %s, pass mark %d%%. %s.", settings.Questions, len(m.Questions), limit, settings.PassMark, attempt)
	s.say("There is no feedback until you submit. You can change answers until then.")
	s.say("%s", examHelp)
	line, err := s.ask("Enter to start the exam (the clock starts now), q to leave:")
	if err != nil || isQuit(line) {
		return nil, false, ignoreEOF(err)
	}
	now := s.now()
	seed := now.UnixNano()
	if s.Seed != nil {
		seed = s.Seed()
	}
	ids, order := engine.Draw(m, settings.Questions, seed)
	a := progress.Attempt{
		ProfileID: s.Profile.ID, ModuleID: m.ID, Mode: progress.ModeExam,
		Fingerprint: engine.Fingerprint(m), Version: m.Version, Seed: seed,
		Questions: ids, OptionOrder: order, TimeLimit: settings.TimeLimit, Started: now,
	}
	if stored, err := s.Store.StartAttempt(s.ctx(), a); err != nil {
		s.notSaved(err)
	} else {
		a = stored
	}
	return &exam{m: m, a: a, answers: map[string][]int{}, flagged: map[string]bool{}, t0: now, settings: settings}, true, nil
}

func (e *exam) order(i int) []int {
	if i < len(e.a.OptionOrder) {
		return e.a.OptionOrder[i]
	}
	return nil
}

func (e *exam) unanswered() []int {
	var out []int
	for i, id := range e.a.Questions {
		if len(e.answers[id]) == 0 {
			out = append(out, i+1)
		}
	}
	return out
}

func (e *exam) flaggedNumbers() []int {
	var out []int
	for i, id := range e.a.Questions {
		if e.flagged[id] {
			out = append(out, i+1)
		}
	}
	return out
}

func numbers(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// save stores the exam's position, flags and elapsed time.
func (s *Session) saveExam(e *exam) bool {
	if e.a.ID == 0 {
		return false
	}
	e.a.Elapsed = e.elapsed(s.now())
	e.a.Flagged = e.a.Flagged[:0]
	for _, id := range e.a.Questions {
		if e.flagged[id] {
			e.a.Flagged = append(e.a.Flagged, id)
		}
	}
	if err := s.Store.SaveAttempt(s.ctx(), e.a); err != nil {
		s.notSaved(err)
		return false
	}
	return true
}

func (s *Session) showExamQuestion(e *exam) {
	i := e.a.Current
	id := e.a.Questions[i]
	q, ok := e.m.Question(id)
	if !ok {
		s.blank()
		s.say("Question %d of %d is no longer in the module; it scores 0. Type n for the next question.", i+1, len(e.a.Questions))
		return
	}
	header := fmt.Sprintf("Question %d of %d", i+1, len(e.a.Questions))
	if e.flagged[id] {
		header += ", flagged"
	}
	s.showQuestion(header, q, e.order(i))
	if chosen := e.answers[id]; len(chosen) > 0 {
		s.say("Your answer so far: %s.", numbers(shownNumbers(q, e.order(i), chosen)))
	}
}

// shownNumbers maps module option indexes to the 1-based numbers shown.
func shownNumbers(q *content.Question, order, chosen []int) []int {
	shown := shownOrder(q, order)
	var out []int
	for n, mi := range shown {
		if slices.Contains(chosen, mi) {
			out = append(out, n+1)
		}
	}
	return out
}

// runExam is the exam's command loop.
func (s *Session) runExam(e *exam) error {
	limit := e.a.TimeLimit
	n := len(e.a.Questions)
	warned := false
	show := true
	for {
		el := e.elapsed(s.now())
		if limit > 0 && engine.Remaining(limit, el) == 0 {
			s.blank()
			s.say("Time is up. Your answers have been submitted.")
			return s.submitExam(e, el)
		}
		if show {
			s.showExamQuestion(e)
			show = false
		}
		prompt := "Answer or command (h for help):"
		var wait time.Duration
		if limit > 0 {
			rem := engine.Remaining(limit, el)
			if engine.Warning(limit, el) && !warned {
				warned = true
				s.say("Warning: only %s left. Unanswered questions score 0.", spoken(rem))
			}
			prompt = fmt.Sprintf("[%s left] %s", spoken(rem), prompt)
			wait = rem
		}
		line, timedOut, err := s.askUntil(prompt, wait)
		if timedOut {
			continue
		}
		if err != nil {
			return s.pauseExam(e, err)
		}
		if el := e.elapsed(s.now()); limit > 0 && engine.Remaining(limit, el) == 0 {
			continue // too late: the top of the loop submits
		}
		cmd, arg, _ := strings.Cut(strings.ToLower(line), " ")
		if len(cmd) > 1 && cmd[0] == 'g' && arg == "" {
			cmd, arg = "g", cmd[1:]
		}
		switch cmd {
		case "":
			show = true
		case "n":
			if e.a.Current == n-1 {
				s.say("This is the last question. Type u to see what is unanswered, or s to submit.")
				continue
			}
			e.a.Current++
			show = true
		case "p":
			if e.a.Current == 0 {
				s.say("This is the first question.")
				continue
			}
			e.a.Current--
			show = true
		case "g":
			k, err := strconv.Atoi(strings.TrimSpace(arg))
			if err != nil || k < 1 || k > n {
				s.say("Type g and a question number from 1 to %d, for example g 3.", n)
				continue
			}
			e.a.Current = k - 1
			show = true
		case "f":
			id := e.a.Questions[e.a.Current]
			e.flagged[id] = !e.flagged[id]
			if e.flagged[id] {
				s.say("Question %d is flagged for review.", e.a.Current+1)
			} else {
				s.say("Flag removed from question %d.", e.a.Current+1)
			}
		case "u":
			s.listOpen(e)
			continue
		case "h", "?", "help":
			s.say("%s", examHelp)
			continue
		case "q", "quit":
			return s.pauseExam(e, ErrQuit)
		case "s":
			if s.confirmSubmit(e) {
				return s.submitExam(e, e.elapsed(s.now()))
			}
			show = true
			continue
		default:
			if !s.answerExam(e, line) {
				continue
			}
			if e.a.Current < n-1 {
				e.a.Current++
				show = true
			} else {
				s.say("That was the last question. Type u to see what is unanswered, or s to submit.")
			}
		}
		s.saveExam(e)
	}
}

// answerExam records a typed answer to the current question.
func (s *Session) answerExam(e *exam, line string) bool {
	id := e.a.Questions[e.a.Current]
	q, ok := e.m.Question(id)
	if !ok {
		s.say("This question can no longer be answered. Type n for the next one.")
		return false
	}
	shown, err := engine.ParseChoice(line, len(q.Options), q.Kind == content.MultipleChoice)
	if err != nil {
		s.say("Not understood: %s. Type h for the commands.", err)
		return false
	}
	chosen := toModuleOrder(q, e.order(e.a.Current), shown)
	slices.Sort(chosen)
	r := engine.Score(q, chosen)
	now := s.now()
	e.answers[id] = chosen
	ans := progress.Answer{
		ProfileID: s.Profile.ID, AttemptID: e.a.ID, ModuleID: e.m.ID, QuestionID: id,
		Version: e.a.Fingerprint, Chosen: chosen, Correct: r.Correct, Score: r.Score,
		At: now, Indicators: hits(r),
	}
	if _, err := s.Store.RecordAnswer(s.ctx(), ans); err != nil {
		s.notSaved(err)
		return true
	}
	s.say("Answer %s to question %d saved.", numbers(shownNumbers(q, e.order(e.a.Current), chosen)), e.a.Current+1)
	return true
}

func (s *Session) listOpen(e *exam) {
	if un := e.unanswered(); len(un) > 0 {
		s.say("Unanswered: %s.", numbers(un))
	} else {
		s.say("Every question has an answer.")
	}
	if fl := e.flaggedNumbers(); len(fl) > 0 {
		s.say("Flagged for review: %s.", numbers(fl))
	}
}

func (s *Session) confirmSubmit(e *exam) bool {
	un, fl := e.unanswered(), e.flaggedNumbers()
	msg := fmt.Sprintf("You have answered %d of %d questions.", len(e.a.Questions)-len(un), len(e.a.Questions))
	if len(un) > 0 {
		msg += fmt.Sprintf(" Unanswered: %s.", numbers(un))
	}
	if len(fl) > 0 {
		msg += fmt.Sprintf(" Flagged: %s.", numbers(fl))
	}
	s.say("%s", msg)
	line, err := s.ask("Submit now? Type y to submit, Enter to go back:")
	if err != nil {
		return false
	}
	switch strings.ToLower(line) {
	case "y", "yes":
		return true
	}
	return false
}

// pauseExam keeps the attempt for later and stops.
func (s *Session) pauseExam(e *exam, why error) error {
	saved := s.saveExam(e)
	left := ""
	if e.a.TimeLimit > 0 {
		left = fmt.Sprintf(" with %s left", spoken(engine.Remaining(e.a.TimeLimit, e.elapsed(s.now()))))
	}
	if saved {
		s.say("Stopped. Your exam is kept%s; run the exam again to continue.", left)
	} else {
		s.say("Stopped.")
	}
	if errors.Is(why, ErrQuit) || errors.Is(why, io.EOF) {
		return nil
	}
	return why
}

// submitExam scores the exam, stores the result and shows it.
func (s *Session) submitExam(e *exam, el time.Duration) error {
	if e.a.TimeLimit > 0 && el > e.a.TimeLimit {
		el = e.a.TimeLimit
	}
	var cat *content.Catalogue
	if s.Lib != nil {
		cat = s.Lib.Catalogue
	}
	res := engine.ScoreExam(e.m, cat, e.a.Questions, e.answers, e.settings.PassMark)
	e.a.Finished = s.now()
	e.a.Score, e.a.Total, e.a.Passed = res.Score, res.Total, res.Passed
	e.a.Elapsed = el
	e.base, e.t0 = el, e.a.Finished
	s.blank()
	s.say("Exam submitted.")
	if e.a.ID != 0 {
		if err := s.Store.SaveAttempt(s.ctx(), e.a); err != nil {
			s.notSaved(err)
		} else {
			s.say("Saved.")
		}
	}
	if res.Passed {
		s.say("Result: PASSED.")
	} else {
		s.say("Result: NOT PASSED.")
	}
	s.say("Score: %s of %d (%s). Pass mark: %d%%.", points(res.Score), res.Total, percent(res.Percent), e.settings.PassMark)
	s.say("Answered: %d of %d.", res.Answered, res.Total)
	taken := "Time taken: " + spoken(el)
	if e.a.TimeLimit > 0 {
		taken += " of " + spoken(e.a.TimeLimit)
	}
	s.say("%s.", taken)
	if len(res.ByCategory) > 0 {
		s.say("By indicator category:")
		for _, c := range res.ByCategory {
			s.say("  %s: %s of %d (%s)", c.Category, points(c.Score), c.Total, percent(c.Percent()))
		}
	}
	if e.settings.Review == content.ReviewAnswers {
		s.reviewAnswers(e)
	} else {
		s.say("This exam shows the score only; answers are not reviewed.")
	}
	if res.Passed {
		if err := s.Store.MarkComplete(s.ctx(), s.Profile.ID, e.m.ID, s.now()); err != nil {
			s.notSaved(err)
		}
		s.say("You can print a certificate: frontline certificate --module %s", e.m.ID)
	}
	return nil
}

// reviewAnswers lists each question with the learner's answer and the
// right one, numbered as the options were shown in the exam.
func (s *Session) reviewAnswers(e *exam) {
	s.blank()
	s.say("Your answers:")
	for i, id := range e.a.Questions {
		q, ok := e.m.Question(id)
		if !ok {
			continue
		}
		order := e.order(i)
		s.blank()
		s.say("Question %d: %s", i+1, ToText(q.Text))
		chosen := e.answers[id]
		r := engine.Score(q, chosen)
		if len(chosen) == 0 {
			s.say("  Your answer: none (✗ unanswered).")
		} else {
			mark := "✗ not right"
			if r.Correct {
				mark = "✓ right"
			}
			s.say("  Your answer: %s (%s, %s of 1).", optionList(q, order, chosen), mark, points(r.Score))
		}
		if !r.Correct {
			s.say("  Right answer: %s.", optionList(q, order, q.Correct()))
		}
		if ex := ToText(q.Explanation); ex != "" {
			s.say("  Explanation: %s", ex)
		}
	}
}

func optionList(q *content.Question, order, chosen []int) string {
	shown := shownOrder(q, order)
	var parts []string
	for n, mi := range shown {
		if slices.Contains(chosen, mi) {
			parts = append(parts, fmt.Sprintf("%d. %s", n+1, ToText(q.Options[mi].Text)))
		}
	}
	return strings.Join(parts, "; ")
}
