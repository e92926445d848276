// Package app assembles frontline for one terminal: the curriculum (a
// quick index for the first frame, the full load behind it), the progress
// store, backup restore, the log file and the learner, then the full-screen
// app or the line mode. The local command uses it once; the workshop
// server uses it once per connection, with the room's shared store and
// curriculum and a learner fixed by the room.
package app

import (
	"context"

	"errors"
	"fmt"
	"github.com/charmbracelet/lipgloss"
	"io"
	"os"
	"path/filepath"
	"sync"

	"frontline/internal/activity"
	"frontline/internal/certificate"
	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/tui"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// LogName is the log file the app writes in the data folder while it owns
// the terminal (what went wrong in the background; never answers).
const LogName = "frontline.log"

// Config is what one terminal's app needs.
type Config struct {
	In  io.Reader
	Out io.Writer
	// Getenv reads the terminal's environment (TERM, NO_COLOR, COLORFGBG);
	// nil means os.Getenv.
	Getenv func(string) string
	// Sources are the content folders, bundled first (see Sources).
	Sources []loader.Source
	// DataDir is the progress folder as given (--data); "" means the
	// default (progress.DataDir).
	DataDir string
	// Profile and Role are --profile and --role.
	Profile, Role string
	// Theme is "auto", "dark" or "light".
	Theme string
	// Start opens an activity at once (see tui.Options.Start); Exam
	// replaces its exam settings (already tightened).
	Start string
	Exam  *content.ExamSettings
	// FirstFrame draws the first frame and exits, for timing start-up.
	FirstFrame  bool
	NoAltScreen bool

	// Store and Library, when set, are shared with other terminals (the
	// workshop server): the app uses them as they are, never closes the
	// store and offers no restore. Library must then be fully loaded.
	Store   progress.Store
	Library *content.Library
	// Learner, when set, is who is learning, fixed for this terminal: no
	// picker lists the others and no one else can be chosen.
	Learner *progress.Profile
	// Log receives diagnostics; nil means the data folder's LogName for a
	// local app, nothing for a shared one.
	Log io.Writer
	// Seal seals finished exam attempts (see Sealer); Signed says it signs
	// them with an issuer key. Nil means the data folder's key, if any.
	Seal   activity.Sealer
	Signed bool
	// Flags are the global flags a command printed for the learner must
	// repeat (activity.Learner.Flags); nil for a terminal that cannot run
	// commands on this computer.
	Flags []string

	// For an app seated in a workshop room (see Model): the terminal's own
	// renderer, the room's shared render cache, and the room's link.
	Renderer *lipgloss.Renderer
	Renders  *common.RenderShare
	Room     workshop.Link
}

// Sources lists the bundled content and every --content folder, in the
// order they are loaded (later ones replace earlier items with the same
// id).
func Sources(dirs []string) ([]loader.Source, error) {
	sources := []loader.Source{loader.Bundled()}
	for _, dir := range dirs {
		src, err := loader.Dir(dir)
		if err != nil {
			return nil, fmt.Errorf("--content %s: %w", dir, err)
		}
		sources = append(sources, src)
	}
	return sources, nil
}

// SkippedLine closes a list of n content errors: each skipped its file.
func SkippedLine(n int) string {
	return "frontline: " + activity.Count(n, "content problem") + " above; " +
		activity.Plural(n, "the file with it was skipped", "the files with them were skipped") +
		" (run 'frontline validate' for details)"
}

// LoadLibrary loads the bundled content plus the content folders dirs for
// a command, and tells msgs about the files skipped and the items a
// trainer's folder replaced. Content with errors is skipped; the rest
// loads. It fails only when nothing usable loaded.
func LoadLibrary(dirs []string, msgs io.Writer) (*content.Library, error) {
	sources, err := Sources(dirs)
	if err != nil {
		return nil, err
	}
	lib, problems := loader.Load(sources...)
	errs := 0
	for _, p := range problems {
		if p.Severity == loader.Error {
			errs++
			fmt.Fprintln(msgs, p.String())
		}
	}
	if errs > 0 {
		fmt.Fprintln(msgs, SkippedLine(errs))
	}
	for _, n := range lib.Notices {
		fmt.Fprintln(msgs, "frontline: "+n)
	}
	if len(lib.Modules) == 0 && len(lib.Scenarios) == 0 {
		return nil, ErrNoContent
	}
	return lib, nil
}

// OpenStore opens the progress store in the data folder (dir as given by
// --data; "" means FRONTLINE_DATA or the platform's folder). A damaged or
// read-only store still opens; its Status says why.
func OpenStore(dir string) (progress.Store, error) {
	d, err := progress.Folder(dir)
	if err != nil {
		return nil, fmt.Errorf("--data: %w", err)
	}
	st, err := sqlite.Open(d)
	if err != nil {
		return nil, fmt.Errorf("open progress in %s: %w", d, err)
	}
	return st, nil
}

// IssuerKey loads the issuer key of the data folder (dir as given by
// --data), or nil when this computer has none: its exams are then sealed
// as self-study records. A key that others can read is an error to show.
func IssuerKey(dir string) (*certificate.Key, error) {
	d, err := progress.Folder(dir)
	if err != nil {
		return nil, fmt.Errorf("--data: %w", err)
	}
	key, err := certificate.LoadKey(d)
	if errors.Is(err, certificate.ErrNoKey) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	return key, nil
}

// Sealer seals finished exam attempts with key: a signed statement, or,
// with a nil key, the self-study statement (certificate.Seal).
func Sealer(key *certificate.Key) activity.Sealer {
	return func(p progress.Profile, m *content.Module, a *progress.Attempt) error {
		seal, err := certificate.Seal(key, certificate.Exam{Learner: p.Name, ModuleTitle: m.Title, PassMark: a.PassMark}, *a)
		if err != nil {
			return err
		}
		a.Seal = seal
		return nil
	}
}

// Problems are content problems found by the full load, as lines for the
// user; the caller prints them after the app has left the screen.
type Problems []string

// ErrQuickExit is returned when the learner used the quick exit: the
// caller prints nothing more.
var ErrQuickExit = tui.ErrQuickExit

// ErrNoContent means nothing usable loaded.
var ErrNoContent = errors.New("no content loaded (run 'frontline validate' to see why)")

// Run runs the full-screen app until the learner quits or ctx ends. It
// returns the content problems the full load found (files skipped).
func Run(ctx context.Context, cfg Config) (Problems, error) {
	a := &assembly{cfg: cfg}
	defer a.close()
	opts, err := a.options(ctx)
	if err != nil {
		return nil, err
	}
	err = tui.Run(opts)
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.problems, err
}

// Model builds the app for a terminal whose Bubble Tea program the caller
// runs: a workshop room's seat, which outlives the connections that show
// it. The config must share a store and a full library and fix the
// learner; it is the same assembly as Run's for a shared store.
func Model(ctx context.Context, cfg Config) (*tui.Model, error) {
	if cfg.Store == nil || cfg.Learner == nil {
		return nil, errors.New("app model: a seated app needs a shared store and a fixed learner")
	}
	a := &assembly{cfg: cfg}
	opts, err := a.options(ctx)
	if err != nil {
		return nil, err
	}
	return tui.New(opts)
}

// assembly holds what one run of the app opened.
type assembly struct {
	cfg      Config
	store    progress.Store // opened here (closed by close) unless shared
	logFile  *os.File
	mu       sync.Mutex
	problems Problems
}

// options opens what the app needs and returns its options.
func (a *assembly) options(ctx context.Context) (tui.Options, error) {
	cfg := a.cfg
	opts := tui.Options{
		Context: ctx, In: cfg.In, Out: cfg.Out, Getenv: cfg.Getenv, Theme: cfg.Theme,
		Profile: cfg.Profile, Start: cfg.Start, Exam: cfg.Exam, ExitAfterFirstFrame: cfg.FirstFrame,
		NoAltScreen: cfg.NoAltScreen, Log: cfg.Log, Seal: cfg.Seal, Signed: cfg.Signed, Learner: cfg.Learner,
		Flags: cfg.Flags, Renderer: cfg.Renderer, Renders: cfg.Renders, Room: cfg.Room,
	}
	if cfg.Store != nil {
		if cfg.Library == nil {
			return opts, errors.New("run app: a shared store needs the full library")
		}
		opts.Store, opts.Library = cfg.Store, cfg.Library
		return opts, nil
	}
	// The first frame needs only the front matter, read while the progress
	// store opens; the full library loads once the app is on screen.
	indexed := make(chan *content.Library, 1)
	go func() {
		lib, _ := loader.Index(cfg.Sources...)
		indexed <- lib
	}()
	store, err := OpenStore(cfg.DataDir)
	lib := <-indexed
	if err != nil {
		return opts, err
	}
	a.store = store
	if len(lib.Modules) == 0 && len(lib.Scenarios) == 0 {
		return opts, ErrNoContent
	}
	if cfg.Profile != "" && cfg.Role != "" {
		if err := a.ensureLearner(ctx); err != nil {
			return opts, err
		}
	}
	if opts.Seal == nil {
		key, err := IssuerKey(cfg.DataDir)
		if err != nil {
			return opts, err
		}
		opts.Seal, opts.Signed = Sealer(key), key != nil
	}
	opts.Store, opts.Library = store, lib
	opts.Load = a.load
	opts.Restore = a.restore
	if opts.Log == nil && !cfg.FirstFrame {
		a.openLog()
		if a.logFile != nil {
			opts.Log = a.logFile
		}
	}
	return opts, nil
}

// ensureLearner creates the learner named by --profile when they do not
// exist yet and --role says their group; without a role the app's own form
// asks for it.
func (a *assembly) ensureLearner(ctx context.Context) error {
	c, cancel := activity.Call(ctx)
	defer cancel()
	_, err := activity.Resolve(c, a.store, a.cfg.Profile, a.cfg.Role, "")
	if errors.Is(err, activity.ErrNeedRole) {
		return nil
	}
	return err
}

// load is the full load of the curriculum, run behind the first frame.
func (a *assembly) load() tui.LoadResult {
	full, ps := loader.Load(a.cfg.Sources...)
	var errs Problems
	for _, p := range ps {
		if p.Severity == loader.Error {
			errs = append(errs, p.String())
		}
	}
	a.mu.Lock()
	a.problems = errs
	a.mu.Unlock()
	if len(full.Modules) == 0 && len(full.Scenarios) == 0 {
		return tui.LoadResult{Problems: errs, Err: ErrNoContent}
	}
	return tui.LoadResult{Library: full, Problems: errs}
}

// openLog opens the data folder's log file (0600), appending.
func (a *assembly) openLog() {
	dir, err := progress.Folder(a.cfg.DataDir)
	if err != nil {
		return
	}
	f, err := os.OpenFile(filepath.Join(dir, LogName), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err == nil {
		a.logFile = f
	}
}

// restore closes the store, puts the backup in place of the database and
// opens the store again. It always returns a usable store: when the
// restore fails, the store is reopened as it was. aside is where the
// database that was replaced went.
func (a *assembly) restore(backup string) (next progress.Store, aside string, err error) {
	dir, err := progress.Folder(a.cfg.DataDir)
	if err != nil {
		return a.store, "", fmt.Errorf("restore: --data: %w", err)
	}
	if err := a.store.Close(); err != nil {
		return a.store, "", fmt.Errorf("restore: close progress: %w", err)
	}
	aside, rerr := sqlite.Restore(dir, backup)
	next, oerr := sqlite.Open(dir)
	if oerr != nil {
		a.store = nil
		return nil, aside, fmt.Errorf("restore: reopen progress in %s: %w", dir, errors.Join(rerr, oerr))
	}
	a.store = next
	return next, aside, rerr
}

func (a *assembly) close() {
	if a.store != nil {
		_ = a.store.Close() // every write was committed when it was made
	}
	if a.logFile != nil {
		_ = a.logFile.Close()
	}
}
