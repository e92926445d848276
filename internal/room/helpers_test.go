package room

import (
	"context"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/room/roomtest"
)

const testCode = "ACEFGHJK"

// wait is how long a test waits for something to appear.
const wait = 10 * time.Second

var (
	libOnce sync.Once
	testLib *content.Library
)

// bundled is the bundled curriculum, loaded once for every test.
func bundled(t testing.TB) *content.Library {
	t.Helper()
	libOnce.Do(func() {
		lib, _ := loader.Load(loader.Bundled())
		testLib = lib
	})
	return testLib
}

// testLogWriter sends the server's log to the test's log.
type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Logf("server: %s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// startServer starts a room server on 127.0.0.1 with a fresh data folder.
func startServer(t testing.TB, change func(*Config)) *Server {
	t.Helper()
	cfg := Config{
		Listen:    "127.0.0.1:0",
		Room:      RoomConfig{Name: "test-room", DataDir: t.TempDir(), Library: bundled(t), Theme: "dark", MaxSeats: 10},
		Code:      testCode,
		Log:       log.New(testLogWriter{t}, "", 0),
		AuthDelay: 100 * time.Millisecond,
	}
	if change != nil {
		change(&cfg)
	}
	s, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	if err := s.Listen(); err != nil {
		t.Fatalf("listen: %v", err)
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := s.Serve(); err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		_ = s.Close()
		<-served
	})
	return s
}

// client is a roomtest client that fails the test instead of returning
// errors.
type client struct {
	*roomtest.Client
	t testing.TB
}

// dial connects to s (with the room code unless o says otherwise).
func dial(t testing.TB, s *Server, o roomtest.Options) *client {
	t.Helper()
	if o.Code == "" && o.Codes == nil {
		o.Code = testCode
	}
	c, err := roomtest.Connect(s.Addr().String(), o)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(c.Close)
	return &client{Client: c, t: t}
}

func (c *client) send(keys ...string) {
	c.t.Helper()
	if err := c.Send(keys...); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) typeText(text string) {
	c.t.Helper()
	if err := c.Type(text); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) mark() int { return c.Len() }

// waitFor waits until text appears anywhere in the output.
func (c *client) waitFor(text string) string { c.t.Helper(); return c.waitAfter(0, text) }

// waitAfter waits until text appears after mark.
func (c *client) waitAfter(mark int, text string) string {
	c.t.Helper()
	s, err := c.WaitAfter(mark, text, wait)
	if err != nil {
		c.t.Fatalf("%v; output so far:\n%s\nstderr: %s", err, tail(s, 3000), c.Stderr())
	}
	return s
}

func (c *client) waitClosed() {
	c.t.Helper()
	if err := c.WaitClosed(wait); err != nil {
		c.t.Fatalf("%v; output:\n%s", err, tail(c.Screen(), 2000))
	}
}

// join joins as a new trainee with the first role and returns the rejoin
// word.
func (c *client) join(name string) string {
	c.t.Helper()
	w, err := c.Join(name, 0, wait)
	if err != nil {
		c.t.Fatalf("join as %s: %v; output:\n%s", name, err, tail(c.Screen(), 3000))
	}
	return w
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// ctxTimeout is a short context for store checks.
func ctxTimeout(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// eventually polls cond until it holds or the wait runs out.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", wait, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// member returns the roster entry of name.
func member(s *Server, name string) (Member, bool) {
	for _, m := range s.Room().Roster() {
		if m.Name == name {
			return m, true
		}
	}
	return Member{}, false
}
