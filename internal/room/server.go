package room

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"
)

// EndedText is what every trainee is told when the trainer stops the
// server.
const EndedText = "The workshop has ended; your progress is saved."

// Config is what a workshop server needs.
type Config struct {
	// Listen is the TCP address ("host:port"; ":2222" listens on every
	// interface).
	Listen string
	Room   RoomConfig
	// Idle closes a connection after this long without a key (0: never),
	// warning IdleWarning before (default one minute). The trainee's app
	// keeps running; they come back with their rejoin word.
	Idle, IdleWarning time.Duration
	// AuthorizedKeys is an OpenSSH authorized_keys file whose keys get in
	// without the room code ("" for none).
	AuthorizedKeys string
	// Code is the room code; "" makes a fresh one (the usual case).
	Code string
	Log  *log.Logger
	// AuthDelay is the first delay for an address after its free tries
	// (default one second; it doubles with each failure, up to 30 s).
	AuthDelay time.Duration
	// AuthTimeout closes a connection that has not opened a session this
	// long after connecting (default two minutes, as OpenSSH's
	// LoginGraceTime: time to find the code and type it).
	AuthTimeout time.Duration
	// MaxConns bounds open connections, logged in or not (default
	// MaxSeats + 20).
	MaxConns int
	// Keepalive is how often the server checks that a client still answers
	// (default 15 s); one that does not answer within twice that is
	// closed, so a trainee whose Wi-Fi dropped shows as dropped.
	Keepalive time.Duration
}

// authTries is how many room codes (or keys) a connection may try.
const authTries = 3

// Server is the workshop room's SSH server.
type Server struct {
	cfg     Config
	room    *Room
	srv     *ssh.Server
	ln      net.Listener
	signer  gossh.Signer
	keys    *KeySet
	code    string
	limiter *addrLimiter

	// HostKeyCreated is set when the host key was made at this start;
	// HostKeyTightened when its file's mode was made private.
	HostKeyCreated, HostKeyTightened bool
	// KeyProblems are the authorized-keys lines that were skipped.
	KeyProblems []KeyProblem

	open     atomic.Int64 // open connections
	ending   atomic.Bool
	handlers sync.WaitGroup
	mu       sync.Mutex
	terms    map[*connTerm]bool // live terminals; true once on a seat
}

// connState is what the server keeps about one connection.
type connState struct {
	addr     string
	tries    int
	sessions atomic.Int32
	started  atomic.Bool
}

type stateKey struct{}

func stateOf(ctx ssh.Context) *connState {
	if st, ok := ctx.Value(stateKey{}).(*connState); ok {
		return st
	}
	return &connState{}
}

// NewServer prepares a server: the host key (made on first use), the
// authorized keys (bad lines are reported in KeyProblems, the rest count),
// the room and its code. Listen and Serve start it.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard, "", 0)
	}
	if cfg.Room.Log == nil {
		cfg.Room.Log = cfg.Log
	}
	if cfg.IdleWarning <= 0 {
		cfg.IdleWarning = time.Minute
	}
	if cfg.AuthDelay <= 0 {
		cfg.AuthDelay = time.Second
	}
	if cfg.AuthTimeout <= 0 {
		cfg.AuthTimeout = 2 * time.Minute
	}
	if cfg.Room.MaxSeats < 1 {
		cfg.Room.MaxSeats = 60
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = cfg.Room.MaxSeats + 20
	}
	if cfg.Keepalive <= 0 {
		cfg.Keepalive = 15 * time.Second
	}
	if err := ensureDataDir(cfg.Room.DataDir); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, code: cfg.Code, terms: map[*connTerm]bool{}}
	if s.code == "" {
		s.code = NewCode()
	} else {
		s.code = normalizeCode(s.code)
	}
	s.limiter = newAddrLimiter(authTries, cfg.AuthDelay, 30*time.Second, nil)
	var err error
	s.signer, s.HostKeyCreated, s.HostKeyTightened, err = LoadHostKey(cfg.Room.DataDir)
	if err != nil {
		return nil, err
	}
	if cfg.AuthorizedKeys != "" {
		s.keys, s.KeyProblems, err = ReadAuthorizedKeys(cfg.AuthorizedKeys)
		if err != nil {
			return nil, err
		}
	}
	s.room, err = OpenRoom(cfg.Room)
	if err != nil {
		return nil, err
	}
	opts := []ssh.Option{
		wish.WithVersion("frontline"),
		wish.WithKeyboardInteractiveAuth(s.keyboardAuth),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
		func(srv *ssh.Server) error {
			srv.AddHostKey(s.signer)
			srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{MaxAuthTries: authTries}
			}
			srv.ConnCallback = s.onConn
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel, "default": rejectChannel}
			srv.RequestHandlers = map[string]ssh.RequestHandler{}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			return nil
		},
	}
	if s.keys.Len() > 0 {
		opts = append(opts, wish.WithPublicKeyAuth(s.publicKeyAuth))
	}
	s.srv, err = wish.NewServer(opts...)
	if err != nil {
		_ = s.room.Close()
		return nil, fmt.Errorf("start the SSH server: %w", err)
	}
	return s, nil
}

