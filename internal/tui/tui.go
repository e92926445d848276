// Package tui is the learner's terminal app. The root model keeps a stack
// of screens (one sub-package each), routes on the navigation messages they
// emit, draws the banners and the help bar, asks before quitting mid-way,
// and offers a quick exit that clears the screen and leaves at once.
package tui

import (
	"context"
	"errors"
	"fmt"
	"frontline/internal/textsafe"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
	"frontline/internal/tui/exam"
	"frontline/internal/tui/led"
	"frontline/internal/tui/library"
	"frontline/internal/tui/profiles"
	"frontline/internal/tui/reader"
	"frontline/internal/workshop"
)

// Options configure Run.
type Options struct {
	// Library is what the first frame shows. With Load set it may be an
	// index (front matter only, see Common.Partial); otherwise it must be
	// the full library.
	Library *content.Library
	// Load, when set, loads the full library; it runs in a command after
	// the first frame and the result replaces Library.
	Load  func() LoadResult
	Store progress.Store
	// Profile is the learner's name; empty means ask (or use the only one).
	Profile string
	// Theme is "auto", "dark" or "light".
	Theme string
	In    io.Reader
	Out   io.Writer
	// Start opens something at once: "module:ID", "quiz:ID", "exam:ID",
	// "scenario:ID", "glossary" or "progress".
	Start string
	// Exam replaces the module's exam settings (already tightened).
	Exam *content.ExamSettings
	// ExitAfterFirstFrame draws the first frame and exits, for timing.
	ExitAfterFirstFrame bool
	// Log receives diagnostics while the app owns the terminal.
	Log io.Writer
	// Getenv reads the environment (nil means os.Getenv).
	Getenv func(string) string
	// NoAltScreen draws in the normal screen buffer.
	NoAltScreen bool
	// Context is the session's context: when it ends (the terminal or the
	// connection closes) the app quits and its store calls are cancelled.
	// Nil means context.Background.
	Context context.Context
	// Learner, when set, is who is learning, fixed for this terminal (a
	// workshop trainee): no picker lists the other learners and the
	// learner cannot be switched.
	Learner *progress.Profile
	// Seal, when set, seals finished exam attempts (activity.Sealer);
	// Signed says it signs them with an issuer key.
	Seal   activity.Sealer
	Signed bool
	// Restore, when set, replaces the progress database with a backup
	// (Status().Backup): it closes the store, restores, and returns the
	// reopened store and where the replaced database was moved. It must
	// return a usable store whenever it can, even with an error.
	Restore func(backup string) (progress.Store, string, error)
	// Flags are the global flags a command printed for the learner must
	// repeat (activity.Learner.Flags).
	Flags []string
	// Renderer, when set, is the terminal's own lipgloss renderer (its
	// colour profile, from a workshop connection's TERM); otherwise one is
	// built for Out.
	Renderer *lipgloss.Renderer
	// Renders, when set, shares rendered documents with the other apps
	// drawing in the same theme and colour profile (a workshop room).
	Renders *common.RenderShare
	// Room, in a workshop room, takes the trainee's answers to what the
	// trainer leads the room to (see common.LedMsg).
	Room workshop.Link
}

// ErrQuickExit is returned by Run when the learner used the quick exit.
var ErrQuickExit = errors.New("quick exit")

