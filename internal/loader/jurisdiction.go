package loader

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"frontline/internal/content"
)

// Jurisdictions. A module or scenario whose front matter names a
// jurisdiction teaches that place's law and procedure; a module like that
// is a jurisdiction module. A question heading may carry one too:
// "### Question {#id jurisdiction=gb-eng}". The jurisdiction of the last
// content folder that brings a jurisdiction module becomes the library's;
// modules and scenarios for other places are then left out (with a notice),
// and every module's exam is told the place, so engine.Draw skips questions
// tagged for another.

// questionAttrs reads the attributes of a question heading other than its
// id: the jurisdiction, checked, and a warning for any attribute frontline
// does not know.
func (m *markdown) questionAttrs(h *ast.Heading) (jurisdiction string) {
	l, c := m.lineCol(h)
	for _, a := range h.Attributes() {
		name := string(a.Name)
		switch name {
		case "id":
		case "jurisdiction":
			v, ok := a.Value.([]byte)
			jurisdiction = string(v)
			if !ok || !content.ValidJurisdiction(jurisdiction) {
				m.f.errorf(l, c, "jurisdiction %s is not a jurisdiction code; write a two-letter country code, optionally with a subdivision, such as jurisdiction=it or jurisdiction=gb-eng", attrText(a.Value))
				jurisdiction = ""
			}
		default:
			m.f.warnf(l, c, "unknown heading attribute %q is ignored; a question heading takes {#id} and, for a question that depends on one place's law, jurisdiction=CODE", name)
		}
	}
	return jurisdiction
}

func attrText(v any) string {
	if b, ok := v.([]byte); ok {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("%v", v)
}

// checkJurisdiction checks a front matter jurisdiction and returns it.
func (f *file) checkJurisdiction(fm *frontMatter) string {
	j := strings.TrimSpace(fm.Jurisdiction)
	if j != "" && !content.ValidJurisdiction(j) {
		f.errorf(fm.line("jurisdiction"), 1, "jurisdiction %q is not a jurisdiction code; write a two-letter country code, optionally with a subdivision, such as 'it', 'us' or 'gb-eng'", fm.Jurisdiction)
		return ""
	}
	return j
}

// declareJurisdiction records the jurisdiction of a jurisdiction module
// from src. A content folder serves one place: a country and, at most, one
// of its subdivisions. Sources load in order, so the last folder that
// declares a place decides the library's.
func (st *loadState) declareJurisdiction(src Source, f *file, fm *frontMatter, j string) {
	if j == "" {
		return
	}
	prev := st.declared[src.Name]
	switch {
	case content.AppliesIn(prev, j):
		// the first, the same, or a subdivision of the place declared so far
		st.declared[src.Name], st.declaredBy[src.Name] = j, f.path
	case content.AppliesIn(j, prev):
		// a country's module next to one for its subdivision: the folder
		// serves the subdivision
	default:
		f.errorf(fm.line("jurisdiction"), 1, "this folder already serves jurisdiction %q (%s); a content folder serves one place: put %q in a folder of its own", prev, st.declaredBy[src.Name], j)
		return
	}
	st.lib.Jurisdiction = st.declared[src.Name]
	st.jurisdictionSrc = src
}

// applyJurisdiction leaves out the modules, scenarios and glossary terms
// written for another place than the library's, drops requirements on modules left out,
// gives untagged questions of jurisdiction modules their module's
// jurisdiction, and tells every module's exam the library's jurisdiction.
func (st *loadState) applyJurisdiction() {
	place := st.lib.Jurisdiction
	for _, m := range st.lib.Modules {
		for i := range m.Questions {
			if m.Questions[i].Jurisdiction == "" {
				m.Questions[i].Jurisdiction = m.Jurisdiction
			}
		}
	}
	if place == "" {
		return
	}
	var gone []string
	hidden := map[string]bool{}
	kept := st.lib.Modules[:0]
	for _, m := range st.lib.Modules {
		if content.AppliesIn(m.Jurisdiction, place) {
			kept = append(kept, m)
			continue
		}
		hidden[m.ID] = true
		gone = append(gone, fmt.Sprintf("module %q (%s)", m.ID, content.JurisdictionName(m.Jurisdiction)))
	}
	st.lib.Modules = kept
	scens := st.lib.Scenarios[:0]
	for _, s := range st.lib.Scenarios {
		if content.AppliesIn(s.Jurisdiction, place) {
			scens = append(scens, s)
			continue
		}
		gone = append(gone, fmt.Sprintf("scenario %q (%s)", s.ID, content.JurisdictionName(s.Jurisdiction)))
	}
	st.lib.Scenarios = scens
	if g := st.lib.Glossary; g != nil {
		terms := make([]content.Term, 0, len(g.Terms))
		for _, t := range g.Terms {
			if content.AppliesIn(t.Jurisdiction, place) {
				terms = append(terms, t)
			}
		}
		g.Terms = terms
	}
	for _, m := range st.lib.Modules {
		m.Exam.Jurisdiction = place
		m.Requires = withoutHidden(m.Requires, hidden)
	}
	for _, s := range st.lib.Scenarios {
		s.Requires = withoutHidden(s.Requires, hidden)
	}
	if len(gone) > 0 {
		sort.Strings(gone)
		st.notice(st.jurisdictionSrc, "this content is for %s (%s): %s left out as written for another place, and exams draw no question tagged for another place",
			content.JurisdictionName(place), place, strings.Join(gone, ", "))
	}
}

func withoutHidden(ids []string, hidden map[string]bool) []string {
	if len(hidden) == 0 {
		return ids
	}
	var out []string
	for _, id := range ids {
		if !hidden[id] {
			out = append(out, id)
		}
	}
	return out
}
