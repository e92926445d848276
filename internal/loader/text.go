package loader

import (
	"bytes"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"frontline/internal/textsafe"
)

// Limits on what a content file may be.
const (
	// MaxFileSize is the largest content file read, in bytes.
	MaxFileSize = 1 << 20
	// MaxFrontMatter is the largest front matter block, in bytes.
	MaxFrontMatter = 64 << 10
	// maxCharProblems caps control-character reports per file.
	maxCharProblems = 20
)

// file is one content file being loaded: its normalised text and a way to
// turn byte offsets into lines and columns.
type file struct {
	src      Source
	name     string // slash path inside the source
	path     string // as shown in problems
	text     []byte // BOM removed, CRLF turned into LF
	starts   []int  // byte offset of each line's start
	problems []Problem
}

func newFile(src Source, name string, raw []byte) *file {
	f := &file{src: src, name: name, path: src.display(name)}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	f.text = raw
	if bytes.Contains(raw, []byte("\r\n")) {
		f.text = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	}
	f.starts = []int{0}
	for i, b := range f.text {
		if b == '\n' {
			f.starts = append(f.starts, i+1)
		}
	}
	return f
}

// pos turns a byte offset into a 1-based line and column.
func (f *file) pos(off int) (line, col int) {
	i := sort.Search(len(f.starts), func(i int) bool { return f.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - f.starts[i] + 1
}

// lineText returns line n (1-based) without its newline.
func (f *file) lineText(n int) string {
	if n < 1 || n > len(f.starts) {
		return ""
	}
	start := f.starts[n-1]
	end := len(f.text)
	if n < len(f.starts) {
		end = f.starts[n] - 1
	}
	if end < start {
		return ""
	}
	return string(f.text[start:end])
}

// lineStart returns the byte offset where line n (1-based) starts.
func (f *file) lineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.starts) {
		return len(f.text)
	}
	return f.starts[n-1]
}

func (f *file) add(sev Severity, line, col int, format string, args ...any) {
	f.problems = append(f.problems, Problem{
		File: f.path, Line: line, Col: col, Severity: sev,
		Message: fmt.Sprintf(format, args...), Text: f.lineText(line),
	})
}

func (f *file) errorf(line, col int, format string, args ...any) {
	f.add(Error, line, col, format, args...)
}

func (f *file) warnf(line, col int, format string, args ...any) {
	f.add(Warning, line, col, format, args...)
}

func (f *file) errorAt(off int, format string, args ...any) {
	l, c := f.pos(off)
	f.errorf(l, c, format, args...)
}

func (f *file) hasErrors() bool {
	for _, p := range f.problems {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// checkText reports invalid UTF-8 and every character content may not
// contain (see textsafe: controls, bidi controls, tag and invisible
// characters), raw or written as an HTML character reference, in the first
// limit bytes of the file (all of it when limit is negative). A reference
// is decoded exactly as the renderers will decode it, so "&#27", "&#x1b"
// and "&#00000000027;" are caught as well as "&#27;". It returns false
// when the file must not be parsed.
func (f *file) checkText(limit int) bool {
	text := f.text
	if limit >= 0 && limit < len(text) {
		text = text[:limit]
	}
	if !utf8.Valid(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRune(text[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		f.errorAt(off, "invalid UTF-8 at byte %d; save the file as UTF-8", off)
		return false
	}
	n := 0
	for off := 0; off < len(text) && n < maxCharProblems; {
		c := text[off]
		if c >= 0x20 && c < 0x7f && c != '&' || c == '\n' || c == '\t' {
			off++
			continue
		}
		r, size := utf8.DecodeRune(text[off:])
		if msg := controlName(r); msg != "" {
			f.errorAt(off, "%s in the text; remove it (%s)", msg, rule)
			n++
		} else if r == '&' {
			if ref, decoded, ok := charRef(text[off:]); ok {
				if msg := refProblem(decoded); msg != "" {
					f.errorAt(off, "%s written as %q; remove it (%s)", msg, ref, rule)
					n++
				}
				off += len(ref)
				continue
			}
		}
		off += size
	}
	return n == 0
}

// rule is the reason given with every refused character.
const rule = "content may not contain terminal control characters, bidi controls or invisible characters"

// controlName describes r if it is a character content may not contain.
func controlName(r rune) string {
	switch r {
	case '\t', '\n', utf8.RuneError:
		return ""
	case '\r':
		return "carriage return (CR) not followed by a line feed"
	}
	return textsafe.Describe(r)
}

// refProblem describes the first character of a decoded reference that
// content may not contain; a tab or line break written as a reference is
// refused too, as it is never needed.
func refProblem(decoded string) string {
	for _, r := range decoded {
		if r == '\t' || r == '\n' {
			return fmt.Sprintf("control character U+%04X", r)
		}
		if msg := controlName(r); msg != "" {
			return msg
		}
	}
	return ""
}

// charRef finds the HTML character reference at the start of b ("&#27;",
// "&#x1b", "&#00000000027;", "&ZeroWidthSpace;") and decodes it with
// html.UnescapeString, the decoder every renderer uses. ok is false when b
// does not start with something html.UnescapeString would decode.
func charRef(b []byte) (ref []byte, decoded string, ok bool) {
	if len(b) < 3 || b[0] != '&' {
		return nil, "", false
	}
	i := 1
	if b[1] == '#' {
		i = 2
		hex := i < len(b) && (b[i] == 'x' || b[i] == 'X')
		if hex {
			i++
		}
		start := i
		for i < len(b) && isDigit(b[i], map[bool]int{true: 16, false: 10}[hex]) {
			i++
		}
		if i == start {
			return nil, "", false
		}
	} else {
		for i < len(b) && i <= maxEntityName && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
			i++
		}
		if i == 1 {
			return nil, "", false
		}
	}
	if i < len(b) && b[i] == ';' {
		i++
	}
	ref = b[:i]
	decoded = html.UnescapeString(string(ref))
	if decoded == string(ref) {
		return nil, "", false
	}
	if b[1] == '#' {
		// html maps C1 code points to Windows-1252 letters, other decoders
		// (link destinations) may not: refuse the code point as written too.
		digits := strings.TrimRight(string(ref[2:]), ";")
		base := 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		if v, err := strconv.ParseInt(digits, base, 32); err == nil && v <= utf8.MaxRune && textsafe.Classify(rune(v)) != textsafe.OK {
			decoded = string(rune(v))
		}
	}
	return ref, decoded, true
}

// maxEntityName is longer than the longest HTML entity name (32 letters).
const maxEntityName = 40

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}