// Run starts the app and returns when the learner quits.
func Run(opts Options) error {
	if opts.Library == nil || opts.Store == nil {
		return errors.New("run app: library and store are required")
	}
	if opts.Out == nil {
		opts.Out = os.Stdout
	}
	if opts.In == nil {
		opts.In = os.Stdin
	}
	m, err := New(opts)
	if err != nil {
		return err
	}
	in := opts.In
	if opts.ExitAfterFirstFrame {
		in = nil // no keys are read; /dev/null cannot be polled
	}
	popts := []tea.ProgramOption{tea.WithInput(in), tea.WithOutput(opts.Out)}
	if opts.Context != nil {
		popts = append(popts, tea.WithContext(opts.Context))
	}
	if !opts.NoAltScreen {
		popts = append(popts, tea.WithAltScreen())
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && opts.Context != nil && opts.Context.Err() != nil {
		return nil // the session ended: everything was saved as it was made
	}
	if err != nil {
		return fmt.Errorf("run app: %w", err)
	}
	if fm, ok := final.(*Model); ok && fm.quick {
		// Clear the screen and the scrollback so nothing is left on view.
		_, _ = io.WriteString(opts.Out, "\x1b[H\x1b[2J\x1b[3J")
		return ErrQuickExit
	}
	return nil
}

// Model is the root model.
type Model struct {
	c       *common.Common
	stack   []common.Screen
	help    help.Model
	startup []string // banners shown on the home screen until the learner moves on
	// problems are the content problems of the last load, shown on the
	// home screen with the start-up banners.
	problems []string
	notSaved string
	err      error
	confirm  bool
	quick    bool
	first    bool // exit after the first frame
	start    tea.Cmd
	load     func() LoadResult
	loadErr  error
	restore  func(backup string) (progress.Store, string, error)
	// wanted is the learner asked for at start (--profile).
	wanted string
	// asking is set while the learner confirms a restore.
	asking    bool
	restoring bool
}

// New builds the root model: theme, styles, learner, first screens. It
// reads the learner's progress once so the first frame is complete.
func New(opts Options) (*Model, error) {
	c := NewCommon(opts)
	m, err := newModel(c, opts.Profile, opts.Start, opts.ExitAfterFirstFrame)
	if err != nil {
		return nil, err
	}
	m.load = opts.Load
	m.restore = opts.Restore
	m.statusBanners()
	return m, nil
}

// NewCommon builds what every screen shares for a terminal from opts: the
// theme (from --theme and the environment, NO_COLOR included), the
// renderer and styles, the render cache, the clock, the log and the store
// and library given. The app's root uses it; so does the trainer's
// console, which runs in the trainer's own terminal.
func NewCommon(opts Options) *common.Common {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	theme := common.ChooseTheme(opts.Theme, getenv)
	r := opts.Renderer
	if r == nil {
		r = lipgloss.NewRenderer(out, termenv.WithEnvironment(envFunc(getenv)))
	}
	profile := theme.Profile(r.ColorProfile())
	r.SetColorProfile(profile)
	styles := common.NewStyles(r, theme)
	render := common.NewRenderCache(styles.Glamour, profile)
	if opts.Renders != nil {
		render = opts.Renders.Cache(theme, styles.Glamour, profile)
	}
	logger := log.New(io.Discard, "", 0)
	if opts.Log != nil {
		logger = log.New(opts.Log, "frontline ", log.LstdFlags)
	}
	c := &common.Common{
		Width: 80, Height: 24,
		Renderer: r, Styles: styles, Keys: common.DefaultKeyMap(),
		Render: render,
		Store:  opts.Store, Library: opts.Library, Log: logger,
		Now: time.Now, Exam: opts.Exam, Partial: opts.Load != nil,
		Context: opts.Context, Seal: opts.Seal, Signed: opts.Signed, Locked: opts.Learner != nil,
		Room: opts.Room, Flags: opts.Flags,
	}
	if opts.Learner != nil {
		c.Profile = *opts.Learner
	}
	return c
}

type envFunc func(string) string

func (e envFunc) Environ() []string { return os.Environ() }
func (e envFunc) Getenv(k string) string {
	return e(k)
}

// newModel finishes the root model for a ready Common.
func newModel(c *common.Common, profileName, start string, first bool) (*Model, error) {
	h := help.New()
	h.Styles = c.Styles.Help
	m := &Model{c: c, help: h, first: first, wanted: profileName}
	m.statusBanners()
	if !c.Partial {
		m.startup = append(m.startup, c.Library.Notices...)
	}

	var chosen *progress.Profile
	suggested := ""
	if c.Locked {
		chosen = &c.Profile
	} else {
		var err error
		if chosen, suggested, err = learner(c, profileName); err != nil {
			return nil, err
		}
	}
	if chosen == nil {
		m.stack = []common.Screen{profiles.New(c, suggested)}
		m.start = m.stack[0].Init()
		return m, nil
	}
	c.Profile = *chosen
	lib := library.New(c)
	if msg, ok := library.Load(c)().(library.LoadedMsg); ok && msg.Err == nil {
		lib.SetData(msg.Data)
	}
	m.stack = []common.Screen{lib}
	if start != "" {
		msg, err := startMsg(c.Library, start)
		if err != nil {
			return nil, err
		}
		var cmd tea.Cmd
		_, cmd = m.route(msg)
		m.start = cmd
	}
	return m, nil
}

// learner finds who is learning (activity.Find, activity.Only): the
// learner named, or the only one. With none found it returns nil and, for
// a name not yet known, that name to suggest in the new-learner form.
func learner(c *common.Common, name string) (chosen *progress.Profile, suggested string, err error) {
	ctx, cancel := c.Ctx()
	defer cancel()
	var p progress.Profile
	if name != "" {
		p, err = activity.Find(ctx, c.Store, name)
	} else {
		p, err = activity.Only(ctx, c.Store)
	}
	switch {
	case err == nil:
		return &p, "", nil
	case name != "" && errors.Is(err, progress.ErrNotFound):
		return nil, name, nil
	case name == "" && (errors.Is(err, progress.ErrNotFound) || errors.Is(err, activity.ErrSeveral)):
		return nil, "", nil
	}
	return nil, "", err
}

// statusBanners sets the start-up banners from the store's status: a
// damaged file moved aside, and the backup offered for restore.
func (m *Model) statusBanners() {
	var out []string
	st := m.c.Store.Status()
	if st.MovedAside != "" {
		out = append(out, "Your progress file was damaged; it was moved aside to "+st.MovedAside+" and a new one was started.")
	}
	if st.Backup != "" {
		if m.restore != nil {
			out = append(out, "ctrl+r restores your newest good backup: "+st.Backup)
		} else {
			out = append(out, "Your newest good backup is "+st.Backup+" ('frontline' can restore it)")
		}
	}
	// Keep other start-up lines (content notices) after these.
	var rest []string
	for _, l := range m.startup {
		if !strings.HasPrefix(l, "Your progress file was damaged") && !strings.Contains(l, "newest good backup") {
			rest = append(rest, l)
		}
	}
	m.startup = append(out, rest...)
}

// restoredMsg reports a restore from a backup.
type restoredMsg struct {
	backup string
	store  progress.Store
	aside  string
	err    error
}

// canRestore reports whether R may restore a backup now: on the home
// screen, with a backup offered.
func (m *Model) canRestore() bool {
	return m.restore != nil && len(m.stack) == 1 && !m.restoring && m.c.Store.Status().Backup != ""
}

func (m *Model) restoreCmd() tea.Cmd {
	backup, restore := m.c.Store.Status().Backup, m.restore
	m.restoring = true
	return func() tea.Msg {
		st, aside, err := restore(backup)
		return restoredMsg{backup: backup, store: st, aside: aside, err: err}
	}
}

// restored switches to the reopened store and says what happened; the
// learner is looked up again in it (their id may differ).
func (m *Model) restored(msg restoredMsg) tea.Cmd {
	c := m.c
	m.restoring = false
	if msg.store != nil {
		c.Store = msg.store
	}
	if msg.err != nil {
		c.Logf("restore %s: %v", msg.backup, msg.err)
		m.err = fmt.Errorf("restore %s: %w", msg.backup, msg.err)
		m.statusBanners()
		m.layout()
		return nil
	}
	m.startup, m.problems = []string{"Restored your progress from " + msg.backup + "."}, nil
	if msg.aside != "" {
		m.startup = append(m.startup, "The progress file it replaced was kept at "+msg.aside+".")
	}
	m.statusBanners()
	name := c.Profile.Name
	if name == "" {
		name = m.wanted
	}
	chosen, _, err := learner(c, name)
	if err != nil {
		c.Logf("after restore: %v", err)
	}
	var screen common.Screen
	if chosen != nil {
		c.Profile = *chosen
		screen = library.New(c)
	} else {
		c.Profile = progress.Profile{}
		screen = profiles.New(c, "")
	}
	m.stack = []common.Screen{screen}
	m.layout()
	return screen.Init()
}

// startMsg turns an Options.Start value into a navigation message.
func startMsg(lib *content.Library, start string) (tea.Msg, error) {
	kind, id, _ := strings.Cut(start, ":")
	switch kind {
	case "module", "quiz", "exam":
		if _, ok := lib.Module(id); !ok {
			return nil, fmt.Errorf("no module %q", id)
		}
		switch kind {
		case "module":
			return common.OpenModuleMsg{ModuleID: id}, nil
		case "quiz":
			return common.OpenQuizMsg{ModuleID: id, Mode: progress.ModePractice}, nil
		}
		return common.OpenExamMsg{ModuleID: id}, nil
	case "scenario":
		if _, ok := lib.Scenario(id); !ok {
			return nil, fmt.Errorf("no scenario %q", id)
		}
		return common.OpenScenarioMsg{ScenarioID: id}, nil
	case "glossary":
		return common.OpenGlossaryMsg{}, nil
	case "progress":
		return common.OpenDashboardMsg{}, nil
	}
	return nil, fmt.Errorf("cannot start at %q", start)
}

func (m *Model) top() common.Screen { return m.stack[len(m.stack)-1] }

// Init starts the first screens.
func (m *Model) Init() tea.Cmd {
	if m.first {
		return tea.Quit
	}
	cmds := []tea.Cmd{m.start}
	if m.c.Partial && m.load != nil {
		cmds = append(cmds, loadCmd(m.load))
	}
	if len(m.stack) > 0 {
		if _, ok := m.stack[0].(*library.Model); ok && len(m.stack) == 1 {
			cmds = append(cmds, m.stack[0].Init())
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) push(s common.Screen) tea.Cmd {
	m.startup, m.problems = nil, nil
	m.stack = append(m.stack, s)
	m.layout()
	return s.Init()
}

func (m *Model) pop() tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	m.stack = m.stack[:len(m.stack)-1]
	m.layout()
	_, cmd := m.top().Update(tea.WindowSizeMsg{Width: m.c.Width, Height: m.c.Height})
	if lib, ok := m.top().(*library.Model); ok {
		return tea.Batch(cmd, lib.Init())
	}
	return cmd
}

// maxBannerLines is the most lines one banner takes; longer ones are cut
// with an ellipsis.
const maxBannerLines = 3

// banners are the lines above the screen: each banner wrapped to the
// width, padded by a space each side.
func (m *Model) banners() []string {
	w := m.c.Width
	var out []string
	for _, b := range m.bannerTexts() {
		out = append(out, bannerLines(b, w)...)
	}
	if len(m.stack) == 1 && len(m.problems) > 0 {
		out = append(out, bannerLines(problemsText(m.problems, w), w)...)
	}
	return out
}

// bannerLines wraps text into at most maxBannerLines lines of width w.
func bannerLines(text string, w int) []string {
	lines := common.WrapLines(text, max(w-2, 1), "", "")
	if len(lines) > maxBannerLines {
		last := strings.Join(lines[maxBannerLines-1:], " ")
		lines = append(lines[:maxBannerLines-1], common.Truncate(last, max(w-2, 1)))
	}
	for i, l := range lines {
		lines[i] = " " + l + " "
	}
	return lines
}

// problemsText is the banner for content problems at width w: as many of
// them as fit in the banner's lines, then how many more there are.
func problemsText(problems []string, w int) string {
	if len(problems) == 1 {
		return "Content problem, file skipped: " + problems[0]
	}
	head := fmt.Sprintf("%d content problems, files skipped: ", len(problems))
	fits := func(s string) bool { return len(common.WrapLines(s, max(w-2, 1), "", "")) <= maxBannerLines }
	text := head + problems[0]
	if !fits(text + moreText(len(problems)-1)) {
		return fmt.Sprintf("%d content problems, files skipped; run frontline validate", len(problems))
	}
	shown := 1
	for shown < len(problems) {
		next := text + "; " + problems[shown]
		if shown+1 < len(problems) {
			if !fits(next + moreText(len(problems)-shown-1)) {
				break
			}
		} else if !fits(next) {
			break
		}
		text, shown = next, shown+1
	}
	if rest := len(problems) - shown; rest > 0 {
		text += moreText(rest)
	}
	return text
}

func moreText(n int) string {
	return fmt.Sprintf(" …and %d more; run frontline validate", n)
}

// bannerTexts are the banners before wrapping.
func (m *Model) bannerTexts() []string {
	var out []string
	st := m.c.Store.Status()
	if st.ReadOnly {
		reason := st.Reason
		if reason == "" {
			reason = "the progress file cannot be written"
		}
		out = append(out, "Read-only: your answers will not be saved ("+reason+")")
	}
	if m.notSaved != "" {
		out = append(out, m.notSaved)
	}
	if len(m.stack) == 1 {
		out = append(out, m.startup...)
	}
	return out
}

func (m *Model) helpHeight() int {
	if m.confirm {
		return 1
	}
	if m.help.ShowAll {
		return strings.Count(m.helpView(), "\n") + 1
	}
	return 1
}

// layout gives the top screen the space between banners and help.
func (m *Model) layout() {
	m.help.Width = m.c.Width
	h := m.c.Height - len(m.banners()) - m.helpHeight() - 1
	for _, s := range m.stack {
		s.SetSize(m.c.Width, max(h, 1))
	}
}

// Update routes messages.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = max(msg.Width, 1), max(msg.Height, 1)
		m.layout()
		_, cmd := m.top().Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m.key(msg)
	}
	if mod, cmd := m.route(msg); mod != nil {
		return mod, cmd
	}
	// Everything else goes to every screen: a page rendered for a screen
	// under the top one still lands in it.
	return m, m.broadcast(msg)
}

