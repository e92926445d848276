package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// TestContinueListsEverythingUnfinished leaves a page, a quiz, an exam and a
// case study part way and checks that home lists all of them, the open
// exam first with its time left, and that each opens where it stopped.
func TestContinueListsEverythingUnfinished(t *testing.T) {
	st := storeWithLearner(t)
	lib := testLibrary()
	lib.Modules[0].Exam.TimeLimit = 20 * time.Minute
	// A case study begun, the labour quiz half done, basics' exam begun.
	d := newDriver(t, st, lib, "Sam", "scenario:farm", 80, 24)
	d.keys("enter", "enter") // note, briefing
	d = newDriver(t, st, lib, "Sam", "quiz:labour", 80, 24)
	d.keys("enter", "2", "enter", "enter") // note, question 1
	d = newDriver(t, st, lib, "Sam", "exam:labour", 80, 24)
	d.keys("enter", "1", "right", "esc", "y") // rules; one answer; leave
	setBookmark(t, st, progress.Bookmark{ProfileID: 1, Kind: "module", ItemID: "basics", Position: 0})

	d = newDriver(t, st, lib, "Sam", "", 100, 40)
	f := d.frame()
	exam := strings.Index(f, "Exam: Recognising labour exploitation")
	quiz := strings.Index(f, "Practice quiz: Recognising labour exploitation")
	run := strings.Index(f, "Case study: Farm inspection")
	if exam < 0 || quiz < 0 || run < 0 || !(exam < quiz && exam < run) {
		t.Fatalf("home should list the open exam first, then the quiz and the case study:\n%s", f)
	}
	until := testNow.Add(20 * time.Minute).Local().Format("15:04")
	if !strings.Contains(f, "20 minutes left, until "+until+" · question 2 of 3 · 1 answered") {
		t.Errorf("the exam row should say where it stands and its time left:\n%s", f)
	}
	if !strings.Contains(f, "question 2 of 3 · 1 answered · enter carries on") || !strings.Contains(f, "at “Arrival”") {
		t.Errorf("the quiz and case study rows should say where they stand:\n%s", f)
	}
	// The exam row opens the exam where it was left.
	d.keys("enter")
	if f := d.frame(); !strings.Contains(f, "Resuming your attempt: 1 of 3 answered") {
		t.Fatalf("the exam row should resume the exam:\n%s", f)
	}
	d.keys("enter", "esc", "y")
	// The case study row carries on at its scene, without asking.
	d = newDriver(t, st, lib, "Sam", "", 100, 40)
	d.keys("down", "down", "enter")
	if f := d.frame(); !strings.Contains(f, "Which indicators do you notice?") || strings.Contains(f, "unfinished run") {
		t.Fatalf("the case study row should carry on at once:\n%s", f)
	}
}

// TestModuleNumbersAreTheSameForEveryone checks that modules and case
// studies carry the same numbers whatever the learner's role and progress,
// so "open module 2" means one module to a whole room.
func TestModuleNumbersAreTheSameForEveryone(t *testing.T) {
	numbers := func(f string) string {
		var out []string
		for _, m := range regexp.MustCompile(`(?m)^[ ›✓]*\s(\d+)  (\S.*?)\s{2,}`).FindAllStringSubmatch(f, -1) {
			out = append(out, m[1]+" "+m[2])
		}
		return strings.Join(out, "; ")
	}
	lib := testLibrary()
	st := storeWithLearner(t)
	progresstest.Learner(t, st, "Kim", content.RoleHealth)
	sam := numbers(newDriver(t, st, lib, "Sam", "", 100, 40).frame())
	kim := numbers(newDriver(t, st, lib, "Kim", "", 100, 40).frame())
	want := "1 What trafficking is; 2 Recognising labour exploitation; 3 Farm inspection"
	if sam != want || kim != want {
		t.Errorf("numbers by role:\nSam (labour inspection): %s\nKim (health):            %s\nwant:                    %s", sam, kim, want)
	}
	// Sam finishes the first module: nothing moves.
	if err := st.MarkComplete(t.Context(), 1, "basics", testNow); err != nil {
		t.Fatal(err)
	}
	f := newDriver(t, st, lib, "Sam", "", 100, 40).frame()
	if got := numbers(f); got != want {
		t.Errorf("numbers after finishing module 1: %s, want %s", got, want)
	}
	if !regexp.MustCompile(`2  Recognising labour exploitation\s+suggested next`).MatchString(f) {
		t.Errorf("the next module should be marked as suggested:\n%s", f)
	}
}

// TestSearchCoversTheText finds modules and case studies by words in their
// pages, questions and scenes, and shows where the words are.
func TestSearchCoversTheText(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "", 100, 40)
	d.keys("/")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pay slips")}) // typed fast: one read
	f := d.frame()
	if !strings.Contains(f, "Recognising labour exploitation") || strings.Contains(f, "What trafficking is") {
		t.Fatalf("a phrase from a page should find its module only:\n%s", f)
	}
	if !strings.Contains(f, "no pay slips") {
		t.Errorf("the row should show where the words are:\n%s", f)
	}
	d.keys("esc", "/")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("caravans")})
	if f := d.frame(); !strings.Contains(f, "Farm inspection") || strings.Contains(f, "Recognising labour") {
		t.Errorf("a word from a scene should find its case study:\n%s", f)
	}
	d.keys("esc", "/")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("how many elements")})
	if f := d.frame(); !strings.Contains(f, "What trafficking is") {
		t.Errorf("words from a question should find its module:\n%s", f)
	}
}

// TestPrerequisitesShow checks that a module's prerequisites show in the
// library, on the selected module, until they are done.
func TestPrerequisitesShow(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "", 100, 40)
	if f := d.frame(); strings.Contains(f, "First: ") {
		t.Errorf("only the selected module names what comes first:\n%s", f)
	}
	d.keys("down")
	if f := d.frame(); !strings.Contains(f, "First: What trafficking is · Signs at work and at home.") {
		t.Errorf("the module should name what comes first:\n%s", f)
	}
	if err := st.MarkComplete(t.Context(), 1, "basics", testNow); err != nil {
		t.Fatal(err)
	}
	d = newDriver(t, st, testLibrary(), "Sam", "", 100, 40)
	d.keys("down")
	if f := d.frame(); strings.Contains(f, "First: What trafficking is") {
		t.Errorf("a done prerequisite should no longer show:\n%s", f)
	}
}

// TestGlossaryTerms: the glossary holds the terms of the course besides
// the indicators, found by another name ("s45") or by words of their
// definition.
func TestGlossaryTerms(t *testing.T) {
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "glossary", 80, 24)
	if f := d.frame(); !strings.Contains(f, "Terms") || !strings.Contains(f, "National Referral Mechanism (NRM)") || !strings.Contains(f, "Identity documents held by someone else") {
		t.Fatalf("the glossary should list terms and indicators:\n%s", f)
	}
	d.keys("/")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s45")})
	d.keys("enter", "enter")
	f := d.frame()
	if !strings.Contains(f, "Section 45 defence (s45)") || !strings.Contains(f, "Modern Slavery Act 2015 (England and") || !strings.Contains(f, "Source: College of Policing") {
		t.Fatalf("s45 should find the section 45 entry, with its jurisdiction and source:\n%s", f)
	}
	d.keys("esc", "esc", "/")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("supporting potential")})
	if f := d.frame(); !strings.Contains(f, "National Referral Mechanism") || strings.Contains(f, "Section 45") {
		t.Errorf("words of a definition should find its term:\n%s", f)
	}
}
