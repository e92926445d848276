package export

import (
	"strings"
	"unicode"
)

// Cell makes a value safe to open in a spreadsheet, in any locale: a cell
// that a spreadsheet would read as a formula (starting with = + - @, a tab
// or a carriage return, or the full-width ＝ ＋ － ＠) gets a leading
// apostrophe, whether the file is read with commas or semicolons as the
// delimiter; and control characters are replaced (see Text).
func Cell(s string) string {
	s = Text(s)
	if s == "" {
		return s
	}
	if strings.ContainsRune(formulaStart, []rune(s)[0]) {
		s = "'" + s
	}
	// A spreadsheet in a semicolon locale splits "a;=b" into two cells
	// (the CSV writer quotes commas but not semicolons): neutralise a
	// formula after each semicolon too.
	if strings.Contains(s, ";") {
		parts := splitKeep(s)
		for i, p := range parts {
			if i > 0 && p != "" && strings.ContainsRune(formulaStart, []rune(p)[0]) {
				parts[i] = "'" + p
			}
		}
		s = strings.Join(parts, "")
	}
	return s
}

// formulaStart holds the characters a spreadsheet reads as the start of a
// formula.
const formulaStart = "=+-@\t\r＝＋－＠"

// splitKeep splits s after every ';', keeping each ';' with the part
// before it.
func splitKeep(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == ';' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// Text replaces control characters (C0 but tab and newline, DEL, C1) and
// characters that reorder or hide text (bidi overrides and isolates, zero
// width spaces, tags) with U+FFFD, so an export never carries them to
// whatever opens it.
func Text(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == 0x200C || r == 0x200D:
			return r
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return '\uFFFD'
		}
		return r
	}, s)
}
