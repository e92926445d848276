//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/room"
	rt "frontline/internal/room/roomtest"
)

// serveChildEnv holds the data folder; it is set only in the child.
const serveChildEnv = "FRONTLINE_SERVE_CHILD"

// TestServeChild runs "frontline serve" in its own process, so the tests
// below can signal and kill it.
func TestServeChild(t *testing.T) {
	dir := os.Getenv(serveChildEnv)
	if dir == "" {
		t.Skip("runs only as the serve tests' child")
	}
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: strings.NewReader(""), DataDir: dir, Theme: "dark"}
	os.Exit(run(env, []string{"serve", "--listen", "127.0.0.1:0", "--room", "crash-room"}))
}

// serveChild is a running "frontline serve".
type serveChild struct {
	cmd    *exec.Cmd
	addr   string
	code   string
	stderr *strings.Builder
	exited chan struct{} // closed when the process has exited
	err    error         // its exit error, once exited is closed
}

var (
	roomPortRE = regexp.MustCompile(`ssh -p (\d+) localhost`)
	roomCodeRE = regexp.MustCompile(`Room code:\s+(\S+)`)
)

func startServe(t *testing.T, dir string) *serveChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &serveChild{cmd: cmd, stderr: &strings.Builder{}, exited: make(chan struct{})}
	errPipe, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stderrDone := make(chan struct{})
	go func() {
		defer close(stderrDone)
		b, _ := io.ReadAll(errPipe)
		c.stderr.Write(b)
	}()
	sc := bufio.NewScanner(out)
	var banner strings.Builder
	for sc.Scan() {
		line := sc.Text()
		banner.WriteString(line + "\n")
		if m := roomPortRE.FindStringSubmatch(line); m != nil {
			c.addr = "127.0.0.1:" + m[1]
		}
		if m := roomCodeRE.FindStringSubmatch(line); m != nil {
			c.code = m[1]
		}
		if strings.HasPrefix(line, "Press ctrl+c") {
			break
		}
	}
	if c.addr == "" || c.code == "" {
		_ = cmd.Process.Kill()
		t.Fatalf("no address or code in the banner:\n%s", banner.String())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	go func() { <-stderrDone; c.err = cmd.Wait(); close(c.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-c.exited
	})
	return c
}

func (c *serveChild) connect(t *testing.T) *rt.Client {
	t.Helper()
	cl, err := rt.Connect(c.addr, rt.Options{Code: c.code})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

func waitText(t *testing.T, c *rt.Client, mark int, text string) {
	t.Helper()
	if s, err := c.WaitAfter(mark, text, 15*time.Second); err != nil {
		t.Fatalf("%v; screen:\n%s", err, s)
	}
}

// answer opens the first module's quiz (first time) and answers
// questions, returning how many were acknowledged as saved.
func answerSome(t *testing.T, c *rt.Client, n int) int {
	t.Helper()
	m := c.Len()
	_ = c.Send("t")
	waitText(t, c, m, "Content note")
	m = c.Len()
	_ = c.Send(rt.Enter)
	waitText(t, c, m, "question 1 of")
	acked := 0
	for i := 0; i < n; i++ {
		m = c.Len()
		_ = c.Send("1", rt.Enter)
		waitText(t, c, m, "saved")
		acked++
		m = c.Len()
		_ = c.Send(rt.Enter)
		waitText(t, c, m, fmt.Sprintf("question %d of", i+2))
	}
	return acked
}

func roomAnswers(t *testing.T, dir string) int {
	t.Helper()
	data, err := progress.Folder(dir) // where serve keeps its rooms for --data dir
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(room.RoomDir(data, "crash-room"), sqlite.WithBackups(0, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	answers, err := st.Answers(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status().MovedAside != "" {
		t.Errorf("the room's store was damaged: %+v", st.Status())
	}
	return len(answers)
}

// TestServeKill9KeepsAcknowledged: killing the server with SIGKILL loses
// no answer a trainee saw acknowledged ("saved"), at most the one in
// flight; the room reopens with its trainees after each kill.
func TestServeKill9KeepsAcknowledged(t *testing.T) {
	if os.Getenv(serveChildEnv) != "" {
		t.Skip("child")
	}
	dir := t.TempDir()
	acked := 0
	for round := 0; round < 3; round++ {
		srv := startServe(t, dir)
		c := srv.connect(t)
		if round == 0 {
			if _, err := c.Join("Ana", 0, 15*time.Second); err != nil {
				t.Fatalf("join: %v\n%s", err, c.Screen())
			}
		} else {
			// A new server has no seats: the roster keeps the name, so a
			// new trainee joins each round.
			if _, err := c.Join(fmt.Sprintf("Trainee %d", round), 0, 15*time.Second); err != nil {
				t.Fatalf("join: %v\n%s", err, c.Screen())
			}
		}
		acked += answerSome(t, c, 3)
		_ = c.SendNow("1" + rt.Enter) // one more, in flight
		if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-srv.exited
		got := roomAnswers(t, dir)
		if got < acked || got > acked+round+1 {
			t.Fatalf("after kill %d: %d answers stored, %d acknowledged (at most one in flight per kill)", round+1, got, acked)
		}
		acked = got
	}
}

// TestServeSIGTERMEndsWorkshop: SIGTERM tells every trainee, saves and
// exits 0; a second signal during the end stops at once.
func TestServeSIGTERMEndsWorkshop(t *testing.T) {
	if os.Getenv(serveChildEnv) != "" {
		t.Skip("child")
	}
	dir := t.TempDir()
	srv := startServe(t, dir)
	a, b := srv.connect(t), srv.connect(t)
	if _, err := a.Join("Ana", 0, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Join("Ben", 1, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	acked := answerSome(t, a, 1)
	start := time.Now()
	_ = srv.cmd.Process.Signal(syscall.SIGTERM)
	for _, c := range []*rt.Client{a, b} {
		waitText(t, c, 0, room.EndedText)
		if err := c.WaitClosed(10 * time.Second); err != nil {
			t.Error(err)
		}
	}
	select {
	case <-srv.exited:
		if srv.err != nil {
			t.Errorf("exit: %v\n%s", srv.err, srv.stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
	}
	t.Logf("SIGTERM to exit: %s", time.Since(start).Round(time.Millisecond))
	if !strings.Contains(srv.stderr.String(), "the workshop has ended") {
		t.Errorf("stderr: %s", srv.stderr)
	}
	if got := roomAnswers(t, dir); got != acked {
		t.Errorf("%d answers stored, %d acknowledged", got, acked)
	}

	// Two signals: the second forces the end.
	srv = startServe(t, dir)
	c := srv.connect(t)
	if _, err := c.Join("Cy", 0, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	_ = srv.cmd.Process.Signal(syscall.SIGTERM)
	waitText(t, c, 0, room.EndedText)
	_ = srv.cmd.Process.Signal(syscall.SIGINT)
	var exit *exec.ExitError
	select {
	case <-srv.exited:
		if srv.err != nil && !errors.As(srv.err, &exit) {
			t.Fatal(srv.err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not exit after two signals")
	}
	// The clients keep their connections open after the last line, so the
	// orderly end is still waiting for them when the second signal comes.
	if s := srv.stderr.String(); !strings.Contains(s, "stopped at once") || srv.err == nil {
		t.Errorf("two signals: exit %v, stderr: %s", srv.err, s)
	}
}
