package common

import (
	"strings"
	"testing"

	glamstyles "github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello\nworld", "hello\nworld"},
		{"sgr kept", "\x1b[1;38;5;212mbold\x1b[0m", "\x1b[1;38;5;212mbold\x1b[0m"},
		{"osc title", "a\x1b]0;pwned\x07b", "ab"},
		{"osc52 st", "a\x1b]52;c;SGVsbG8=\x1b\\b", "ab"},
		{"clear screen", "a\x1b[2Jb\x1b[Hc", "abc"},
		{"cursor move", "a\x1b[10;10fb", "ab"},
		{"private mode", "a\x1b[?1049hb", "ab"},
		{"c1 csi", "a\u009b2Jb", "a2Jb"},
		{"bel bs cr del", "a\x07b\x08c\rd\x7fe", "abcde"},
		{"tab", "a\tb", "a    b"},
		{"esc c", "a\x1bcb", "ab"},
		{"unicode", "✓ ✗ ⚑ — é", "✓ ✗ ⚑ — é"},
		{"dangling esc", "a\x1b", "a"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestRenderFiltersHostileContent(t *testing.T) {
	c := NewRenderCache(glamstyles.NoTTYStyleConfig, termenv.Ascii)
	md := "Click &#27;]52;c;SGVsbG8=&#7; and &#x1b;[2J here, raw \x1b]0;title\x07 too.\n\n`code \x1b[2J`\n"
	lines, err := c.Render(RenderKey{Doc: "x", Width: 60}, md)
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Join(lines, "\n")
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07"} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered output keeps %q: %q", bad, out)
		}
	}
	if !strings.Contains(out, "Click") {
		t.Errorf("text lost: %q", out)
	}
	if again, _ := c.Render(RenderKey{Doc: "x", Width: 60}, "different"); strings.Join(again, "\n") != out {
		t.Error("second render of the same key did not come from the cache")
	}
}

func TestRewriteAlerts(t *testing.T) {
	in := "Intro\n\n> [!WARNING]\n> Do not confront the controller.\n\n> plain quote\n"
	got := RewriteAlerts(in)
	if !strings.Contains(got, "> **⚠ Warning**\n>\n> Do not confront") {
		t.Errorf("alert not rewritten:\n%s", got)
	}
	if !strings.Contains(got, "> plain quote") || strings.Contains(got, "[!") {
		t.Errorf("unexpected rewrite:\n%s", got)
	}
}

func TestChooseTheme(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		flag string
		env  func(string) string
		want Theme
	}{
		{"auto", env(), Theme{Dark: true}},
		{"light", env(), Theme{}},
		{"dark", env("COLORFGBG", "0;15"), Theme{Dark: true}},
		{"auto", env("COLORFGBG", "0;15"), Theme{}},
		{"auto", env("COLORFGBG", "15;0"), Theme{Dark: true}},
		{"", env("FRONTLINE_THEME", "light"), Theme{}},
		{"auto", env("NO_COLOR", "1"), Theme{Dark: true, NoColor: true}},
	}
	for _, tt := range tests {
		if got := ChooseTheme(tt.flag, tt.env); got != tt.want {
			t.Errorf("ChooseTheme(%q) = %+v, want %+v", tt.flag, got, tt.want)
		}
	}
}

func TestPager(t *testing.T) {
	p := Pager{Height: 3}
	p.SetLines([]string{"a", "b", "c", "d", "e"})
	p.Scroll(10)
	if p.Offset != 2 || !p.AtBottom() || p.View() != "c\nd\ne" {
		t.Errorf("scrolled pager: offset %d view %q", p.Offset, p.View())
	}
	p.Scroll(-10)
	if p.Offset != 0 {
		t.Errorf("offset %d after scrolling up", p.Offset)
	}
	p.SetLines([]string{"x"})
	if p.View() != "x\n\n" {
		t.Errorf("short content not padded: %q", p.View())
	}
}
