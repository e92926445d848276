package common

import (
	"errors"
	"hash/maphash"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"frontline/internal/textsafe"
)

// Sanitize keeps only SGR (colour and style) escape sequences of s and drops
// every other control sequence and every character text may not contain:
// OSC (titles, clipboard, links), cursor movement and erasing, other
// escapes, C1 controls, BEL, BS, CR, DEL, bidi controls, tag and invisible
// characters. Newlines stay; tabs become spaces. It is textsafe.ANSI, kept
// here so screens need not import textsafe for rendered text.
func Sanitize(s string) string { return textsafe.ANSI(s) }

var alertRe = regexp.MustCompile(`(?m)^([ \t]*>[ \t]*)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$`)

// RewriteAlerts turns GitHub-style alerts (a block quote starting with
// "[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]" or "[!CAUTION]") into
// block quotes headed by a bold label with a symbol, which glamour renders as
// call-outs.
func RewriteAlerts(md string) string {
	if !strings.Contains(md, "[!") {
		return md
	}
	return alertRe.ReplaceAllStringFunc(md, func(m string) string {
		sub := alertRe.FindStringSubmatch(m)
		label := map[string]string{
			"NOTE":      "ℹ Note",
			"TIP":       "★ Tip",
			"IMPORTANT": "❗ Important",
			"WARNING":   "⚠ Warning",
			"CAUTION":   "⚠ Caution",
		}[sub[2]]
		return sub[1] + "**" + label + "**\n" + strings.TrimRight(sub[1], " \t")
	})
}

// JoinListLines puts each line of a tight list item's text on one line.
// Glamour wraps a paragraph as a whole but keeps the source's line breaks
// inside a tight list item, so an item written over several lines came
// out with a short line at every source break; joined, it wraps like a
// paragraph. Breaks before a block quote marker, hard breaks and code are
// left alone.
func JoinListLines(md string) string {
	if !strings.Contains(md, "\n") {
		return md
	}
	src := []byte(md)
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var cuts [][2]int // source ranges that become one space
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		t, ok := n.(*gast.Text)
		if !entering || !ok || !t.SoftLineBreak() || t.HardLineBreak() || !inTextBlock(t) {
			return gast.WalkContinue, nil
		}
		i, j := t.Segment.Stop, t.Segment.Stop
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
			j++
		}
		if j >= len(src) || src[j] != '\n' {
			return gast.WalkContinue, nil
		}
		j++
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j < len(src) && src[j] != '>' && src[j] != '\n' {
			cuts = append(cuts, [2]int{i, j})
		}
		return gast.WalkContinue, nil
	})
	if len(cuts) == 0 {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	last := 0
	for _, c := range cuts {
		if c[0] < last {
			continue
		}
		b.Write(src[last:c[0]])
		b.WriteByte(' ')
		last = c[1]
	}
	b.Write(src[last:])
	return b.String()
}

// inTextBlock reports whether an inline node's block is a tight list
// item's text block.
func inTextBlock(n gast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == gast.TypeBlock {
			return p.Kind() == gast.KindTextBlock
		}
	}
	return false
}

// RenderKey names one rendered document: what it is and the width it was
// wrapped to.
type RenderKey struct {
	Doc   string
	Width int
}

// RenderCache keeps rendered documents as lines, per (document, width), for
// one theme. It is safe for use from commands running concurrently: two
// requests for the same key render once.
//
// Every render is bounded (see RenderBudget and MaxNesting), and the cache
// remembers documents that went over budget: Render refuses, without
// rendering again, a document that failed twice, and Prefetch one that
// failed once.
type RenderCache struct {
	mu      sync.Mutex
	lines   map[RenderKey][]string
	style   ansi.StyleConfig
	profile termenv.Profile
	// Limit bounds the number of cached documents; 0 means 256.
	Limit int
	// Budget bounds each render; zero fields take the defaults.
	Budget RenderBudget

	seed    maphash.Seed
	failed  map[uint64]failure
	flights map[RenderKey]*flight
}

// failure records a document that went over its budget.
type failure struct {
	count int
	err   error
}

// flight is a render in progress; others asking for the same key wait.
type flight struct {
	done  chan struct{}
	lines []string
	err   error
}

// maxFailures is how many over-budget documents the cache remembers.
const maxFailures = 1024

