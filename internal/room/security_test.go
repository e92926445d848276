package room

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	rt "frontline/internal/room/roomtest"
)

// TestThreeCodeTriesThenDelay: a connection gets three tries at the room
// code and is then closed; the address then waits before each new try,
// longer each time; the right code still gets in after the wait.
func TestThreeCodeTriesThenDelay(t *testing.T) {
	s := startServer(t, func(c *Config) { c.AuthDelay = 200 * time.Millisecond })
	prompts := 0
	_, err := rt.Dial(s.Addr().String(), rt.Options{Codes: []string{"AAAA-AAAA", "bbbb", "", testCode}, Prompts: &prompts})
	if err == nil {
		t.Fatal("logged in after three wrong codes")
	}
	if prompts != 3 {
		t.Errorf("asked %d times, want 3", prompts)
	}
	if d := s.limiter.Delay("127.0.0.1"); d != 200*time.Millisecond {
		t.Errorf("delay after three failures %s, want 200ms", d)
	}
	_, _ = rt.Dial(s.Addr().String(), rt.Options{Code: "WRONG"}) // 3 more failures
	if d := s.limiter.Delay("127.0.0.1"); d != 1600*time.Millisecond {
		t.Errorf("delay after six failures %s, want 1.6s (doubling)", d)
	}
	s.limiter.Succeed("127.0.0.1")
	start := time.Now()
	s.limiter.Fail("127.0.0.1")
	s.limiter.Fail("127.0.0.1")
	s.limiter.Fail("127.0.0.1")
	conn, err := rt.Dial(s.Addr().String(), rt.Options{Code: "acef ghjk"})
	if err != nil {
		t.Fatalf("the right code (typed loosely) after the wait: %v", err)
	}
	conn.Close()
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Errorf("the next try was not delayed (%s)", took)
	}
	if d := s.limiter.Delay("127.0.0.1"); d != 0 {
		t.Errorf("getting in did not clear the delay: %s", d)
	}
}

// TestSessionCapUnderBurst: with every seat taken, a burst of newcomers
// is turned away (at the door or with "the room is full"), the seat count
// never passes the cap, and the trainees inside keep working.
func TestSessionCapUnderBurst(t *testing.T) {
	s := startServer(t, func(c *Config) { c.Room.MaxSeats, c.MaxConns = 3, 10 })
	inside := make([]*client, 3)
	for i := range inside {
		inside[i] = dial(t, s, rt.Options{})
		inside[i].join(fmt.Sprintf("Inside %d", i))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	full, refused, other := 0, 0, 0
	maxSeats := 0
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-stop:
				return
			default:
			}
			mu.Lock()
			maxSeats = max(maxSeats, s.Room().Seats())
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
		}
	}()
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := rt.Connect(s.Addr().String(), rt.Options{Code: testCode})
			if err != nil {
				mu.Lock()
				refused++
				mu.Unlock()
				return
			}
			defer c.Close()
			if _, err := c.WaitAfter(0, "Your name", wait); err != nil {
				mu.Lock()
				refused++
				mu.Unlock()
				return
			}
			_ = c.Type(fmt.Sprintf("Burst %d", i))
			if _, err := c.WaitAfter(0, "Which group", wait); err == nil {
				_ = c.Send(rt.Enter)
			}
			_, err = c.WaitAfter(0, "The room is full", wait)
			mu.Lock()
			if err == nil {
				full++
			} else {
				other++
			}
			mu.Unlock()
		}()
	}
	// Those inside keep working during the burst.
	for round := 0; round < 3; round++ {
		for _, c := range inside {
			m := c.mark()
			c.send("j")
			if _, err := c.WaitGrowth(m, wait); err != nil {
				t.Errorf("a trainee inside got no answer to a key during the burst: %v", err)
			}
		}
	}
	wg.Wait()
	close(stop)
	<-watched
	t.Logf("burst of 24: %d told the room is full, %d turned away at the door, %d other", full, refused, other)
	if other > 0 {
		t.Errorf("%d newcomers ended neither full nor refused", other)
	}
	if maxSeats > 3 || s.Room().Seats() != 3 {
		t.Errorf("seats peaked at %d (now %d), cap 3", maxSeats, s.Room().Seats())
	}
	for _, c := range inside {
		m := c.mark()
		c.send("k")
		if _, err := c.WaitGrowth(m, wait); err != nil {
			t.Errorf("a trainee inside is stuck after the burst: %v", err)
		}
	}
}

func stderrOf(t *testing.T, s *Server, o rt.Options) (string, error) {
	t.Helper()
	if o.Code == "" {
		o.Code = testCode
	}
	c, err := rt.Connect(s.Addr().String(), o)
	if err != nil {
		return "", err
	}
	defer c.Close()
	err = c.Sess.Wait()
	if werr := c.WaitClosed(wait); werr != nil {
		t.Error(werr)
	}
	return c.Stderr() + c.Screen(), err
}

