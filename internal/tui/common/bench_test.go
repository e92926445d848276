package common

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// benchRender renders md at 78 columns with a fresh cache each time, as a
// first visit to a page does, with the time budget lifted so the whole
// cost is measured (the 1 MiB scenario passes every bound).
func benchRender(b *testing.B, md string) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		c := NewRenderCache(st.Glamour, termenv.ANSI256)
		c.Budget = RenderBudget{Time: time.Minute, Memory: 1 << 40, Output: 1 << 30}
		if _, err := c.Render(RenderKey{Doc: "b", Width: 78}, md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderScenario18000Budget is the same page under the default
// budget: the render stops and the page is an error after about 3 s.
func BenchmarkRenderScenario18000Budget(b *testing.B) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	md := scenario18000()
	b.ReportAllocs()
	for b.Loop() {
		c := NewRenderCache(st.Glamour, termenv.ANSI256)
		if _, err := c.Render(RenderKey{Doc: "b", Width: 78}, md); !errors.Is(err, ErrOverBudget) {
			b.Fatalf("want the budget to stop it, got %v", err)
		}
	}
}

// BenchmarkRenderQuotes500 renders 500 nested block quotes, which took more
// than 40 s and 6 GB before nesting was flattened.
func BenchmarkRenderQuotes500(b *testing.B) {
	benchRender(b, nested("quote", 500))
}

// BenchmarkRenderList400 renders a list nested 400 deep (44 s, 5.4 GB
// before).
func BenchmarkRenderList400(b *testing.B) {
	benchRender(b, nested("list", 400))
}

// BenchmarkRenderScenario18000 renders the review's 1 MiB scenario of
// 18,000 scenes as one document: far more than any screen renders at once
// (a scene is rendered when it is reached), as a bound on a page's cost.
func BenchmarkRenderScenario18000(b *testing.B) {
	benchRender(b, scenario18000())
}

func scenario18000() string {
	var s strings.Builder
	s.WriteString("# Chain\n\nBriefing.\n\n")
	for i := 0; i < 18000; i++ {
		s.WriteString("## a\n### d\n- [x] [a](#next)\n- [ ] [b](#next)\n")
	}
	return s.String()
}
