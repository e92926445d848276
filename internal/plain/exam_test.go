package plain

import (
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
)

const testSeed = 7

// examLines returns, per drawn question, the typed right answer and a
// typed wrong one, numbered as the exam shows the options.
func examLines(t *testing.T, m *content.Module, n int) (right, wrong []string) {
	t.Helper()
	ids, order := engine.Draw(m, n, testSeed)
	for i, id := range ids {
		q, _ := m.Question(id)
		right = append(right, numbers(shownNumbers(q, order[i], q.Correct())))
		var bad []int
		for j, o := range q.Options {
			if !o.Correct {
				bad = append(bad, j)
				break
			}
		}
		wrong = append(wrong, numbers(shownNumbers(q, order[i], bad)))
	}
	return right, wrong
}

func (h *harness) exam(t *testing.T, input string, settings content.ExamSettings) string {
	t.Helper()
	var out strings.Builder
	s := h.session(input, &out)
	s.Seed = func() int64 { return testSeed }
	if err := s.Exam("passports", settings); err != nil {
		t.Fatalf("Exam: %v\ntranscript:\n%s", err, out.String())
	}
	return out.String()
}

func TestExamPass(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	right, _ := examLines(t, m, 3)
	input := "\n\n" + strings.Join(right, "\n") + "\ns\ny\n"
	out := h.exam(t, input, m.Exam)
	wantInOrder(t, out,
		"Exam: Documents and control (version 1.0)",
		"Content note:",
		"3 questions drawn from 3, a time limit of 10 minutes, pass mark 60%. This is attempt 1 of 2.",
		"There is no feedback until you submit.",
		"Enter to start the exam",
		"Question 1 of 3", "[10 minutes left] Type an answer or a command (h for the commands):", "Answer "+right[0]+" to question 1 saved.",
		"Question 2 of 3", "Question 3 of 3", "That was the last question.",
		"You have answered 3 of 3 questions.", "Submit now?",
		"Exam submitted.", "Saved.",
		"Result: PASSED.",
		"Score: 3 of 3 (100%). Pass mark: 60%.",
		"Answered: 3 of 3.",
		"Time taken: 0 seconds of 10 minutes.",
		"By indicator category, ", "  Coercion: 2 of 2 (100%)", "  Isolation: 1 of 1 (100%)",
		"Your answers, ", "right",
		"You can write a self-study record (not checked by a trainer): frontline certificate --profile Ana --module passports",
	)
	before := out[:strings.Index(out, "Exam submitted.")]
	wantNot(t, before, "Correct", "✓", "✗", "Explanation")
	a := h.attempts()[0]
	ids, order := engine.Draw(m, 3, testSeed)
	if !a.Done() || !a.Passed || a.Seed != testSeed || !reflect.DeepEqual(a.Questions, ids) || !reflect.DeepEqual(a.OptionOrder, order) || a.Total != 3 {
		t.Errorf("attempt = %+v", a)
	}
	if a.Fingerprint == "" {
		t.Error("no fingerprint recorded")
	}
	for _, ans := range h.answers() {
		if !ans.Correct {
			t.Errorf("stored answer %+v not correct: options must be stored in module order", ans)
		}
	}
	if !h.complete("passports") {
		t.Error("passing the exam did not complete the module")
	}
}

func TestExamFailScoreOnly(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	right, wrong := examLines(t, m, 3)
	settings := m.Exam
	settings.Review = content.ReviewScore
	// One right, one wrong, one unanswered.
	input := "\n\n" + right[0] + "\n" + wrong[1] + "\ns\ny\n"
	out := h.exam(t, input, settings)
	wantInOrder(t, out,
		"You have answered 2 of 3 questions. Unanswered: 3.",
		"Result: NOT PASSED.",
		"Pass mark: 60%.",
		"Answered: 2 of 3.",
		"This exam shows the score only; answers are not reviewed.",
	)
	wantNot(t, out, "Right answer", "Your answers, ", "certificate")
	if a := h.attempts()[0]; !a.Done() || a.Passed || a.Percent() >= 60 {
		t.Errorf("attempt = %+v", a)
	}
}

func TestExamReviewShowsRightAnswers(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	_, wrong := examLines(t, m, 3)
	out := h.exam(t, "\n\n"+wrong[0]+"\ns\ny\n", m.Exam)
	wantInOrder(t, out, "Result: NOT PASSED.", "Your answers, ", "Question 1:", "(not right,", "Right answer:",
		"Question 2:", "Your answer: none (unanswered).", "Right answer:")
}