// broadcast sends msg to every screen on the stack.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for i, s := range m.stack {
		ns, cmd := s.Update(msg)
		m.stack[i] = ns
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
		if c, ok := m.top().(common.Capturing); !ok || !c.Capturing() {
			return m.keys(msg)
		}
	}
	k := m.c.Keys
	if key.Matches(msg, k.QuickExit) {
		m.quick = true
		return m, tea.Quit
	}
	if msg.Type == tea.KeyCtrlC {
		return m, tea.Quit
	}
	if m.confirm {
		switch {
		case key.Matches(msg, k.Yes), key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.confirm = false
			m.layout()
		}
		return m, nil
	}
	if m.asking {
		switch {
		case key.Matches(msg, k.Yes):
			m.asking = false
			m.layout()
			return m, m.restoreCmd()
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.asking = false
			m.layout()
		}
		return m, nil
	}
	if m.err != nil {
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Back), msg.Type == tea.KeyEnter:
			m.err = nil
		}
		return m, nil
	}
	if key.Matches(msg, k.Restore) && m.canRestore() {
		// Checked before text fields: after a damaged file the learner
		// usually lands in the new-learner form.
		m.asking = true
		return m, nil
	}
	if c, ok := m.top().(common.Capturing); ok && c.Capturing() {
		s, cmd := m.top().Update(msg)
		m.stack[len(m.stack)-1] = s
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.layout()
		return m, nil
	case key.Matches(msg, k.Quit):
		if b, ok := m.top().(common.Busy); ok && b.Busy() {
			m.confirm = true
			m.layout()
			return m, nil
		}
		return m, tea.Quit
	}
	s, cmd := m.top().Update(msg)
	m.stack[len(m.stack)-1] = s
	return m, cmd
}

