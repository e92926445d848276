package loader

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"frontline/internal/content"
)

// parseGlossary reads a glossary of terms (front matter 'kind: glossary'):
// each term is a '### Term {#id}' heading (with jurisdiction=CODE for a
// term of one place's law or procedure), then an optional 'Also:' line
// (other names it is found by, separated by commas), a 'Source:' line and
// the definition. Text before the first term is the introduction. See
// docs/authoring.md.
func (m *markdown) parseGlossary(g *content.Glossary) {
	var cur *content.Term
	var def []string
	ids := map[string]int{}
	flush := func() {
		if cur != nil {
			cur.Definition = strings.Join(def, "\n\n")
			if cur.Definition == "" {
				m.f.errorf(cur.Line, 1, "term %q has no definition; add a paragraph under it", cur.Name)
			}
			if cur.Source == "" {
				m.f.warnf(cur.Line, 1, "term %q has no 'Source:' line", cur.Name)
			}
			g.Terms = append(g.Terms, *cur)
		}
		cur, def = nil, nil
	}
	for n := m.doc.FirstChild(); n != nil; n = n.NextSibling() {
		l, c := m.lineCol(n)
		h, isHeading := n.(*ast.Heading)
		switch {
		case isHeading && h.Level < 3:
			flush()
		case isHeading && h.Level == 3:
			flush()
			name := strings.TrimSpace(m.title(h))
			if name == "" {
				m.f.errorf(l, c, "term heading has no text")
				continue
			}
			id := headingID(h)
			if id == "" {
				id = slug(name)
			}
			if prev, dup := ids[id]; dup {
				m.f.errorf(l, c, "term id %q is used twice (also at line %d); give one of them its own {#id}", id, prev)
				continue
			}
			ids[id] = l
			cur = &content.Term{ID: id, Name: name, Line: l, Jurisdiction: m.questionAttrs(h)}
		case cur != nil && n.Kind() == ast.KindParagraph:
			var rest []string
			for _, line := range strings.Split(m.paragraphLines(n), "\n") {
				key, val, _ := strings.Cut(line, ":")
				switch strings.ToLower(strings.TrimSpace(key)) {
				case "also":
					for _, a := range strings.Split(val, ",") {
						if a = strings.TrimSpace(a); a != "" {
							cur.Also = append(cur.Also, a)
						}
					}
				case "source":
					cur.Source = strings.TrimSpace(val)
				default:
					rest = append(rest, line)
				}
			}
			if len(rest) > 0 {
				def = append(def, strings.Join(rest, " "))
			}
		case cur != nil:
			if t := m.blockText(n); t != "" {
				def = append(def, t)
			}
		default:
			if t := m.blockText(n); t != "" {
				g.Intro = strings.TrimSpace(g.Intro + "\n\n" + t)
			}
		}
	}
	flush()
	if len(g.Terms) == 0 {
		m.f.errorf(1, 1, "the glossary has no terms; add '### Term' headings, each with a definition")
	}
}
