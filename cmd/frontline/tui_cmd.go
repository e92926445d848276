package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/x/term"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui"
)

// runApp opens the full-screen training app (the bare `frontline`
// command). Its own flags: --start KIND:ID opens a module, quiz, exam or
// scenario at once; --first-frame draws the first frame and exits (for
// start-up timing; FRONTLINE_FIRST_FRAME=1 does the same).
func runApp(env *Env, args []string) int {
	fs := newFlagSet(env, "app", "[--start KIND:ID]")
	start := fs.String("start", "", "open `KIND:ID` at once: module:ID, quiz:ID, exam:ID, scenario:ID, glossary, progress")
	first := fs.Bool("first-frame", false, "draw the first frame and exit (for timing start-up)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	return runTUI(env, *start, nil, *first || os.Getenv("FRONTLINE_FIRST_FRAME") == "1")
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
	lib, err := env.LoadLibrary()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	store, err := env.OpenStore()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: open progress: %v\n", err)
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read-only use at this point; every write was committed already

	profile := env.Profile
	if profile != "" {
		if err := ensureProfile(store, profile, env.Role); err != nil {
			fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
			return exitFailure
		}
	}
	opts := tui.Options{
		Library: lib, Store: store, Profile: profile, Theme: env.Theme,
		In: env.Stdin, Out: env.Stdout, Start: start, Exam: exam,
		ExitAfterFirstFrame: firstFrame,
	}
	if env.DataDir != "" && !firstFrame {
		if f, err := os.OpenFile(filepath.Join(env.DataDir, "frontline.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
			defer f.Close() //nolint:errcheck // diagnostics only
			opts.Log = f
		}
	}
	if err := tui.Run(opts); err != nil {
		if errors.Is(err, tui.ErrQuickExit) {
			return exitOK
		}
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	return exitOK
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
