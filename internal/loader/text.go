package loader

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
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

// checkText reports invalid UTF-8, NUL and terminal control characters,
// raw or written as numeric character references, in the first limit bytes
// of the file (all of it when limit is negative). It returns false when the
// file must not be parsed.
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
		r, size := utf8.DecodeRune(text[off:])
		if msg := controlName(r); msg != "" {
			f.errorAt(off, "%s in the text; remove it (content may not contain terminal control characters)", msg)
			n++
		} else if r == '&' && off+1 < len(text) && text[off+1] == '#' {
			if cp, length, ok := numericRef(text[off:]); ok {
				if msg := controlName(rune(cp)); msg != "" || cp == '\t' || cp == '\n' {
					if msg == "" {
						msg = fmt.Sprintf("control character U+%04X", cp)
					}
					f.errorAt(off, "%s written as %q; remove it (content may not contain terminal control characters)", msg, text[off:off+length])
					n++
				}
				off += length
				continue
			}
		}
		off += size
	}
	return n == 0
}

// controlName describes r if it is a character content may not contain.
func controlName(r rune) string {
	switch {
	case r == 0:
		return "NUL byte"
	case r == '\t' || r == '\n':
		return ""
	case r == '\r':
		return "carriage return (CR) not followed by a line feed"
	case r == 0x1b:
		return "escape character (ESC, U+001B)"
	case r < 0x20:
		return fmt.Sprintf("control character U+%04X", r)
	case r == 0x7f:
		return "delete character (DEL, U+007F)"
	case r >= 0x80 && r <= 0x9f:
		return fmt.Sprintf("C1 control character U+%04X", r)
	}
	return ""
}

// numericRef parses "&#123;" or "&#x1b;" at the start of b.
func numericRef(b []byte) (cp int64, length int, ok bool) {
	if len(b) < 4 || b[0] != '&' || b[1] != '#' {
		return 0, 0, false
	}
	i, base := 2, 10
	if b[i] == 'x' || b[i] == 'X' {
		i, base = 3, 16
	}
	j := i
	for j < len(b) && j-i < 8 && isDigit(b[j], base) {
		j++
	}
	if j == i || j >= len(b) || b[j] != ';' {
		return 0, 0, false
	}
	v, err := strconv.ParseInt(string(b[i:j]), base, 64)
	if err != nil {
		return 0, 0, false
	}
	return v, j + 1, true
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}
