package loader

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"frontline/internal/textsafe"
)

// markdown is a parsed body. Offsets in the AST are offsets into f.text:
// the front matter is blanked out, not cut, before parsing.
type markdown struct {
	f   *file
	src []byte
	doc ast.Node
	// checked holds the nodes whose decoded text was checked.
	checked map[ast.Node]bool
}

var mdParser = goldmark.New(
	// GFM without linkify: the loader reads text and structure, and a bare
	// URL reads the same as text; the renderers link it when they draw.
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithHeadingAttribute()),
).Parser()

func (f *file) parseMarkdown(bodyOff int) *markdown {
	src := make([]byte, len(f.text))
	copy(src, f.text)
	for i := 0; i < bodyOff && i < len(src); i++ {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
	doc := mdParser.Parse(text.NewReader(src))
	m := &markdown{f: f, src: src, doc: doc, checked: map[ast.Node]bool{}}
	m.checkFences()
	m.checkNesting()
	return m
}

// firstOffset returns the byte offset of the first source segment in n or
// its descendants, or -1.
func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := firstOffset(c); o >= 0 {
			return o
		}
	}
	return -1
}

// lastOffset returns the end offset of the last source segment in n.
func lastOffset(n ast.Node) int {
	end := -1
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			end = l.At(l.Len() - 1).Stop
		}
	}
	if t, ok := n.(*ast.Text); ok && t.Segment.Stop > end {
		end = t.Segment.Stop
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := lastOffset(c); o > end {
			end = o
		}
	}
	return end
}

// line returns the 1-based line where node n starts (1 if unknown).
func (m *markdown) line(n ast.Node) int {
	l, _ := m.lineCol(n)
	return l
}

func (m *markdown) lineCol(n ast.Node) (int, int) {
	off := firstOffset(n)
	if off < 0 {
		if p := n.PreviousSibling(); p != nil {
			if o := lastOffset(p); o >= 0 {
				l, _ := m.f.pos(o)
				return l + 1, 1
			}
		}
		return 1, 1
	}
	return m.f.pos(off)
}

// inline returns the plain text of n's inline content: emphasis dropped,
// links as their text, entities and backslash escapes resolved.
func (m *markdown) inline(n ast.Node) string {
	var b strings.Builder
	m.writeInline(&b, n)
	s := strings.TrimSpace(b.String())
	m.checkDecoded(n, s)
	return s
}

// checkDecoded applies the text rule to the decoded text of node n: what
// a title, an option, feedback or an explanation will be once entities and
// escapes are resolved. The scan of the file's bytes catches everything
// known today; this check stands behind it, so a decoder the scan does not
// know about cannot let a control character into the content types.
func (m *markdown) checkDecoded(n ast.Node, s string) {
	if m.checked[n] {
		return
	}
	m.checked[n] = true
	for _, r := range s {
		if msg := controlName(r); msg != "" || r == '\r' {
			if r == '\r' {
				msg = "carriage return (CR, U+000D)"
			}
			l, c := m.lineCol(n)
			m.f.errorf(l, c, "this text holds %s once its references and escapes are decoded; remove it (%s)", article(msg), rule)
			return
		}
	}
}

// checkNesting refuses block quotes and lists nested more than
// textsafe.MaxNesting deep, once for each too-deep part.
func (m *markdown) checkNesting() {
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			d := depth
			if c.Kind() == ast.KindBlockquote || c.Kind() == ast.KindList {
				d++
				if d > textsafe.MaxNesting {
					l, col := m.lineCol(c)
					m.f.errorf(l, col, "block quotes and lists are nested more than %d deep here (a quote in a list in a quote is 3 deep); the limit is %d: flatten this part", textsafe.MaxNesting, textsafe.MaxNesting)
					continue
				}
			}
			if c.Type() == ast.TypeBlock {
				walk(c, d)
			}
		}
	}
	walk(m.doc, 0)
}

func (m *markdown) writeInline(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.writeOne(b, c, " ")
	}
}

