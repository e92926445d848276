package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/textsafe"
)

// validateReport is the JSON output of 'frontline validate'.
type validateReport struct {
	Modules    int              `json:"modules"`
	Scenarios  int              `json:"scenarios"`
	Questions  int              `json:"questions"`
	Indicators int              `json:"indicators"`
	Errors     int              `json:"errors"`
	Warnings   int              `json:"warnings"`
	Problems   []loader.Problem `json:"problems"`
}

func runValidate(env *Env, args []string) int {
	fs := newFlagSet(env, "validate", "validate [--format text|json] [PATH...]")
	format := fs.String("format", "text", "output `format`: text or json")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.Stderr, "frontline validate: --format must be text or json, not %s\n", textsafe.Quote(strconv.Quote(*format)))
		return exitUsage
	}
	// With no PATH: the bundled content plus --content folders. With
	// PATHs: those folders, checked against the bundled content.
	checked := map[string]bool{}
	sources := []loader.Source{loader.Bundled()}
	paths := fs.Args()
	if len(paths) == 0 {
		checked["bundled"] = true
		paths = env.Content
	} else {
		sources[0].Reference = true
		paths = append(append([]string{}, env.Content...), paths...)
	}
	for _, p := range paths {
		src, err := sourceFor(p)
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline validate: %s\n", textsafe.Quote(err.Error()))
			return exitUsage
		}
		checked[src.Name] = true
		sources = append(sources, src)
	}
	lib, problems := loader.Load(sources...)
	rep := countLoaded(lib, checked)
	rep.Problems = problems
	if rep.Problems == nil {
		rep.Problems = []loader.Problem{}
	}
	rep.Errors, rep.Warnings = loader.Count(problems)
	if *format == "json" {
		// File names and messages keep their characters, but any that a
		// terminal or an editor would act on is written as a \u escape.
		out, err := json.MarshalIndent(rep, "", "  ")
		if err == nil {
			_, err = env.Stdout.Write(append(textsafe.JSON(out), '\n'))
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline validate: %v\n", err)
			return exitFailure
		}
	} else {
		// Pretty shows file names, messages and the echoed source line
		// through textsafe.Quote: hostile content is seen, never run.
		for _, p := range problems {
			fmt.Fprintln(env.Stdout, p.Pretty())
		}
		fmt.Fprintf(env.Stdout, "%d modules, %d scenarios, %d questions, %d indicators; %d errors, %d warnings\n",
			rep.Modules, rep.Scenarios, rep.Questions, rep.Indicators, rep.Errors, rep.Warnings)
	}
	if rep.Errors > 0 {
		return exitFailure
	}
	return exitOK
}

// sourceFor turns a PATH argument into a content source: a content folder,
// or a single Markdown file inside a modules/ or scenarios/ folder.
func sourceFor(p string) (loader.Source, error) {
	info, err := os.Stat(p)
	if err != nil {
		return loader.Source{}, fmt.Errorf("%s: %w", p, err)
	}
	if info.IsDir() {
		return loader.Dir(p)
	}
	dir := filepath.Base(filepath.Dir(p))
	if dir != "modules" && dir != "scenarios" {
		return loader.Source{}, fmt.Errorf("%s: a single file must be inside a modules/ or scenarios/ folder, so it is known whether it is a module or a scenario", p)
	}
	root := filepath.Dir(filepath.Dir(p))
	src, err := loader.Dir(root)
	if err != nil {
		return loader.Source{}, err
	}
	src.FS = singleFile{src.FS, dir + "/" + filepath.Base(p)}
	return src, nil
}

func countLoaded(lib *content.Library, checked map[string]bool) validateReport {
	var r validateReport
	for _, m := range lib.Modules {
		if checked[m.Origin] {
			r.Modules++
			r.Questions += len(m.Questions)
		}
	}
	for _, s := range lib.Scenarios {
		if checked[s.Origin] {
			r.Scenarios++
		}
	}
	if lib.Catalogue != nil {
		for name := range checked {
			if name == "bundled" && lib.Catalogue.File == "modules/indicators.md" || filepath.Dir(filepath.Dir(lib.Catalogue.File)) == name {
				r.Indicators = len(lib.Catalogue.Indicators)
			}
		}
	}
	return r
}
