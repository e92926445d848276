package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/loader"
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
		fmt.Fprintf(env.Stderr, "frontline validate: --format must be text or json, not %q\n", *format)
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
			fmt.Fprintf(env.Stderr, "frontline validate: %v\n", err)
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
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(env.Stderr, "frontline validate: %v\n", err)
			return exitFailure
		}
	} else {
		for _, p := range problems {
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
