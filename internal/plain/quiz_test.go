package plain

import (
	"errors"
	"math"
	"testing"

	"frontline/internal/progress"
)

func TestQuizFull(t *testing.T) {
	h := newHarness(t)
	// Note; q1 right; q2 bad input twice then one right + one wrong; q3 wrong; finish.
	out := h.run(t, "\n2\n5\n1,x\n1,3\n1\n\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out,
		"Quiz: Documents and control",
		"Content note:",
		"Question 1 of 3 (single choice)",
		"A recruiter keeps a worker's passport.",
		"  1. Nothing unusual", "  2. Retention of identity documents", "  3. Debt bondage",
		answerPrompt,
		"Correct.",
		"  2. Retention of identity documents: right.",
		"Explanation: Keeping a passport restricts freedom to leave.",
		"Indicators: Identity documents held by someone else (Coercion).",
		"Saved.",
		"Question 2 of 3 (select all that apply)",
		"Not understood: there is no option 5; type a number from 1 to 4.",
		`Not understood: "x" is not an option number`,
		"Not quite. You chose 1 of 2 right options and 1 of 2 wrong ones: 0 of 1 point.",
		"You chose ",
		"  1. Owes a debt to the employer: right. Debt is a control.",
		"  3. Is tired after a night shift: wrong. Tiredness alone means nothing.",
		"The right answer you did not choose:",
		"  2. Lives at the workplace",
		"Indicators: Debt bondage (Coercion); Isolation (Isolation).",
		"Saved.",
		"Question 3 of 3 (true or false)",
		"Not quite.",
		"  1. True: wrong.",
		"Saved.",
		"Quiz complete.",
		"Score: 1 of 3 (33%). Fully right: 1 of 3.",
		"Questions to look at again:",
		"  - Which are indicators? (0 of 1)",
		"  - Consent to travel means there is no trafficking. (0 of 1)",
		"Type a to try the missed questions again, or Enter to finish:",
	)
	if len(h.answers()) != 3 {
		t.Fatalf("%d answers stored", len(h.answers()))
	}
	a := h.answers()[1]
	if a.QuestionID != "signs" || math.Abs(a.Score-0) > 1e-9 || a.Correct || len(a.Chosen) != 2 || a.Chosen[1] != 2 {
		t.Errorf("answer 2 = %+v", a)
	}
	if len(a.Indicators) != 2 || a.Indicators[0].Hit {
		t.Errorf("indicator hits = %+v", a.Indicators)
	}
	at := h.attempts()[0]
	if !at.Done() || at.Mode != progress.ModePractice || math.Abs(at.Score-1) > 1e-9 || at.Total != 3 {
		t.Errorf("attempt = %+v", at)
	}
	// Wrong answers entered the review queue; the right one did not.
	if _, ok := h.reviews()["question/passports/signs"]; !ok {
		t.Error("missed question not queued for review")
	}
	if _, ok := h.reviews()["question/passports/keeps-passport"]; ok {
		t.Error("a question answered right first time was queued")
	}
	if it := h.reviews()["indicator/debt-bondage"]; it.Box != 1 || it.Lapses != 1 {
		t.Errorf("indicator review item = %+v", it)
	}
	if h.complete("passports") {
		t.Error("module marked complete below the pass mark")
	}
}

func TestQuizRetryMissed(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "\n2\n1\n1\na\n1,2\n2\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out,
		"Score: 1.5 of 3",
		"a to try the missed questions again",
		"Retrying 2 questions.",
		"Question 1 of 2 (select all that apply)", "Correct.",
		"Question 2 of 2 (true or false)", "Correct.",
		"Score: 2 of 2 (100%). Fully right: 2 of 2.",
	)
	wantNot(t, out[len(out)-200:], "a to try the missed")
	if len(h.attempts()) != 2 || !h.attempts()[1].Done() {
		t.Errorf("attempts = %+v", h.attempts())
	}
	// The missed question answered right now moves up a box.
	if it := h.reviews()["question/passports/signs"]; it.Box != 2 {
		t.Errorf("review item after a right answer = %+v", it)
	}
}

func TestQuizQuitAndResume(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "\n2\nq\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out, "Question 2 of 3", "Stopped at question 2 of 3.")
	if a := h.attempts()[0]; a.Done() || a.Current != 1 {
		t.Fatalf("attempt after quit = %+v", a)
	}
	// End of input also stops cleanly and keeps the position.
	out = h.run(t, "\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out, "Continuing your quiz at question 2 of 3.", "Question 2 of 3", "Stopped at question 2 of 3.")
	out = h.run(t, "\n1,2\n2\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out, "Continuing your quiz at question 2 of 3.", "Question 2 of 3", "Question 3 of 3",
		"Score: 3 of 3 (100%). Fully right: 3 of 3.")
	wantNot(t, out, "Question 1 of 3", "a to try the missed")
	if len(h.attempts()) != 1 || !h.attempts()[0].Done() {
		t.Errorf("attempts = %+v", h.attempts())
	}
	if h.complete("passports") {
		t.Error("a practice quiz completed the module; only reading to the end or passing the exam does (activity.Completion)")
	}
}

func TestQuizNotSaved(t *testing.T) {
	h := newHarness(t)
	h.failWrites()
	out := h.run(t, "\n2\n1,2\n2\n", func(s *Session) error { return s.Quiz("passports") })
	wantInOrder(t, out, "NOT SAVED: disk full: not saved", "Correct.", "NOT SAVED: disk full", "Score: 3 of 3")
	wantNot(t, out, "Saved.")
	if len(h.answers()) != 0 {
		t.Error("answers stored despite failing writes")
	}
	if _, err := h.store.RecordAnswer(t.Context(), progress.Answer{ProfileID: 1, ModuleID: "passports", QuestionID: "signs"}); !errors.Is(err, progress.ErrNotSaved) {
		t.Errorf("a refused write does not wrap ErrNotSaved: %v", err)
	}
}
