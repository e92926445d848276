// Package textsafe is frontline's one rule for text that reaches a
// terminal, a file or a spreadsheet. Content and names may contain any
// printable character of any script, but never a character that changes
// how a terminal or an editor shows what comes after it:
//
//   - control characters: C0 except tab and newline, DEL, C1 (U+0080 to
//     U+009F), and the line and paragraph separators U+2028 and U+2029;
//   - bidi overrides, embeddings and isolates: U+202A to U+202E and U+2066
//     to U+2069;
//   - tag characters: U+E0000 to U+E007F;
//   - invisible characters, such as the zero-width space (U+200B), the word
//     joiner (U+2060) and the zero-width no-break space (U+FEFF).
//
// The zero-width joiner and non-joiner (U+200D, U+200C) and the variation
// selectors are allowed: Persian, the Indic scripts and emoji need them.
//
// Check finds the first such character (the content loader refuses it with
// file:line:col); Sanitize and its short forms Text and Line turn any string
// into one that holds only printable text, showing what was removed as a
// visible escape such as <U+202E>; ANSI filters an already rendered string
// down to text and SGR (colour and style) sequences.
package textsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind says why a character is not allowed.
type Kind int

// Kinds of disallowed characters.
const (
	// OK is an allowed character.
	OK Kind = iota
	// Control is a C0 control other than tab and newline, DEL, a C1
	// control, or the line or paragraph separator.
	Control
	// Bidi is a bidirectional override, embedding or isolate.
	Bidi
	// Tag is a tag character (U+E0000 to U+E007F).
	Tag
	// Invisible is a character that shows nothing and is not needed by any
	// script: zero-width space, word joiner, zero-width no-break space and
	// the like.
	Invisible
	// Invalid is a byte that is not valid UTF-8, or a noncharacter.
	Invalid
)

// Classify says whether r may appear in text and, if not, why. Tab and
// newline are allowed: callers that want one line decide what they become.
func Classify(r rune) Kind {
	switch {
	case r == '\t' || r == '\n':
		return OK
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return Control
	case r < 0xa0:
		return OK
	case r == 0x2028 || r == 0x2029:
		return Control
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return Bidi
	case r >= 0xe0000 && r <= 0xe007f:
		return Tag
	case r == utf8.RuneError, r > utf8.MaxRune, r >= 0xd800 && r <= 0xdfff,
		r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return Invalid
	case isInvisible(r):
		return Invisible
	}
	return OK
}

// isInvisible lists the default-ignorable and blank characters that no
// script needs. The zero-width joiner and non-joiner, the variation
// selectors (U+FE00 to U+FE0F, U+E0100 to U+E01EF) and the Mongolian free
// variation selectors are left out on purpose: real text uses them.
func isInvisible(r rune) bool {
	switch {
	case r == 0x00ad, // soft hyphen
		r == 0x034f,                  // combining grapheme joiner
		r == 0x061c,                  // Arabic letter mark
		r == 0x115f || r == 0x1160,   // Hangul choseong and jungseong fillers
		r == 0x17b4 || r == 0x17b5,   // Khmer inherent vowels
		r == 0x180e,                  // Mongolian vowel separator
		r == 0x200b,                  // zero-width space
		r == 0x200e || r == 0x200f,   // left-to-right and right-to-left marks
		r >= 0x2060 && r <= 0x2065,   // word joiner, invisible operators
		r >= 0x206a && r <= 0x206f,   // deprecated format characters
		r == 0x3164 || r == 0xffa0,   // Hangul fillers
		r == 0xfeff,                  // zero-width no-break space (BOM)
		r >= 0xfff0 && r <= 0xfffb,   // specials and interlinear annotation
		r >= 0x1bca0 && r <= 0x1bca3, // shorthand format controls
		r >= 0x1d173 && r <= 0x1d17a, // musical symbol format controls
		r >= 0xe0080 && r <= 0xe00ff, // unassigned default-ignorables
		r >= 0xe01f0 && r <= 0xe0fff:
		return true
	}
	return false
}

// names of well-known characters, for messages.
var names = map[rune]string{
	0x00: "NUL byte",
	0x07: "bell character (BEL, U+0007)",
	0x08: "backspace (BS, U+0008)",
	0x0d: "carriage return (CR, U+000D)",
	0x1b: "escape character (ESC, U+001B)",
	0x7f: "delete character (DEL, U+007F)",
	0x9b: "C1 control character U+009B (CSI)",
	0x9d: "C1 control character U+009D (OSC)",

	0x2028: "line separator U+2028",
	0x2029: "paragraph separator U+2029",

	0x202a: "bidi embedding U+202A (LEFT-TO-RIGHT EMBEDDING)",
	0x202b: "bidi embedding U+202B (RIGHT-TO-LEFT EMBEDDING)",
	0x202c: "bidi control U+202C (POP DIRECTIONAL FORMATTING)",
	0x202d: "bidi override U+202D (LEFT-TO-RIGHT OVERRIDE)",
	0x202e: "bidi override U+202E (RIGHT-TO-LEFT OVERRIDE)",
	0x2066: "bidi isolate U+2066 (LEFT-TO-RIGHT ISOLATE)",
	0x2067: "bidi isolate U+2067 (RIGHT-TO-LEFT ISOLATE)",
	0x2068: "bidi isolate U+2068 (FIRST STRONG ISOLATE)",
	0x2069: "bidi isolate U+2069 (POP DIRECTIONAL ISOLATE)",

	0x00ad: "invisible soft hyphen U+00AD",
	0x200b: "invisible zero-width space U+200B",
	0x200e: "invisible left-to-right mark U+200E",
	0x200f: "invisible right-to-left mark U+200F",
	0x2060: "invisible word joiner U+2060",
	0xfeff: "invisible zero-width no-break space U+FEFF",
}

