package loader

import (
	"fmt"
	"html"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"frontline/internal/textsafe"
	"frontline/internal/textsafe/hostile"
)

// slot is a place in a content file a payload can be put: the file's text
// with %s where it goes.
type slot struct {
	name, file, text string
	block            bool // a whole block may stand here
	oneLine          bool // the payload must be on one line
}

const hostileModule = `---
id: hm
title: %s
summary: %s
content-note: %s
version: %s
roles: [police]
---
# %s

Intro %s.

## %s

%s

## Quiz

### %s {#q1}

%s

- [x] %s
- [ ] Wrong
  - %s

> %s
`

const hostileScenario = `---
id: hs
title: Scenario
roles: [police]
---
# Scenario

%s

## %s {#a}

%s

### %s {#c1}

- [x] %s
- [ ] Not this
  - Because.

### %s {#d}

- [x] [%s](#end)
  - %s
- [ ] [Other](#end)
  - Fine.

## End {#end}

Done.
`

const hostileCatalogue = `---
id: indicators
kind: catalogue
title: Indicators
---
# Indicators

## %s

### retained-documents: %s

%s

Source: %s
`

// slots lists every field of every kind of file.
func slots() []slot {
	fill := func(tmpl string, n, at int, with string) string {
		args := make([]any, n)
		for i := range args {
			args[i] = "ok"
		}
		args[at] = with
		return fmt.Sprintf(tmpl, args...)
	}
	var out []slot
	add := func(name, file, tmpl string, n, at int, block, oneLine bool) {
		out = append(out, slot{name, file, fill(tmpl, n, at, "%s"), block, oneLine})
	}
	for i, f := range []string{"title", "summary", "content-note", "version"} {
		add("front matter "+f, "modules/hm.md", hostileModule, 13, i, false, true)
	}
	for i, f := range []string{"module title", "intro", "page title", "page body", "question", "question body", "option", "feedback", "explanation"} {
		add(f, "modules/hm.md", hostileModule, 13, 4+i, f == "page body" || f == "question body", f != "page body" && f != "question body")
	}
	for i, f := range []string{"briefing", "scene title", "scene body", "checkpoint", "checkpoint option", "decision", "action", "consequence"} {
		add(f, "scenarios/hs.md", hostileScenario, 8, i, f == "briefing" || f == "scene body", f != "briefing" && f != "scene body")
	}
	for i, f := range []string{"category", "indicator name", "indicator explanation", "source"} {
		add(f, "modules/indicators.md", hostileCatalogue, 4, i, false, true)
	}
	return out
}

// strs collects every string reachable from v.
func strs(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			strs(v.Elem(), out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				strs(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			strs(v.Index(i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			strs(k, out)
			strs(v.MapIndex(k), out)
		}
	}
}

// TestHostilePayloadsEverywhere puts every payload of the security review
// into every field of a module, a scenario and the catalogue. Each time,
// either the file is refused with an error at a line and column, or it
// loads and every string in the loaded content, with its character
// references decoded, is plain text.
func TestHostilePayloadsEverywhere(t *testing.T) {
	refused, loaded := 0, 0
	for _, p := range hostile.Payloads {
		for _, s := range slots() {
			text := p.Text
			yamlSlot := strings.HasPrefix(s.name, "front matter")
			switch {
			case p.YAML && !yamlSlot, p.Large && !s.block:
				continue
			case p.YAML:
				text = `"` + text + `"`
			case yamlSlot:
				if strings.ContainsAny(text, "\n\r") {
					continue
				}
				text = "'" + strings.ReplaceAll(text, "'", "''") + "'"
			case s.oneLine && strings.ContainsAny(text, "\n\r"):
				continue
			}
			name := p.Name + " in " + s.name
			fsys := fstest.MapFS{s.file: {Data: []byte(strings.Replace(s.text, "%s", text, 1))}}
			lib, problems := Load(Source{Name: "t", FS: fsys})
			var errs []Problem
			for _, pr := range problems {
				if pr.Severity == Error {
					errs = append(errs, pr)
				}
				for _, out := range []string{pr.String(), pr.Pretty()} {
					if !textsafe.Clean(out) {
						t.Errorf("%s: a problem prints a control character: %q", name, out)
					}
				}
			}
			if len(errs) > 0 {
				refused++
				for _, e := range errs {
					if e.File != s.file || e.Line < 1 || e.Col < 1 {
						t.Errorf("%s: error without a position in the file: %s", name, e)
					}
				}
				if len(lib.Modules)+len(lib.Scenarios) > 0 || lib.Catalogue != nil {
					t.Errorf("%s: refused but loaded", name)
				}
				continue
			}
			loaded++
			var all []string
			strs(reflect.ValueOf(lib), &all)
			for _, x := range all {
				if d := html.UnescapeString(x); !textsafe.Clean(d) {
					off, what := textsafe.Check(d)
					t.Errorf("%s: loaded with %s at %d in %q", name, what, off, x)
				}
			}
		}
	}
	t.Logf("%d placements refused with a positioned error, %d loaded as plain text", refused, loaded)
	if refused == 0 || loaded == 0 {
		t.Errorf("refused %d, loaded %d: the table does not exercise both outcomes", refused, loaded)
	}
}
