package common

import (
	"strings"
	"unicode/utf8"
)

// CompactSGR re-encodes a rendered line with as few colour and style
// sequences as draw the same thing. glamour styles every padding space on
// its own ("ESC[38;5;252m ESC[0m" for each one: 14 bytes a space, over a
// kilobyte for a blank line), which is most of what a terminal receives
// when a page scrolls. Spaces whose style cannot show (no background,
// reverse, underline or strike) are drawn in whatever style is current,
// and a style is only switched when the next character needs another.
// The characters are the same, in the same cells. A line holding any
// escape other than SGR is returned unchanged.
func CompactSGR(line string) string {
	if !strings.Contains(line, "\x1b[") {
		return line
	}
	var b strings.Builder
	b.Grow(len(line) / 2)
	state := ""   // SGR parameters in force in the source since its last reset
	current := "" // parameters in force in the output
	for i := 0; i < len(line); {
		c := line[i]
		if c == 0x1b {
			end, params, ok := sgrAt(line, i)
			if !ok {
				return line
			}
			state = applySGR(state, params)
			i = end
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if r == ' ' && !shows(state) && !shows(current) {
			b.WriteByte(' ')
			i += n
			continue
		}
		want := state
		if r == ' ' && !shows(state) {
			want = ""
		}
		if want != current {
			if current != "" {
				b.WriteString("\x1b[0m")
			}
			if want != "" {
				b.WriteString("\x1b[" + want + "m")
			}
			current = want
		}
		b.WriteString(line[i : i+n])
		i += n
	}
	if current != "" {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// sgrAt reads the SGR sequence at line[i] (ESC [ params m) and returns the
// index after it and its parameters; ok is false for anything else.
func sgrAt(line string, i int) (end int, params string, ok bool) {
	if i+1 >= len(line) || line[i+1] != '[' {
		return 0, "", false
	}
	j := i + 2
	for j < len(line) && (line[j] >= '0' && line[j] <= '9' || line[j] == ';' || line[j] == ':') {
		j++
	}
	if j >= len(line) || line[j] != 'm' {
		return 0, "", false
	}
	return j + 1, line[i+2 : j], true
}

// applySGR returns the parameters in force after params: a reset (empty,
// 0, or a list starting with 0) starts again.
func applySGR(state, params string) string {
	if params == "" || params == "0" {
		return ""
	}
	if rest, ok := strings.CutPrefix(params, "0;"); ok {
		return applySGR("", rest)
	}
	if state == "" {
		return params
	}
	return state + ";" + params
}

// shows reports whether a space drawn with params would look different
// from a plain space: a background, reverse video, underline, overline or
// strike-through.
func shows(params string) bool {
	if params == "" {
		return false
	}
	f := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	for k := 0; k < len(f); k++ {
		switch t := f[k]; t {
		case "38", "58": // foreground or underline colour: skip its arguments
			if k+1 < len(f) && f[k+1] == "5" {
				k += 2
			} else if k+1 < len(f) && f[k+1] == "2" {
				k += 4
			}
		case "48", "4", "7", "9", "21", "53":
			return true
		default:
			if len(t) == 2 && t[0] == '4' && t[1] >= '0' && t[1] <= '7' {
				return true // 40-47: background
			}
			if len(t) == 3 && t[0] == '1' && t[1] == '0' && t[2] >= '0' && t[2] <= '7' {
				return true // 100-107: bright background
			}
		}
	}
	return false
}
