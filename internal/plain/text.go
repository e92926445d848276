package plain

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// alertRe matches the marker that opens a GitHub-style alert block quote.
var alertRe = regexp.MustCompile(`(?i)^\[!(note|tip|important|warning|caution)\]\s*`)

// newMarkdown returns the parser used for plain text. It is built per call
// rather than held in a package variable.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
}

// ToText turns Markdown into plain text for a screen reader or a dumb
// terminal: headings and paragraphs as lines, lists with "- " or numbers,
// alerts as "Important: ...", tables as "Header: cell" lines, code
// indented, images as "Image: alt text", and no Markdown syntax left over.
// Paragraph line breaks are joined, so each paragraph is one line.
func ToText(md string) string {
	src := []byte(md)
	doc := newMarkdown().Parser().Parse(text.NewReader(src))
	r := &textRenderer{src: src}
	lines := r.children(doc, false)
	return strings.TrimRight(strings.Join(lines, "\n"), "\n ")
}

type textRenderer struct{ src []byte }

// children renders the block children of n, separated by blank lines
// unless tight.
func (r *textRenderer) children(n ast.Node, tight bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.block(c)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// prefix puts first before the first line and indent before the others.
func prefix(lines []string, first, indent string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch {
		case i == 0:
			out[i] = first + l
		case l == "":
			out[i] = ""
		default:
			out[i] = indent + l
		}
	}
	return out
}

func (r *textRenderer) block(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Heading:
		return []string{r.inline(n)}
	case *ast.Paragraph, *ast.TextBlock:
		s := r.inline(n)
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return strings.Split(s, "\n")
	case *ast.Blockquote:
		return r.blockquote(n)
	case *ast.List:
		var out []string
		i := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = fmt.Sprintf("%d. ", i)
				i++
			}
			lines := r.children(item, n.IsTight)
			if len(lines) == 0 {
				lines = []string{""}
			}
			if len(out) > 0 && !n.IsTight {
				out = append(out, "")
			}
			out = append(out, prefix(lines, marker, strings.Repeat(" ", utf8.RuneCountInString(marker)))...)
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var out []string
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			out = append(out, "    "+strings.TrimRight(string(seg.Value(r.src)), "\r\n"))
		}
		return out
	case *ast.ThematicBreak, *ast.HTMLBlock:
		return nil
	case *east.Table:
		return r.table(n)
	}
	return r.children(n, false)
}

// blockquote renders an alert as "Important: ..." and any other quote
// indented by two spaces.
func (r *textRenderer) blockquote(n *ast.Blockquote) []string {
	lines := r.children(n, false)
	if len(lines) == 0 {
		return nil
	}
	if m := alertRe.FindStringSubmatch(lines[0]); m != nil {
		label := strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + ": "
		rest := strings.TrimSpace(lines[0][len(m[0]):])
		lines = lines[1:]
		if rest == "" {
			// The marker stood on its own line; skip a blank separator.
			for len(lines) > 0 && lines[0] == "" {
				lines = lines[1:]
			}
			if len(lines) == 0 {
				return []string{strings.TrimSpace(label)}
			}
			rest, lines = lines[0], lines[1:]
		}
		return prefix(append([]string{rest}, lines...), label, "  ")
	}
	return prefix(lines, "  ", "  ")
}

// table renders each body row as "Header: cell; Header: cell".
func (r *textRenderer) table(n *east.Table) []string {
	var header []string
	var out []string
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(r.inline(c)))
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
			continue
		}
		parts := make([]string, len(cells))
		for i, c := range cells {
			if i < len(header) && header[i] != "" {
				parts[i] = header[i] + ": " + c
			} else {
				parts[i] = c
			}
		}
		out = append(out, "- "+strings.Join(parts, "; "))
	}
	return out
}

// inline returns the text of n's inline children.
func (r *textRenderer) inline(n ast.Node) string {
	var b strings.Builder
	r.inlineTo(&b, n, false)
	return strings.TrimRight(b.String(), " \n")
}

func (r *textRenderer) inlineTo(b *strings.Builder, n ast.Node, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(r.src)
			if !code && !c.IsRaw() {
				v = util.UnescapePunctuations(v)
				v = []byte(html.UnescapeString(string(v)))
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteString("\n")
			case c.SoftLineBreak():
				b.WriteString(" ")
			}
		case *ast.String:
			v := c.Value
			if !code && !c.IsCode() && !c.IsRaw() {
				v = []byte(html.UnescapeString(string(v)))
			}
			b.Write(v)
		case *ast.CodeSpan:
			r.inlineTo(b, c, true)
		case *ast.Link:
			var lb strings.Builder
			r.inlineTo(&lb, c, code)
			label := lb.String()
			b.WriteString(label)
			if dest := string(c.Destination); isExternal(dest) && dest != label {
				b.WriteString(" (" + dest + ")")
			}
		case *ast.AutoLink:
			b.Write(c.URL(r.src))
		case *ast.Image:
			var lb strings.Builder
			r.inlineTo(&lb, c, code)
			if alt := strings.TrimSpace(lb.String()); alt != "" {
				b.WriteString("(Image: " + alt + ")")
			}
		case *ast.RawHTML:
			// Inline HTML is markup, not text.
		case *east.TaskCheckBox:
			if c.IsChecked {
				b.WriteString("[done] ")
			} else {
				b.WriteString("[ ] ")
			}
		default:
			r.inlineTo(b, c, code)
		}
	}
}

func isExternal(dest string) bool {
	return strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "https://") || strings.HasPrefix(dest, "mailto:")
}