func ensureDataDir(dir string) error {
	if dir == "" {
		return errors.New("no data folder")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data folder %s: %w", dir, err)
	}
	return nil
}

// Room is the server's room.
func (s *Server) Room() *Room { return s.room }

// Code is the room code, as trainees type it.
func (s *Server) Code() string { return FormatCode(s.code) }

// Fingerprint is the host key's SHA256 fingerprint.
func (s *Server) Fingerprint() string { return Fingerprint(s.signer.PublicKey()) }

// Listen opens the listening socket.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", s.cfg.Listen, err)
	}
	s.ln = ln
	return nil
}

// Addr is the address listened on (after Listen).
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Serve accepts connections until Shutdown or Close; it returns nil then.
func (s *Server) Serve() error {
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	err := s.srv.Serve(s.ln)
	if errors.Is(err, ssh.ErrServerClosed) || s.ending.Load() {
		return nil
	}
	return err
}

func (s *Server) port() string {
	if a, ok := s.Addr().(*net.TCPAddr); ok {
		return strconv.Itoa(a.Port)
	}
	return "2222"
}

// onConn counts a new connection and gives it a deadline to open a
// session; it refuses connections over the limit and during shutdown.
func (s *Server) onConn(ctx ssh.Context, conn net.Conn) net.Conn {
	if s.ending.Load() {
		return nil
	}
	if s.open.Add(1) > int64(s.cfg.MaxConns) {
		s.open.Add(-1)
		s.cfg.Log.Printf("refused a connection from %s: %d connections open", addrKey(conn.RemoteAddr()), s.cfg.MaxConns)
		return nil
	}
	st := &connState{addr: addrKey(conn.RemoteAddr())}
	ctx.SetValue(stateKey{}, st)
	timer := time.AfterFunc(s.cfg.AuthTimeout, func() {
		if !st.started.Load() {
			_ = conn.Close()
		}
	})
	return &countedConn{Conn: conn, release: func() { timer.Stop(); s.open.Add(-1) }}
}

// countedConn releases its slot once when closed.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

// keyboardAuth asks for the room code: one try per request, authTries per
// connection (the SSH library closes the connection after the last), and
// an address with failures behind it waits, longer each time.
func (s *Server) keyboardAuth(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	st := stateOf(ctx)
	if s.ending.Load() || len(ctx.User()) > maxUser || st.tries >= authTries {
		return false
	}
	if d := s.limiter.Delay(st.addr); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return false
		}
	}
	instr := "frontline workshop room " + s.room.Name() + "\nType the room code the trainer shows (8 letters and digits)."
	if st.tries > 0 {
		instr += fmt.Sprintf("\nThat code was not right: %s left.", plural(authTries-st.tries, "try", "tries"))
	}
	answers, err := challenge("", instr, []string{"Room code: "}, []bool{true})
	if err == nil && len(answers) == 1 && codeMatches(answers[0], s.code) {
		s.limiter.Succeed(st.addr)
		return true
	}
	st.tries++
	s.limiter.Fail(st.addr)
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// publicKeyAuth lets listed keys in without the code. Nothing is kept from
// here: the trainee is identified later from the session's own key, the
// one that was verified (CVE-2024-45337).
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.ending.Load() || len(ctx.User()) > maxUser {
		return false
	}
	_, ok := s.keys.Lookup(key)
	return ok
}

