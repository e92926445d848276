package room

import (
	"net"
	"strconv"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/tui/common"
	"frontline/internal/tui/projector"
	"frontline/internal/workshop"
)

// ProjectorUser is the user name of the projector view's command
// (ssh -p 2222 projector@localhost); the projector code is what opens it.
const ProjectorUser = "projector"

// ProjectorCode is the code that opens the projector view, as typed.
func (s *Server) ProjectorCode() string { return FormatCode(s.projCode) }

// ProjectorCommand is the command that opens the projector view on this
// laptop (or, for a server listening on one address, at that address).
func (s *Server) ProjectorCommand() string {
	host := "localhost"
	port := 2222
	if a, ok := s.Addr().(*net.TCPAddr); ok {
		port = a.Port
		if a.IP != nil && !a.IP.IsUnspecified() && !a.IP.IsLoopback() {
			host = a.IP.String()
		}
	}
	if port == 22 {
		return "ssh " + ProjectorUser + "@" + host
	}
	return "ssh -p " + strconv.Itoa(port) + " " + ProjectorUser + "@" + host
}

// runProjector shows the projector view on the connection until it
// closes, the viewer leaves (q) or the workshop ends.
func (s *Server) runProjector(ct *connTerm, term Terminal) {
	rend := term.Renderer()
	theme := common.ChooseTheme(s.room.cfg.Theme, term.Getenv)
	profile := theme.Profile(rend.ColorProfile())
	rend.SetColorProfile(profile)
	styles := common.NewStyles(rend, theme)
	c := &common.Common{Width: 80, Height: 24, Renderer: rend, Styles: styles, Keys: common.DefaultKeyMap(),
		Render: s.room.renders.Cache(theme, styles.Glamour, profile), Library: s.room.cfg.Library, Now: s.room.now,
		Context: ct.ctx, Log: s.cfg.Log}
	src := projectorSource{s}
	keys := newKeyPipe()
	defer keys.Close() //nolint:errcheck // never fails
	p := tea.NewProgram(projector.New(c, src), tea.WithInput(keys), tea.WithOutput(ct.out), tea.WithAltScreen(), tea.WithoutSignalHandler())
	mb := newMailbox(p)
	defer mb.close()
	var ended atomic.Bool
	ct.setTarget(keys, func(m tea.Msg) {
		if e, ok := m.(endMsg); ok {
			ended.Store(true)
			mb.send(projector.EndMsg{Text: e.text})
			go func() { time.Sleep(200 * time.Millisecond); p.Quit() }()
			return
		}
		mb.send(m)
	})
	defer ct.setTarget(nil, nil)
	w, h := ct.size()
	mb.send(tea.WindowSizeMsg{Width: w, Height: h})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-ct.ctx.Done():
			p.Quit()
		case <-ct.idleOut:
			// The projector is watched, not typed at: idle time does not
			// close it.
		case <-stop:
		}
	}()
	_, _ = p.Run()
	if ended.Load() {
		s.say(ct, "frontline: the workshop has ended.")
		return
	}
	_, _ = ct.out.Write([]byte(leaveScreen))
	s.say(ct, "frontline: the projector view is closed.")
}

// projectorSource is the room as the projector sees it: its view with the
// command to join, and its events.
type projectorSource struct{ s *Server }

func (p projectorSource) ProjectorView() workshop.ProjectorView {
	v := p.s.room.ProjectorView()
	if cmds := JoinCommands(p.s.Addr()); len(cmds) > 0 {
		v.JoinCommand = cmds[0]
	}
	return v
}

func (p projectorSource) Subscribe(n int) (<-chan workshop.Event, func()) {
	return p.s.room.Subscribe(n)
}

// Console is the room as the trainer's console drives it: the room, with
// what the server adds (the codes, the commands, the host key).
func (s *Server) Console() workshop.Console { return serverConsole{s.room, s} }

type serverConsole struct {
	*Room
	s *Server
}

func (c serverConsole) Info() workshop.Info {
	return workshop.Info{Name: c.s.room.Name(), Code: c.s.Code(), ProjectorCode: c.s.ProjectorCode(),
		Join: JoinCommands(c.s.Addr()), Projector: c.s.ProjectorCommand(), Dir: c.s.room.Dir(), HostKey: c.s.Fingerprint()}
}
