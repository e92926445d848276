// Command frontline trains frontline professionals to recognise the
// indicators of human trafficking and to respond safely: lesson modules,
// indicator quizzes and branching case studies, with progress kept locally.
//
// This package parses flags, wires the parts together and prints; what a
// learner does lives in internal/activity, the app's assembly in
// internal/app.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/app"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Env is what every command receives: the streams, the global flags and,
// once loaded, the content library.
type Env struct {
	// Stdout and Stderr carry text only (textsafe.Writer): no content,
	// name or file name printed by a command can reach the terminal as a
	// control sequence.
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	// Term is the terminal the full-screen app draws on (standard output
	// itself); nil when there is none.
	Term *os.File
	// Content lists trainer content folders given with --content.
	Content []string
	DataDir string
	Profile string
	Role    string
	Plain   bool
	Theme   string
	// Library is loaded lazily by LoadLibrary.
	Library *content.Library
	// Ctx is the command's context; it ends on an interrupt.
	Ctx context.Context
}

// command is one subcommand.
type command struct {
	name    string
	usage   string
	summary string
	run     func(env *Env, args []string) int
}

func commands() []command {
	return []command{
		{"app", "app [--start KIND:ID]", "open the training app (the default with no command)", runApp},
		{"read", "read MODULE", "read a module's lesson pages", runRead},
		{"quiz", "quiz MODULE", "practise a module's quiz", runQuiz},
		{"scenario", "scenario ID", "play a case-study scenario", runScenario},
		{"exam", "exam MODULE [--time 20m] [--pass 80]", "take an assessed exam", runExam},
		{"progress", "progress [export|delete] ...", "show, export or delete progress", runProgress},
		{"attempts", "attempts --module M [--show ID]", "list your attempts at a module, or review one as it was shown", runAttempts},
		{"certificate", "certificate --module M [-o FILE] | certificate verify FILE|CODE", "write or verify a certificate of completion", runCertificate},
		{"issuer", "issuer init --name NAME | issuer show | issuer trust LINE", "create the key that signs certificates, or trust another issuer's", runIssuer},
		{"serve", "serve [--listen :2222] [--room NAME] ...", "run a workshop room that trainees join over SSH", runServe},
		{"room", "room export ROOM [--format csv|json|md] [-o FILE]", "export a workshop room's class results", runRoom},
		{"validate", "validate [--format text|json] [PATH...]", "check content for errors", runValidate},
		{"version", "version", "print the version", runVersion},
	}
}

