// Package roomtest is an SSH client for driving a workshop room the way a
// trainee's terminal does: it logs in (room code or key), asks for a PTY,
// types keys and reads everything the server draws. The room's end-to-end
// tests, the command's tests and the load tool share it.
package roomtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// Keys as a terminal sends them.
const (
	Enter = "\r"
	Esc   = "\x1b"
	Up    = "\x1b[A"
	Down  = "\x1b[B"
	CtrlC = "\x03"
	CtrlX = "\x18"
)

// Options shape a client.
type Options struct {
	User string // default "trainee"
	// Code answers every keyboard-interactive prompt; Codes, when set,
	// answers them in turn (then fails).
	Code  string
	Codes []string
	// Signer, when set, is offered first (public key authentication).
	Signer gossh.Signer
	// HostKey, when set, must be the server's key.
	HostKey gossh.PublicKey
	NoPTY   bool
	Term    string // default xterm-256color
	// Cols and Rows are the window (default 80x24; set Sized to send
	// 0x0).
	Cols, Rows int
	Sized      bool
	Env        map[string]string
	// Command runs an exec request instead of a shell.
	Command string
	// Prompts, when set, counts the keyboard-interactive prompts answered.
	Prompts *int
}

// Dial connects and authenticates.
func Dial(addr string, o Options) (*gossh.Client, error) {
	if o.User == "" {
		o.User = "trainee"
	}
	var auths []gossh.AuthMethod
	if o.Signer != nil {
		auths = append(auths, gossh.PublicKeys(o.Signer))
	}
	i := 0
	var mu sync.Mutex
	auths = append(auths, gossh.RetryableAuthMethod(gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		mu.Lock()
		defer mu.Unlock()
		ans := make([]string, len(qs))
		for k := range qs {
			if o.Prompts != nil {
				*o.Prompts++
			}
			if len(o.Codes) > 0 {
				if i >= len(o.Codes) {
					return nil, errors.New("no more codes")
				}
				ans[k] = o.Codes[i]
				i++
			} else {
				ans[k] = o.Code
			}
		}
		return ans, nil
	}), 10))
	hk := gossh.InsecureIgnoreHostKey()
	if o.HostKey != nil {
		hk = gossh.FixedHostKey(o.HostKey)
	}
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{User: o.User, Auth: auths, HostKeyCallback: hk, Timeout: 10 * time.Second})
}

// Client is one session with a PTY.
type Client struct {
	Conn *gossh.Client
	Sess *gossh.Session
	in   io.WriteCloser

	mu      sync.Mutex
	grew    *sync.Cond
	out     bytes.Buffer
	chunks  []chunk // recent reads: where each started and when
	stderr  bytes.Buffer
	closed  chan struct{}
	errDone chan struct{}
}

type chunk struct {
	at  int
	arr time.Time
}

// Connect dials and starts a session.
func Connect(addr string, o Options) (*Client, error) {
	conn, err := Dial(addr, o)
	if err != nil {
		return nil, err
	}
	c, err := Start(conn, o)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	return c, nil
}

