package tui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"frontline/internal/tui/common"
)

// cursorRow is the title on the row the library's cursor is on.
func cursorRow(f string) string {
	for _, l := range strings.Split(f, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "›") {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "›"))
		}
	}
	return ""
}

// TestTwoKeysInOneRead sends keys that arrive together, as one message
// (typed fast, pasted, or held down over a slow link), and sees each one
// handled.
func TestTwoKeysInOneRead(t *testing.T) {
	together := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

	// Two options ticked at once on a select-all question.
	d := newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "quiz:labour", 80, 24)
	d.keys("enter", "2", "enter", "enter") // note; question 1; on to question 2
	d.send(together("13"))
	f := d.frame()
	if !strings.Contains(f, "[x] 1. Fourteen-hour days") || !strings.Contains(f, "[ ] 2. A debt") || !strings.Contains(f, "[x] 3. Working night shifts") {
		t.Fatalf("both keys should tick their option:\n%s", f)
	}

	// jj moves down twice in the library.
	d = newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "", 80, 24)
	d.send(together("jj"))
	if got := cursorRow(d.frame()); !strings.Contains(got, "Farm inspection") {
		t.Errorf("jj should move down two rows, cursor on %q:\n%s", got, d.frame())
	}

	// A key that opens a screen, then a key for that screen: "/" opens
	// the search, and what follows is typed into it.
	d = newDriver(t, storeWithLearner(t), testLibrary(), "Sam", "", 80, 24)
	d.send(together("/farm"))
	if f := d.frame(); !strings.Contains(f, "/ farm") || strings.Contains(f, "What trafficking is") {
		t.Errorf("/farm should open the search and type farm:\n%s", f)
	}
}

// TestTwoKeysInOneReadThroughAProgram writes two keys in one write to a
// real Bubble Tea program reading a pipe, as a terminal delivers fast
// typing, and checks both moved the cursor.
func TestTwoKeysInOneReadThroughAProgram(t *testing.T) {
	c := newCommon(storeWithLearner(t), testLibrary(), common.Theme{Dark: true}, 80, 24)
	m, err := newModel(c, "Sam", "", false)
	if err != nil {
		t.Fatal(err)
	}
	in, w := io.Pipe()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithContext(ctx), tea.WithoutSignals())
	done := make(chan tea.Model, 1)
	go func() {
		final, _ := p.Run()
		done <- final
	}()
	time.Sleep(200 * time.Millisecond) // the program is reading
	if _, err := w.Write([]byte("jj")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := w.Write([]byte{0x03}); err != nil { // ctrl+c
		t.Fatal(err)
	}
	var final tea.Model
	select {
	case final = <-done:
	case <-ctx.Done():
		t.Fatal("the program did not quit")
	}
	w.Close()
	f := ansi.Strip(final.View())
	if got := cursorRow(f); !strings.Contains(got, "Farm inspection") {
		t.Errorf("\"jj\" in one read should move down two rows, cursor on %q:\n%s", got, f)
	}
}