func main() {
	env := &Env{Stdout: textsafe.Writer(os.Stdout), Stderr: textsafe.Writer(os.Stderr), Stdin: os.Stdin,
		Term: os.Stdout, Ctx: context.Background()}
	os.Exit(run(env, os.Args[1:]))
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// themeFlag is --theme: auto, dark or light, refused otherwise.
type themeFlag struct{ v *string }

func (t themeFlag) String() string {
	if t.v == nil {
		return ""
	}
	return *t.v
}

func (t themeFlag) Set(v string) error {
	switch v {
	case "auto", "dark", "light":
		*t.v = v
		return nil
	}
	return fmt.Errorf("want auto, dark or light, not %q", v)
}

// globalFlags registers the flags every command accepts on fs.
func globalFlags(fs *flag.FlagSet, env *Env) {
	fs.Var((*stringList)(&env.Content), "content", "add a trainer's content `DIR` (repeatable); same ids replace bundled items")
	fs.StringVar(&env.DataDir, "data", env.DataDir, "progress `DIR` (default: FRONTLINE_DATA or the user's data folder)")
	fs.StringVar(&env.Profile, "profile", env.Profile, "learner profile `NAME` (skips the picker; created if new)")
	fs.StringVar(&env.Role, "role", env.Role, "`ROLE` for a new profile: police, social-care, health, border, foster-care, labour-inspection, other")
	fs.BoolVar(&env.Plain, "plain", env.Plain, "plain line mode for screen readers (also when TERM=dumb or output is not a terminal)")
	fs.Var(themeFlag{&env.Theme}, "theme", "colour `THEME`: auto, dark or light")
}

// flagOutput sends a flag set's help to standard output (asked for, with
// -h) and its errors and usage after an error to standard error.
type flagOutput struct {
	out, err io.Writer
	help     bool
}

func (f *flagOutput) Write(p []byte) (int, error) {
	if f.help {
		return f.out.Write(p)
	}
	return f.err.Write(p)
}

// newFlagSet returns a flag set for a command, with the global flags.
func newFlagSet(env *Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(&flagOutput{out: env.Stdout, err: env.Stderr})
	globalFlags(fs, env)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: frontline %s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs. Help asked for (-h) goes to standard
// output with exit code 0; a bad flag is reported on standard error with
// the usage, exit code 2.
func parseFlags(fs *flag.FlagSet, args []string) (ok bool, code int) {
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case err == nil:
		return true, exitOK
	case errors.Is(err, flag.ErrHelp):
		if fo, isOut := fs.Output().(*flagOutput); isOut {
			fo.help = true
			defer func() { fo.help = false }()
		}
		fs.Usage()
		return false, exitOK
	}
	fs.Usage()
	return false, exitUsage
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) (pos []string, ok bool, code int) {
	for {
		if ok, code := parseFlags(fs, args); !ok {
			return nil, false, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, exitOK
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), true, exitOK
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func run(env *Env, args []string) int {
	if env.DataDir == "" {
		env.DataDir = os.Getenv("FRONTLINE_DATA")
	}
	if env.Theme == "" {
		env.Theme = "auto"
	}
	fs := flag.NewFlagSet("frontline", flag.ContinueOnError)
	fs.SetOutput(&flagOutput{out: env.Stdout, err: env.Stderr})
	globalFlags(fs, env)
	fs.Usage = func() { usage(fs.Output(), fs) }
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runApp(env, nil)
	}
	name := rest[0]
	if name == "help" {
		usage(env.Stdout, fs)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(env, rest[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "frontline: unknown command %q\n\n", name)
	usage(env.Stderr, fs)
	return exitUsage
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "frontline: training to recognise the indicators of human trafficking and respond safely.")
	fmt.Fprintln(w, "\nusage: frontline [flags] [command]")
	fmt.Fprintln(w, "\nWith no command, frontline opens the training app.")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nflags (accepted before or after the command):")
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
	fmt.Fprintln(w, "\nRun 'frontline COMMAND -h' for a command's own flags.")
}

// context is the command's context (Background when none was set).
func (e *Env) context() context.Context {
	if e.Ctx == nil {
		return context.Background()
	}
	return e.Ctx
}

// usageErr marks an error as a usage error (exit code 2).
type usageErr struct{ error }

func (u usageErr) Unwrap() error { return u.error }

// fail prints err once, as "frontline: ...", and returns its exit code:
// 2 for a usage error (usageErr), 1 for anything else.
func (e *Env) fail(err error) int {
	fmt.Fprintf(e.Stderr, "frontline: %v\n", err)
	if errors.As(err, new(usageErr)) {
		return exitUsage
	}
	return exitFailure
}

// LoadLibrary loads the bundled content plus every --content folder
// (app.LoadLibrary), once, telling the user on Stderr what was skipped.
func (e *Env) LoadLibrary() (*content.Library, error) {
	if e.Library == nil {
		lib, err := app.LoadLibrary(e.Content, e.Stderr)
		if err != nil {
			return nil, err
		}
		e.Library = lib
	}
	return e.Library, nil
}

// commandFlags are the global flags a command printed for the learner
// must repeat to work when pasted: the data folder and content folders as
// absolute paths, and, for the line mode (plain), --plain.
func (e *Env) commandFlags(plain bool) []string {
	var flags []string
	if e.DataDir != "" {
		flags = append(flags, "--data", absPath(e.DataDir))
	}
	for _, dir := range e.Content {
		flags = append(flags, "--content", absPath(dir))
	}
	if plain && e.Plain {
		flags = append(flags, "--plain")
	}
	return flags
}

// absPath is p made absolute, or p when that fails.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// command is a frontline command to print for the user to paste: the
// session's flags (commandFlags), then args, quoted for a shell.
func (e *Env) command(args ...string) string {
	return activity.CommandLine(e.commandFlags(false), args...)
}

// OpenStore opens the learner's progress store (app.OpenStore).
func (e *Env) OpenStore() (progress.Store, error) { return app.OpenStore(e.DataDir) }

// openLibraryAndStore loads the curriculum and opens the progress store,
// telling the user on Stderr what failed and anything unusual the store
// found. The caller closes the store when ok.
func (e *Env) openLibraryAndStore() (lib *content.Library, store progress.Store, ok bool) {
	lib, err := e.LoadLibrary()
	if err != nil {
		e.fail(err)
		return nil, nil, false
	}
	store, ok = e.openStoreReporting()
	return lib, store, ok
}

// openStoreReporting opens the store and reports its status; the caller
// closes it when ok.
func (e *Env) openStoreReporting() (progress.Store, bool) {
	store, err := e.OpenStore()
	if err != nil {
		e.fail(err)
		return nil, false
	}
	reportStatus(e.Stderr, store.Status())
	return store, true
}

// reportStatus tells the user, on Stderr, about anything unusual the store
// found when it opened.
func reportStatus(w io.Writer, st progress.Status) {
	if st.MovedAside != "" {
		fmt.Fprintf(w, "frontline: the progress database was damaged or not frontline's; it was moved to %s and a new one started\n", st.MovedAside)
		if st.Backup != "" {
			fmt.Fprintf(w, "frontline: the newest good backup is %s (restore it from the app)\n", st.Backup)
		}
	}
	if st.ReadOnly {
		fmt.Fprintf(w, "frontline: progress is read-only: %s\n", st.Reason)
	}
}

// learner finds the existing learner a reporting command is about: the
// one named by --profile, or the only one on this computer.
func (e *Env) learner(store progress.Store) (progress.Profile, error) {
	ctx, cancel := activity.Call(e.context())
	defer cancel()
	if e.Profile != "" {
		p, err := activity.Find(ctx, store, e.Profile)
		if err != nil {
			return p, fmt.Errorf("--profile: %w", err)
		}
		return p, nil
	}
	p, err := activity.Only(ctx, store)
	switch {
	case errors.Is(err, activity.ErrNoLearner):
		return p, errors.New("no learner yet: start frontline to create one")
	case errors.Is(err, activity.ErrSeveral):
		return p, usageErr{fmt.Errorf("%w: choose one with --profile NAME", err)}
	}
	return p, err
}

func runVersion(env *Env, args []string) int {
	fs := newFlagSet(env, "version", "version")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	fmt.Fprintf(env.Stdout, "frontline %s\n", version)
	return exitOK
}