// TestRefusals: no commands, no shell without a terminal, no SFTP or other
// subsystem, no port, agent or X11 forwarding, one screen per connection;
// each says so in one line.
func TestRefusals(t *testing.T) {
	s := startServer(t, nil)

	out, err := stderrOf(t, s, rt.Options{Command: "cat /etc/passwd"})
	var exit *gossh.ExitError
	join := "ssh -p " + s.port() + " localhost"
	if !strings.Contains(out, "runs no commands. Connect with: "+join) || !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("exec: %q, %v", out, err)
	}
	out, err = stderrOf(t, s, rt.Options{NoPTY: true})
	if !strings.Contains(out, "needs a terminal") || !strings.Contains(out, join) {
		t.Errorf("no PTY: %q, %v", out, err)
	}

	conn, err := rt.Dial(s.Addr().String(), rt.Options{Code: testCode})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	sess, _ := conn.NewSession()
	errPipe, _ := sess.StderrPipe()
	var stderr syncBuffer
	go io.Copy(&stderr, errPipe) //nolint:errcheck
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem accepted")
	}
	eventually(t, "the SFTP refusal line", func() bool { return strings.Contains(stderr.String(), "SFTP (file transfer) is not available") })
	sess.Close()

	if _, err := conn.Dial("tcp", "127.0.0.1:22"); err == nil || !strings.Contains(err.Error(), "port forwarding is switched off") {
		t.Errorf("local port forwarding: %v", err)
	}
	if _, err := conn.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("remote port forwarding accepted")
	}
	if ok, _, err := conn.SendRequest("streamlocal-forward@openssh.com", true, gossh.Marshal(struct{ Path string }{"/tmp/x.sock"})); ok || err != nil {
		t.Errorf("streamlocal forwarding: ok=%v err=%v", ok, err)
	}
	if _, _, err := conn.OpenChannel("x11", nil); err == nil {
		t.Error("x11 channel accepted")
	}

	// The server frees the connection's one screen once it has seen the
	// SFTP session close.
	eventually(t, "a new session after the SFTP one closed", func() bool {
		var err error
		sess, err = conn.NewSession()
		return err == nil
	})
	errPipe, _ = sess.StderrPipe()
	stderr = syncBuffer{}
	go io.Copy(&stderr, errPipe) //nolint:errcheck
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding accepted")
	}
	if ok, _ := sess.SendRequest("x11-req", true, gossh.Marshal(struct {
		Single        bool
		Proto, Cookie string
		Screen        uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})); ok {
		t.Error("X11 forwarding accepted")
	}
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out2, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out2) //nolint:errcheck
	eventually(t, "the agent and X11 refusal lines", func() bool {
		return strings.Contains(stderr.String(), "agent forwarding is switched off") && strings.Contains(stderr.String(), "X11 forwarding is switched off")
	})
	// A second screen on the same connection.
	if _, err := conn.NewSession(); err == nil || !strings.Contains(err.Error(), "one workshop screen per connection") {
		t.Errorf("second session: %v", err)
	}
	sess.Close()
}

