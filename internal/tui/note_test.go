package tui

import (
	"strings"
	"testing"
)

// TestContentNoteEveryEntry checks that a quiz, an exam, a review and a
// module show the content note first, whichever way they are opened, and
// that continue, skip and back do what they say.
func TestContentNoteEveryEntry(t *testing.T) {
	noteShown := func(d *driver, title string) {
		t.Helper()
		f := d.frame()
		if !strings.Contains(f, "Content note") || !strings.Contains(f, "Describes threats against workers.") || !strings.Contains(f, title) {
			t.Fatalf("want the content note of %q:\n%s", title, f)
		}
	}
	// From the library: t (quiz) and e (exam) on the module.
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "", 80, 24)
	d.keys("down", "t") // the second module has the note
	noteShown(d, "Recognising labour exploitation · quiz")
	d.keys("s") // skip: back to the library
	if len(d.m.stack) != 1 {
		t.Fatalf("skip should close the note, stack %d", len(d.m.stack))
	}
	d.keys("t", "enter")
	if f := d.frame(); !strings.Contains(f, "question 1 of 3") {
		t.Fatalf("enter should start the quiz:\n%s", f)
	}
	d.keys("esc")
	if len(d.m.stack) != 1 {
		t.Fatalf("esc from the quiz should go home, not to the note: stack %d", len(d.m.stack))
	}
	d.keys("e")
	noteShown(d, "Recognising labour exploitation · exam")
	d.keys("esc")
	if len(d.m.stack) != 1 {
		t.Fatalf("esc should close the note, stack %d", len(d.m.stack))
	}
	// From --start.
	for start, title := range map[string]string{"quiz:labour": "· quiz", "exam:labour": "· exam", "module:labour": "Recognising labour exploitation"} {
		d = newDriver(t, storeWithLearner(t), testLibrary(), "Sam", start, 80, 24)
		noteShown(d, title)
	}
	// After reading the module, its quiz does not ask again.
	d = newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "module:labour", 80, 24)
	d.keys("enter", "t")
	if f := d.frame(); !strings.Contains(f, "question 1 of 3") {
		t.Fatalf("the quiz from the reader should start at once:\n%s", f)
	}
}
