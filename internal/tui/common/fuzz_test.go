package common

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"frontline"
	"frontline/internal/textsafe"
)

// FuzzRender feeds Markdown to the screen renderer, as the reader, the quiz
// and the scenario screens do, whatever its source. Property: every line
// that comes out holds only text and SGR sequences, and every render ends
// within its time budget (memory is bounded by the same budget). The seed
// corpus is every payload of the security review in every block, plus the
// bundled curriculum's files.
func FuzzRender(f *testing.F) {
	for _, md := range hostileDocs(f) {
		f.Add(md, uint8(68))
	}
	_ = fs.WalkDir(frontline.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if b, err := fs.ReadFile(frontline.Content(), p); err == nil {
				f.Add(string(b), uint8(38))
			}
		}
		return nil
	})
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	const budget = 2 * time.Second
	f.Fuzz(func(t *testing.T, md string, w uint8) {
		c := NewRenderCache(st.Glamour, termenv.ANSI256)
		c.Budget.Time = budget
		width := 10 + int(w)%110
		start := time.Now()
		lines, err := c.Render(RenderKey{Doc: "fuzz", Width: width}, md)
		if d := time.Since(start); d > budget+time.Second {
			t.Fatalf("render took %v, over its budget of %v (%d bytes)", d, budget, len(md))
		}
		if err != nil {
			if !errors.Is(err, ErrOverBudget) {
				t.Fatalf("render failed: %v", err)
			}
			return
		}
		for i, l := range lines {
			if ok, off := textsafe.OnlySGR(l); !ok {
				t.Fatalf("line %d, byte %d is not text or SGR: %q", i, off, l)
			}
		}
	})
}
