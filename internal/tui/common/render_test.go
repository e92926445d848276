package common

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestRenderTablesAndCallouts renders a table with emphasis in its cells and
// a long call-out in every theme: no Markdown markers may show, and every
// line of the call-out keeps its bar and the width.
func TestRenderTablesAndCallouts(t *testing.T) {
	md := "| Element | The question it answers |\n|---|---|\n" +
		"| **Act** | What was *done* to the person? |\n" +
		"| **Means** | How was it done: threats, force, **deception** or abuse of a position of vulnerability? |\n\n" +
		"> [!TIP]\n> You do not have to decide whether each element is legally proven. That is for investigators, " +
		"competent authorities and courts. Your job is to notice, to ask, and to pass on what you see.\n\n" +
		"The first two principles come before any question: **do no harm, and know the risks** of every contact.\n"
	themes := map[string]Theme{"dark": {Dark: true}, "light": {}, "no colour": {Dark: true, NoColor: true}}
	for name, th := range themes {
		st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), th)
		profile := th.Profile(termenv.ANSI256)
		for _, w := range []int{40, 60, 78, 100} {
			lines, err := NewRenderCache(st.Glamour, profile).Render(RenderKey{Doc: "t", Width: w}, md)
			if err != nil {
				t.Fatalf("%s at %d: %v", name, w, err)
			}
			text := Strip(strings.Join(lines, "\n"))
			flat := strings.Join(strings.Fields(text), " ")
			for _, bad := range []string{"**", "*done*", "[!TIP]"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s at %d: rendered text shows %q:\n%s", name, w, bad, text)
				}
			}
			for _, want := range []string{"Act", "Means", "deception", "★ Tip", "do no harm"} {
				if !strings.Contains(flat, want) {
					t.Errorf("%s at %d: %q missing:\n%s", name, w, want, text)
				}
			}
			if th.NoColor {
				if c := colourSGR(strings.Join(lines, "")); c != "" {
					t.Errorf("%s at %d: colour sequence %q", name, w, c)
				}
			}
			inQuote := false
			for _, l := range lines {
				if Width(l) > w {
					t.Errorf("%s at %d: line %d columns wide: %q", name, w, Width(l), Strip(l))
				}
				plain := strings.TrimSpace(Strip(l))
				switch {
				case strings.HasPrefix(plain, "│ ★ Tip"):
					inQuote = true
				case plain == "":
					inQuote = false
				case inQuote && !strings.HasPrefix(plain, "│"):
					t.Errorf("%s at %d: call-out line without its bar: %q", name, w, plain)
				}
			}
		}
	}
}

var sgrRe = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourSGR returns the first SGR sequence in s that sets a colour.
func colourSGR(s string) string {
	for _, m := range sgrRe.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			if n, err := strconv.Atoi(p); err == nil && (n >= 30 && n <= 49 || n >= 90 && n <= 107) {
				return m[0]
			}
		}
	}
	return ""
}

func TestJoinListLines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tight item", "- **The silent girl.** The signs were\n  there at the quayside\n  (IOM 2017).\n- next\n",
			"- **The silent girl.** The signs were there at the quayside (IOM 2017).\n- next\n"},
		{"ordered, nested", "1. first\n   line\n   - inner\n     more\n",
			"1. first line\n   - inner more\n"},
		{"paragraph untouched", "A paragraph\nover two lines.\n", "A paragraph\nover two lines.\n"},
		{"hard break kept", "- one  \n  two\n", "- one  \n  two\n"},
		{"quoted list kept", "> - one\n>   two\n", "> - one\n>   two\n"},
		{"code kept", "- item\n\n  ```\n  a\n  b\n  ```\n", "- item\n\n  ```\n  a\n  b\n  ```\n"},
	}
	for _, tt := range tests {
		if got := JoinListLines(tt.in); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// Rendered, an item written over several lines wraps like a paragraph.
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	lines, err := NewRenderCache(st.Glamour, termenv.ANSI256).Render(RenderKey{Doc: "l", Width: 78},
		"- **The silent girl.** The signs were there at the quayside: Joy was the most silent\n  in her group and another woman answered for her (IOM Italy 2017).\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if w := len(strings.Fields(Strip(l))); w == 1 {
			t.Errorf("a line with a single word: %q", Strip(l))
		}
	}
}
