package room

import (
	"context"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// connTerm is one connection's terminal: keys read from the session go to
// the app it shows now (the join screen, then a seat), window sizes and
// notices too; it closes the connection after the idle time, warning a
// while before.
type connTerm struct {
	sess ssh.Session
	out  io.Writer
	ctx  context.Context
	stop context.CancelFunc

	mu     sync.Mutex
	sink   io.Writer     // where keys go
	target func(tea.Msg) // where sizes and notices go
	w, h   int

	last      atomic.Int64 // last key, unix nanoseconds
	warned    atomic.Bool
	idleOut   chan struct{} // closed when the idle time ran out
	closeOnce sync.Once
}

func newConnTerm(ctx context.Context, sess ssh.Session, w, h int) *connTerm {
	ctx, stop := context.WithCancel(ctx)
	ct := &connTerm{sess: sess, out: sess, ctx: ctx, stop: stop, w: w, h: h, idleOut: make(chan struct{})}
	ct.last.Store(time.Now().UnixNano())
	return ct
}

// setTarget sends keys to sink and sizes and notices to target (nil: drop
// them).
func (ct *connTerm) setTarget(sink io.Writer, target func(tea.Msg)) {
	ct.mu.Lock()
	ct.sink, ct.target = sink, target
	ct.mu.Unlock()
}

func (ct *connTerm) size() (int, int) {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	return ct.w, ct.h
}

func (ct *connTerm) tell(m tea.Msg) {
	ct.mu.Lock()
	t := ct.target
	ct.mu.Unlock()
	if t != nil {
		t(m)
	}
}

// pump copies keys from the session to the current sink until the
// session's input ends.
func (ct *connTerm) pump() {
	buf := make([]byte, 4096)
	for {
		n, err := ct.sess.Read(buf)
		if n > 0 {
			ct.last.Store(time.Now().UnixNano())
			if ct.warned.Swap(false) {
				ct.tell(noticeMsg{})
			}
			ct.mu.Lock()
			sink := ct.sink
			ct.mu.Unlock()
			if sink != nil {
				_, _ = sink.Write(buf[:n]) // a sink closed meanwhile drops the keys
			}
		}
		if err != nil {
			return
		}
	}
}

// watchWindow passes window changes on (the channel filter has bounded
// them already).
func (ct *connTerm) watchWindow(winch <-chan ssh.Window) {
	for {
		select {
		case <-ct.ctx.Done():
			return
		case win, ok := <-winch:
			if !ok {
				return
			}
			w, h := clampWindow(win.Width, win.Height)
			ct.mu.Lock()
			ct.w, ct.h = w, h
			ct.mu.Unlock()
			ct.tell(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
}

// watchIdle warns warn before idle runs out and closes idleOut when it has.
func (ct *connTerm) watchIdle(idle, warn time.Duration) {
	if idle <= 0 {
		return
	}
	if warn >= idle {
		warn = idle / 2
	}
	t := time.NewTimer(idle - warn)
	defer t.Stop()
	for {
		select {
		case <-ct.ctx.Done():
			return
		case <-t.C:
		}
		last := time.Unix(0, ct.last.Load())
		since := time.Since(last)
		switch {
		case since >= idle:
			close(ct.idleOut)
			return
		case since >= idle-warn:
			if !ct.warned.Swap(true) {
				ct.tell(noticeMsg{text: idleNotice(idle - since)})
			}
			t.Reset(idle - since)
		default:
			t.Reset(idle - warn - since)
		}
	}
}

func idleNotice(left time.Duration) string {
	return "Still there? Press any key to stay: this connection closes in " + roundDuration(left) + " (your progress is saved)."
}

func roundDuration(d time.Duration) string {
	switch {
	case d >= 90*time.Second:
		return strconv.Itoa(int((d+30*time.Second)/time.Minute)) + " minutes"
	case d > 50*time.Second:
		return "a minute"
	}
	return strconv.Itoa(max(int((d+time.Second/2)/time.Second), 1)) + " seconds"
}

// close ends the connection.
func (ct *connTerm) close() {
	ct.closeOnce.Do(func() {
		ct.stop()
		_ = ct.sess.Close()
	})
}
