package common

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Sanitize keeps only SGR (colour and style) escape sequences of s and drops
// every other control sequence and control character: OSC (titles,
// clipboard, links), cursor movement and erasing, other escapes, C1
// controls, BEL, BS, CR, DEL. Newlines stay; tabs become spaces.
func Sanitize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = skipEscape(s, i, &b)
			continue
		case c == '\n':
			b.WriteByte(c)
		case c == '\t':
			b.WriteString("    ")
		case c < 0x20 || c == 0x7f:
			// other C0 controls and DEL: dropped
		case c < 0x80:
			b.WriteByte(c)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				i++
				continue
			}
			if r >= 0x80 && r <= 0x9f {
				// C1 control: a lone CSI (U+009B) or OSC (U+009D) introducer
				// would start a sequence on some terminals.
				i += n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		i++
	}
	return b.String()
}

// skipEscape handles the escape sequence at s[i] (an ESC byte): an SGR
// sequence is copied to b, anything else is skipped. It returns the index
// after the sequence.
func skipEscape(s string, i int, b *strings.Builder) int {
	if i+1 >= len(s) {
		return i + 1
	}
	switch s[i+1] {
	case '[': // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e
		j := i + 2
		sgrOK := true
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			if !(s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				sgrOK = false
			}
			j++
		}
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			sgrOK = false
			j++
		}
		if j >= len(s) {
			return len(s)
		}
		if s[j] < 0x40 || s[j] > 0x7e {
			// malformed: drop the introducer only
			return i + 2
		}
		if sgrOK && s[j] == 'm' {
			b.WriteString(s[i : j+1])
		}
		return j + 1
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: until BEL or ST
		j := i + 2
		for j < len(s) {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			j++
		}
		return len(s)
	default:
		// two-byte escapes (ESC c, ESC 7, ...), with intermediates
		j := i + 1
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) {
			j++
		}
		return j
	}
}

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
// one theme. It is safe for use from commands running concurrently.
type RenderCache struct {
	mu      sync.Mutex
	lines   map[RenderKey][]string
	style   ansi.StyleConfig
	profile termenv.Profile
	// Limit bounds the number of cached documents; 0 means 256.
	Limit int
}

// NewRenderCache returns a cache rendering with the given glamour style and
// colour profile.
func NewRenderCache(style ansi.StyleConfig, profile termenv.Profile) *RenderCache {
	return &RenderCache{lines: map[RenderKey][]string{}, style: style, profile: profile}
}

// Get returns the cached lines for k, if any.
func (c *RenderCache) Get(k RenderKey) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lines[k]
	return l, ok
}

// Render renders md at width k.Width (or returns the cached lines). Alerts
// are rewritten into call-outs first; the output is sanitized and split into
// lines. A panic inside glamour becomes an error.
func (c *RenderCache) Render(k RenderKey, md string) (lines []string, err error) {
	if l, ok := c.Get(k); ok {
		return l, nil
	}
	out, err := c.render(md, k.Width)
	if err != nil {
		return nil, err
	}
	lines = strings.Split(strings.TrimRight(Sanitize(out), "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	c.mu.Lock()
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
	c.mu.Unlock()
	return lines, nil
}

func (c *RenderCache) render(md string, width int) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render page: internal error: %v", r)
		}
	}()
	if width < 10 {
		width = 10
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(c.style),
		glamour.WithColorProfile(c.profile),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return "", fmt.Errorf("render page: %w", err)
	}
	out, err = r.Render(holdHyphens(JoinListLines(RewriteAlerts(md))))
	if err != nil {
		return "", fmt.Errorf("render page: %w", err)
	}
	return strings.ReplaceAll(out, nbHyphen, "-"), nil
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