// keys handles several keys that arrived in one read (typed fast, pasted,
// or held down over a slow link), which the terminal library delivers as
// one message: each is handled as if pressed alone. The first is handled
// now; the rest follow once what it started has been delivered, so a key
// that opens a screen is followed by keys for that screen.
func (m *Model) keys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	first := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[:1], Alt: msg.Alt}
	rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[1:], Alt: msg.Alt, Paste: msg.Paste}
	mod, cmd := m.key(first)
	if m.quick {
		return mod, cmd
	}
	return mod, tea.Sequence(cmd, func() tea.Msg { return rest })
}

// route handles navigation messages; it returns a nil model for others.
func (m *Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	c := m.c
	if c.Partial && needsFull(msg) {
		if m.loadErr != nil {
			m.err = m.loadErr
			return m, nil
		}
		return m, m.push(newLoading(c, msg))
	}
	if s, ok := m.noteFirst(msg); ok {
		return m, m.push(s)
	}
	switch msg := msg.(type) {
	case common.ReplaceMsg:
		// Continue from a content note: the item opens in the note's
		// place. It is the same step away from home, so the home screen's
		// banners stay as they were.
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
		}
		startup, problems := m.startup, m.problems
		_, cmd := m.route(msg.Next)
		m.startup, m.problems = startup, problems
		m.layout()
		return m, cmd
	case libraryLoadedMsg:
		return m, m.libraryLoaded(msg.res)
	case restoredMsg:
		return m, m.restored(msg)
	case common.BackMsg:
		return m, m.pop()
	case common.HomeMsg:
		m.stack = m.stack[:1]
		m.layout()
		return m, m.stack[0].Init()
	case common.ErrorMsg:
		m.err = msg.Err
		c.Logf("error: %v", msg.Err)
		return m, nil
	case common.LedMsg:
		return m, m.followRoom(msg)
	case common.SavedMsg:
		if msg.Err != nil {
			m.notSaved = common.NotSavedText(msg.Err)
		} else {
			m.notSaved = ""
		}
		m.layout()
		return m, m.broadcast(msg)
	case common.ProfileChosenMsg:
		c.Profile = msg.Profile
		lib := library.New(c)
		m.stack = []common.Screen{lib}
		m.layout()
		return m, lib.Init()
	case common.OpenProfilesMsg:
		if c.Locked {
			return m, nil
		}
		return m, m.push(profiles.New(c, ""))
	case common.SkipItemMsg:
		return m, m.pop()
	case common.OpenModuleMsg:
		mod, ok := c.Library.Module(msg.ModuleID)
		if !ok {
			m.err = fmt.Errorf("no module %q", msg.ModuleID)
			return m, nil
		}
		if m.closed(mod) {
			return m, nil
		}
		return m, m.push(reader.New(c, mod, msg.Page))
	}
	if s, ok := m.openMore(msg); ok {
		if s == nil {
			return m, nil
		}
		return m, m.push(s)
	}
	return nil, nil
}

