package common

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Wrap word-wraps plain or styled text to width w, breaking long words.
func Wrap(s string, w int) string {
	if w < 1 {
		w = 1
	}
	return ansi.Wrap(s, w, "")
}

// WrapLines wraps s to width w and returns its lines, each prefixed by
// indent (the first by first).
func WrapLines(s string, w int, first, indent string) []string {
	iw := ansi.StringWidth(indent)
	lines := strings.Split(Wrap(s, w-iw), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return lines
}

// Truncate cuts a styled line to width w.
func Truncate(s string, w int) string {
	if w < 1 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// SpreadLine puts left and right on one line of width w, truncating left if
// needed.
func SpreadLine(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	lw := ansi.StringWidth(left)
	if lw+rw+1 > w {
		left = Truncate(left, max(w-rw-1, 0))
		lw = ansi.StringWidth(left)
	}
	gap := w - lw - rw
	if gap < 1 {
		gap = 1
	}
	return left + strings.Repeat(" ", gap) + right
}

// Pager shows a window of already rendered lines. Scrolling only moves the
// offset; View slices and joins, so a key press costs next to nothing.
type Pager struct {
	Lines  []string
	Offset int
	Height int
}

// SetLines replaces the content, keeping the offset in range.
func (p *Pager) SetLines(l []string) {
	p.Lines = l
	p.clamp()
}

// Scroll moves by n lines (negative is up).
func (p *Pager) Scroll(n int) {
	p.Offset += n
	p.clamp()
}

// Top scrolls to the start.
func (p *Pager) Top() { p.Offset = 0 }

// Bottom scrolls to the end.
func (p *Pager) Bottom() { p.Offset = len(p.Lines); p.clamp() }

// AtBottom reports whether the last line is visible.
func (p *Pager) AtBottom() bool { return p.Offset+p.Height >= len(p.Lines) }

// Percent is how far through the content the bottom of the window is.
func (p *Pager) Percent() float64 {
	if len(p.Lines) == 0 || p.Height >= len(p.Lines) {
		return 1
	}
	return float64(min(p.Offset+p.Height, len(p.Lines))) / float64(len(p.Lines))
}

// ScrollTo makes line i visible.
func (p *Pager) ScrollTo(i int) {
	if i < p.Offset {
		p.Offset = i
	} else if i >= p.Offset+p.Height {
		p.Offset = i - p.Height + 1
	}
	p.clamp()
}

// HandleKey scrolls by a line (up, down), a window (page up, page down)
// or to either end (home/g, end/G); it reports whether the key was one of
// those.
func (p *Pager) HandleKey(k KeyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, k.Top):
		p.Top()
	case key.Matches(msg, k.Bottom):
		p.Bottom()
	case key.Matches(msg, k.Down):
		p.Scroll(1)
	case key.Matches(msg, k.Up):
		p.Scroll(-1)
	case key.Matches(msg, k.PageDown):
		p.Scroll(p.Height - 1)
	case key.Matches(msg, k.PageUp):
		p.Scroll(-(p.Height - 1))
	default:
		return false
	}
	return true
}

func (p *Pager) clamp() {
	maxOff := len(p.Lines) - p.Height
	if maxOff < 0 {
		maxOff = 0
	}
	if p.Offset > maxOff {
		p.Offset = maxOff
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
}

// View returns exactly Height lines (padded with empty ones).
func (p *Pager) View() string {
	if p.Height <= 0 {
		return ""
	}
	end := min(p.Offset+p.Height, len(p.Lines))
	var b strings.Builder
	n := 0
	for i := p.Offset; i < end; i++ {
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Lines[i])
		n++
	}
	for ; n < p.Height; n++ {
		if n > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// FitLines pads or cuts lines to exactly h lines.
func FitLines(lines []string, h int) string {
	if h < 0 {
		h = 0
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		}
	}
	return b.String()
}

// Width is the display width of a styled string.
func Width(s string) int { return ansi.StringWidth(s) }

// Strip removes escape sequences, for tests and width checks.
func Strip(s string) string { return ansi.Strip(s) }

// StepCursor moves a cursor over count rows by n selectable rows (negative
// is up), passing over rows that are not selectable; it stops at the ends
// and returns the new cursor.
func StepCursor(cursor, n, count int, selectable func(int) bool) int {
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for c, steps := cursor, 0; steps < n; {
		c += dir
		if c < 0 || c >= count {
			break
		}
		if selectable(c) {
			steps++
			cursor = c
		}
	}
	return cursor
}

// PadRight pads a styled string with spaces to display width w.
func PadRight(s string, w int) string {
	if d := w - Width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// OrDash returns s, or a dash when s is empty.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Paragraphs splits text at blank lines and joins each paragraph's lines
// into one, for wrapping; empty paragraphs are dropped.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