func TestExamNavigationFlagsAndResume(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	right, _ := examLines(t, m, 3)
	input := "\n\np\nn\nn\nn\ng 9\ng1\nf\nu\n" + right[0] + "\nzz\ns\n\nq\n\nq\ny\n"
	out := h.exam(t, input, m.Exam)
	wantInOrder(t, out,
		"Question 1 of 3", "This is the first question.",
		"Question 2 of 3", "Question 3 of 3", "This is the last question.",
		"Type g and a question number from 1 to 3",
		"Question 1 of 3",
		"Question 1 is flagged for review.",
		"Unanswered: 1, 2, 3.", "Flagged for review: 1.",
		"Answer "+right[0]+" to question 1 saved.",
		"Question 2 of 3",
		"Not understood: \"zz\" is not an option number",
		"You have answered 1 of 3 questions. Unanswered: 2, 3. Flagged: 1.",
		"Submit now?",
		"Question 2 of 3",
		"The clock keeps running while you are away: 10 minutes left", "Leave the exam for now?",
		"Question 2 of 3",
		"Stopped. Your exam is kept; its clock keeps running: 10 minutes left",
	)
	a := h.attempts()[0]
	if a.Done() || a.Current != 1 || !reflect.DeepEqual(a.Flagged, []string{a.Questions[0]}) {
		t.Fatalf("attempt after quit = %+v", a)
	}
	// Resume: same attempt, same question, the answer and flag kept.
	out = h.exam(t, "p\ns\ny\n", m.Exam)
	wantInOrder(t, out,
		"Continuing your exam at question 2 of 3,",
		"Question 2 of 3",
		"Question 1 of 3, flagged", "Your answer so far: "+right[0]+".",
		"You have answered 1 of 3 questions.",
		"Result: NOT PASSED.", "Score: 1 of 3 (33%)",
	)
	wantNot(t, out, "Enter to start")
	if len(h.attempts()) != 1 || !h.attempts()[0].Done() {
		t.Errorf("attempts = %+v", h.attempts())
	}
}

func TestExamTimesOutWithClock(t *testing.T) {
	h := newHarness(t)
	h.clock.step = 10 * time.Second
	m := h.lib.Modules[0]
	right, _ := examLines(t, m, 3)
	input := "\n\n" + right[0] + "\n" + strings.Repeat("f\n", 200)
	out := h.exam(t, input, m.Exam)
	wantInOrder(t, out, "Answer "+right[0]+" to question 1 saved.",
		"Warning: only", "left. Unanswered questions score 0.",
		"Time is up. Your answers have been submitted.",
		"Answered: 1 of 3.", "Time taken: 10 minutes of 10 minutes.")
	if strings.Count(out, "Warning: only") != 1 {
		t.Error("warning shown more than once")
	}
	a := h.attempts()[0]
	if !a.Done() || a.Elapsed != 10*time.Minute || math.Abs(a.Score-1) > 1e-9 {
		t.Errorf("attempt = %+v", a)
	}
}

func TestExamTimesOutWithoutInput(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() { io.WriteString(pw, "\n\n") }()
	var out strings.Builder
	s := h.session("", &out)
	s.In, s.Now, s.Seed = pr, nil, func() int64 { return testSeed }
	settings := m.Exam
	settings.TimeLimit = 300 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- s.Exam("passports", settings) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("exam did not end when its time ran out\n%s", out.String())
	}
	wantInOrder(t, out.String(), "Question 1 of 3", "Time is up. Your answers have been submitted.", "Answered: 0 of 3.")
	if !h.attempts()[0].Done() {
		t.Error("attempt not finished")
	}
}

func TestExamAttemptLimit(t *testing.T) {
	h := newHarness(t)
	m := h.lib.Modules[0]
	for range 2 {
		h.exam(t, "\n\ns\ny\n", m.Exam)
	}
	var out strings.Builder
	err := h.session("\n\n", &out).Exam("passports", m.Exam)
	if !errors.Is(err, engine.ErrNoAttemptsLeft) || !strings.Contains(err.Error(), "you have used 2 of 2 attempts") {
		t.Errorf("third attempt: %v", err)
	}
	if len(h.attempts()) != 2 {
		t.Errorf("%d attempts stored", len(h.attempts()))
	}
}

func TestExamNotSaved(t *testing.T) {
	h := newHarness(t)
	h.failWrites()
	m := h.lib.Modules[0]
	right, _ := examLines(t, m, 3)
	out := h.exam(t, "\n\n"+strings.Join(right, "\n")+"\ns\ny\n", m.Exam)
	wantInOrder(t, out, "NOT SAVED: disk full", "Result: PASSED.")
	wantNot(t, out, "Saved.", "saved.")
}