// followRoom follows a workshop room's word on how it is led: the led
// screen over whatever the trainee was doing in led mode, the room's exam
// in exam mode, and back to where they were in free mode.
func (m *Model) followRoom(msg common.LedMsg) tea.Cmd {
	v := msg.View
	at := -1
	for i, s := range m.stack {
		if _, ok := s.(*led.Model); ok {
			at = i
		}
	}
	if v.Mode == workshop.ModeLed {
		m.err, m.asking = nil, false
		if at >= 0 {
			s, cmd := m.stack[at].Update(msg)
			m.stack[at] = s
			return cmd
		}
		return m.push(led.New(m.c, v))
	}
	var cmds []tea.Cmd
	if at >= 0 {
		m.stack = append(m.stack[:at:at], m.stack[at+1:]...)
		m.layout()
		_, cmd := m.top().Update(tea.WindowSizeMsg{Width: m.c.Width, Height: m.c.Height})
		cmds = append(cmds, cmd)
	}
	if v.Mode == workshop.ModeExam && v.Exam != nil {
		mod, ok := m.c.Library.Module(v.Exam.Module)
		open := false
		for _, s := range m.stack {
			if x, ok := s.(*exam.Model); ok && x.Sitting() && x.Module() == v.Exam.Module {
				open = true
			}
		}
		if ok && !open {
			m.err, m.asking = nil, false
			cmds = append(cmds, m.push(exam.NewSitting(m.c, mod, activity.Sitting{Settings: v.Exam.Settings, Started: v.Exam.Started, Deadline: v.Exam.Deadline})))
		}
	}
	return tea.Batch(cmds...)
}

