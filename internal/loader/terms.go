package loader

import (
	"bytes"
	"strings"
	"unicode"

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
	if !mayHaveTerm(m.src) {
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
			m.checkTermsIn(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// termWords holds a word of every discouraged phrase; a file containing
// none of them needs no closer look.
var termWords = func() [][]byte {
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
}()

func mayHaveTerm(src []byte) bool {
	lower := bytes.ToLower(src)
	for _, w := range termWords {
		if bytes.Contains(lower, w) {
			return true
		}
	}
	return false
}

// checkTermsIn checks one block's text, joining its lines so a phrase split
// across a line break is still found.
func (m *markdown) checkTermsIn(block ast.Node) {
	var b strings.Builder
	var offs []int // source offset of each byte written
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(m.src)
				for i := range v {
					offs = append(offs, c.Segment.Start+i)
				}
				b.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					offs = append(offs, c.Segment.Stop)
					b.WriteByte(' ')
				}
			case *ast.CodeSpan:
				offs = append(offs, firstOffset(c))
				b.WriteByte(' ')
			default:
				walk(c)
			}
		}
	}
	walk(block)
	text := strings.ToLower(b.String())
	for _, t := range DiscouragedTerms {
		for from := 0; ; {
			i := strings.Index(text[from:], t.Phrase)
			if i < 0 {
				break
			}
			i += from
			end := i + len(t.Phrase)
			from = end
			if (i > 0 && isWordByte(text[i-1])) || (end < len(text) && isWordByte(text[end])) {
				continue
			}
			if i < len(offs) {
				m.f.warnfAt(offs[i], "discouraged term %q: write %q instead (%s)", t.Phrase, t.Prefer, t.Why)
			}
		}
	}
}

func isWordByte(c byte) bool {
	return c == '-' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

func (f *file) warnfAt(off int, format string, args ...any) {
	l, c := f.pos(off)
	f.warnf(l, c, format, args...)
}
