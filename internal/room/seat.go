package room

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"frontline/internal/progress"
)

// Terminal describes a trainee's terminal as their SSH client announced it.
type Terminal struct {
	// Env holds TERM and the variables the client sent that the room
	// accepts (NO_COLOR, COLORTERM, FRONTLINE_THEME, COLORFGBG, LANG).
	Env []string
}

// Getenv looks a variable up in Env.
func (t Terminal) Getenv(k string) string {
	for _, kv := range t.Env {
		if strings.HasPrefix(kv, k+"=") {
			return kv[len(k)+1:]
		}
	}
	return ""
}

type termEnviron []string

func (e termEnviron) Environ() []string { return e }
func (e termEnviron) Getenv(k string) string {
	return Terminal{Env: e}.Getenv(k)
}

// Renderer builds a lipgloss renderer for the terminal: its colour profile
// comes from TERM and COLORTERM (TERM=dumb or none: no colour). It never
// asks the terminal anything (a background-colour query can stall).
func (t Terminal) Renderer() *lipgloss.Renderer {
	if term := t.Getenv("TERM"); term == "" || term == "dumb" {
		return lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.Ascii))
	}
	return lipgloss.NewRenderer(io.Discard, termenv.WithEnvironment(termEnviron(t.Env)), termenv.WithUnsafe(), termenv.WithColorCache(true))
}

// Seat is one trainee's place in the room: their app, which runs from the
// moment they join until they quit it, or the workshop ends. A connection
// attaches to the seat; when the connection drops, the app keeps running
// unseen (its output goes nowhere, its timers and saves carry on), and the
// trainee's next connection attaches to the same app, exactly where they
// were.
type Seat struct {
	room    *Room
	key     string // name skeleton
	profile progress.Profile
	store   *seatStore
	prog    *tea.Program
	keys    *keyPipe // the attached connection's keys, read by the app
	out     *switchOut
	queue   chan tea.Msg // messages for the app, in order, without blocking the sender
	ctx     context.Context
	cancel  context.CancelFunc
	done    chan struct{}
	quick   atomic.Bool

	mu      sync.Mutex
	att     *attachment
	endText string
	hadTerm bool
}

// detachReason says why a connection left its seat.
type detachReason int

const (
	reasonDropped   detachReason = iota // the connection closed
	reasonIdle                          // no key for the idle time
	reasonTakenOver                     // the trainee attached from another connection
	reasonEnded                         // the app stopped
)

// attachment is one connection attached to a seat.
type attachment struct {
	seat *Seat
	term *connTerm
	once sync.Once
	gone chan struct{}
	why  detachReason
}

func (a *attachment) end(why detachReason) {
	a.once.Do(func() {
		a.why = why
		close(a.gone)
	})
}

// newSeat builds a trainee's app; start runs it.
func newSeat(r *Room, sk string, p progress.Profile, term Terminal) (*Seat, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Seat{
		room: r, key: sk, profile: p, keys: newKeyPipe(), out: newSwitchOut(),
		queue: make(chan tea.Msg, 16), ctx: ctx, cancel: cancel, done: make(chan struct{}),
	}
	s.store = newSeatStore(r.store, p, func(kind EventKind, update func(*Member)) { r.note(sk, kind, "", update) })
	rend := term.Renderer()
	app, err := newApp(appSpec{
		Ctx: ctx, In: s.keys, Out: s.out, Getenv: term.Getenv, Render: rend, Store: s.store,
		Learner: p, Library: r.cfg.Library, Theme: r.cfg.Theme, Renders: r.renders,
		Seal: r.cfg.Seal, Signed: r.cfg.Signed,
	})
	if err != nil {
		cancel()
		return nil, err
	}
	s.prog = tea.NewProgram(newSeatModel(app, rend, &s.quick),
		tea.WithInput(s.keys), tea.WithOutput(s.out), tea.WithAltScreen(),
		tea.WithContext(ctx), tea.WithoutSignalHandler())
	return s, nil
}

