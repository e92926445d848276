package textsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CSVCell makes s safe as one cell of a CSV file that a spreadsheet will
// open, in a locale whose list separator is the comma or the semicolon:
//
//   - tabs, line breaks and CRs become spaces, and every other character
//     text may not contain becomes a visible escape (see Sanitize), so a
//     CSV file never holds a control character;
//   - a cell that starts with "=", "+", "-" or "@" (or their full-width
//     forms "＝", "＋", "－", "＠"), after any spaces, is prefixed with an
//     apostrophe so no spreadsheet reads it as a formula; and so is every
//     part of the cell after a "," or ";", because a spreadsheet that splits
//     on the other separator would start a cell there.
//
// A plain number such as "-2" or "+3.5" is left alone: it is data, not a
// formula. Apply CSVCell to every field before handing it to encoding/csv.
func CSVCell(s string) string {
	s = Sanitize(s, SpaceBreaks)
	if !strings.ContainsAny(s, "=+-@,;＝＋－＠") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ',' && s[i] != ';' {
			continue
		}
		part := s[start:i]
		if formulaStart(part) {
			b.WriteByte('\'')
		}
		b.WriteString(part)
		if i < len(s) {
			b.WriteByte(s[i])
		}
		start = i + 1
	}
	return b.String()
}

// formulaStart reports whether a spreadsheet could read part (the text of
// one cell) as a formula.
func formulaStart(part string) bool {
	t := strings.TrimLeft(part, " ")
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '@', '＝', '＠':
		return true
	case '+', '-', '＋', '－':
		return !isNumber(t)
	}
	return false
}

// isNumber reports a plain signed decimal number, such as -2 or +3.5.
func isNumber(s string) bool {
	if s == "" || s[0] != '+' && s[0] != '-' {
		return false
	}
	s = s[1:]
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// JSON rewrites encoded JSON so that it holds no character text may not
// contain: each one, which in valid JSON can only stand inside a string, is
// written as a \u escape (a surrogate pair above U+FFFF), so the decoded
// value is unchanged. encoding/json already escapes C0 controls, U+2028 and
// U+2029; this adds DEL, C1 controls, bidi, tag and invisible characters.
// Apply it to the output of json.Marshal before writing it.
func JSON(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 || Classify(r) != OK && r != utf8.RuneError {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			out = append(out, `\ufffd`...)
		case b[i] == 0x7f || r != utf8.RuneError && r >= 0x80 && Classify(r) != OK:
			if r > 0xffff {
				r -= 0x10000
				out = fmt.Appendf(out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