// closed reports, and shows, that module mod is closed because an exam on
// it is open: its pages and practice quiz wait until the exam ends.
func (m *Model) closed(mod *content.Module) bool {
	ctx, cancel := m.c.Ctx()
	defer cancel()
	if err := m.c.Learner().CheckOpen(ctx, mod); err != nil {
		m.err = err
		m.layout()
		return true
	}
	return false
}

// libraryLoaded swaps the full library in, tells every screen, shows what
// the loader reported, and opens what was waiting for it.
func (m *Model) libraryLoaded(res LoadResult) tea.Cmd {
	c := m.c
	if res.Err != nil || res.Library == nil {
		err := res.Err
		if err == nil {
			err = errors.New("no content loaded")
		}
		m.loadErr = fmt.Errorf("load the curriculum: %w", err)
		c.Logf("%v", m.loadErr)
		if m.dropLoading() != nil {
			m.err = m.loadErr
			m.layout()
		}
		return nil
	}
	c.Library, c.Partial = res.Library, false
	cmds := []tea.Cmd{m.broadcast(common.LibraryReadyMsg{})}
	// Open what was waiting, in place of its loading screen.
	if l := m.dropLoading(); l != nil {
		_, cmd := m.route(l.pending)
		cmds = append(cmds, cmd)
	}
	// Shown on the home screen (now, or when the learner comes back to it).
	for _, p := range res.Problems {
		c.Logf("content: %s", p)
	}
	m.problems = res.Problems
	m.startup = append(m.startup, res.Library.Notices...)
	m.layout()
	return tea.Batch(cmds...)
}

