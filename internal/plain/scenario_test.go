package plain

import (
	"testing"
)

func TestScenarioFull(t *testing.T) {
	h := newHarness(t)
	// Note, begin, checkpoint (one right, one false alarm), the companion,
	// back to the arrival, checkpoint all right, private talk, let her go.
	out := h.run(t, "\n\n1,3\n2\n1\n1,2\n1\n2\n", func(s *Session) error { return s.Scenario("landing") })
	wantInOrder(t, out,
		"Scenario: Night landing",
		"Content note: Mentions sexual exploitation.",
		"Briefing", "You are a reception officer at a port.",
		"Enter to begin, q to quit:",
		"Scene 1: The arrival", "A young woman arrives",
		"Checkpoint 1 of 1: Which indicators do you notice? (choose all that apply)",
		"  3. She is exhausted",
		"Not quite.",
		"  3. She is exhausted: wrong. Exhaustion is expected after a crossing.",
		"Indicators spotted here: 1 of 2. False alarms: 1 of 1.",
		"Saved.",
		"Decision: What do you do?",
		"  1. Arrange a private talk", "  2. Ask the older woman to translate",
		"Type an action's number from 1 to",
		"You chose: Ask the older woman to translate.", "She may be the person controlling her.", "Saved.",
		"Scene 2: Companion translates",
		"You chose: Start again with an interpreter.",
		"Scene 3: The arrival", "Checkpoint 1 of 1", "Correct.",
		"Scene 4: Private talk",
		"You chose: Let her go.", "She leaves with the companion.",
		"Scene 5: Gone", "You never see her again.",
		"Debrief",
		"Your path: The arrival, then Companion translates, then The arrival, then Private talk, then Gone.",
		"Recommended path: The arrival, then Private talk, then Safe.",
		"Your decisions, ",
		`  1. The arrival: you chose "Ask the older woman to translate"; the recommended action was "Arrange a private talk". She may be the person controlling her.`,
		`  2. Companion translates: you chose "Start again with an interpreter", the recommended action.`,
		`  4. Private talk: you chose "Let her go"; the recommended action was "Refer her to support".`,
		"Indicators spotted: 3 of 4",
		"False alarms: 1 of 2",
	)
	// The recommended action is never marked while choosing.
	wantNot(t, out[:len(out)-1200], "recommended")
	if len(h.runs()) != 1 {
		t.Fatalf("%d runs", len(h.runs()))
	}
	r := h.runs()[0]
	if !r.Done() || r.Ending != "gone" || len(r.Path) != 5 || len(r.Decisions) != 4 || len(r.Checkpoints) != 2 {
		t.Errorf("run = %+v", r)
	}
	if r.Spotted != 3 || r.Present != 4 || r.FalseAlarms != 1 || r.RedHerrings != 2 {
		t.Errorf("run figures = %d/%d %d/%d", r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings)
	}
	// The checkpoint missed the first time, then answered right: box 2.
	if it := h.reviews()["indicator/isolation"]; it.Box != 2 || it.Lapses != 1 {
		t.Errorf("review = %+v", it)
	}
}

func TestScenarioQuitAndResume(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "\n\n1,2\n1\nq\n", func(s *Session) error { return s.Scenario("landing") })
	wantInOrder(t, out, "Scene 2: Private talk", "Type an action's number from 1 to", "Stopped. Your run is kept")
	if r := h.runs()[0]; r.Done() || len(r.Path) != 2 {
		t.Fatalf("run after quit = %+v", r)
	}
	out = h.run(t, "\n1\n", func(s *Session) error { return s.Scenario("landing") })
	wantInOrder(t, out, "Continuing your run at scene: Private talk.", "Scene 2: Private talk",
		"You chose: Refer her to support.", "Scene 3: Safe", "Debrief",
		"Your path: The arrival, then Private talk, then Safe.",
		"Indicators spotted: 2 of 2", "False alarms: 0 of 1")
	wantNot(t, out, "Briefing", "Checkpoint")
	if len(h.runs()) != 1 || !h.runs()[0].Done() {
		t.Errorf("runs = %+v", h.runs())
	}
}

func TestScenarioResumeMidScene(t *testing.T) {
	h := newHarness(t)
	// Answer the checkpoint, then end input at the decision.
	h.run(t, "\n\n1,2\n", func(s *Session) error { return s.Scenario("landing") })
	out := h.run(t, "\n2\n2\n", func(s *Session) error { return s.Scenario("landing") })
	wantInOrder(t, out, "Continuing your run at scene: The arrival.", "Decision:", "Scene 2: Companion translates", "Scene 3: Gone", "Indicators spotted: 2 of 2")
	wantNot(t, out, "Checkpoint")
}

func TestScenarioSkipNote(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "s\n", func(s *Session) error { return s.Scenario("landing") })
	wantInOrder(t, out, "Content note:", "Skipped.")
	if len(h.runs()) != 0 {
		t.Error("a skipped scenario started a run")
	}
}
