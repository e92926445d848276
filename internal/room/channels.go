package room

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Bounds on what a client may announce.
const (
	maxUser     = 64  // bytes of an SSH user name
	maxTermName = 64  // bytes of a TERM value
	maxCols     = 500 // a wider window is drawn 500 columns wide
	maxRows     = 200
	maxEnv      = 16 // variables accepted per session
	maxEnvValue = 256
)

// acceptedEnv are the variables a client may send (ssh -o SetEnv=...):
// the ones that change how the app looks.
var acceptedEnv = map[string]bool{
	"NO_COLOR": true, "COLORTERM": true, "FRONTLINE_THEME": true, "COLORFGBG": true, "LANG": true,
}

// clampWindow bounds a window size: 0 (unknown, as RFC 4254 allows) means
// the classic 80x24, anything larger than maxCols x maxRows is drawn at
// that size.
func clampWindow(w, h int) (int, int) {
	if w <= 0 {
		w = 80
	}
	if h <= 0 {
		h = 24
	}
	return min(w, maxCols), min(h, maxRows)
}

// validTerm reports whether a TERM value is a plain terminal name.
func validTerm(t string) bool {
	if t == "" || len(t) > maxTermName {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '+') {
			return false
		}
	}
	return true
}

// ptyRequest is an SSH "pty-req" payload (RFC 4254 6.2).
type ptyRequest struct {
	Term          string
	Columns, Rows uint32
	Width, Height uint32
	Modes         string
}

// windowChange is a "window-change" payload (RFC 4254 6.7).
type windowChange struct {
	Columns, Rows uint32
	Width, Height uint32
}

// Refusal lines, one each, written to the client's stderr.
const (
	refuseSubsystem = "frontline: %s is not available in the workshop room (no file transfer or other subsystems); connect with: ssh -p PORT HOST\r\n"
	refuseAgent     = "frontline: agent forwarding is switched off in the workshop room; nothing was forwarded.\r\n"
	refuseX11       = "frontline: X11 forwarding is switched off in the workshop room.\r\n"
	refuseForward   = "frontline: port forwarding is switched off in the workshop room"
)

// filteredChannel is a session channel whose requests pass through
// filter before the session handler sees them.
type filteredChannel struct {
	gossh.NewChannel
	port string
}

func (f *filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := f.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go filterRequests(ch, reqs, out, f.port)
	return ch, out, nil
}

// filterRequests bounds or refuses a session's requests: the PTY's
// terminal name and window size are bounded, only a few environment
// variables are taken, subsystems (SFTP...), agent and X11 forwarding are
// refused with a line on stderr; shell and exec go on (the handler tells
// an exec it runs nothing).
func filterRequests(ch gossh.Channel, in <-chan *gossh.Request, out chan<- *gossh.Request, port string) {
	defer close(out)
	env := 0
	for req := range in {
		switch req.Type {
		case "pty-req":
			var p ptyRequest
			if err := gossh.Unmarshal(req.Payload, &p); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			if !validTerm(p.Term) {
				p.Term = "dumb"
			}
			w, h := clampWindow(int(min(p.Columns, 1<<20)), int(min(p.Rows, 1<<20)))
			p.Columns, p.Rows, p.Width, p.Height, p.Modes = uint32(w), uint32(h), 0, 0, ""
			req.Payload = gossh.Marshal(&p)
		case "window-change":
			var wc windowChange
			if err := gossh.Unmarshal(req.Payload, &wc); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			w, h := clampWindow(int(min(wc.Columns, 1<<20)), int(min(wc.Rows, 1<<20)))
			wc.Columns, wc.Rows, wc.Width, wc.Height = uint32(w), uint32(h), 0, 0
			req.Payload = gossh.Marshal(&wc)
		case "env":
			var kv struct{ Key, Value string }
			if err := gossh.Unmarshal(req.Payload, &kv); err != nil || env >= maxEnv || !acceptedEnv[kv.Key] || len(kv.Value) > maxEnvValue || strings.ContainsAny(kv.Value, "\x00\r\n\x1b") {
				_ = req.Reply(false, nil)
				continue
			}
			env++
		case "shell", "exec":
		case "subsystem":
			var name struct{ Value string }
			_ = gossh.Unmarshal(req.Payload, &name)
			what := "the " + safeWord(name.Value) + " subsystem"
			if name.Value == "sftp" {
				what = "SFTP (file transfer)"
			}
			fmt.Fprintf(ch.Stderr(), strings.Replace(refuseSubsystem, "PORT", port, 1), what)
			_ = req.Reply(false, nil)
			continue
		case "auth-agent-req@openssh.com":
			fmt.Fprint(ch.Stderr(), refuseAgent)
			_ = req.Reply(false, nil)
			continue
		case "x11-req":
			fmt.Fprint(ch.Stderr(), refuseX11)
			_ = req.Reply(false, nil)
			continue
		default:
			_ = req.Reply(false, nil)
			continue
		}
		out <- req
	}
}

// safeWord keeps a client-sent name printable and short.
func safeWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 32 {
			b.WriteString("…")
			break
		}
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@' {
			b.WriteRune(r)
		} else {
			b.WriteRune('?')
		}
	}
	if b.Len() == 0 {
		return "unnamed"
	}
	return b.String()
}

// rejectChannel refuses every channel but sessions: port forwarding
// (direct-tcpip) and anything else.
func rejectChannel(_ *ssh.Server, _ *gossh.ServerConn, nc gossh.NewChannel, _ ssh.Context) {
	msg := refuseForward
	if t := nc.ChannelType(); t != "direct-tcpip" && t != "direct-streamlocal@openssh.com" {
		msg = "frontline: " + safeWord(t) + " channels are not available in the workshop room"
	}
	_ = nc.Reject(gossh.Prohibited, msg)
}