// Describe names r for a message ("escape character (ESC, U+001B)",
// "bidi override U+202E (RIGHT-TO-LEFT OVERRIDE)"), or returns "" when r is
// allowed.
func Describe(r rune) string {
	k := Classify(r)
	if k == OK {
		return ""
	}
	if n, ok := names[r]; ok {
		return n
	}
	switch k {
	case Control:
		if r >= 0x80 {
			return fmt.Sprintf("C1 control character U+%04X", r)
		}
		return fmt.Sprintf("control character U+%04X", r)
	case Bidi:
		return fmt.Sprintf("bidi control U+%04X", r)
	case Tag:
		return fmt.Sprintf("invisible tag character U+%04X", r)
	case Invisible:
		return fmt.Sprintf("invisible character U+%04X", r)
	}
	if r == utf8.RuneError {
		return "invalid UTF-8 (or the replacement character U+FFFD)"
	}
	return fmt.Sprintf("noncharacter U+%04X", r)
}

// Check returns the byte offset and the description of the first character
// of s that text may not contain, or -1 and "" when s is clean. Invalid
// UTF-8 is reported as such; a U+FFFD written as such is allowed.
func Check(s string) (offset int, what string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i, "invalid UTF-8"
		}
		if r != utf8.RuneError && Classify(r) != OK {
			return i, Describe(r)
		}
		i += n
	}
	return -1, ""
}

// Clean reports whether s holds only allowed characters.
func Clean(s string) bool {
	off, _ := Check(s)
	return off < 0
}

// Breaks says what Sanitize does with tabs and newlines.
type Breaks int

// Ways to treat tabs and line breaks.
const (
	// KeepBreaks keeps newlines and tabs; a CR before a newline is
	// dropped, any other CR is escaped.
	KeepBreaks Breaks = iota
	// SpaceBreaks turns every tab, newline and CR into one space: for one
	// line of text, such as a title or a name in a list.
	SpaceBreaks
	// EscapeBreaks shows tabs, newlines and CRs as escapes: for text that
	// must stay on one line and be shown exactly, such as a file name in a
	// message.
	EscapeBreaks
)

// Sanitize returns s with every character that text may not contain shown
// as a visible escape such as <U+001B> or <U+202E>, invalid UTF-8 shown as
// <0xFF>, and tabs and newlines treated as b says. The result holds only
// printable text, so it is safe to write to a terminal, a log or a file.
func Sanitize(s string, b Breaks) string {
	if isPlain(s, b) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&out, "<0x%02X>", s[i])
		case r == '\t' || r == '\n' || r == '\r':
			switch b {
			case KeepBreaks:
				if r == '\r' {
					if i+1 < len(s) && s[i+1] == '\n' {
						break
					}
					out.WriteString("<U+000D>")
					break
				}
				out.WriteRune(r)
			case SpaceBreaks:
				if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					break
				}
				out.WriteByte(' ')
			default:
				fmt.Fprintf(&out, "<U+%04X>", r)
			}
		case r != utf8.RuneError && Classify(r) != OK:
			fmt.Fprintf(&out, "<U+%04X>", r)
		default:
			out.WriteString(s[i : i+n])
		}
		i += n
	}
	return out.String()
}

// isPlain reports whether Sanitize(s, b) would return s unchanged, with a
// fast path for printable ASCII.
func isPlain(s string, b Breaks) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
			continue
		case c == '\n' || c == '\t':
			if b != KeepBreaks {
				return false
			}
			i++
			continue
		case c < 0x80:
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r != utf8.RuneError && Classify(r) != OK {
			return false
		}
		i += n
	}
	return true
}

// Text is Sanitize keeping tabs and newlines: for a paragraph of content,
// feedback or an explanation.
func Text(s string) string { return Sanitize(s, KeepBreaks) }

// Line is Sanitize on one line, tabs and newlines becoming spaces: for a
// title, an option, a name in a list.
func Line(s string) string { return Sanitize(s, SpaceBreaks) }

// Quote is Sanitize with tabs and newlines escaped too: for a file name or
// any value a message must show exactly, on one line.
func Quote(s string) string { return Sanitize(s, EscapeBreaks) }

// MaxNesting is how deeply block quotes and lists may be nested in content
// (a quote inside a list inside a quote is 3 deep). The loader refuses
// deeper nesting with file:line:col and the renderers flatten it, whatever
// the source: past a few levels nothing is gained for a reader, and a few
// hundred levels cost a terminal renderer gigabytes.
const MaxNesting = 8
