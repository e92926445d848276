package plain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
)

const examHelp = `Commands: type an option number to answer (1,3 for several; an order like 3,1,2 for a put-in-order question),
n next question, p previous, g 5 go to question 5, r repeat this question, f flag or unflag this question,
u list unanswered and flagged questions, s submit, h this help, q leave for now (the exam is kept, and its clock keeps running).
` + QuickExitHelp

// Exam runs an assessed exam on a module with the given settings (already
// tightened by the caller): questions drawn and shuffled with a recorded
// seed, no feedback until submission, free movement between questions,
// flags, a deadline with a warning near the end that keeps running when
// the learner leaves, and automatic submission when time runs out. An
// unfinished exam is carried on with the time truly left, or, when its
// deadline passed meanwhile, submitted as it stood at the deadline. The
// error is non-nil when the exam could not be taken at all, for instance
// when no attempts are left (engine.ErrNoAttemptsLeft).
func (s *Session) Exam(moduleID string, settings content.ExamSettings) error {
	m, err := s.module(moduleID)
	if err != nil {
		return err
	}
	s.say("Exam: %s", titleLine(m))
	s.tellQuickExit()
	ctx, cancel := s.call()
	x, err := s.learner().OpenExam(ctx, s.Lib, m, settings)
	cancel()
	if err != nil {
		return err
	}
	switch {
	case x.Done():
		s.say("The time ran out while you were away, so the exam was submitted as it stood at the deadline.")
		s.examResult(x)
		return nil
	case x.Resumed:
		e := x.E
		left := "no time limit"
		if e.Limit > 0 {
			left = activity.Spoken(x.Remaining()) + " left, until " + x.Deadline().Local().Format("15:04")
		}
		s.say("Continuing your exam at question %d of %d, %s.", e.Pos+1, len(e.Questions), left)
		if x.Changed() {
			s.say("Note: this module has changed since the exam began; questions no longer in it are not scored.")
		}
	default:
		if started, err := s.beginExam(x); err != nil || !started {
			return err
		}
	}
	return s.runExam(x)
}

// beginExam shows the rules and draws the exam when the learner starts it.
func (s *Session) beginExam(x *activity.Exam) (bool, error) {
	m, set := x.Module(), x.Settings()
	ok, err := s.contentNote("module", m.ID, m.ContentNote)
	if err != nil || !ok {
		return false, ignoreEOF(err)
	}
	limit := "no time limit"
	if set.TimeLimit > 0 {
		limit = "a time limit of " + activity.Spoken(set.TimeLimit)
	}
	attempt := fmt.Sprintf("This is attempt %d", x.Before+1)
	if set.Attempts > 0 {
		attempt += fmt.Sprintf(" of %d", set.Attempts)
	}
	s.say("%s drawn from %d, %s, pass mark %d%%. %s.", activity.Count(set.Questions, "question"), len(m.Questions), limit, set.PassMark, attempt)
	s.say("There is no feedback until you submit. You can change answers until then.")
	if set.TimeLimit > 0 {
		s.say("The clock starts when you begin and keeps running if you leave or close frontline.")
	}
	s.say("%s", examHelp)
	line, err := s.ask("Enter to start the exam (the clock starts now), q to leave:")
	if err != nil || isQuit(line) {
		return false, ignoreEOF(err)
	}
	if s.Seed != nil {
		x.Seed(s.Seed())
	}
	if err := s.save(x.Begin()); err != nil {
		s.notSaved(err)
	}
	return true, nil
}

func numbers(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// oneBased adds one to each position.
func oneBased(ns []int) []int {
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = n + 1
	}
	return out
}

func (s *Session) showExamQuestion(x *activity.Exam) {
	e := x.E
	i := e.Pos
	q := e.Question(i)
	if q == nil {
		s.blank()
		s.say("Question %d of %d is no longer in the module; it scores 0. Type n for the next question.", i+1, len(e.Questions))
		return
	}
	header := fmt.Sprintf("Question %d of %d", i+1, len(e.Questions))
	if e.Flagged[q.ID] {
		header += ", flagged"
	}
	s.showQuestion(header, q, e.Shown(i))
	if ans, ok := e.Answers[q.ID]; ok {
		s.say("Your answer so far: %s.", numbers(oneBased(e.ToShown(i, ans))))
	}
}

