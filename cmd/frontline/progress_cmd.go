package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/export"
	"frontline/internal/plain"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

func runProgress(env *Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runProgressExport(env, args[1:])
		case "delete":
			return runProgressDelete(env, args[1:])
		}
	}
	return runProgressShow(env, args)
}

func runProgressShow(env *Env, args []string) int {
	fs := newFlagSet(env, "progress", "progress [--profile NAME]\n       frontline progress export --format csv|json [--profile NAME | --all] [-o FILE]\n       frontline progress delete --profile NAME [--yes]")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return env.fail(usageErr{fmt.Errorf("progress: unknown subcommand %q (want export or delete)", fs.Arg(0))})
	}
	store, ok := env.openStoreReporting()
	if !ok {
		return exitFailure
	}
	defer store.Close()
	p, err := env.learner(store)
	if err != nil {
		return env.fail(err)
	}
	ctx, cancel := activity.Call(env.context())
	defer cancel()
	d, err := (&activity.Learner{Store: store, Profile: p}).Dashboard(ctx)
	if err != nil {
		return env.fail(err)
	}
	lib, err := env.LoadLibrary()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: content: %v (showing ids instead of titles)\n", err)
	}
	plain.WriteDashboard(env.Stdout, p, d, lib, orphanAnswers(ctx, store, p.ID, lib))
	return exitOK
}

// orphanAnswers counts a learner's answers to questions that the loaded
// content no longer has, in modules it still has (answers to whole modules
// that are gone are listed with the modules).
func orphanAnswers(ctx context.Context, store progress.Store, profileID int64, lib *content.Library) int {
	if lib == nil {
		return 0
	}
	answers, err := store.Answers(ctx, profileID)
	if err != nil {
		return 0
	}
	n := 0
	for _, a := range answers {
		if m, ok := lib.Module(a.ModuleID); ok {
			if _, ok := m.Question(a.QuestionID); !ok {
				n++
			}
		}
	}
	return n
}

func runProgressExport(env *Env, args []string) int {
	fs := newFlagSet(env, "progress export", "progress export --format csv|json [--profile NAME | --all] [-o FILE]")
	format := fs.String("format", "csv", "`FORMAT` of the export: csv or json")
	all := fs.Bool("all", false, "export every profile")
	out := fs.String("o", "", "write to `FILE` (atomically, mode 0600) instead of standard output")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return env.fail(usageErr{fmt.Errorf("progress export: unexpected argument %q", fs.Arg(0))})
	case *format != "csv" && *format != "json":
		return env.fail(usageErr{fmt.Errorf("--format %q: want csv or json", *format)})
	case *all && env.Profile != "":
		return env.fail(usageErr{errors.New("--all and --profile cannot be used together")})
	}
	store, ok := env.openStoreReporting()
	if !ok {
		return exitFailure
	}
	defer store.Close()
	ctx := env.context()
	var profiles []progress.Profile
	if *all {
		c, cancel := activity.Call(ctx)
		list, err := store.Profiles(c)
		cancel()
		if err != nil {
			return env.fail(fmt.Errorf("list learners: %w", err))
		}
		profiles = list
	} else {
		p, err := env.learner(store)
		if errors.As(err, new(usageErr)) {
			err = usageErr{fmt.Errorf("%w, or export everyone with --all", err)}
		}
		if err != nil {
			return env.fail(err)
		}
		profiles = []progress.Profile{p}
	}
	write := func(w io.Writer) error {
		return export.Write(ctx, w, *format, store, profiles, *all, time.Now())
	}
	if *out == "" {
		if err := write(env.Stdout); err != nil {
			return env.fail(fmt.Errorf("export: %w", err))
		}
		return exitOK
	}
	if err := export.ToFile(*out, write); err != nil {
		return env.fail(fmt.Errorf("-o %s: %w", *out, err))
	}
	fmt.Fprintf(env.Stderr, "frontline: wrote %s\n", *out)
	return exitOK
}

func runProgressDelete(env *Env, args []string) int {
	fs := newFlagSet(env, "progress delete", "progress delete --profile NAME [--yes]")
	yes := fs.Bool("yes", false, "do not ask for confirmation (for scripts)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return env.fail(usageErr{fmt.Errorf("progress delete: unexpected argument %q", fs.Arg(0))})
	case env.Profile == "":
		return env.fail(usageErr{errors.New("progress delete: --profile NAME is required")})
	}
	store, ok := env.openStoreReporting()
	if !ok {
		return exitFailure
	}
	defer store.Close()
	p, err := env.learner(store)
	if err != nil {
		return env.fail(err)
	}
	ctx := env.context()
	if !*yes {
		c, cancel := activity.Call(ctx)
		d, _ := store.Dashboard(c, p.ID)
		cancel()
		fmt.Fprintf(env.Stdout, "This erases every record of %q (%s) for good, from the database and its backups.\n", p.Name, activity.Count(d.Answers, "answer"))
		fmt.Fprint(env.Stdout, "Type the profile name to confirm: ")
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return env.fail(fmt.Errorf("read confirmation: %w", err))
		}
		if strings.TrimSpace(line) != p.Name {
			fmt.Fprintln(env.Stdout)
			return env.fail(fmt.Errorf("the name did not match; %q was NOT deleted", p.Name))
		}
	}
	if err := store.DeleteProfile(ctx, p.ID); err != nil {
		return env.fail(fmt.Errorf("delete %q: %w", p.Name, err))
	}
	fmt.Fprintf(env.Stdout, "Deleted %q and every record of their progress.\n", p.Name)
	// Files moved aside earlier are never opened or changed by frontline;
	// they may still hold this learner, so say where they are.
	if dir := filepath.Dir(store.Status().Path); dir != "." {
		var aside []string
		for _, pat := range []string{sqlite.FileName + ".damaged-*", sqlite.FileName + ".replaced-*"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			aside = append(aside, m...)
		}
		sort.Strings(aside)
		if len(aside) > 0 {
			fmt.Fprintln(env.Stdout, "These older database files were set aside earlier and may still hold their records; delete them if so:")
			for _, f := range aside {
				fmt.Fprintln(env.Stdout, "  "+f)
			}
		}
	}
	return exitOK
}
