package common

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"frontline/internal/textsafe"
	"frontline/internal/textsafe/hostile"
)

// hostileDocs is every payload of the security review in every kind of
// block the renderer draws, whatever the loader would say (hostile.Docs):
// the renderer must hold on its own.
func hostileDocs(t testing.TB) map[string]string {
	t.Helper()
	docs, err := hostile.Docs()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestRenderHostilePayloads renders every payload of the review in every
// block, in every theme: every line holds only text and SGR sequences, and
// each render ends within its budget.
func TestRenderHostilePayloads(t *testing.T) {
	themes := map[string]Theme{"dark": {Dark: true}, "light": {}, "no colour": {Dark: true, NoColor: true}}
	docs := hostileDocs(t)
	for tname, th := range themes {
		st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), th)
		c := NewRenderCache(st.Glamour, th.Profile(termenv.ANSI256))
		for name, md := range docs {
			start := time.Now()
			lines, err := c.Render(RenderKey{Doc: name, Width: 78}, md)
			if d := time.Since(start); d > DefaultRenderTime+time.Second {
				t.Errorf("%s, %s: %v", tname, name, d)
			}
			if err != nil {
				if !errors.Is(err, ErrOverBudget) {
					t.Errorf("%s, %s: %v", tname, name, err)
				}
				continue
			}
			if len(lines) == 0 {
				t.Errorf("%s, %s: nothing shown", tname, name)
			}
			for _, l := range lines {
				if ok, off := textsafe.OnlySGR(l); !ok {
					t.Errorf("%s, %s: byte %d of %q is not text or SGR", tname, name, off, l)
					break
				}
			}
		}
	}
	t.Logf("%d documents in %d themes", len(docs), len(themes))
}
