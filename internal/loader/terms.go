package loader

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Term is a discouraged expression and what to write instead. The list is
// documented in docs/authoring.md; the validator reports each use as a
// warning with file:line.
type Term struct {
	Phrase string
	Prefer string
	Why    string
}

// DiscouragedTerms is the terminology check's list. Phrases match whole
// words, in any case; code spans are not checked, so a guide can quote a
// term as `this`.
var DiscouragedTerms = []Term{
	{"child prostitute", "child who is sexually exploited", "a child cannot consent to being exploited; the term blames the child"},
	{"child prostitutes", "children who are sexually exploited", "a child cannot consent to being exploited; the term blames the child"},
	{"child prostitution", "child sexual exploitation", "a child cannot consent to being exploited"},
	{"child sex worker", "child who is sexually exploited", "a child cannot consent to being exploited"},
	{"prostitute", "person in prostitution, or person selling sex", "describes what happens to a person rather than defining them by it"},
	{"prostitutes", "people in prostitution, or people selling sex", "describes what happens to people rather than defining them by it"},
	{"illegal immigrant", "irregular migrant, or person without immigration status", "a person is not illegal; their status may be irregular"},
	{"illegal immigrants", "irregular migrants", "a person is not illegal; their status may be irregular"},
	{"illegal migrant", "irregular migrant", "a person is not illegal; their status may be irregular"},
	{"illegal migrants", "irregular migrants", "a person is not illegal; their status may be irregular"},
	{"illegal alien", "irregular migrant", "a person is not illegal; their status may be irregular"},
	{"illegal aliens", "irregular migrants", "a person is not illegal; their status may be irregular"},
	{"illegals", "irregular migrants", "dehumanising"},
	{"sex slave", "person trafficked for sexual exploitation", "sensational; defines a person by their exploitation"},
	{"sex slaves", "people trafficked for sexual exploitation", "sensational; defines people by their exploitation"},
	{"human cargo", "people, or passengers", "dehumanising"},
}

// checkTerms warns about discouraged terms in the text of the document
// (not in code).
func (m *markdown) checkTerms() {
	// j is reused from block to block; its buffer for lower-case text
	// starts at the size of the whole file, which is lowered first.
	j := joined{lower: make([]byte, 0, len(m.src))}
	j.lower = lowerInto(j.lower, m.src)
	if !hasTermWord(j.lower) {
		return
	}
	_ = ast.Walk(m.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			m.checkTermsIn(&j, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// termWords returns a word of every discouraged phrase (the start of its
// last word): text containing none of them contains no phrase, so it needs
// no closer look. It is worked out on first use.
var termWords = sync.OnceValue(func() [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	for _, t := range DiscouragedTerms {
		w := strings.Fields(t.Phrase)[len(strings.Fields(t.Phrase))-1]
		w = strings.TrimSuffix(w, "s")
		if len(w) > 6 {
			w = w[:6]
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, []byte(w))
		}
	}
	return out
})

// hasTermWord reports whether lower-case text contains a word of termWords.
func hasTermWord(lower []byte) bool {
	for _, w := range termWords() {
		if bytes.Contains(lower, w) {
			return true
		}
	}
	return false
}

// checkTermsIn checks one block's text, joining its lines so a phrase split
// across a line break is still found. j is scratch space.
func (m *markdown) checkTermsIn(j *joined, block ast.Node) {
	j.reset()
	j.add(m, block)
	text := j.lowered()
	if !hasTermWord(text) {
		return
	}
	for _, t := range DiscouragedTerms {
		for from := 0; ; {
			i := bytes.Index(text[from:], []byte(t.Phrase))
			if i < 0 {
				break
			}
			i += from
			end := i + len(t.Phrase)
			from = end
			if (i > 0 && isWordByte(text[i-1])) || (end < len(text) && isWordByte(text[end])) {
				continue
			}
			if i < len(j.text) {
				m.f.warnfAt(j.offset(i), "discouraged term %q: write %q instead (%s)", t.Phrase, t.Prefer, t.Why)
			}
		}
	}
}

// joined is a block's text as one string, with a way back from a byte of
// it to the source offset it came from. Each run of bytes copied from one
// text segment is recorded once, not byte by byte.
type joined struct {
	text  []byte
	runs  []textRun
	lower []byte
}

// textRun says that text[at:] came from the source from offset src on.
type textRun struct{ at, src int }

func (j *joined) reset() {
	j.text, j.runs = j.text[:0], j.runs[:0]
}

// add appends the text of n's children: text segments as they are, a line
// break or a code span as one space.
func (j *joined) add(m *markdown, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			j.runs = append(j.runs, textRun{len(j.text), c.Segment.Start})
			j.text = append(j.text, c.Segment.Value(m.src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				j.space(c.Segment.Stop)
			}
		case *ast.CodeSpan:
			j.space(firstOffset(c))
		default:
			j.add(m, c)
		}
	}
}

func (j *joined) space(src int) {
	j.runs = append(j.runs, textRun{len(j.text), src})
	j.text = append(j.text, ' ')
}

// lowered returns the text in lower case, in a buffer kept for the next
// block.
func (j *joined) lowered() []byte {
	j.lower = lowerInto(j.lower, j.text)
	return j.lower
}

// lowerInto returns src in lower case, rune by rune as bytes.ToLower does,
// written into dst's storage so a buffer serves many blocks.
func lowerInto(dst, src []byte) []byte {
	if cap(dst) < len(src) {
		dst = make([]byte, 0, len(src))
	}
	dst = dst[:len(src)]
	for i, c := range src {
		if c >= utf8.RuneSelf {
			return lowerRunes(dst[:i], src[i:])
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
}

// lowerRunes appends src in lower case to dst, decoding what is not ASCII.
func lowerRunes(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

// offset returns the source offset of text[i].
func (j *joined) offset(i int) int {
	k := sort.Search(len(j.runs), func(k int) bool { return j.runs[k].at > i }) - 1
	r := j.runs[k]
	return r.src + i - r.at
}

func isWordByte(c byte) bool {
	return c == '-' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

func (f *file) warnfAt(off int, format string, args ...any) {
	l, c := f.pos(off)
	f.warnf(l, c, format, args...)
}