// sessionChannel admits one session per connection, through the request
// filter.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	st := stateOf(ctx)
	if st.sessions.Add(1) > 1 {
		st.sessions.Add(-1)
		_ = nc.Reject(gossh.ResourceShortage, "frontline: one workshop screen per connection")
		return
	}
	defer st.sessions.Add(-1)
	ssh.DefaultSessionHandler(srv, conn, &filteredChannel{NewChannel: nc, port: s.port()}, ctx)
}

// joinCommand is the command that reaches this server at the address the
// session came in on.
func joinCommand(sess ssh.Session) string {
	if a, ok := sess.LocalAddr().(*net.TCPAddr); ok {
		host := a.IP.String()
		if a.IP.IsLoopback() {
			host = "localhost"
		}
		return sshCommand(host, a.Port)
	}
	return "ssh -p 2222 HOST"
}

// Lines for sessions the room cannot serve.
func noCommandText(sess ssh.Session) string {
	return "frontline: the workshop room runs no commands. Connect with: " + joinCommand(sess)
}

func noTerminalText(sess ssh.Session) string {
	return "frontline: the workshop room needs a terminal. Open a terminal window and type: " + joinCommand(sess) + "  (from a script: add -t)"
}

// handle serves one session: refusals, the join screen, then the seat.
func (s *Server) handle(sess ssh.Session) {
	s.handlers.Add(1)
	defer s.handlers.Done()
	st := stateOf(sess.Context())
	st.started.Store(true)
	if s.ending.Load() {
		wish.Fatalln(sess, "frontline: "+EndedText)
		return
	}
	if sess.RawCommand() != "" {
		wish.Fatalln(sess, noCommandText(sess))
		return
	}
	pty, winch, ok := sess.Pty()
	if !ok {
		wish.Fatalln(sess, noTerminalText(sess))
		return
	}
	w, h := clampWindow(pty.Window.Width, pty.Window.Height)
	ct := newConnTerm(sess.Context(), sess, w, h)
	defer ct.close()
	s.track(ct, false)
	defer s.untrack(ct)
	go ct.pump()
	go ct.watchWindow(winch)
	go ct.watchIdle(s.cfg.Idle, s.cfg.IdleWarning)
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		go s.keepalive(ct, c)
	}

	term := terminalOf(sess, pty)
	key, suggested := "", ""
	if pk := sess.PublicKey(); pk != nil { // the key this session was authenticated with
		if ak, ok := s.keys.Lookup(pk); ok {
			key, suggested = Fingerprint(pk), ak.Comment
		}
	}
	var joined Joined
	if name, ok := s.room.KeyHolder(key); ok {
		j, err := s.room.Join(ct.ctx, JoinRequest{Name: name, Key: key, Term: term})
		if err == nil {
			joined = j
		}
	}
	if joined.Seat == nil {
		var end joinEnd
		joined, end = s.runJoin(ct, term, key, suggested, st.addr)
		if joined.Seat == nil {
			s.farewellJoin(ct, end)
			return
		}
	}
	seat := joined.Seat
	s.track(ct, true)
	att := seat.attach(ct)
	if att == nil {
		s.say(ct, "frontline: your app had just stopped; connect again to start it.")
		return
	}
	select {
	case <-att.gone:
	case <-ct.ctx.Done():
		seat.detach(att, reasonDropped)
	case <-ct.idleOut:
		seat.detach(att, reasonIdle)
	}
	s.farewellSeat(ct, att.why, seat)
}