// runExam is the exam's command loop.
func (s *Session) runExam(x *activity.Exam) error {
	e := x.E
	n := len(e.Questions)
	warned := false
	show := true
	for {
		if x.Expired() {
			s.blank()
			s.say("Time is up. Your answers have been submitted.")
			return s.submitExam(x)
		}
		if show {
			s.showExamQuestion(x)
			show = false
		}
		prompt := "Type an answer or a command (h for the commands):"
		var wait time.Duration
		if e.Limit > 0 {
			rem := x.Remaining()
			if x.Warning() && !warned {
				warned = true
				s.say("Warning: only %s left. Unanswered questions score 0.", activity.Spoken(rem))
			}
			prompt = fmt.Sprintf("[%s left] %s", activity.Spoken(rem), prompt)
			wait = rem
		}
		line, timedOut, err := s.askUntil(prompt, wait)
		if timedOut {
			continue
		}
		if err != nil {
			return s.pauseExam(x)
		}
		if x.Expired() {
			continue // too late: the top of the loop submits
		}
		cmd, arg, _ := strings.Cut(strings.ToLower(line), " ")
		if len(cmd) > 1 && cmd[0] == 'g' && arg == "" {
			cmd, arg = "g", cmd[1:]
		}
		switch cmd {
		case "":
			s.say("Type an answer, or n for the next question, r to repeat this one, s to submit, h for the commands.")
			continue
		case "r":
			show = true
			continue
		case "n":
			if e.Pos == n-1 {
				s.say("This is the last question. Type u to see what is unanswered, or s to submit.")
				continue
			}
			e.Pos++
			show = true
		case "p":
			if e.Pos == 0 {
				s.say("This is the first question.")
				continue
			}
			e.Pos--
			show = true
		case "g":
			k, err := strconv.Atoi(strings.TrimSpace(arg))
			if err != nil || k < 1 || k > n {
				s.say("Type g and a question number from 1 to %d, for example g 3.", n)
				continue
			}
			e.Pos = k - 1
			show = true
		case "f":
			if e.ToggleFlag(e.Pos) {
				s.say("Question %d is flagged for review.", e.Pos+1)
			} else {
				s.say("Flag removed from question %d.", e.Pos+1)
			}
		case "u":
			s.listOpen(x)
			continue
		case "h", "?", "help":
			s.say("%s", examHelp)
			continue
		case "q", "quit":
			if s.confirmLeave(x) {
				return s.pauseExam(x)
			}
			show = true
			continue
		case "s":
			if s.confirmSubmit(x) {
				return s.submitExam(x)
			}
			show = true
			continue
		default:
			taken, saved := s.answerExam(x, line)
			if !taken {
				continue
			}
			if !saved {
				// Said already; the next step's save says it again if the
				// store still refuses.
				if e.Pos < n-1 {
					e.Pos++
					show = true
				}
				continue
			}
			if e.Pos < n-1 {
				e.Pos++
				show = true
			} else {
				s.say("That was the last question. Type u to see what is unanswered, or s to submit.")
			}
		}
		if err := s.save(x.SavePosition()); err != nil {
			s.notSaved(err)
		}
	}
}

// answerExam records a typed answer to the current question: taken is
// false when the answer was not understood, saved false when the store
// refused it (and the learner was told).
func (s *Session) answerExam(x *activity.Exam, line string) (taken, saved bool) {
	e := x.E
	q := e.Question(e.Pos)
	if q == nil {
		s.say("This question can no longer be answered. Type n for the next one.")
		return false, false
	}
	shown, err := engine.ParseAnswer(q, line, len(q.Options))
	if err != nil {
		s.say("Not understood: %s. Type h for the commands.", err)
		return false, false
	}
	i := e.Pos
	if err := s.save(x.Answer(i, shown)); err != nil {
		s.notSaved(err)
		return true, false
	}
	s.say("Answer %s to question %d saved.", numbers(oneBased(e.ToShown(i, e.Answers[q.ID]))), i+1)
	return true, true
}

func (s *Session) listOpen(x *activity.Exam) {
	e := x.E
	if un := e.Unanswered(); len(un) > 0 {
		s.say("Unanswered: %s.", numbers(oneBased(un)))
	} else {
		s.say("Every question has an answer.")
	}
	var fl []int
	for i, id := range e.Questions {
		if e.Flagged[id] {
			fl = append(fl, i+1)
		}
	}
	if len(fl) > 0 {
		s.say("Flagged for review: %s.", numbers(fl))
	}
}

func (s *Session) confirmSubmit(x *activity.Exam) bool {
	e := x.E
	un := e.Unanswered()
	msg := fmt.Sprintf("You have answered %d of %d questions.", len(e.Questions)-len(un), len(e.Questions))
	if len(un) > 0 {
		msg += fmt.Sprintf(" Unanswered: %s.", numbers(oneBased(un)))
	}
	if fl := len(e.FlaggedList()); fl > 0 {
		msg += fmt.Sprintf(" Flagged: %d.", fl)
	}
	s.say("%s", msg)
	line, err := s.ask("Submit now? Type y to submit, Enter to go back:")
	if err != nil {
		return false
	}
	l := strings.ToLower(line)
	return l == "y" || l == "yes"
}

