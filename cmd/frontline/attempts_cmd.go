package main

import (
	"fmt"
	"strconv"

	"frontline/internal/activity"
	"frontline/internal/plain"
)

// runAttempts lists a learner's attempts at a module, or shows one as it
// was shown (plain.WriteAttempt).
func runAttempts(env *Env, args []string) int {
	fs := newFlagSet(env, "attempts", "attempts --module M [--profile P] [--show ID]")
	module := fs.String("module", "", "module `ID`")
	show := fs.Int64("show", 0, "show the attempt with this `ID`")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if *module == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "frontline attempts: give --module ID (and --show ATTEMPT to see one)")
		return exitUsage
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read only
	m, ok := lib.Module(*module)
	if !ok {
		return env.fail(fmt.Errorf("attempts: --module %s: %w", *module, plain.UnknownError("module", *module, plain.ModuleIDs(lib))))
	}
	p, err := env.learner(store)
	if err != nil {
		return env.fail(err)
	}
	ctx, cancel := activity.Call(env.context())
	defer cancel()
	if *show != 0 {
		a, answers, err := store.Attempt(ctx, *show)
		if err != nil || a.ProfileID != p.ID || a.ModuleID != m.ID {
			return env.fail(fmt.Errorf("attempts: --show %d: %s has no attempt with that id at %s", *show, p.Name, m.ID))
		}
		plain.WriteAttempt(env.Stdout, m, a, answers)
		return exitOK
	}
	list, err := store.Attempts(ctx, p.ID, m.ID, "")
	if err != nil {
		return env.fail(fmt.Errorf("attempts: %w", err))
	}
	plain.WriteAttempts(env.Stdout, p, m, list)
	if len(list) > 0 {
		fmt.Fprintf(env.Stdout, "Show the newest as it was shown (or put another ID from the list): %s\n", env.command("attempts", "--profile", p.Name, "--module", m.ID, "--show", strconv.FormatInt(list[0].ID, 10)))
	}
	return exitOK
}