// writeOne writes one inline node; soft is written for a soft line break.
func (m *markdown) writeOne(b *strings.Builder, c ast.Node, soft string) {
	{
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(m.src)
			b.WriteString(html.UnescapeString(string(util.UnescapePunctuations(v))))
			if c.HardLineBreak() {
				b.WriteString("\n")
			} else if c.SoftLineBreak() {
				b.WriteString(soft)
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(m.src))
				}
			}
		case *ast.AutoLink:
			b.Write(c.URL(m.src))
		case *ast.RawHTML:
			// Inline HTML is not shown as text.
		case *east.TaskCheckBox:
		default:
			m.writeInline(b, c)
		}
	}
}

// blockText returns the plain text of a block node's paragraphs, separated
// by blank lines.
func (m *markdown) blockText(n ast.Node) string {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
		return m.inline(n)
	}
	if n.Type() != ast.TypeBlock {
		return ""
	}
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			parts = append(parts, m.inline(c))
		case ast.KindList:
			for it := c.FirstChild(); it != nil; it = it.NextSibling() {
				parts = append(parts, "• "+m.blockText(it))
			}
		default:
			if t := m.blockText(c); t != "" {
				parts = append(parts, t)
			} else if c.Type() == ast.TypeBlock && c.Lines() != nil && c.Lines().Len() > 0 {
				parts = append(parts, strings.TrimRight(string(c.Lines().Value(m.src)), "\n"))
			}
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n\n"))
}

// source returns the Markdown source of lines from..to-1 (1-based).
func (m *markdown) source(from, to int) string {
	a, b := m.f.lineStart(from), m.f.lineStart(to)
	if b < a {
		return ""
	}
	return strings.Trim(string(m.src[a:b]), "\n")
}

// headingID returns the {#id} attribute of a heading.
func headingID(h *ast.Heading) string {
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// checkFences reports fenced code blocks that are never closed: they would
// swallow everything after them.
func (m *markdown) checkFences() {
	_ = ast.Walk(m.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		open := m.fenceLine(fc)
		if open == 0 {
			return ast.WalkContinue, nil
		}
		opener := strings.TrimLeft(m.f.lineText(open), " ")
		ch := opener[0]
		width := len(opener) - len(strings.TrimLeft(opener, string(ch)))
		last := open
		if l := fc.Lines(); l.Len() > 0 {
			last, _ = m.f.pos(l.At(l.Len() - 1).Start)
		}
		closer := strings.TrimSpace(m.f.lineText(last + 1))
		if last+1 > len(m.f.starts) || len(closer) < width || strings.Trim(closer, string(ch)) != "" {
			m.f.errorf(open, 1, "code fence opened at line %d is never closed; add a line %s after the code", open, strings.Repeat(string(ch), width))
		}
		return ast.WalkContinue, nil
	})
}

// fenceLine finds the line of a fenced block's opening fence.
func (m *markdown) fenceLine(fc *ast.FencedCodeBlock) int {
	var l int
	switch {
	case fc.Info != nil:
		l, _ = m.f.pos(fc.Info.Segment.Start)
	case fc.Lines().Len() > 0:
		l, _ = m.f.pos(fc.Lines().At(0).Start)
		l--
	default:
		return 0
	}
	t := strings.TrimLeft(m.f.lineText(l), " ")
	if !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") {
		return 0
	}
	return l
}

// isAlert reports a GitHub-style alert marker "[!KIND]" at the start of a
// block quote, returning the kind.
func (m *markdown) alertKind(bq ast.Node) (string, bool) {
	p := bq.FirstChild()
	if p == nil || p.Kind() != ast.KindParagraph || p.Lines().Len() == 0 {
		return "", false
	}
	seg := p.Lines().At(0)
	first := bytes.TrimSpace(seg.Value(m.src))
	if !bytes.HasPrefix(first, []byte("[!")) || !bytes.HasSuffix(first, []byte("]")) {
		return "", false
	}
	return string(first[2 : len(first)-1]), true
}
