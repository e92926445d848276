package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/plain"
	"frontline/internal/progress"
)

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

// lineModeProfile finds the learner for a line-mode command: the one named
// by --profile (created, with --role or "other", when new), or the only
// learner on this computer.
func lineModeProfile(env *Env, store progress.Store) (progress.Profile, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if env.Profile != "" {
		p, err := store.ProfileByName(ctx, env.Profile)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, progress.ErrNotFound) {
			return p, fmt.Errorf("find learner %q: %w", env.Profile, err)
		}
		role := content.RoleOther
		if env.Role != "" {
			r, ok := content.ParseRole(env.Role)
			if !ok {
				return p, fmt.Errorf("unknown role %q", env.Role)
			}
			role = r
		}
		p, err = store.CreateProfile(ctx, env.Profile, role)
		if err != nil {
			return p, fmt.Errorf("create learner %q: %w", env.Profile, err)
		}
		return p, nil
	}
	ps, err := store.Profiles(ctx)
	if err != nil {
		return progress.Profile{}, fmt.Errorf("list learners: %w", err)
	}
	switch len(ps) {
	case 1:
		return ps[0], nil
	case 0:
		return progress.Profile{}, errors.New("no learner yet: give your name with --profile NAME (and --role ROLE)")
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return progress.Profile{}, fmt.Errorf("several learners use this computer (%s): choose one with --profile NAME", strings.Join(names, ", "))
}

// lineSession loads the content, opens the store and finds the learner for
// a line-mode command. The caller closes the store.
func lineSession(env *Env) (*plain.Session, progress.Store, error) {
	lib, err := env.LoadLibrary()
	if err != nil {
		return nil, nil, err
	}
	store, err := env.OpenStore()
	if err != nil {
		return nil, nil, fmt.Errorf("open progress: %w", err)
	}
	profile, err := lineModeProfile(env, store)
	if err != nil {
		store.Close() //nolint:errcheck // nothing was written
		return nil, nil, err
	}
	if st := store.Status(); st.ReadOnly {
		fmt.Fprintf(env.Stdout, "Note: progress cannot be saved (%s). You can still practise.\n", st.Reason)
	}
	return &plain.Session{In: env.Stdin, Out: env.Stdout, Lib: lib, Store: store, Profile: profile}, store, nil
}

// runLine runs one line-mode activity on the item named by the single
// positional argument.
func runLine(env *Env, name, usage string, args []string, extra func(*flag.FlagSet), activity func(*plain.Session, string) error) int {
	fs := newFlagSet(env, name, usage)
	if extra != nil {
		extra(fs)
	}
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	s, store, err := lineSession(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %v\n", err)
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // every write was committed when it was made
	if err := activity(s, pos[0]); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: %s: %v\n", name, err)
		return exitFailure
	}
	return exitOK
}

// runRead reads a module's pages in the line mode.
func runRead(env *Env, args []string) int {
	return runLine(env, "read", "read MODULE", args, nil, (*plain.Session).Read)
}

// runQuiz takes a module's practice quiz in the line mode.
func runQuiz(env *Env, args []string) int {
	return runLine(env, "quiz", "quiz MODULE", args, nil, (*plain.Session).Quiz)
}

// runScenario plays a scenario in the line mode.
func runScenario(env *Env, args []string) int {
	return runLine(env, "scenario", "scenario ID", args, nil, (*plain.Session).Scenario)
}

// runExam takes a module's assessed exam in the line mode. --time and
// --pass may only tighten the module's own settings.
func runExam(env *Env, args []string) int {
	var limit time.Duration
	var pass int
	var seed int64
	extra := func(fs *flag.FlagSet) {
		fs.DurationVar(&limit, "time", 0, "shorter time `LIMIT` for this sitting, e.g. 20m")
		fs.IntVar(&pass, "pass", 0, "higher pass mark in `PERCENT` for this sitting, e.g. 80")
		fs.Int64Var(&seed, "seed", 0, "draw a new exam with this `SEED` (for reproducible scripted runs); default: from the clock")
	}
	badSettings := false
	code := runLine(env, "exam", "exam MODULE [--time 20m] [--pass 80] [--seed N]", args, extra, func(s *plain.Session, id string) error {
		m, ok := s.Lib.Module(id)
		if !ok {
			return fmt.Errorf("no module with id %q", id)
		}
		settings, err := engine.Tighten(m.Exam.WithDefaults(len(m.Questions)), limit, pass)
		if err != nil {
			badSettings = true
			return err
		}
		if seed != 0 {
			s.Seed = func() int64 { return seed }
		}
		return s.Exam(id, settings)
	})
	if badSettings {
		return exitUsage
	}
	return code
}