// dropLoading removes the loading screen from the stack and returns it
// (nil if there was none).
func (m *Model) dropLoading() *loadingScreen {
	for i, s := range m.stack {
		if l, ok := s.(*loadingScreen); ok {
			m.stack = append(m.stack[:i:i], m.stack[i+1:]...)
			return l
		}
	}
	return nil
}

// View draws the frame. Everything drawn passes one filter on the way
// out (textsafe.ANSI): nothing but text and colour (SGR) reaches the
// terminal, whatever a content file or a name holds. A line wider than the
// terminal (which would be cut where the edge falls, mid-word) ends in an
// ellipsis instead.
func (m *Model) View() string { return fitWidth(textsafe.ANSI(m.frame()), m.c.Width) }

// fitWidth cuts every line of v wider than w, with an ellipsis.
func fitWidth(v string, w int) string {
	var b strings.Builder
	start := 0
	for start <= len(v) {
		end := strings.IndexByte(v[start:], '\n')
		if end < 0 {
			end = len(v)
		} else {
			end += start
		}
		line := v[start:end]
		if len(line) > w && common.Width(line) > w { // bytes are at least as many as columns
			line = common.Truncate(line, w)
		}
		b.WriteString(line)
		if end == len(v) {
			break
		}
		b.WriteByte('\n')
		start = end + 1
	}
	return b.String()
}

