package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/glamour/ansi"
	glamstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is the look chosen at start: a dark or light palette, or none.
type Theme struct {
	Dark    bool
	NoColor bool
}

// String names the theme, for cache keys and logs.
func (t Theme) String() string {
	switch {
	case t.NoColor:
		return "nocolor"
	case t.Dark:
		return "dark"
	}
	return "light"
}

// ChooseTheme picks the theme from the --theme value ("auto", "dark" or
// "light") and the environment, never by asking the terminal. With "auto",
// FRONTLINE_THEME wins, then COLORFGBG (the background is its last field),
// then dark. NO_COLOR (any non-empty value) turns colour off whatever the
// palette.
func ChooseTheme(flag string, getenv func(string) string) Theme {
	t := Theme{Dark: true, NoColor: getenv("NO_COLOR") != ""}
	v := strings.ToLower(strings.TrimSpace(flag))
	if v == "" || v == "auto" {
		v = strings.ToLower(strings.TrimSpace(getenv("FRONTLINE_THEME")))
	}
	switch v {
	case "light":
		t.Dark = false
		return t
	case "dark":
		return t
	}
	if fgbg := getenv("COLORFGBG"); fgbg != "" {
		parts := strings.Split(fgbg, ";")
		switch parts[len(parts)-1] {
		case "7", "9", "10", "11", "12", "13", "14", "15":
			t.Dark = false
		}
	}
	return t
}

// Profile is the colour profile the theme allows on a terminal that
// supports profile p.
func (t Theme) Profile(p termenv.Profile) termenv.Profile {
	if t.NoColor {
		return termenv.Ascii
	}
	return p
}

// Symbols are the marks that carry meaning without colour.
type Symbols struct {
	Right, Wrong, Missed, Flag, Cursor, Selected, Unselected, Radio, RadioOn, Done, Bullet, Held string
}

// Styles is every style the screens use, built for one lipgloss renderer.
type Styles struct {
	Theme   Theme
	Symbols Symbols

	App        lipgloss.Style
	Title      lipgloss.Style
	Subtitle   lipgloss.Style
	Subtle     lipgloss.Style
	Text       lipgloss.Style
	Bold       lipgloss.Style
	Selected   lipgloss.Style
	Cursor     lipgloss.Style
	Right      lipgloss.Style
	Wrong      lipgloss.Style
	Warning    lipgloss.Style
	Banner     lipgloss.Style
	ErrorBox   lipgloss.Style
	Callout    lipgloss.Style
	Tag        lipgloss.Style
	Key        lipgloss.Style
	BarFull    lipgloss.Style
	BarEmpty   lipgloss.Style
	Header     lipgloss.Style
	Help       help.Styles
	Glamour    ansi.StyleConfig
	BarColor   string
	InputFocus lipgloss.Style
}

// NewStyles builds the styles for renderer r and theme t. The renderer's
// background is set from the theme so nothing asks the terminal.
func NewStyles(r *lipgloss.Renderer, t Theme) *Styles {
	r.SetHasDarkBackground(t.Dark)
	if t.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	pal := struct{ fg, subtle, accent, sel, right, wrong, warn, bannerBg, bannerFg, key string }{
		fg: "252", subtle: "245", accent: "111", sel: "212", right: "78", wrong: "203", warn: "214",
		bannerBg: "52", bannerFg: "230", key: "110",
	}
	if !t.Dark {
		pal = struct{ fg, subtle, accent, sel, right, wrong, warn, bannerBg, bannerFg, key string }{
			fg: "235", subtle: "242", accent: "25", sel: "162", right: "28", wrong: "160", warn: "130",
			bannerBg: "224", bannerFg: "52", key: "25",
		}
	}
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	s := &Styles{Theme: t}
	s.Symbols = Symbols{
		Right: "✓", Wrong: "✗", Missed: "○", Flag: "⚑", Cursor: "›", Selected: "[x]", Unselected: "[ ]",
		Radio: "( )", RadioOn: "(•)", Done: "✓", Bullet: "•", Held: "↕",
	}
	s.App = r.NewStyle()
	s.Title = r.NewStyle().Bold(true).Foreground(c(pal.accent))
	s.Subtitle = r.NewStyle().Bold(true)
	s.Subtle = r.NewStyle().Foreground(c(pal.subtle))
	s.Text = r.NewStyle().Foreground(c(pal.fg))
	s.Bold = r.NewStyle().Bold(true)
	s.Selected = r.NewStyle().Bold(true).Foreground(c(pal.sel))
	s.Cursor = r.NewStyle().Foreground(c(pal.sel)).Bold(true)
	s.Right = r.NewStyle().Foreground(c(pal.right)).Bold(true)
	s.Wrong = r.NewStyle().Foreground(c(pal.wrong)).Bold(true)
	s.Warning = r.NewStyle().Foreground(c(pal.warn)).Bold(true)
	s.Banner = r.NewStyle().Foreground(c(pal.bannerFg)).Background(c(pal.bannerBg)).Bold(true)
	s.ErrorBox = r.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(c(pal.wrong)).Padding(0, 1)
	s.Callout = r.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(c(pal.accent)).PaddingLeft(1)
	s.Tag = r.NewStyle().Foreground(c(pal.subtle)).Italic(true)
	s.Key = r.NewStyle().Foreground(c(pal.key)).Bold(true)
	s.BarFull = r.NewStyle().Foreground(c(pal.accent))
	s.BarEmpty = r.NewStyle().Foreground(c(pal.subtle))
	s.Header = r.NewStyle().Bold(true).Underline(true)
	s.InputFocus = r.NewStyle().Foreground(c(pal.sel))
	s.BarColor = pal.accent
	s.Help = help.Styles{
		Ellipsis:       s.Subtle,
		ShortKey:       s.Key,
		ShortDesc:      s.Subtle,
		ShortSeparator: s.Subtle,
		FullKey:        s.Key,
		FullDesc:       s.Subtle,
		FullSeparator:  s.Subtle,
	}
	s.Glamour = glamourStyle(t)
	if t.NoColor {
		// Keep structure (bold, underline) readable but drop every colour.
		for _, st := range []*lipgloss.Style{&s.Banner} {
			*st = st.Reverse(true)
		}
	}
	return s
}

