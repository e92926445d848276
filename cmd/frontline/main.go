// Command frontline trains frontline professionals to recognise the
// indicators of human trafficking and to respond safely: lesson modules,
// indicator quizzes and branching case studies, with progress kept locally.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/progress"
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
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	// Content lists trainer content folders given with --content.
	Content []string
	DataDir string
	Profile string
	Role    string
	Plain   bool
	Theme   string
	// Library is loaded lazily by LoadLibrary.
	Library *content.Library
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
		{"validate", "validate [--format text|json] [PATH...]", "check content for errors", runValidate},
		{"version", "version", "print the version", runVersion},
	}
}

func main() {
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin}
	os.Exit(run(env, os.Args[1:]))
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// globalFlags registers the flags every command accepts on fs.
func globalFlags(fs *flag.FlagSet, env *Env) {
	fs.Var((*stringList)(&env.Content), "content", "add a trainer's content `DIR` (repeatable); same ids replace bundled items")
	fs.StringVar(&env.DataDir, "data", env.DataDir, "progress `DIR` (default: FRONTLINE_DATA or the user's data folder)")
	fs.StringVar(&env.Profile, "profile", env.Profile, "learner profile `NAME` (skips the picker; created if new)")
	fs.StringVar(&env.Role, "role", env.Role, "`ROLE` for a new profile: police, social-care, health, border, foster-care, labour-inspection, other")
	fs.BoolVar(&env.Plain, "plain", env.Plain, "plain line mode for screen readers (also when TERM=dumb or output is not a terminal)")
	fs.StringVar(&env.Theme, "theme", env.Theme, "colour theme: auto, dark or light")
}

// newFlagSet returns a flag set for a command, with the global flags, that
// reports errors and usage to env.Stderr.
func newFlagSet(env *Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	globalFlags(fs, env)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: frontline %s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs and returns the exit code to use when
// parsing failed (help asked for: 0; bad flag: 2).
func parseFlags(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, exitOK
		}
		return false, exitUsage
	}
	return true, exitOK
}

func run(env *Env, args []string) int {
	if env.DataDir == "" {
		env.DataDir = os.Getenv("FRONTLINE_DATA")
	}
	if env.Theme == "" {
		env.Theme = "auto"
	}
	fs := flag.NewFlagSet("frontline", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	globalFlags(fs, env)
	fs.Usage = func() { usage(env.Stderr, fs) }
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
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nRun 'frontline COMMAND -h' for a command's own flags.")
}

// LoadLibrary loads the bundled content plus every --content folder and
// prints notices and problems to Stderr. Content with errors is skipped and
// reported; the rest loads. It fails only when nothing usable loaded.
func (e *Env) LoadLibrary() (*content.Library, error) {
	if e.Library != nil {
		return e.Library, nil
	}
	sources := []loader.Source{loader.Bundled()}
	for _, dir := range e.Content {
		src, err := loader.Dir(dir)
		if err != nil {
			return nil, fmt.Errorf("--content %s: %w", dir, err)
		}
		sources = append(sources, src)
	}
	lib, problems := loader.Load(sources...)
	errs := 0
	for _, p := range problems {
		if p.Severity == loader.Error {
			errs++
			fmt.Fprintln(e.Stderr, p.String())
		}
	}
	if errs > 0 {
		fmt.Fprintf(e.Stderr, "frontline: %d content problem(s) above; those files were skipped (run 'frontline validate' for details)\n", errs)
	}
	for _, n := range lib.Notices {
		fmt.Fprintln(e.Stderr, "frontline: "+n)
	}
	if len(lib.Modules) == 0 && len(lib.Scenarios) == 0 {
		return nil, errors.New("no content loaded")
	}
	e.Library = lib
	return lib, nil
}

// openLibraryAndStore loads the curriculum and opens the progress store,
// telling the user on Stderr what failed and anything unusual the store
// found. The caller closes the store when ok.
func (e *Env) openLibraryAndStore() (lib *content.Library, store progress.Store, ok bool) {
	lib, err := e.LoadLibrary()
	if err != nil {
		fmt.Fprintf(e.Stderr, "frontline: %v\n", err)
		return nil, nil, false
	}
	store, err = e.OpenStore()
	if err != nil {
		fmt.Fprintf(e.Stderr, "frontline: open progress: %v\n", err)
		return nil, nil, false
	}
	reportStatus(e.Stderr, store.Status())
	return lib, store, true
}

func runVersion(env *Env, args []string) int {
	fs := newFlagSet(env, "version", "version")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	fmt.Fprintf(env.Stdout, "frontline %s\n", version)
	return exitOK
}
