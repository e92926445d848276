package plain_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/plain"
	"frontline/internal/room"
	"frontline/internal/workshop"
)

// roomConsole is a room without its server: the codes and commands the
// server would add are fixed.
type roomConsole struct{ *room.Room }

func (r roomConsole) Info() workshop.Info {
	return workshop.Info{Name: r.Name(), Code: "N39Y-NYWE", ProjectorCode: "PQ7R-XK4M"}
}

// lockedBuffer is what the console writes, read while it writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLineConsole drives the trainer's line console through a room with
// three trainees: the roster, leading to a question, the counts hidden
// below three and shown from three, the reveal, free mode, an exam with a
// trainee's extra time refused before they begin, the notes, the export
// and the end.
func TestLineConsole(t *testing.T) {
	lib, _ := loader.Load(loader.Bundled())
	r, err := room.OpenRoom(room.RoomConfig{Name: "line", DataDir: t.TempDir(), Library: lib, Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	names := []string{"Ana", "Ben", "Cy"}
	for _, n := range names {
		if _, err := r.Join(ctx, room.JoinRequest{Name: n, Role: content.RoleHealth, Term: room.Terminal{Env: []string{"TERM=xterm"}}}); err != nil {
			t.Fatal(err)
		}
	}
	var q workshop.Entry
	n := 0
	for i, e := range workshop.Menu(lib) {
		if e.Item.Kind == workshop.KindQuestion {
			q, n = e, i+1
			break
		}
	}
	mod := workshop.ExamModules(lib)[0]
	answer := func(who string) {
		r.Link(who).Answer(r.Led().Step, workshop.KeyQuestion, []int{0})
	}

	inR, inW := io.Pipe()
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- plain.RunConsole(ctx, roomConsole{r}, inR, out, nil) }()
	cmd := func(line, want string) {
		t.Helper()
		from := len(out.String())
		if _, err := io.WriteString(inW, line+"\n"); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String()[from:], want) {
			if time.Now().After(deadline) {
				t.Fatalf("after %q, no %q in:\n%s", line, want, out.String()[from:])
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	cmd("1", "1. Ana, Health, left")
	cmd("2 "+strings.Fields(q.Group)[0], q.Group+":")
	cmd(fmt.Sprintf("2 %d", n), "Led to "+workshop.Title(lib, q.Item))
	answer("Ana")
	answer("Ben")
	cmd("0", "hidden until 3 have answered")
	cmd("1", "answered 1 of 1")
	answer("Cy")
	cmd("0", "(3 answered)")
	cmd("0", "(right)")
	cmd("5", "Revealed: trainees see")
	cmd("8", "Free mode: trainees are back")
	cmd("9", mod.Title)
	cmd("9 1", "The exam on "+mod.Title+" has started")
	cmd("10 1", "Not done: Ana has no open exam")
	cmd("11 9", "Not done: type the trainee (see 1)'s number, from 1 to 3")
	cmd("12", "The room is closed to new trainees")
	notes := "No trainer notes"
	if ns := workshop.Notes(lib, q.Item); len(ns) > 0 {
		notes = ns[0].Title // the notes of what the room was last led to
	}
	cmd("13", notes)
	cmd("14", "Wrote the class's results:")
	cmd("bogus", `"bogus" is not a command`)
	cmd("end", "End the workshop?")
	if _, err := io.WriteString(inW, "yes\n"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, plain.ErrEndWorkshop) {
		t.Fatalf("RunConsole: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Error("the line console wrote an escape sequence")
	}
}
