package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"frontline/internal/activity"
	"frontline/internal/loader"
	"frontline/internal/textsafe"
)

func runValidate(env *Env, args []string) int {
	fs := newFlagSet(env, "validate", "validate [--format text|json] [PATH...]")
	format := fs.String("format", "text", "output `format`: text or json")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return env.fail(usageErr{fmt.Errorf("validate: --format must be text or json, not %s", strconv.Quote(*format))})
	}
	rep, err := loader.Validate(env.Content, fs.Args())
	if err != nil {
		return env.fail(usageErr{fmt.Errorf("validate: %w", err)})
	}
	if *format == "json" {
		// File names and messages keep their characters, but any that a
		// terminal or an editor would act on is written as a \u escape.
		out, err := json.MarshalIndent(rep, "", "  ")
		if err == nil {
			_, err = env.Stdout.Write(append(textsafe.JSON(out), '\n'))
		}
		if err != nil {
			return env.fail(fmt.Errorf("validate: %w", err))
		}
	} else {
		// Pretty shows file names, messages and the echoed source line
		// through textsafe.Quote: hostile content is seen, never run.
		for _, p := range rep.Problems {
			fmt.Fprintln(env.Stdout, p.Pretty())
		}
		fmt.Fprintf(env.Stdout, "%s, %s, %s, %s; %s, %s\n",
			activity.Count(rep.Modules, "module"), activity.Count(rep.Scenarios, "scenario"), activity.Count(rep.Questions, "question"),
			activity.Count(rep.Indicators, "indicator"), activity.Count(rep.Errors, "error"), activity.Count(rep.Warnings, "warning"))
	}
	if rep.Errors > 0 {
		return exitFailure
	}
	return exitOK
}
