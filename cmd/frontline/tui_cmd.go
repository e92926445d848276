package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"

	"frontline/internal/app"
	"frontline/internal/content"
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
	if env.Term == nil || !term.IsTerminal(env.Term.Fd()) {
		return true
	}
	in, ok := env.Stdin.(*os.File)
	return !ok || !term.IsTerminal(in.Fd())
}

// runTUI runs the full-screen app (app.Run), optionally starting at an
// activity (see tui.Options.Start) with tightened exam settings.
func runTUI(env *Env, start string, exam *content.ExamSettings, firstFrame bool) int {
	if !firstFrame && wantPlain(env) {
		fmt.Fprintln(env.Stderr, "frontline: this is not a terminal the full-screen app can use; run 'frontline --plain quiz MODULE' or 'frontline --plain scenario ID' for the line mode")
		return exitUsage
	}
	sources, err := app.Sources(env.Content)
	if err != nil {
		return env.fail(err)
	}
	var out io.Writer = env.Stdout
	if env.Term != nil {
		out = env.Term // the app draws with control sequences; it filters what it draws
	}
	problems, err := app.Run(env.context(), app.Config{
		In: env.Stdin, Out: out, Sources: sources, DataDir: env.DataDir,
		Profile: env.Profile, Role: env.Role, Theme: env.Theme, Start: start, Exam: exam,
		FirstFrame: firstFrame, Flags: env.commandFlags(false),
	})
	if errors.Is(err, app.ErrQuickExit) {
		return exitOK // leave nothing on screen, not even content problems
	}
	if err != nil {
		return env.fail(err)
	}
	if n := len(problems); n > 0 && !firstFrame {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p)
		}
		fmt.Fprintln(env.Stderr, app.SkippedLine(n))
	}
	return exitOK
}