// Start opens a session on conn: environment, PTY, then a shell (or
// o.Command).
func Start(conn *gossh.Client, o Options) (*Client, error) {
	sess, err := conn.NewSession()
	if err != nil {
		return nil, fmt.Errorf("new session: %w", err)
	}
	c := &Client{Conn: conn, Sess: sess, closed: make(chan struct{}), errDone: make(chan struct{})}
	c.grew = sync.NewCond(&c.mu)
	for k, v := range o.Env {
		_ = sess.Setenv(k, v) // the server may refuse; that is its right
	}
	if !o.NoPTY {
		term, cols, rows := o.Term, o.Cols, o.Rows
		if term == "" {
			term = "xterm-256color"
		}
		if !o.Sized && cols == 0 && rows == 0 {
			cols, rows = 80, 24
		}
		if err := sess.RequestPty(term, rows, cols, gossh.TerminalModes{}); err != nil {
			return nil, fmt.Errorf("pty: %w", err)
		}
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := sess.StderrPipe()
	if err != nil {
		return nil, err
	}
	go c.read(stdout)
	go func() {
		defer close(c.errDone)
		buf := make([]byte, 4096)
		for {
			n, err := stderr.Read(buf)
			c.mu.Lock()
			c.stderr.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	if o.Command != "" {
		err = sess.Start(o.Command)
	} else {
		err = sess.Shell()
	}
	if err != nil {
		return nil, fmt.Errorf("start: %w", err)
	}
	return c, nil
}

func (c *Client) read(r io.Reader) {
	defer func() {
		c.mu.Lock()
		close(c.closed)
		c.grew.Broadcast()
		c.mu.Unlock()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			now := time.Now()
			c.mu.Lock()
			c.chunks = append(c.chunks, chunk{at: c.out.Len(), arr: now})
			if len(c.chunks) > 256 {
				c.chunks = append(c.chunks[:0], c.chunks[128:]...)
			}
			c.out.Write(buf[:n])
			c.grew.Broadcast()
			c.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// Close ends the session and the connection.
func (c *Client) Close() {
	_ = c.Sess.Close()
	_ = c.Conn.Close()
}

// Closed is closed when the server has ended the session's output.
func (c *Client) Closed() <-chan struct{} { return c.closed }

// Send types keys, pausing briefly after each so the app reads them as
// separate keys.
func (c *Client) Send(keys ...string) error {
	for _, k := range keys {
		if _, err := io.WriteString(c.in, k); err != nil {
			return fmt.Errorf("send %q: %w", k, err)
		}
		time.Sleep(15 * time.Millisecond)
	}
	return nil
}

// Type types text, then enter.
func (c *Client) Type(text string) error { return c.Send(text, Enter) }

// SendNow types keys with no pause (one write).
func (c *Client) SendNow(keys string) error {
	_, err := io.WriteString(c.in, keys)
	return err
}

// Len is the number of bytes received so far.
func (c *Client) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.Len()
}

// Raw is everything received, escape sequences included.
func (c *Client) Raw() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.String()
}

// Screen is everything received, without escape sequences.
func (c *Client) Screen() string { return ansi.Strip(c.Raw()) }

// Stderr is what the server wrote to the session's error stream.
func (c *Client) Stderr() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stderr.String()
}

// WaitAfter waits until text appears in what was received after byte
// mark; it returns that part, without escape sequences.
func (c *Client) WaitAfter(mark int, text string, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() { c.mu.Lock(); c.grew.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		b := c.out.Bytes()
		m := min(mark, len(b))
		s := ansi.Strip(string(b[m:]))
		if strings.Contains(s, text) {
			return s, nil
		}
		select {
		case <-c.closed:
			return s, fmt.Errorf("session closed before %q appeared", text)
		default:
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("waited %s for %q", timeout, text)
		}
		c.grew.Wait()
	}
}

// WaitGrowth waits until more than mark bytes were received and returns
// when the first of them arrived.
func (c *Client) WaitGrowth(mark int, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() { c.mu.Lock(); c.grew.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.out.Len() <= mark {
		select {
		case <-c.closed:
			return time.Time{}, errors.New("session closed")
		default:
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("no output within %s", timeout)
		}
		c.grew.Wait()
	}
	for _, ch := range c.chunks {
		if ch.at >= mark {
			return ch.arr, nil
		}
	}
	if n := len(c.chunks); n > 0 {
		return c.chunks[n-1].arr, nil
	}
	return time.Now(), nil
}

// WaitQuiet waits until nothing has arrived for quiet (at most timeout).
func (c *Client) WaitQuiet(quiet, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	last := c.Len()
	for time.Now().Before(deadline) {
		time.Sleep(quiet)
		n := c.Len()
		if n == last {
			return
		}
		last = n
	}
}

// WaitClosed waits for the server to end the session (both its output
// and its error stream).
func (c *Client) WaitClosed(timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for _, ch := range []chan struct{}{c.closed, c.errDone} {
		select {
		case <-ch:
		case <-t.C:
			return fmt.Errorf("session still open after %s", timeout)
		}
	}
	return nil
}

// RejoinWord finds the rejoin word on the welcome screen in s.
func RejoinWord(s string) string {
	i := strings.Index(s, "Your rejoin word:")
	if i < 0 {
		return ""
	}
	f := strings.Fields(s[i+len("Your rejoin word:"):])
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// Join goes through the join screen as a new trainee with the role at
// index role (0 is the first), waits for the home screen and returns the
// rejoin word.
func (c *Client) Join(name string, role int, timeout time.Duration) (string, error) {
	if _, err := c.WaitAfter(0, "Your name", timeout); err != nil {
		return "", err
	}
	m := c.Len()
	if err := c.Type(name); err != nil {
		return "", err
	}
	if _, err := c.WaitAfter(m, "Which group do you work in?", timeout); err != nil {
		return "", err
	}
	for i := 0; i < role; i++ {
		if err := c.Send(Down); err != nil {
			return "", err
		}
	}
	m = c.Len()
	if err := c.Send(Enter); err != nil {
		return "", err
	}
	s, err := c.WaitAfter(m, "Your rejoin word:", timeout)
	if err != nil {
		return "", err
	}
	word := RejoinWord(s)
	if word == "" {
		return "", fmt.Errorf("no rejoin word on screen")
	}
	m = c.Len()
	if err := c.Send(Enter); err != nil {
		return "", err
	}
	if _, err := c.WaitAfter(m, "Modules", timeout); err != nil {
		return "", err
	}
	return word, nil
}
