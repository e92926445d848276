package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestCompactSGR(t *testing.T) {
	pad := strings.Repeat("\x1b[38;5;252m \x1b[0m", 5)
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[0m  \x1b[38;5;252mword\x1b[0m" + pad, "  \x1b[38;5;252mword     \x1b[0m"},
		{pad, "     "},
		// A background shows on spaces: kept.
		{"\x1b[48;5;236m  code  \x1b[0m", "\x1b[48;5;236m  code  \x1b[0m"},
		{"\x1b[4m \x1b[0m", "\x1b[4m \x1b[0m"},
		// 38;5;4 is a colour, not underline.
		{"\x1b[38;5;4m \x1b[0mx", " x"},
		{"\x1b[1mA\x1b[0m\x1b[1mB\x1b[0m", "\x1b[1mAB\x1b[0m"},
		{"\x1b[38;5;111m# \x1b[0m\x1b[38;5;111;1mTitle\x1b[0m", "\x1b[38;5;111m# \x1b[0m\x1b[38;5;111;1mTitle\x1b[0m"},
		{"é\x1b[3mü\x1b[0m ", "é\x1b[3mü \x1b[0m"},
		// Anything but SGR: left alone.
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"},
		{"\x1b[2Jx", "\x1b[2Jx"},
	} {
		if got := CompactSGR(tc.in); got != tc.want {
			t.Errorf("CompactSGR(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestCompactSGRKeepsEveryPage: for real rendered Markdown, the text in
// every cell is the same, and the bytes shrink.
func TestCompactSGRKeepsEveryPage(t *testing.T) {
	md := "# A title\n\nA paragraph with **bold**, *italic* and `code`, long enough to wrap over more than one line at this width.\n\n" +
		"- a list item\n- another item\n\n> [!WARNING]\n> A call-out.\n\n```\ncode block\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
	for _, th := range []Theme{{Dark: true}, {}} {
		for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
			c := NewRenderCache(glamourStyle(th), p)
			raw, err := c.renderBounded(md, 60)
			if err != nil {
				t.Fatal(err)
			}
			before, after := 0, 0
			for _, l := range strings.Split(Sanitize(raw), "\n") {
				got := CompactSGR(l)
				if ansi.Strip(got) != ansi.Strip(l) {
					t.Fatalf("%s/%v: text changed:\n%q\n%q", th, p, ansi.Strip(l), ansi.Strip(got))
				}
				before, after = before+len(l), after+len(got)
			}
			if p != termenv.Ascii && after*2 > before {
				t.Errorf("%s/%v: %d bytes became %d", th, p, before, after)
			}
		}
	}
}
