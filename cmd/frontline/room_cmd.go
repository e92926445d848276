package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"frontline/internal/activity"
	"frontline/internal/app"
	"frontline/internal/export"
	"frontline/internal/progress"
	"frontline/internal/room"
)

// runRoom runs the workshop rooms' commands: "room export".
func runRoom(env *Env, args []string) int {
	if len(args) == 0 || args[0] != "export" {
		fmt.Fprintln(env.Stderr, "usage: frontline room export ROOM [--format csv|json|md] [-o FILE]")
		return exitUsage
	}
	return runRoomExport(env, args[1:])
}

// runRoomExport writes a room's class results: per trainee each activity
// and its result, and the class summary per indicator category, as CSV
// or JSON, or the printable Markdown summary.
func runRoomExport(env *Env, args []string) int {
	fs := newFlagSet(env, "room export", "room export ROOM [--format csv|json|md] [-o FILE]\n\nROOM is the name given to 'frontline serve --room'. The columns are described in docs/workshop.md.")
	format := fs.String("format", "", "`FORMAT`: csv, json or md (the printable summary); default: from -o, else csv")
	out := fs.String("o", "", "write to `FILE` (private, 0600; written whole or not at all); default: standard output")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	f := *format
	if f == "" {
		f = "csv"
		switch {
		case hasExt(*out, ".json"):
			f = "json"
		case hasExt(*out, ".md"):
			f = "md"
		}
	}
	switch f {
	case "csv", "json", "md":
	default:
		fmt.Fprintf(env.Stderr, "frontline: room export: --format %q: use csv, json or md\n", f)
		return exitUsage
	}
	dir, err := progress.Folder(env.DataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: room export: --data: %v\n", err)
		return exitFailure
	}
	lib, err := env.LoadLibrary()
	if err != nil {
		return env.fail(err)
	}
	ctx, cancel := context.WithTimeout(env.context(), time.Minute)
	defer cancel()
	class, err := room.ReadClass(ctx, dir, pos[0], lib, app.OpenStore, time.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: room export: %v\n", err)
		return exitFailure
	}
	write := func(w io.Writer) error { return class.Write(w, f) }
	if *out == "" {
		if err := write(env.Stdout); err != nil {
			fmt.Fprintf(env.Stderr, "frontline: room export: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	if err := export.ToFile(*out, write); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: room export: -o %s: %v\n", *out, err)
		return exitFailure
	}
	fmt.Fprintf(env.Stdout, "Wrote the results of room %s (%s) to %s.\n", pos[0], activity.Count(len(class.Trainees), "trainee"), *out)
	return exitOK
}

func hasExt(name, ext string) bool {
	return len(name) > len(ext) && name[len(name)-len(ext):] == ext
}
