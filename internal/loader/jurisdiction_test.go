package loader

import (
	"strings"
	"testing"
)

// lawModule is a jurisdiction module with one question.
func lawModule(id, place string) string {
	return `---
id: ` + id + `
title: Law in ` + place + `
jurisdiction: ` + place + `
---
# Law

Intro.

## Quiz

### Who decides? {#who-` + id + `}

- [ ] The reception worker
  - No.
- [x] The authority named in law
- [ ] The employer
  - No.

> Why.
`
}

// taggedModule is a module for everywhere with one England-only question.
const taggedModule = `---
id: general
title: General
requires: [law-eng]
---
# General

Intro.

## Quiz

### Anywhere {#anywhere}

- [x] Right
- [ ] Wrong
  - No.

> Why.

### Only in England and Wales {#eng-only jurisdiction=gb-eng}

- [ ] True
- [x] False

> Why.

### UK-wide {#uk-wide jurisdiction=gb}

- [x] True
- [ ] False

> Why.
`

func TestJurisdictionTagsAndPacks(t *testing.T) {
	bundled := Source{Name: "bundled", FS: fsOf(map[string]string{
		"modules/indicators.md": catalogue,
		"modules/law-eng.md":    lawModule("law-eng", "gb-eng"),
		"modules/general.md":    taggedModule,
	})}
	lib, problems := Load(bundled)
	for _, p := range problems {
		t.Errorf("unexpected: %s", p)
	}
	if lib.Jurisdiction != "gb-eng" || len(lib.Modules) != 2 {
		t.Fatalf("bundled: jurisdiction %q, %d modules", lib.Jurisdiction, len(lib.Modules))
	}
	g, _ := lib.Module("general")
	if g.Questions[0].Jurisdiction != "" || g.Questions[1].Jurisdiction != "gb-eng" || g.Questions[2].Jurisdiction != "gb" || g.Questions[1].ID != "eng-only" {
		t.Errorf("question jurisdictions: %q %q %q (id %q)", g.Questions[0].Jurisdiction, g.Questions[1].Jurisdiction, g.Questions[2].Jurisdiction, g.Questions[1].ID)
	}
	law, _ := lib.Module("law-eng")
	if law.Jurisdiction != "gb-eng" || law.Questions[0].Jurisdiction != "gb-eng" || g.Exam.Jurisdiction != "gb-eng" {
		t.Errorf("law module %q, its question %q, exam place %q", law.Jurisdiction, law.Questions[0].Jurisdiction, g.Exam.Jurisdiction)
	}

	// An Italian trainer adds one folder with a jurisdiction module.
	italy := Source{Name: "italy-pack", FS: fsOf(map[string]string{"modules/law-it.md": lawModule("law-it", "it")})}
	lib, problems = Load(bundled, italy)
	for _, p := range problems {
		t.Errorf("unexpected: %s", p)
	}
	if lib.Jurisdiction != "it" {
		t.Fatalf("jurisdiction = %q, want it", lib.Jurisdiction)
	}
	if _, ok := lib.Module("law-eng"); ok {
		t.Error("the England and Wales module is still listed for Italy")
	}
	g, _ = lib.Module("general")
	if g.Exam.Jurisdiction != "it" || len(g.Requires) != 0 {
		t.Errorf("general: exam place %q, requires %v", g.Exam.Jurisdiction, g.Requires)
	}
	if len(lib.Notices) != 1 || !strings.Contains(lib.Notices[0], `module "law-eng" (England and Wales)`) || !strings.Contains(lib.Notices[0], "Italy") {
		t.Errorf("notices = %q", lib.Notices)
	}
	// Index agrees with Load.
	idx, _ := Index(bundled, italy)
	if idx.Jurisdiction != "it" || len(idx.Modules) != len(lib.Modules) {
		t.Errorf("Index: %q, %d modules", idx.Jurisdiction, len(idx.Modules))
	}
}

func TestJurisdictionProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		file  string
		want  string
	}{
		{"bad front matter code", map[string]string{"modules/m.md": lawModule("m", "England")},
			"modules/m.md", `jurisdiction "England" is not a jurisdiction code`},
		{"bad question code", map[string]string{"modules/m.md": strings.Replace(taggedModule, "jurisdiction=gb-eng", "jurisdiction=UK", 1)},
			"modules/m.md", `jurisdiction "UK" is not a jurisdiction code`},
		{"unknown heading attribute", map[string]string{"modules/m.md": strings.Replace(taggedModule, "{#anywhere}", "{#anywhere jurisdicton=gb}", 1)},
			"modules/m.md", `unknown heading attribute "jurisdicton"`},
		{"one folder, two places", map[string]string{"modules/a.md": lawModule("a", "it"), "modules/b.md": lawModule("b", "zm")},
			"modules/b.md", `this folder already serves jurisdiction "it" (modules/a.md)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"modules/indicators.md": catalogue}
			for k, v := range tt.files {
				files[k] = v
			}
			_, problems := load(t, files)
			if !hasProblem(problems, tt.file, tt.want) {
				t.Errorf("no problem %q in %s; got:\n%v", tt.want, tt.file, problems)
			}
		})
	}
	// A country module next to its subdivision's is one place.
	lib, problems := load(t, map[string]string{"modules/indicators.md": catalogue,
		"modules/a.md": lawModule("a", "us"), "modules/b.md": lawModule("b", "us-ca")})
	for _, p := range problems {
		t.Errorf("unexpected: %s", p)
	}
	if lib.Jurisdiction != "us-ca" || len(lib.Modules) != 2 {
		t.Errorf("us and us-ca: %q, %d modules", lib.Jurisdiction, len(lib.Modules))
	}
}
