package frontline_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goList runs "go list -json" on patterns and returns the packages.
func goList(t *testing.T, patterns ...string) []listed {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", append([]string{"list", "-json"}, patterns...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", patterns, err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

// TestImportDirection keeps the layers apart: content, loader, engine,
// progress and the activity layer never depend on a terminal UI library;
// the loader is read only by those who load; the engine and content never
// see the store; and the activity layer never reaches the interfaces.
func TestImportDirection(t *testing.T) {
	ui := []string{"github.com/charmbracelet/bubbletea", "github.com/charmbracelet/lipgloss", "github.com/charmbracelet/glamour", "github.com/charmbracelet/bubbles", "github.com/charmbracelet/wish"}
	for _, p := range goList(t, "./internal/content", "./internal/loader", "./internal/engine", "./internal/progress", "./internal/progress/sqlite", "./internal/activity", "./internal/export", "./internal/certificate", "./internal/workshop") {
		for _, d := range p.Deps {
			for _, u := range ui {
				if strings.HasPrefix(d, u) {
					t.Errorf("%s depends on %s; only the interfaces may use UI libraries", p.ImportPath, d)
				}
			}
			switch {
			case p.ImportPath != "frontline/internal/loader" && d == "frontline/internal/loader":
				t.Errorf("%s depends on the loader", p.ImportPath)
			case (p.ImportPath == "frontline/internal/content" || p.ImportPath == "frontline/internal/engine") && strings.HasPrefix(d, "frontline/internal/progress"):
				t.Errorf("%s depends on %s", p.ImportPath, d)
			case p.ImportPath == "frontline/internal/activity" && (strings.HasPrefix(d, "frontline/internal/tui") || d == "frontline/internal/plain" || d == "frontline/internal/app" || strings.HasPrefix(d, "frontline/internal/progress/sqlite")):
				t.Errorf("the activity layer depends on %s; it sits below the interfaces and knows the store only by its interface", d)
			}
		}
	}
}

// TestRoomOnTop checks that the workshop room sits on top: nothing below it
// (the app's assembly, the interfaces, the activity layer) imports it.
func TestRoomOnTop(t *testing.T) {
	for _, p := range goList(t, "./internal/app", "./internal/tui/...", "./internal/plain", "./internal/activity", "./internal/progress/...", "./internal/export", "./internal/certificate") {
		for _, d := range p.Deps {
			if d == "frontline/internal/room" || strings.HasPrefix(d, "frontline/internal/room/") {
				t.Errorf("%s depends on the workshop room (%s); the room builds on them, not the other way round", p.ImportPath, d)
			}
		}
	}
}

// TestScreensStandAlone checks that no screen package imports another:
// screens emit navigation messages and the root switches.
func TestScreensStandAlone(t *testing.T) {
	screens := map[string]bool{}
	pkgs := goList(t, "./internal/tui/...")
	for _, p := range pkgs {
		rest, ok := strings.CutPrefix(p.ImportPath, "frontline/internal/tui/")
		if ok && rest != "common" {
			screens[p.ImportPath] = true
		}
	}
	if len(screens) < 8 {
		t.Fatalf("found only %d screen packages: %v", len(screens), screens)
	}
	for _, p := range pkgs {
		if !screens[p.ImportPath] {
			continue
		}
		for _, imp := range p.Imports {
			if screens[imp] {
				t.Errorf("screen %s imports screen %s; screens talk through the root's navigation messages", p.ImportPath, imp)
			}
		}
	}
}

// TestOnlyTheActivityLayerBuildsRecords parses every non-test Go file and
// fails on a composite literal of a progress record (an answer, attempt,
// run, checkpoint, decision, review item or bookmark) outside the activity
// layer and the store itself: what an answer, attempt or run records is
// decided in one place.
func TestOnlyTheActivityLayerBuildsRecords(t *testing.T) {
	records := map[string]bool{"Answer": true, "Attempt": true, "Run": true, "Checkpoint": true, "Decision": true,
		"ReviewItem": true, "Bookmark": true, "IndicatorHit": true}
	allowed := func(importPath string) bool {
		return importPath == "frontline/internal/activity" || strings.HasPrefix(importPath, "frontline/internal/progress")
	}
	checked := 0
	for _, p := range goList(t, "./...") {
		if allowed(p.ImportPath) {
			continue
		}
		for _, name := range p.GoFiles {
			path := filepath.Join(p.Dir, name)
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			alias := "progress"
			for _, imp := range f.Imports {
				if strings.Trim(imp.Path.Value, `"`) == "frontline/internal/progress" && imp.Name != nil {
					alias = imp.Name.Name
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok {
					return true
				}
				sel, ok := lit.Type.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == alias && records[sel.Sel.Name] {
					t.Errorf("%s builds a progress.%s; only internal/activity decides what is recorded", path, sel.Sel.Name)
				}
				return true
			})
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files", checked)
	}
}

// TestNoHandMadePlurals parses every non-test Go file of the command and
// its packages and fails on a string that makes a plural by hand: "attempt(s)", or a count printed
// with %d before a plural noun ("%d modules" reads "1 modules"). Counts go
// through activity.Count, CountAs or Plural.
func TestNoHandMadePlurals(t *testing.T) {
	optional := regexp.MustCompile(`[A-Za-z]\((s|es)\)`)
	nouns := regexp.MustCompile(`%d (modules|scenarios|questions|attempts|runs|answers|errors|warnings|indicators|minutes|hours|seconds|days|decisions|checkpoints|pages|items|learners|problems|steps|options|actions|files|profiles|categories|words|characters|lines)\b`)
	checked := 0
	// What frontline itself says: the command and its packages (the
	// measuring tools under scripts/ are for whoever runs them).
	for _, p := range goList(t, "./cmd/...", "./internal/...") {
		for _, name := range p.GoFiles {
			path := filepath.Join(p.Dir, name)
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				if m := optional.FindString(lit.Value); m != "" {
					t.Errorf("%s: %s makes a plural by hand (%q); use activity.Count", path, lit.Value, m)
				}
				for _, loc := range nouns.FindAllStringIndex(lit.Value, -1) {
					// "3 of %d questions", "more than %d characters" and
					// "3 to %d steps" count against a total or a limit:
					// the plural stands.
					before := strings.Fields(lit.Value[:loc[0]])
					if len(before) > 0 && strings.Contains(" of than to ", " "+before[len(before)-1]+" ") {
						continue
					}
					if len(before) > 1 && before[len(before)-2] == "of" && before[len(before)-1] == "the" { // "3 of the %d options"
						continue
					}
					m := lit.Value[loc[0]:loc[1]]
					t.Errorf("%s: %s prints %q, which reads \"1 %s\" for one; use activity.Count", path, lit.Value, m, strings.TrimPrefix(m, "%d "))
				}
				return true
			})
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files", checked)
	}
}
