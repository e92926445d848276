package tui

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"frontline/internal/progress/progresstest"
	"frontline/internal/tui/common"
)

// TestRoomOptions: an app drawn in someone else's terminal (a workshop
// seat) takes that terminal's renderer, so it has colour although its
// output is not a terminal here, and apps given one RenderShare share their
// rendered pages.
func TestRoomOptions(t *testing.T) {
	st := storeWithLearner(t)
	sam := progresstest.Learner(t, st, "Kim", "police")
	lib := testLibrary()
	share := common.NewRenderShare()
	newApp := func(r *lipgloss.Renderer) *Model {
		m, err := New(Options{
			Library: lib, Store: st, Learner: &sam, Theme: "dark", Out: &strings.Builder{},
			Getenv: func(string) string { return "" }, Renderer: r, Renders: share,
		})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		return m
	}
	colour := func() *lipgloss.Renderer {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI256)
		return r
	}
	a, b := newApp(colour()), newApp(colour())
	if !strings.Contains(a.View(), "\x1b[38;5;") {
		t.Error("no colour from a 256-colour renderer")
	}
	if a.c.Render != b.c.Render {
		t.Error("two apps with the same theme and profile do not share rendered pages")
	}
	plain := newApp(nil) // Out is not a terminal: no colour, its own cache
	if strings.Contains(plain.View(), "\x1b[38;5;") || plain.c.Render == a.c.Render {
		t.Error("an app without a renderer took the colour or the cache of another")
	}
}
