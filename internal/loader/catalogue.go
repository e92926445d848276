package loader

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"frontline/internal/content"
)

// parseCatalogue reads categories (##) and indicators (### id: Name).
func (m *markdown) parseCatalogue(cat *content.Catalogue) {
	var category *content.Category
	var cur *content.Indicator
	var expl []string
	flush := func() {
		if cur != nil {
			cur.Explanation = strings.Join(expl, "\n\n")
			if cur.Explanation == "" {
				m.f.warnf(cur.Line, 1, "indicator %q has no explanation; add a paragraph under it", cur.ID)
			}
			if cur.Source == "" {
				m.f.warnf(cur.Line, 1, "indicator %q has no 'Source:' line", cur.ID)
			}
		}
		cur, expl = nil, nil
	}
	for n := m.doc.FirstChild(); n != nil; n = n.NextSibling() {
		l, c := m.lineCol(n)
		h, isHeading := n.(*ast.Heading)
		switch {
		case isHeading && h.Level == 1:
			flush()
		case isHeading && h.Level == 2:
			flush()
			cat.Categories = append(cat.Categories, content.Category{Name: m.title(h)})
			category = &cat.Categories[len(cat.Categories)-1]
		case isHeading && h.Level == 3:
			flush()
			if category == nil {
				m.f.errorf(l, c, "indicator before any category; add a '## Category' heading above it")
				continue
			}
			id, name, ok := strings.Cut(m.title(h), ":")
			id, name = strings.TrimSpace(id), strings.TrimSpace(name)
			if ok && id != "" && !strings.ContainsAny(id, " \t") && !validItemID(id) {
				m.f.errorf(l, c, "indicator id %q %s", id, itemIDRule)
				continue
			}
			if !ok || id == "" || name == "" || strings.ContainsAny(id, " \t") {
				m.f.errorf(l, c, "indicator heading must be '### indicator-id: Name', got %q", m.title(h))
				continue
			}
			if prev, dup := cat.Indicators[id]; dup {
				m.f.errorf(l, c, "indicator id %q is used twice (also at line %d)", id, prev.Line)
				continue
			}
			cur = &content.Indicator{ID: id, Name: name, Category: category.Name, Line: l}
			cat.Indicators[id] = cur
			category.Indicators = append(category.Indicators, id)
		case cur != nil && n.Kind() == ast.KindParagraph:
			var rest []string
			for _, line := range strings.Split(m.paragraphLines(n), "\n") {
				key, val, _ := strings.Cut(line, ":")
				switch strings.ToLower(strings.TrimSpace(key)) {
				case "strength":
					s := content.Strength(strings.ToLower(strings.TrimSpace(val)))
					switch s {
					case content.StrengthStrong, content.StrengthMedium, content.StrengthWeak:
						cur.Strength = s
					default:
						m.f.errorf(l, c, "strength %q of %q: use strong, medium or weak, or leave the line out", strings.TrimSpace(val), cur.ID)
					}
				case "source":
					cur.Source = strings.TrimSpace(val)
				default:
					rest = append(rest, line)
				}
			}
			if len(rest) > 0 {
				expl = append(expl, strings.Join(rest, " "))
			}
		case cur != nil:
			if t := m.blockText(n); t != "" {
				expl = append(expl, t)
			}
		case category == nil:
			// Introductory text about the catalogue, up to the first category.
			if t := m.blockText(n); t != "" {
				cat.Intro = strings.TrimSpace(cat.Intro + "\n\n" + t)
			}
		}
	}
	flush()
	if len(cat.Indicators) == 0 {
		m.f.errorf(1, 1, "the catalogue has no indicators; add '### indicator-id: Name' headings under '## Category' headings")
	}
}

// paragraphLines returns a paragraph's text line by line, inline markup
// resolved.
func (m *markdown) paragraphLines(p ast.Node) string {
	var b strings.Builder
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		m.writeOne(&b, c, "\n")
	}
	s := strings.TrimSpace(b.String())
	m.checkDecoded(p, s)
	return s
}