// NewRenderCache returns a cache rendering with the given glamour style and
// colour profile.
func NewRenderCache(style ansi.StyleConfig, profile termenv.Profile) *RenderCache {
	return &RenderCache{
		lines: map[RenderKey][]string{}, style: style, profile: profile,
		seed: maphash.MakeSeed(), failed: map[uint64]failure{}, flights: map[RenderKey]*flight{},
	}
}

// Get returns the cached lines for k, if any.
func (c *RenderCache) Get(k RenderKey) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lines[k]
	return l, ok
}

// Render renders md at width k.Width (or returns the cached lines). Alerts
// are rewritten into call-outs first; block quotes and lists nested deeper
// than MaxNesting are flattened; the output is filtered down to text and
// SGR sequences and split into lines. A panic inside glamour becomes an
// error. A render that goes over its budget stops and returns an error
// wrapping ErrOverBudget whose text can be shown in place of the page; a
// document that has gone over budget twice is not rendered again.
func (c *RenderCache) Render(k RenderKey, md string) ([]string, error) {
	return c.render(k, md, 2)
}

// Prefetch renders md into the cache ahead of need, unless it is cached
// already or has gone over its budget before: a page nobody asked for is
// never rendered again after it failed once.
func (c *RenderCache) Prefetch(k RenderKey, md string) error {
	_, err := c.render(k, md, 1)
	return err
}

// Failures returns how many times md has gone over its budget.
func (c *RenderCache) Failures(md string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed[maphash.String(c.seed, md)].count
}

func (c *RenderCache) render(k RenderKey, md string, maxFails int) ([]string, error) {
	h := maphash.String(c.seed, md)
	c.mu.Lock()
	if l, ok := c.lines[k]; ok {
		c.mu.Unlock()
		return l, nil
	}
	if f := c.failed[h]; f.count >= maxFails {
		c.mu.Unlock()
		return nil, f.err
	}
	if fl, ok := c.flights[k]; ok {
		c.mu.Unlock()
		<-fl.done
		return fl.lines, fl.err
	}
	fl := &flight{done: make(chan struct{})}
	c.flights[k] = fl
	c.mu.Unlock()

	lines, err := c.renderLines(md, k.Width)

	c.mu.Lock()
	delete(c.flights, k)
	switch {
	case err == nil:
		limit := c.Limit
		if limit <= 0 {
			limit = 256
		}
		if len(c.lines) >= limit {
			for key := range c.lines { // drop an arbitrary entry
				delete(c.lines, key)
				break
			}
		}
		c.lines[k] = lines
	case errors.Is(err, ErrOverBudget):
		if len(c.failed) >= maxFailures {
			clear(c.failed)
		}
		f := c.failed[h]
		f.count++
		f.err = err
		c.failed[h] = f
	}
	c.mu.Unlock()
	fl.lines, fl.err = lines, err
	close(fl.done)
	return lines, err
}

// renderLines renders md within the budget and splits it into lines.
func (c *RenderCache) renderLines(md string, width int) ([]string, error) {
	out, err := c.renderBounded(md, width)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(Sanitize(out), "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for i, l := range lines {
		lines[i] = CompactSGR(l) // see render_compact.go
	}
	return lines, nil
}

// nbHyphen is the non-breaking hyphen (U+2011).
const nbHyphen = "\u2011"

// holdHyphens writes each hyphen inside a word ("check-up") as a
// non-breaking hyphen, which render turns back after wrapping. Glamour's
// word wrap breaks lines at hyphens but does not count them, so a line
// with a hyphenated word came out too long, or with a word stranded on a
// line of its own ("check-" / "up" / "and contraception"). Text that
// already holds a non-breaking hyphen is left as it is.
func holdHyphens(md string) string {
	if !strings.Contains(md, "-") || strings.Contains(md, nbHyphen) {
		return md
	}
	var b strings.Builder
	b.Grow(len(md) + 16)
	prev := rune(0)
	for i, r := range md {
		if r == '-' && isWordRune(prev) {
			next, _ := utf8.DecodeRuneInString(md[i+1:])
			if isWordRune(next) {
				b.WriteString(nbHyphen)
				prev = r
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ReadingWidth is the width text is wrapped to on a screen of width w: the
// screen less a margin, at most 100 columns for comfortable reading.
func ReadingWidth(w int) int {
	rw := w - 2
	if rw > 100 {
		rw = 100
	}
	if rw < 20 {
		rw = 20
	}
	return rw
}

// Profile is the colour profile the cache renders with.
func (c *RenderCache) Profile() termenv.Profile { return c.profile }
