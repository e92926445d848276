package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/tui"
)

// runApp opens the full-screen training app (the bare `frontline`
// command). Its own flags: --start KIND:ID opens a module, quiz, exam or
// scenario at once; --first-frame draws the first frame and exits (for
// start-up timing; FRONTLINE_FIRST_FRAME=1 does the same).
func runApp(env *Env, args []string) int {
	fs := newFlagSet(env, "app", "app [--start KIND:ID] [--first-frame]")
	start := fs.String("start", "", "open `KIND:ID` at once: module:ID, quiz:ID, exam:ID, scenario:ID, glossary, progress")
	first := fs.Bool("first-frame", false, "draw the first frame and exit (for timing start-up)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	firstFrame := *first || os.Getenv("FRONTLINE_FIRST_FRAME") == "1"
	if *start == "" && !firstFrame && wantPlain(env) {
		return runPlainHome(env)
	}
	return runTUI(env, *start, nil, firstFrame)
}

// wantPlain reports whether the line mode should be used instead of the
// full-screen app: --plain, TERM=dumb, or input or output not a terminal.
func wantPlain(env *Env) bool {
	if env.Plain || os.Getenv("TERM") == "dumb" {
		return true
	}
	out, ok := env.Stdout.(*os.File)
	if !ok || !term.IsTerminal(out.Fd()) {
		return true
	}
	in, ok := env.Stdin.(*os.File)
	return !ok || !term.IsTerminal(in.Fd())
}

// runTUI runs the full-screen app, optionally starting at an activity
// (see tui.Options.Start) with tightened exam settings.
func runTUI(env *Env, start string, exam *content.ExamSettings, firstFrame bool) int {
	if !firstFrame && wantPlain(env) {
		fmt.Fprintln(env.Stderr, "frontline: this is not a terminal the full-screen app can use; run 'frontline --plain quiz MODULE' or 'frontline --plain scenario ID' for the line mode")
		return exitUsage
	}
	sources, err := env.contentSources()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	// The first frame needs only the front matter, read while the progress
	// store opens; the full library loads once the app is on screen.
	indexed := make(chan *content.Library, 1)
	go func() {
		lib, _ := loader.Index(sources...)
		indexed <- lib
	}()
	store, err := env.OpenStore()
	if err != nil {
		<-indexed
		fmt.Fprintf(env.Stderr, "frontline: open progress: %v\n", err)
		return exitFailure
	}
	// A restore from a backup closes the store and opens a new one.
	defer func() {
		if store != nil {
			_ = store.Close() // every write was committed already
		}
	}()
	lib := <-indexed
	if len(lib.Modules) == 0 && len(lib.Scenarios) == 0 {
		fmt.Fprintln(env.Stderr, "frontline: no content loaded (run 'frontline validate' to see why)")
		return exitFailure
	}
	// problems is written by the load command and read after Run returns.
	var (
		mu       sync.Mutex
		problems []string
	)
	load := func() tui.LoadResult {
		full, ps := loader.Load(sources...)
		var errs []string
		for _, p := range ps {
			if p.Severity == loader.Error {
				errs = append(errs, p.String())
			}
		}
		mu.Lock()
		problems = errs
		mu.Unlock()
		if len(full.Modules) == 0 && len(full.Scenarios) == 0 {
			return tui.LoadResult{Problems: errs, Err: errors.New("no content loaded")}
		}
		return tui.LoadResult{Library: full, Problems: errs}
	}
	profile := env.Profile
	if profile != "" {
		if err := ensureProfile(store, profile, env.Role); err != nil {
			fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
			return exitFailure
		}
	}
	opts := tui.Options{
		Library: lib, Load: load, Store: store, Profile: profile, Theme: env.Theme,
		In: env.Stdin, Out: env.Stdout, Start: start, Exam: exam,
		ExitAfterFirstFrame: firstFrame,
		Restore: func(backup string) (progress.Store, string, error) {
			next, aside, err := env.restore(store, backup)
			if next != nil {
				store = next
			}
			return next, aside, err
		},
	}
	if env.DataDir != "" && !firstFrame {
		if f, err := os.OpenFile(filepath.Join(env.DataDir, "frontline.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
			defer f.Close() //nolint:errcheck // diagnostics only
			opts.Log = f
		}
	}
	if err := tui.Run(opts); err != nil {
		if errors.Is(err, tui.ErrQuickExit) {
			return exitOK // leave nothing on screen, not even content problems
		}
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	mu.Lock()
	defer mu.Unlock()
	if n := len(problems); n > 0 && !firstFrame {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p)
		}
		fmt.Fprintf(env.Stderr, "frontline: %d content problem(s) above; those files were skipped (run 'frontline validate' for details)\n", n)
	}
	return exitOK
}

// contentSources lists the bundled content and every --content folder, in
// the order LoadLibrary reads them.
func (e *Env) contentSources() ([]loader.Source, error) {
	sources := []loader.Source{loader.Bundled()}
	for _, dir := range e.Content {
		src, err := loader.Dir(dir)
		if err != nil {
			return nil, fmt.Errorf("--content %s: %w", dir, err)
		}
		sources = append(sources, src)
	}
	return sources, nil
}

// restore closes the store, puts the backup in place of the database and
// opens the store again. It always returns a usable store: when the restore
// fails, the store is reopened as it was. aside is where the database that
// was replaced went.
func (e *Env) restore(store progress.Store, backup string) (next progress.Store, aside string, err error) {
	dir, err := progress.DataDir(e.DataDir)
	if err != nil {
		return store, "", fmt.Errorf("restore: --data: %w", err)
	}
	if err := store.Close(); err != nil {
		return store, "", fmt.Errorf("restore: close progress: %w", err)
	}
	aside, rerr := sqlite.Restore(dir, backup)
	next, oerr := sqlite.Open(dir)
	if oerr != nil {
		return nil, aside, fmt.Errorf("restore: reopen progress in %s: %w", dir, errors.Join(rerr, oerr))
	}
	if rerr != nil {
		return next, aside, rerr
	}
	return next, aside, nil
}

// ensureProfile creates the learner named by --profile when it does not
// exist and --role says which group they work in. Without a role the app's
// own form asks for it.
func ensureProfile(store progress.Store, name, role string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := store.ProfileByName(ctx, name)
	if err == nil || !errors.Is(err, progress.ErrNotFound) {
		if err != nil {
			return fmt.Errorf("find learner %q: %w", name, err)
		}
		return nil
	}
	if role == "" {
		return nil
	}
	r, ok := content.ParseRole(role)
	if !ok {
		return fmt.Errorf("unknown role %q", role)
	}
	if _, err := store.CreateProfile(ctx, name, r); err != nil {
		return fmt.Errorf("create learner %q: %w", name, err)
	}
	return nil
}
