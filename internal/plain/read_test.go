package plain

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	h := newHarness(t)
	// continue past the note; next; back; next; wrong input; finish.
	out := h.run(t, "\n\nb\n\nzz\n\n", func(s *Session) error { return s.Read("passports") })
	wantInOrder(t, out,
		"Documents and control (version 1.0)",
		"Content note: Describes threats against workers.",
		"Enter to continue, s to skip this module, b to go back, r to repeat the note:",
		"Page 1 of 2: Why documents matter",
		"Holding a passport controls a person.",
		"Important: Consent to a job is not consent to exploitation.",
		"Enter for the next page, b for back, r to repeat this page, q to quit:",
		"Page 2 of 2: What to do", "- Talk in private",
		"Page 1 of 2", "Page 2 of 2",
		"Type Enter for the next page",
		"Enter to finish, b for back, r to repeat this page, q to quit:",
		"You have read all of Documents and control.",
		"Its quiz has 3 questions",
	)
	wantNot(t, out, "SECRET", "**", "[!IMPORTANT]", "\x1b")
	if !h.complete("passports") {
		t.Error("module not marked complete")
	}
}

func TestReadQuitAndResume(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "\n\nq\n", func(s *Session) error { return s.Read("passports") })
	wantInOrder(t, out, "Page 2 of 2", "Stopped at page 2 of 2")
	out = h.run(t, "\n\n", func(s *Session) error { return s.Read("passports") })
	wantInOrder(t, out, "Continuing at page 2 of 2.", "Page 2 of 2: What to do", "You have read all")
	wantNot(t, out, "Page 1 of 2")
}

func TestReadContentNoteSkipAndUnknown(t *testing.T) {
	h := newHarness(t)
	out := h.run(t, "s\n", func(s *Session) error { return s.Read("passports") })
	wantInOrder(t, out, "Content note:", "Skipped.")
	wantNot(t, out, "Page 1")
	var b strings.Builder
	if err := h.session("", &b).Read("nope"); err == nil || !strings.Contains(err.Error(), `no module with id "nope"`) {
		t.Errorf("unknown module: %v", err)
	}
}