// TestBounds: huge user names are refused; windows of 0x0 and a million
// columns are drawn at sane sizes; a nonsense TERM gets no colour; only a
// few environment variables are taken.
func TestBounds(t *testing.T) {
	s := startServer(t, nil)
	if _, err := rt.Dial(s.Addr().String(), rt.Options{Code: testCode, User: strings.Repeat("u", 10<<20)}); err == nil {
		t.Error("a 10 MB user name logged in")
	}
	if _, err := rt.Dial(s.Addr().String(), rt.Options{Code: testCode, User: strings.Repeat("u", 100<<10)}); err == nil {
		t.Error("a 100 KB user name logged in")
	}
	if _, err := rt.Dial(s.Addr().String(), rt.Options{Code: testCode, User: strings.Repeat("u", 65)}); err == nil {
		t.Error("a 65-byte user name logged in")
	}

	zero := dial(t, s, rt.Options{Sized: true, Cols: 0, Rows: 0})
	zero.waitFor("Your name")
	huge := dial(t, s, rt.Options{Cols: 1000000, Rows: 1000000})
	huge.waitFor("Your name")
	sizes := map[[2]int]bool{}
	s.mu.Lock()
	for ct := range s.terms {
		w, h := ct.size()
		sizes[[2]int{w, h}] = true
	}
	s.mu.Unlock()
	if !sizes[[2]int{80, 24}] || !sizes[[2]int{maxCols, maxRows}] {
		t.Errorf("terminal sizes %v, want 80x24 and %dx%d", sizes, maxCols, maxRows)
	}
	// A window change to a million columns on a seat.
	huge.join("Wide")
	if err := huge.Sess.WindowChange(1000000, 1000000); err != nil {
		t.Fatal(err)
	}
	m := huge.mark()
	huge.send("j")
	huge.WaitQuiet(50*time.Millisecond, 2*time.Second)
	for _, line := range strings.Split(huge.Screen()[min(m, len(huge.Screen())):], "\n") {
		if len([]rune(line)) > 4*maxCols {
			t.Fatalf("a line of %d characters", len([]rune(line)))
		}
	}

	dumb := dial(t, s, rt.Options{Term: strings.Repeat("x", 10<<10)})
	dumb.waitFor("Your name")
	if strings.Contains(dumb.Raw(), "\x1b[38;") {
		t.Error("colour sent to a terminal with a nonsense TERM")
	}
	nc := dial(t, s, rt.Options{Env: map[string]string{"NO_COLOR": "1"}})
	nc.join("No Colour")
	if strings.Contains(nc.Raw(), "\x1b[38;") {
		t.Error("colour sent with NO_COLOR")
	}
	col := dial(t, s, rt.Options{})
	col.waitFor("Your name")
	if !strings.Contains(col.Raw(), "\x1b[38;") {
		t.Error("no colour for xterm-256color (the check above proves nothing)")
	}

	conn, err := rt.Dial(s.Addr().String(), rt.Options{Code: testCode})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, _ := conn.NewSession()
	defer sess.Close()
	if err := sess.Setenv("LD_PRELOAD", "/tmp/x.so"); err == nil {
		t.Error("LD_PRELOAD accepted")
	}
	if err := sess.Setenv("NO_COLOR", strings.Repeat("1", 1000)); err == nil {
		t.Error("a 1000-byte value accepted")
	}
	if err := sess.Setenv("NO_COLOR", "1"); err != nil {
		t.Errorf("NO_COLOR refused: %v", err)
	}
}

func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func keysFile(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func keyLine(k gossh.Signer, comment string) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey()))) + " " + comment
}

// TestAuthorizedKeySkipsCode: a key listed below a broken line still gets
// in without the code; its comment is offered as the name; coming back
// with the key lands in the seat without the join screen.
func TestAuthorizedKeySkipsCode(t *testing.T) {
	k := newSigner(t)
	path := keysFile(t, "ssh-ed25519 AAAA-broken", "", keyLine(k, "Dana Key"))
	s := startServer(t, func(c *Config) { c.AuthorizedKeys = path })
	if len(s.KeyProblems) != 1 || s.KeyProblems[0].Line != 1 {
		t.Errorf("key problems %v, want one on line 1", s.KeyProblems)
	}
	prompts := 0
	c := dial(t, s, rt.Options{Signer: k, Codes: []string{}, Prompts: &prompts})
	c.waitFor("Dana Key")
	c.send(rt.Enter)
	c.waitFor("Which group")
	m := c.mark()
	c.send(rt.Enter)
	c.waitAfter(m, "Your rejoin word")
	c.send(rt.Enter)
	c.waitAfter(m, "Modules")
	if prompts != 0 {
		t.Errorf("a key holder was asked for the code %d times", prompts)
	}
	c.Conn.Close()
	eventually(t, "Dana to drop", func() bool { m, _ := member(s, "Dana Key"); return m.State == Dropped })
	d := dial(t, s, rt.Options{Signer: k, Codes: []string{}})
	got := d.waitFor("Modules")
	if strings.Contains(got, "Your name") {
		t.Error("a key holder coming back went through the join screen")
	}
}

// failingSigner offers a public key but cannot sign with it, like a client
// that only knows someone else's public key.
type failingSigner struct{ pub gossh.PublicKey }

func (f failingSigner) PublicKey() gossh.PublicKey { return f.pub }
func (f failingSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("no private key")
}

// TestIdentityFromSessionKey (CVE-2024-45337): offering an authorized key
// without proving it, then logging in with the room code, must not make
// the connection that key's holder.
func TestIdentityFromSessionKey(t *testing.T) {
	k := newSigner(t)
	path := keysFile(t, keyLine(k, "Dana Key"))
	s := startServer(t, func(c *Config) { c.AuthorizedKeys = path })
	owner := dial(t, s, rt.Options{Signer: k, Codes: []string{}})
	owner.waitFor("Dana Key")
	owner.send(rt.Enter)
	owner.waitFor("Which group")
	owner.send(rt.Enter)
	owner.waitFor("Your rejoin word")

	thief := dial(t, s, rt.Options{Signer: failingSigner{k.PublicKey()}})
	got := thief.waitFor("Your name")
	if strings.Contains(got, "Dana Key") {
		t.Error("the key's comment was offered to a connection that never proved the key")
	}
	thief.typeText("Dana Key")
	got = thief.waitFor("has already joined")
	if strings.Contains(got, "Modules") {
		t.Error("a connection that never proved the key got the key holder's seat")
	}
}

// syncBuffer is a strings.Builder safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
