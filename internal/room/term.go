package room

import (
	"io"
	"sync"
	"time"
)

// Escape sequences the room writes itself when it moves a seat's app from
// one terminal to another (the app's own renderer wrote them to the first).
const (
	enterScreen = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[H\x1b[2J"
	leaveScreen = "\x1b[?2004l\x1b[?25h\x1b[?1049l"
	// clearAll clears the screen and the scrollback (the quick exit).
	clearAll = "\x1b[H\x1b[2J\x1b[3J"
)

// switchOut is a seat app's output: the terminal attached now, or nowhere
// while the trainee is away. Writes never fail, so the app's renderer keeps
// going whatever happens to the connection; a write that fails detaches the
// terminal until the next Switch.
type switchOut struct {
	sem chan struct{} // a lock that can be waited for with a timeout
	w   io.Writer
}

func newSwitchOut() *switchOut { return &switchOut{sem: make(chan struct{}, 1)} }

func (o *switchOut) Write(p []byte) (int, error) {
	o.sem <- struct{}{}
	defer func() { <-o.sem }()
	if o.w != nil {
		if _, err := o.w.Write(p); err != nil {
			o.w = nil
		}
	}
	return len(p), nil
}

// Switch makes w the output (nil: nowhere), writing prelude to w first.
// It waits at most wait for a write under way; it reports whether it
// switched (a terminal that stopped reading can hold a write up: close its
// connection and switch again).
func (o *switchOut) Switch(w io.Writer, prelude string, wait time.Duration) bool {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case o.sem <- struct{}{}:
	case <-t.C:
		return false
	}
	defer func() { <-o.sem }()
	if w != nil && prelude != "" {
		if _, err := io.WriteString(w, prelude); err != nil {
			w = nil
		}
	}
	o.w = w
	return true
}

// keyPipe carries keys from a connection to an app. Unlike an OS pipe it
// keeps the client's packets apart: each Read returns bytes of one packet
// only. A terminal sends a lone Esc as a packet of its own; joined to the
// next key in one read (as a pipe does when the app reads late, under
// load), Esc then t would read as alt+t. Reads end with io.EOF once
// closed.
type keyPipe struct {
	ch   chan []byte
	done chan struct{}
	once sync.Once
	cur  []byte // the rest of the packet being read
}

func newKeyPipe() *keyPipe {
	return &keyPipe{ch: make(chan []byte, 64), done: make(chan struct{})}
}

// Write queues a copy of p as one packet; it waits while 64 packets are
// queued, and fails once the pipe is closed.
func (k *keyPipe) Write(p []byte) (int, error) {
	select {
	case <-k.done:
		return 0, io.ErrClosedPipe
	default:
	}
	b := append([]byte(nil), p...)
	select {
	case k.ch <- b:
		return len(p), nil
	case <-k.done:
		return 0, io.ErrClosedPipe
	}
}

// Read returns bytes of the next packet (or the rest of the current one).
func (k *keyPipe) Read(p []byte) (int, error) {
	if len(k.cur) == 0 {
		select {
		case b := <-k.ch:
			k.cur = b
		case <-k.done:
			return 0, io.EOF
		}
	}
	n := copy(p, k.cur)
	k.cur = k.cur[n:]
	return n, nil
}

// Close ends reads and writes.
func (k *keyPipe) Close() error {
	k.once.Do(func() { close(k.done) })
	return nil
}
