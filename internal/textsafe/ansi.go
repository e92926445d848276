package textsafe

import (
	"strings"
	"unicode/utf8"
)

// ANSI filters an already rendered string (such as glamour's output) down
// to text and SGR (colour and style) escape sequences. Every other escape
// sequence is dropped whole: OSC (window titles, the clipboard, hyperlinks),
// DCS, SOS, PM and APC strings, cursor movement and erasing, and two-byte
// escapes. Every character text may not contain (see Classify) is dropped
// too, as is invalid UTF-8. Newlines stay and a tab becomes four spaces.
// Nothing is added, so the width of a rendered line never grows.
func ANSI(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = escape(s, i, &b)
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
			if r == utf8.RuneError && n <= 1 {
				i++
				continue
			}
			if r == utf8.RuneError || Classify(r) == OK {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		i++
	}
	return b.String()
}

// escape handles the escape sequence at s[i] (an ESC byte): an SGR
// sequence is copied to b, anything else is skipped. It returns the index
// after the sequence.
func escape(s string, i int, b *strings.Builder) int {
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

// OnlySGR reports whether s holds nothing but text and SGR sequences: no
// other escape sequence and no character text may not contain (tabs and
// newlines allowed). It is the property ANSI's output always has; tests
// and fuzz targets check rendered output with it.
func OnlySGR(s string) (ok bool, offset int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			j := i + 2
			if j > len(s) || s[i+1] != '[' {
				return false, i
			}
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return false, i
			}
			i = j + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return false, i
		}
		if r != utf8.RuneError && Classify(r) != OK {
			return false, i
		}
		i += n
	}
	return true, -1
}