// frame draws banners, the top screen and the help bar.
func (m *Model) frame() string {
	if m.quick {
		return ""
	}
	s := m.c.Styles
	w, h := m.c.Width, m.c.Height
	if w < 40 || h < 12 {
		return common.FitLines(common.WrapLines("Please make the window larger: frontline needs at least 40 columns and 12 lines. ctrl+x leaves now.", w, "", ""), h)
	}
	var b strings.Builder
	for _, l := range m.banners() {
		b.WriteString(s.Banner.Render(l))
		b.WriteByte('\n')
	}
	if m.err != nil {
		title, text := s.Symbols.Wrong+" Something went wrong", m.err.Error()
		if errors.Is(m.err, activity.ErrExamOpen) {
			title, text = "Closed while your exam is open", strings.TrimPrefix(text, activity.ErrExamOpen.Error()+": ")
			text = capitalFirst(text) + ". Open the exam from the library to carry on with it."
		}
		body := s.ErrorBox.Width(min(w-2, 76)).Render(s.Wrong.Render(title) + "\n\n" + text + "\n\n" + s.Subtle.Render("esc or enter to go back, q to quit"))
		hgt := h - len(m.banners()) - m.helpHeight() - 1
		b.WriteString(common.FitLines(strings.Split(body, "\n"), max(hgt, 1)))
	} else if m.asking || m.restoring {
		body := m.restoreView()
		hgt := h - len(m.banners()) - m.helpHeight() - 1
		b.WriteString(common.FitLines(strings.Split(body, "\n"), max(hgt, 1)))
	} else {
		b.WriteString(m.top().View())
	}
	b.WriteString("\n\n")
	if m.confirm {
		b.WriteString(s.Warning.Render("Quit now? What you answered so far is saved. ") + s.Key.Render("y") + " quit  " + s.Key.Render("n") + " stay")
	} else if m.asking {
		b.WriteString(s.Key.Render("y") + " restore  " + s.Key.Render("n") + " not now  " + s.Key.Render("ctrl+x") + " exit now")
	} else {
		b.WriteString(m.helpView())
	}
	return b.String()
}

// capitalFirst upper-cases the first letter of s.
func capitalFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// restoreView asks before a restore, or says it is under way.
func (m *Model) restoreView() string {
	s := m.c.Styles
	w := min(m.c.Width-2, 76)
	backup := m.c.Store.Status().Backup
	if m.restoring {
		return s.ErrorBox.Width(w).Render(s.Subtitle.Render("Restoring your progress…") + "\n\n" + backup)
	}
	text := s.Subtitle.Render("Restore your progress from a backup?") + "\n\n" +
		"Backup: " + backup + "\n\n" +
		"The progress file in use now is not deleted: it is moved aside first, and frontline says where. " +
		"Anything recorded since the backup was taken is in that file, not in the backup.\n\n" +
		s.Key.Render("y") + " restore   " + s.Key.Render("n") + " not now"
	return s.ErrorBox.Width(w).Render(text)
}

// helpView is the help bar. The short form drops bindings to fit the
// width, from the end, but keeps the quick exit (the last binding) and the
// keys a learner cannot do without: submitting an answer or an exam, and
// help, which lists the rest.
func (m *Model) helpView() string {
	if m.help.ShowAll {
		return m.help.View(m.top())
	}
	bs := m.top().ShortHelp()
	h := m.help
	h.Width = 0 // the loop below fits the width
	k := m.c.Keys
	essential := func(b key.Binding) bool {
		h := b.Help()
		return h == k.Finish.Help() || h == k.Help.Help() || h == k.Submit.Help()
	}
	for len(bs) > 1 {
		v := h.ShortHelpView(bs)
		if common.Width(v) <= m.c.Width {
			return v
		}
		drop := -1
		for i := len(bs) - 2; i >= 0; i-- {
			if !essential(bs[i]) {
				drop = i
				break
			}
		}
		if drop < 0 {
			drop = len(bs) - 2 // only essentials left: drop from the end
		}
		bs = append(bs[:drop:drop], bs[drop+1:]...)
	}
	return h.ShortHelpView(bs)
}