// confirmLeave asks before leaving an open exam, saying its clock keeps
// running.
func (s *Session) confirmLeave(x *activity.Exam) bool {
	if x.E.Limit > 0 {
		s.say("The clock keeps running while you are away: %s left, until %s. Your answers are kept.",
			activity.Spoken(x.Remaining()), x.Deadline().Local().Format("15:04"))
	} else {
		s.say("Your answers are kept; the exam waits until you submit it.")
	}
	line, err := s.ask("Leave the exam for now? Type y to leave, Enter to go back:")
	if err != nil {
		return true
	}
	l := strings.ToLower(line)
	return l == "y" || l == "yes"
}

// pauseExam keeps the attempt for later and stops.
func (s *Session) pauseExam(x *activity.Exam) error {
	if err := s.save(x.SavePosition()); err != nil {
		s.notSaved(err)
		s.say("Stopped.")
		return nil
	}
	if x.E.Limit > 0 {
		s.say("Stopped. Your exam is kept; its clock keeps running: %s left, until %s. Run the exam again to continue.",
			activity.Spoken(x.Remaining()), x.Deadline().Local().Format("15:04"))
	} else {
		s.say("Stopped. Your exam is kept; run the exam again to continue.")
	}
	return nil
}

// submitExam scores the exam, stores the result and shows it.
func (s *Session) submitExam(x *activity.Exam) error {
	p := x.Submit()
	s.blank()
	s.say("Exam submitted.")
	s.saved(p)
	s.examResult(x)
	return nil
}

// examResult shows a submitted exam's result.
func (s *Session) examResult(x *activity.Exam) {
	res, set, a := x.Result(), x.Settings(), x.Attempt()
	if res.Passed {
		s.say("Result: PASSED.")
	} else {
		s.say("Result: NOT PASSED.")
	}
	s.say("Score: %s of %d (%s). Pass mark: %d%%.", activity.Points(res.Score), res.Total, activity.Percent(res.Percent), set.PassMark)
	s.say("Answered: %d of %d.", res.Answered, res.Total)
	taken := "Time taken: " + activity.Spoken(x.Taken())
	if a.TimeLimit > 0 {
		taken += " of " + activity.Spoken(a.TimeLimit)
	}
	s.say("%s.", taken)
	if len(res.ByCategory) > 0 {
		s.say("By indicator category, %s:", activity.CountAs(len(res.ByCategory), "category", "categories"))
		for _, c := range res.ByCategory {
			s.say("  %s: %s of %d (%s)", c.Category, activity.Points(c.Score), c.Total, activity.Percent(c.Percent()))
		}
	}
	if set.Review == content.ReviewAnswers {
		s.reviewAnswers(x)
	} else {
		s.say("This exam shows the score only; answers are not reviewed.")
	}
	if res.Passed {
		s.say("%s", x.Certificate())
	}
}

// reviewAnswers lists each question with the learner's answer and the
// right one, numbered as the options were shown in the exam.
func (s *Session) reviewAnswers(x *activity.Exam) {
	e := x.E
	s.blank()
	s.say("Your answers, %s:", activity.Count(len(e.Questions), "question"))
	for i := range e.Questions {
		q := e.Question(i)
		if q == nil {
			continue
		}
		order := e.Shown(i)
		s.blank()
		s.say("Question %d: %s", i+1, ToText(q.Text))
		chosen := e.Answers[q.ID]
		r := engine.Score(q, chosen)
		if len(chosen) == 0 {
			s.say("  Your answer: none (unanswered).")
		} else {
			mark := "not right"
			if r.Correct {
				mark = "right"
			}
			s.say("  Your answer: %s (%s, %s of 1).", optionList(q, order, chosen), mark, activity.Points(r.Score))
		}
		if !r.Correct {
			s.say("  Right answer: %s.", optionList(q, order, q.Correct()))
		}
		if ex := ToText(q.Explanation); ex != "" {
			s.say("  Explanation: %s", ex)
		}
	}
}

// optionList names the options of an answer with their shown numbers: the
// options chosen in the order shown, or an order in the order given.
func optionList(q *content.Question, order, chosen []int) string {
	shown := shownOrder(q, order)
	var parts []string
	name := func(mi int) {
		if n := slices.Index(shown, mi); n >= 0 {
			parts = append(parts, fmt.Sprintf("%d. %s", n+1, ToText(q.Options[mi].Text)))
		}
	}
	if q.Kind == content.Ordering {
		for _, mi := range chosen {
			name(mi)
		}
		return strings.Join(parts, "; then ")
	}
	for _, mi := range shown {
		if slices.Contains(chosen, mi) {
			name(mi)
		}
	}
	return strings.Join(parts, "; ")
}
