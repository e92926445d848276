package frontline_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the layers apart: content, loader, engine and
// progress never depend on a terminal UI library, and screens do not import
// each other's packages except through the tui root.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	ui := []string{"github.com/charmbracelet/bubbletea", "github.com/charmbracelet/lipgloss", "github.com/charmbracelet/glamour", "github.com/charmbracelet/bubbles"}
	for _, pkg := range []string{"./internal/content", "./internal/loader", "./internal/engine", "./internal/progress", "./internal/progress/sqlite"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		for _, d := range deps {
			for _, u := range ui {
				if strings.HasPrefix(d, u) {
					t.Errorf("%s depends on %s; only the tui and plain packages may use UI libraries", pkg, d)
				}
			}
			if pkg != "./internal/loader" && d == "frontline/internal/loader" {
				t.Errorf("%s depends on the loader", pkg)
			}
			if (pkg == "./internal/content" || pkg == "./internal/engine") && strings.HasPrefix(d, "frontline/internal/progress") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
}
