package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"frontline/internal/activity"
	"frontline/internal/app"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/plain"
	"frontline/internal/progress"
)

// lineSession loads the content, opens the store and finds the learner for
// a line-mode command: the one named by --profile (created, with --role or
// "other", when new), or the only learner on this computer. The caller
// closes the store.
func lineSession(env *Env) (*plain.Session, progress.Store, error) {
	lib, err := env.LoadLibrary()
	if err != nil {
		return nil, nil, err
	}
	store, err := env.OpenStore()
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := activity.Call(env.context())
	profile, err := activity.Resolve(ctx, store, env.Profile, env.Role, content.RoleOther)
	cancel()
	switch {
	case errors.Is(err, activity.ErrNoLearner):
		err = errors.New("no learner yet: give your name with --profile NAME (and --role ROLE)")
	case errors.Is(err, activity.ErrSeveral):
		err = fmt.Errorf("%w: choose one with --profile NAME", err)
	}
	if err != nil {
		store.Close() //nolint:errcheck // nothing was written
		return nil, nil, err
	}
	key, err := app.IssuerKey(env.DataDir)
	if err != nil {
		store.Close() //nolint:errcheck // nothing was written
		return nil, nil, err
	}
	st := store.Status()
	if st.MovedAside != "" {
		fmt.Fprintf(env.Stdout, "Note: your progress file was damaged or not frontline's; it was moved to %s and a new one was started.\n", st.MovedAside)
	}
	if st.ReadOnly {
		fmt.Fprintf(env.Stdout, "Note: progress cannot be saved (%s). You can still practise.\n", st.Reason)
	}
	return &plain.Session{In: env.Stdin, Out: env.Stdout, Lib: lib, Store: store, Profile: profile, Context: env.context(), Seal: app.Sealer(key), Signed: key != nil, Flags: env.commandFlags(true)}, store, nil
}

// lineCmd is one of the commands that open an activity on a module or a
// scenario: in the full-screen app when this is a terminal it can use,
// otherwise in the line mode.
type lineCmd struct {
	name, usage string
	// kind is what the argument names: "module" or "scenario".
	kind string
	// start is the full-screen app's start kind (module, quiz, scenario, exam).
	start string
	// extra registers the command's own flags.
	extra func(*flag.FlagSet)
	// prepare checks the command's settings once the item is known; an
	// error is a usage error. It returns exam settings for the app, or nil.
	prepare func(lib *content.Library, id string) (*content.ExamSettings, error)
	// activity runs the line mode.
	activity func(*plain.Session, string) error
}

// run parses the arguments, checks the item exists (naming near matches
// when it does not) and runs the activity in the app or the line mode.
func (c lineCmd) run(env *Env, args []string) int {
	fs := newFlagSet(env, c.name, c.usage)
	if c.extra != nil {
		c.extra(fs)
	}
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	id := pos[0]
	lib, err := env.LoadLibrary()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	if err := checkItem(lib, c.kind, id); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %s: %v\n", c.name, err)
		return exitFailure
	}
	var exam *content.ExamSettings
	if c.prepare != nil {
		if exam, err = c.prepare(lib, id); err != nil {
			fmt.Fprintf(env.Stderr, "frontline: %s: %v\n", c.name, err)
			return exitUsage
		}
	}
	if !wantPlain(env) {
		return runTUI(env, c.start+":"+id, exam, false)
	}
	s, store, err := lineSession(env)
	if err != nil {
		return env.fail(err)
	}
	defer store.Close() //nolint:errcheck // every write was committed when it was made
	if err := c.activity(s, id); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %s: %v\n", c.name, err)
		return exitFailure
	}
	return exitOK
}

// checkItem reports an id that names no module or scenario of the library,
// with the ids that look like it.
func checkItem(lib *content.Library, kind, id string) error {
	if kind == "scenario" {
		if _, ok := lib.Scenario(id); !ok {
			return plain.UnknownError("scenario", id, plain.ScenarioIDs(lib))
		}
		return nil
	}
	if _, ok := lib.Module(id); !ok {
		return plain.UnknownError("module", id, plain.ModuleIDs(lib))
	}
	return nil
}

// runRead reads a module's pages.
func runRead(env *Env, args []string) int {
	return lineCmd{name: "read", usage: "read MODULE", kind: "module", start: "module", activity: (*plain.Session).Read}.run(env, args)
}

// runQuiz takes a module's practice quiz.
func runQuiz(env *Env, args []string) int {
	return lineCmd{name: "quiz", usage: "quiz MODULE", kind: "module", start: "quiz", activity: (*plain.Session).Quiz}.run(env, args)
}

// runScenario plays a scenario.
func runScenario(env *Env, args []string) int {
	return lineCmd{name: "scenario", usage: "scenario ID", kind: "scenario", start: "scenario", activity: (*plain.Session).Scenario}.run(env, args)
}

// runExam takes a module's assessed exam. --time and --pass may only
// tighten the module's own settings; --seed fixes the line mode's draw.
func runExam(env *Env, args []string) int {
	var limit time.Duration
	var pass int
	var seed int64
	var settings content.ExamSettings
	return lineCmd{
		name: "exam", usage: "exam MODULE [--time 20m] [--pass 80] [--seed N]", kind: "module", start: "exam",
		extra: func(fs *flag.FlagSet) {
			fs.DurationVar(&limit, "time", 0, "shorter time `LIMIT` for this sitting, e.g. 20m")
			fs.IntVar(&pass, "pass", 0, "higher pass mark in `PERCENT` for this sitting, e.g. 80")
			fs.Int64Var(&seed, "seed", 0, "draw a new exam with this `SEED` (for reproducible scripted runs in the line mode); default: from the clock")
		},
		prepare: func(lib *content.Library, id string) (*content.ExamSettings, error) {
			m, _ := lib.Module(id)
			st, err := engine.Tighten(m.Exam.WithDefaults(len(m.Questions)), limit, pass)
			if err != nil {
				return nil, err
			}
			settings = st
			return &settings, nil
		},
		activity: func(s *plain.Session, id string) error {
			if seed != 0 {
				s.Seed = func() int64 { return seed }
			}
			return s.Exam(id, settings)
		},
	}.run(env, args)
}

// runPlainHome runs the line mode's home (the bare `frontline` when the
// line mode is wanted): the profile picker, which --profile skips (with
// --role giving a new learner's role), then numbered menus for everything
// the full-screen app offers.
func runPlainHome(env *Env) int {
	var role content.Role
	if env.Role != "" {
		r, err := activity.ParseRole(env.Role)
		if err != nil {
			return env.fail(usageErr{fmt.Errorf("--role: %w", err)})
		}
		role = r
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // every write was committed when it was made
	key, err := app.IssuerKey(env.DataDir)
	if err != nil {
		return env.fail(err)
	}
	s := &plain.Session{In: env.Stdin, Out: env.Stdout, Lib: lib, Store: store,
		ProfileName: env.Profile, NewRole: role, Context: env.context(), Seal: app.Sealer(key), Signed: key != nil,
		Flags: env.commandFlags(true)}
	if err := s.Home(); err != nil {
		return env.fail(err)
	}
	return exitOK
}
