package tui

import (
	"strings"
	"testing"
)

// TestContentNoteOncePerItem checks that a quiz, an exam, a review and a
// module show the content note first, whichever way they are opened, that
// continue, skip and back do what they say, and that a note the learner
// has read is not shown again for that item (for its reader, quiz or
// exam), unless they ask for notes every time or the note is reworded.
func TestContentNoteOncePerItem(t *testing.T) {
	noteShown := func(d *driver, title string) {
		t.Helper()
		f := d.frame()
		if !strings.Contains(f, "Content note") || !strings.Contains(f, "Describes threats against workers.") || !strings.Contains(f, title) {
			t.Fatalf("want the content note of %q:\n%s", title, f)
		}
	}
	// From the library: t (quiz) and e (exam) on the module.
	store := storeWithLearner(t)
	d := newDriver(t, store, testLibrary(), "Sam", "", 80, 24)
	d.keys("down", "t") // the second module has the note
	noteShown(d, "Recognising labour exploitation · quiz")
	if f := d.frame(); !strings.Contains(f, "Each note is shown once") {
		t.Errorf("the note should say it is shown once:\n%s", f)
	}
	d.keys("s") // skip: back to the library
	if len(d.m.stack) != 1 {
		t.Fatalf("skip should close the note, stack %d", len(d.m.stack))
	}
	d.keys("t") // skipped is not read: the note comes again
	noteShown(d, "Recognising labour exploitation · quiz")
	d.keys("esc")
	if len(d.m.stack) != 1 {
		t.Fatalf("esc should close the note, stack %d", len(d.m.stack))
	}
	d.keys("t", "enter")
	if f := d.frame(); !strings.Contains(f, "question 1 of 3") {
		t.Fatalf("enter should start the quiz:\n%s", f)
	}
	d.keys("esc")
	if len(d.m.stack) != 1 {
		t.Fatalf("esc from the quiz should go home, not to the note: stack %d", len(d.m.stack))
	}
	// Read once: the exam and the pages of the same module open at once,
	// today and after a restart.
	d.keys("e")
	if f := d.frame(); strings.Contains(f, "Content note") {
		t.Fatalf("the note was read; the exam should open at once:\n%s", f)
	}
	d = newDriver(t, store, testLibrary(), "Sam", "module:labour", 80, 24)
	if f := d.frame(); strings.Contains(f, "Content note") {
		t.Fatalf("the note was read; the module should open at once:\n%s", f)
	}
	// A reworded note is shown again.
	lib := testLibrary()
	mod, _ := lib.Module("labour")
	mod.ContentNote = "Describes threats against workers. Now also mentions injuries."
	d = newDriver(t, store, lib, "Sam", "quiz:labour", 80, 24)
	noteShown(d, "· quiz")

	// From --start, for a learner who has not read it.
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

	// a: notes every time, kept for the learner.
	store = storeWithLearner(t)
	d = newDriver(t, store, testLibrary(), "Sam", "quiz:labour", 80, 24)
	d.keys("a")
	if f := d.frame(); !strings.Contains(f, "Notes are shown every time") {
		t.Fatalf("a should switch to notes every time:\n%s", f)
	}
	d.keys("enter", "esc", "down", "e")
	noteShown(d, "· exam")
	d = newDriver(t, store, testLibrary(), "Sam", "module:labour", 80, 24)
	noteShown(d, "Recognising labour exploitation")
	d.keys("a", "enter") // back to once
	d = newDriver(t, store, testLibrary(), "Sam", "quiz:labour", 80, 24)
	if f := d.frame(); strings.Contains(f, "Content note") {
		t.Fatalf("back to once, a read note should not come again:\n%s", f)
	}
}