// terminalOf is the session's terminal: TERM and the accepted variables.
func terminalOf(sess ssh.Session, pty ssh.Pty) Terminal {
	env := []string{"TERM=" + pty.Term}
	for _, kv := range sess.Environ() {
		k, _, _ := cutEnv(kv)
		if acceptedEnv[k] {
			env = append(env, kv)
		}
	}
	return Terminal{Env: env}
}

func cutEnv(kv string) (string, string, bool) {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return kv, "", false
}

// joinEnd says how the join screen ended without a seat.
type joinEnd int

const (
	joinLeft joinEnd = iota
	joinQuick
	joinIdle
	joinEnded
	joinGone
)

// runJoin shows the join screen on the connection.
func (s *Server) runJoin(ct *connTerm, term Terminal, key, suggested, addr string) (Joined, joinEnd) {
	keys := newKeyPipe()
	defer keys.Close() //nolint:errcheck // never fails
	jm := newJoinModel(ct.ctx, s.room, JoinRequest{Key: key, Term: term}, addrGuard{s.limiter, addr}, term.Renderer(), suggested)
	p := tea.NewProgram(jm, tea.WithInput(keys), tea.WithOutput(ct.out), tea.WithAltScreen(), tea.WithoutSignalHandler())
	mb := newMailbox(p)
	defer mb.close()
	ct.setTarget(keys, mb.send)
	defer ct.setTarget(nil, nil)
	w, h := ct.size()
	mb.send(tea.WindowSizeMsg{Width: w, Height: h})
	var idle atomic.Bool
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-ct.idleOut:
			idle.Store(true)
			p.Quit()
		case <-ct.ctx.Done():
			p.Quit()
		case <-stop:
		}
	}()
	_, err := p.Run()
	switch {
	case jm.done:
		return jm.result, joinLeft
	case jm.quick:
		return Joined{}, joinQuick
	case s.ending.Load():
		return Joined{}, joinEnded
	case ct.ctx.Err() != nil || err != nil:
		return Joined{}, joinGone
	case idle.Load():
		return Joined{}, joinIdle
	}
	return Joined{}, joinLeft
}

// addrGuard is the limiter seen from one address.
type addrGuard struct {
	l    *addrLimiter
	addr string
}

func (g addrGuard) Delay() time.Duration { return g.l.Delay(g.addr) }
func (g addrGuard) Fail()                { g.l.Fail(g.addr) }
func (g addrGuard) Succeed()             { g.l.Succeed(g.addr) }

// mailbox delivers messages to a program in order without blocking the
// sender.
type mailbox struct {
	p    *tea.Program
	ch   chan tea.Msg
	done chan struct{}
	once sync.Once
}

func newMailbox(p *tea.Program) *mailbox {
	mb := &mailbox{p: p, ch: make(chan tea.Msg, 16), done: make(chan struct{})}
	go func() {
		for {
			select {
			case m := <-mb.ch:
				p.Send(m)
			case <-mb.done:
				return
			}
		}
	}()
	return mb
}

func (mb *mailbox) send(m tea.Msg) {
	select {
	case mb.ch <- m:
	case <-mb.done:
	default:
	}
}

func (mb *mailbox) close() { mb.once.Do(func() { close(mb.done) }) }

// say writes a closing line to the terminal and ends the session.
func (s *Server) say(ct *connTerm, text string) {
	if text != "" {
		_, _ = io.WriteString(ct.out, text+"\r\n")
	}
	_ = ct.sess.Exit(0)
}

func (s *Server) farewellJoin(ct *connTerm, end joinEnd) {
	switch end {
	case joinQuick:
		_, _ = io.WriteString(ct.out, clearAll)
		s.say(ct, "")
	case joinIdle:
		s.say(ct, "frontline: closed after "+roundDuration(s.cfg.Idle)+" without a key press.")
	case joinEnded:
		s.say(ct, "frontline: the workshop has ended.")
	case joinGone:
	default:
		s.say(ct, "frontline: you left before joining. Type the same ssh command to join.")
	}
}

