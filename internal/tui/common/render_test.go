package common

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
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

// nested returns Markdown of block quotes or lists nested depth deep.
func nested(kind string, depth int) string {
	switch kind {
	case "quote":
		return "## P\n\n" + strings.Repeat(">", depth) + " deep\n"
	case "list":
		var b strings.Builder
		for i := 0; i < depth; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		b.WriteString(strings.Repeat("  ", depth) + "- deep\n")
		return b.String()
	default: // quotes and lists alternating
		var b strings.Builder
		for i := 0; i < depth; i++ {
			b.WriteString(strings.Repeat("> - ", 1))
		}
		b.WriteString("deep\n")
		return b.String()
	}
}

// TestRenderBoundsNesting renders the review's nesting payloads (500
// nested quotes took more than 6 GB before): each renders, shows its text,
// and no line carries more than MaxNesting quote bars.
func TestRenderBoundsNesting(t *testing.T) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	for _, tt := range []struct {
		kind  string
		depth int
	}{{"quote", 9}, {"quote", 50}, {"quote", 500}, {"quote", 1000}, {"list", 100}, {"list", 400}, {"mixed", 300}} {
		c := NewRenderCache(st.Glamour, termenv.ANSI256)
		lines, err := c.Render(RenderKey{Doc: "n", Width: 78}, nested(tt.kind, tt.depth))
		if err != nil {
			t.Fatalf("%s %d: %v", tt.kind, tt.depth, err)
		}
		text := Strip(strings.Join(lines, "\n"))
		if !strings.Contains(text, "deep") {
			t.Errorf("%s %d: the text is lost:\n%s", tt.kind, tt.depth, text)
		}
		for _, l := range lines {
			if bars := strings.Count(Strip(l), "│"); bars > MaxNesting {
				t.Errorf("%s %d: %d quote bars on one line: %q", tt.kind, tt.depth, bars, Strip(l))
			}
			if Width(l) > 78 {
				t.Errorf("%s %d: line %d columns wide", tt.kind, tt.depth, Width(l))
			}
		}
	}
}

func TestFlattenNesting(t *testing.T) {
	depthOf := func(md string) (int, bool) {
		doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader([]byte(md)))
		changed := FlattenNesting(doc, MaxNesting)
		deepest := 0
		var walk func(n gast.Node, d int)
		walk = func(n gast.Node, d int) {
			if isNestingBlock(n) {
				d++
			}
			deepest = max(deepest, d)
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				walk(c, d)
			}
		}
		walk(doc, 0)
		return deepest, changed
	}
	for _, tt := range []struct {
		md      string
		depth   int
		changed bool
	}{
		{"text\n", 0, false},
		{"> a\n", 1, false},
		{strings.Repeat(">", 8) + " a\n", 8, false},
		{strings.Repeat(">", 9) + " a\n", 8, true},
		{strings.Repeat(">", 500) + " a\n", 8, true},
		{nested("list", 7), 8, false},
		{nested("list", 8), 8, true},
		{nested("list", 400), 8, true},
		{nested("mixed", 4), 8, false},
		{nested("mixed", 40), 8, true},
	} {
		d, changed := depthOf(tt.md)
		if d != tt.depth || changed != tt.changed {
			t.Errorf("%.30q: depth %d changed %v, want %d %v", tt.md, d, changed, tt.depth, tt.changed)
		}
	}
}

func TestBreakLongWords(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"short words only", "short words only"},
		{"aaaaaa", "aaaaa a"},
		{"aaaaa aaaaa", "aaaaa aaaaa"},
		{"aaaa-aaaa", "aaaa-aaaa"},
		{"ééééééé", "ééééé éé"},
		{"[[[[[[[[", "[[[[[ [[["},
	} {
		if got := BreakLongWords(tt.in, 5); got != tt.want {
			t.Errorf("BreakLongWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("x", 1000)
	out := BreakLongWords(long, maxWord)
	for _, w := range strings.Fields(out) {
		if len(w) > maxWord {
			t.Errorf("a word of %d bytes is left", len(w))
		}
	}
	if strings.ReplaceAll(out, " ", "") != long {
		t.Error("text was lost")
	}
}

// TestRenderBudget: a render past its budget is an error that says so; a
// document that failed twice is not rendered again, and prefetching skips
// one that failed once.
func TestRenderBudget(t *testing.T) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	md := strings.Repeat("A paragraph of *text* with a [link](https://example.org).\n\n", 200)

	c := NewRenderCache(st.Glamour, termenv.ANSI256)
	c.Budget.Time = time.Nanosecond
	k := RenderKey{Doc: "slow", Width: 78}
	if err := c.Prefetch(k, md); !errors.Is(err, ErrOverBudget) {
		t.Fatalf("prefetch: %v, want ErrOverBudget", err)
	}
	if !strings.Contains(c.Prefetch(k, md).Error(), "too large or too deeply nested") {
		t.Error("the error does not say what is wrong")
	}
	if n := c.Failures(md); n != 1 {
		t.Fatalf("after a failed prefetch and a refused one: %d failures, want 1", n)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Render(k, md); !errors.Is(err, ErrOverBudget) {
			t.Fatalf("render %d: %v", i, err)
		}
	}
	if n := c.Failures(md); n != 2 {
		t.Fatalf("%d failures after three renders, want 2: the third must not render", n)
	}
	// Another width is the same page: still refused.
	if _, err := c.Render(RenderKey{Doc: "slow", Width: 60}, md); !errors.Is(err, ErrOverBudget) || c.Failures(md) != 2 {
		t.Errorf("another width rendered again: %v, %d failures", err, c.Failures(md))
	}

	// The input bound.
	c = NewRenderCache(st.Glamour, termenv.ANSI256)
	c.Budget.Input = 100
	if _, err := c.Render(k, md); !errors.Is(err, ErrOverBudget) || !strings.Contains(err.Error(), "KiB") {
		t.Errorf("input bound: %v", err)
	}

	// The memory bound: a table of 3000 rows grows the heap past 1 byte.
	var table strings.Builder
	table.WriteString("| a | b | c |\n|---|---|---|\n")
	for i := 0; i < 3000; i++ {
		table.WriteString("| one | two | three |\n")
	}
	c = NewRenderCache(st.Glamour, termenv.ANSI256)
	c.Budget.Memory = 1
	if _, err := c.Render(k, table.String()+md); !errors.Is(err, ErrOverBudget) || !strings.Contains(err.Error(), "memory") {
		t.Errorf("memory bound: %v", err)
	}

	// Within the default budget the page renders and is cached.
	c = NewRenderCache(st.Glamour, termenv.ANSI256)
	if _, err := c.Render(k, md); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); !ok || c.Failures(md) != 0 {
		t.Error("a page within budget was not cached")
	}
}

// TestRenderConcurrentSameKey: two requests for one page render it once and
// get the same lines.
func TestRenderConcurrentSameKey(t *testing.T) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	c := NewRenderCache(st.Glamour, termenv.ANSI256)
	md := strings.Repeat("Some *text* here.\n\n", 500)
	k := RenderKey{Doc: "p", Width: 70}
	var wg sync.WaitGroup
	results := make([][]string, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_ = c.Prefetch(k, md)
				results[i], _ = c.Get(k)
			} else {
				results[i], _ = c.Render(k, md)
			}
		}()
	}
	wg.Wait()
	for i, r := range results {
		if len(r) == 0 || strings.Join(r, "\n") != strings.Join(results[1], "\n") {
			t.Errorf("result %d differs (%d lines)", i, len(r))
		}
	}
}