// start runs the app until it stops.
func (s *Seat) start() {
	go func() {
		for {
			select {
			case m := <-s.queue:
				s.prog.Send(m)
			case <-s.done:
				return
			}
		}
	}()
	go func() {
		_, err := s.prog.Run()
		// Saves the app started just before it stopped may still be
		// running: let them finish (briefly) before cancelling them.
		wctx, wcancel := context.WithTimeout(context.Background(), 2*time.Second)
		s.store.Wait(wctx)
		wcancel()
		s.cancel()
		_ = s.keys.Close()
		how := "quit"
		s.mu.Lock()
		att := s.att
		s.att = nil
		switch {
		case s.endText != "":
			how = "workshop ended"
		case s.quick.Load():
			how = "quick exit"
		case err != nil && !errors.Is(err, tea.ErrProgramKilled):
			how = "app error"
			s.room.log.Printf("room %s: %s's app: %v", s.room.cfg.Name, s.profile.Name, err)
		}
		s.mu.Unlock()
		close(s.done)
		if att != nil {
			att.end(reasonEnded)
		}
		s.room.seatEnded(s, how)
	}()
}

// Name is the trainee's name.
func (s *Seat) Name() string { return s.profile.Name }

// Ended reports whether the app has stopped.
func (s *Seat) Ended() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Done is closed when the app has stopped.
func (s *Seat) Done() <-chan struct{} { return s.done }

// send queues a message for the app; it never blocks (a full queue drops
// it: the messages are window sizes and notices, and a later one follows).
func (s *Seat) send(m tea.Msg) {
	select {
	case s.queue <- m:
	default:
	}
}

// attach moves the app to a connection's terminal, taking it from the
// connection that had it. It returns nil if the app has stopped.
func (s *Seat) attach(ct *connTerm) *attachment {
	s.mu.Lock()
	if s.Ended() {
		s.mu.Unlock()
		return nil
	}
	old := s.att
	att := &attachment{seat: s, term: ct, gone: make(chan struct{})}
	s.att = att
	s.mu.Unlock()
	if old != nil {
		old.end(reasonTakenOver)
	}
	if !s.out.Switch(ct.out, enterScreen, 2*time.Second) {
		// The old terminal stopped reading mid-write: close it so the
		// write fails, then take over.
		if old != nil {
			old.term.close()
		}
		s.out.Switch(ct.out, enterScreen, 10*time.Second)
	}
	ct.setTarget(s.keys, s.send)
	w, h := ct.size()
	s.send(tea.WindowSizeMsg{Width: w, Height: h}) // also makes the app repaint
	kind := EventJoined
	if s.attachedBefore() {
		kind = EventRejoined
	}
	s.room.setState(s.key, kind, Connected, "")
	return att
}

// attachedBefore reports whether this seat had a terminal before.
func (s *Seat) attachedBefore() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	had := s.hadTerm
	s.hadTerm = true
	return had
}

// detach takes the app off a connection's terminal (if it still has it).
func (s *Seat) detach(att *attachment, why detachReason) {
	s.mu.Lock()
	mine := s.att == att
	if mine {
		s.att = nil
	}
	s.mu.Unlock()
	if mine {
		att.term.setTarget(nil, nil)
		if !s.out.Switch(nil, "", 2*time.Second) {
			att.term.close()
			s.out.Switch(nil, "", 10*time.Second)
		}
		detail := "connection lost"
		if why == reasonIdle {
			detail = "idle"
		}
		s.room.setState(s.key, EventDropped, Dropped, detail)
	}
	att.end(why)
}

// End stops the app in an orderly way: keys are ignored from now on, the
// writes under way finish (at most until ctx ends), then the app stops and
// the attached terminal is told text.
func (s *Seat) End(ctx context.Context, text string) {
	s.mu.Lock()
	s.endText = text
	s.mu.Unlock()
	s.send(endMsg{text: text})
	s.store.Wait(ctx)
	s.prog.Quit()
	select {
	case <-s.done:
	case <-ctx.Done():
		s.kill()
	}
}

// EndText is the text End was given ("" if the app stopped otherwise).
func (s *Seat) EndText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endText
}

// SaveFailed reports whether the app's last write failed.
func (s *Seat) SaveFailed() bool { return s.store.Failed() }

// QuickExit reports whether the trainee left with the quick exit.
func (s *Seat) QuickExit() bool { return s.quick.Load() }

// kill stops the app now: it is asked to quit, and killed if it has not
// within a second.
func (s *Seat) kill() {
	go s.prog.Quit()
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-s.done:
	case <-t.C:
		s.prog.Kill()
		<-s.done
	}
}