func (s *Server) farewellSeat(ct *connTerm, why detachReason, seat *Seat) {
	comeBack := " To come back, type the same ssh command, then your name and your rejoin word."
	switch why {
	case reasonDropped:
		return
	case reasonTakenOver:
		_, _ = io.WriteString(ct.out, leaveScreen)
		s.say(ct, "frontline: you joined from another window, so this one is closed.")
	case reasonIdle:
		_, _ = io.WriteString(ct.out, leaveScreen)
		s.say(ct, "frontline: closed after "+roundDuration(s.cfg.Idle)+" without a key press; your progress is saved."+comeBack)
	case reasonEnded:
		switch {
		case seat.QuickExit():
			_, _ = io.WriteString(ct.out, clearAll)
			s.say(ct, "")
		case seat.EndText() != "" && seat.SaveFailed():
			s.say(ct, "frontline: the workshop has ended; your last answer could not be saved (tell the trainer).")
		case seat.EndText() != "":
			s.say(ct, "frontline: "+seat.EndText())
		case seat.SaveFailed():
			s.say(ct, "frontline: you have left the workshop room; your last answer could not be saved (tell the trainer).")
		default:
			s.say(ct, "frontline: you have left the workshop room; your progress is saved."+comeBack)
		}
	}
}

// keepalive closes a connection whose client stops answering.
func (s *Server) keepalive(ct *connTerm, c gossh.Conn) {
	t := time.NewTicker(s.cfg.Keepalive)
	defer t.Stop()
	for {
		select {
		case <-ct.ctx.Done():
			return
		case <-t.C:
		}
		answered := make(chan struct{})
		go func() {
			_, _, err := c.SendRequest("keepalive@openssh.com", true, nil)
			if err == nil {
				close(answered)
			}
		}()
		wait := time.NewTimer(2 * s.cfg.Keepalive)
		select {
		case <-answered:
			wait.Stop()
		case <-ct.ctx.Done():
			wait.Stop()
			return
		case <-wait.C:
			s.cfg.Log.Printf("closed a connection from %s: no answer to keepalive", addrKey(ct.sess.RemoteAddr()))
			ct.close()
			_ = c.Close()
			return
		}
	}
}

func (s *Server) track(ct *connTerm, seated bool) {
	s.mu.Lock()
	s.terms[ct] = seated
	s.mu.Unlock()
}

func (s *Server) untrack(ct *connTerm) {
	s.mu.Lock()
	delete(s.terms, ct)
	s.mu.Unlock()
}

// Shutdown ends the workshop: no new connections; trainees on the join
// screen are told it ended; every seat stops taking keys, finishes its
// writes and stops, and its trainee is told EndedText; then the
// connections and the store close. It returns when all is done or ctx
// ends (then Close finishes the job).
func (s *Server) Shutdown(ctx context.Context) error {
	s.ending.Store(true)
	if s.ln != nil {
		_ = s.ln.Close()
	}
	s.mu.Lock()
	for ct, seated := range s.terms {
		if !seated {
			ct.tell(endMsg{text: "The workshop has ended."})
		}
	}
	s.mu.Unlock()
	err := s.room.Shutdown(ctx, EndedText)
	done := make(chan struct{})
	go func() { s.handlers.Wait(); close(done) }()
	select {
	case <-done:
		// Give clients a moment to close their connections themselves
		// after the last line, so they see it end cleanly.
		for i := 0; i < 50 && s.open.Load() > 0 && ctx.Err() == nil; i++ {
			time.Sleep(10 * time.Millisecond)
		}
	case <-ctx.Done():
		if err == nil {
			err = fmt.Errorf("end the workshop: %w", ctx.Err())
		}
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close stops everything at once: connections, seats, the store.
func (s *Server) Close() error {
	s.ending.Store(true)
	if s.ln != nil {
		_ = s.ln.Close()
	}
	err := s.srv.Close()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	if rerr := s.room.Close(); err == nil {
		err = rerr
	}
	return err
}