// glamourStyle is the Markdown style for theme t: glamour's dark or light
// style, with two changes.
//
// Without colour it is the dark style all the same (the colour profile
// drops every colour and attribute) rather than glamour's no-TTY style,
// which writes emphasis as literal "**" and "*" markers: those read as raw
// markup, in table cells above all, and break apart where bold text wraps.
//
// A block quote's bar "│ " is two columns wide but glamour takes one off
// the wrap width for it, so the longest lines of a call-out spill a word
// onto a line of its own, outside the bar. A margin of one (which glamour
// counts on both sides) instead of an indent of one keeps the same bar and
// wraps the text two columns narrower.
func glamourStyle(t Theme) ansi.StyleConfig {
	cfg := glamstyles.DarkStyleConfig
	if !t.Dark && !t.NoColor {
		cfg = glamstyles.LightStyleConfig
	}
	if t.NoColor {
		cfg.CodeBlock.Chroma = nil
	}
	noIndent, margin := uint(0), uint(1)
	bar := "│ "
	cfg.BlockQuote.Indent, cfg.BlockQuote.Margin, cfg.BlockQuote.IndentToken = &noIndent, &margin, &bar
	return cfg
}

// Bar draws a progress bar of the given width filled to frac (0..1).
func (s *Styles) Bar(width int, frac float64) string {
	if width < 1 {
		return ""
	}
	if frac < 0 {
		frac = 0
	}
	if frac > 1 {
		frac = 1
	}
	full := int(frac*float64(width) + 0.5)
	full = min(full, width)
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", width-full))
}

// NewInput returns a text field styled for the app.
func (s *Styles) NewInput(prompt, placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	if limit > 0 {
		ti.CharLimit = limit
	}
	ti.PromptStyle = s.Key
	ti.PlaceholderStyle = s.Subtle
	ti.TextStyle = s.Text
	ti.Cursor.Style = s.Cursor
	return ti
}

// BarRow is one labelled bar of a BarTable.
type BarRow struct {
	Label string
	Frac  float64 // 0..1
	Note  string  // shown after the percentage
}

// BarTable draws labelled bars with their percentages, the labels in one
// column of at most half the width; reserve is the room kept for the
// indent, percentage and note.
func (s *Styles) BarTable(rows []BarRow, w int, indent string, reserve int) []string {
	nameW := 10
	for _, r := range rows {
		nameW = max(nameW, Width(r.Label))
	}
	nameW = min(nameW, max(w/2, 10))
	barW := min(max(w-nameW-reserve, 8), 40)
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		label := Truncate(r.Label, nameW)
		out = append(out, fmt.Sprintf("%s%s %s %3.0f%% %s", indent, PadRight(label, nameW), s.Bar(barW, r.Frac), r.Frac*100, r.Note))
	}
	return out
}
