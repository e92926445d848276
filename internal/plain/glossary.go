package plain

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/content"
)

// strengthText names an indicator's strength.
func strengthText(st content.Strength) string {
	if st == content.StrengthUnrated {
		return "not rated"
	}
	return string(st)
}

// indicatorCard prints an indicator's full glossary entry.
func (s *Session) indicatorCard(in *content.Indicator) {
	s.blank()
	s.say("%s", ToText(in.Name))
	s.say("%s", sentence("category: "+in.Category, "strength: "+strengthText(in.Strength)))
	if in.Source != "" {
		s.say("Source: %s", ToText(in.Source))
	}
	if ex := ToText(in.Explanation); ex != "" {
		s.say("%s", ex)
	}
}

// Glossary browses the glossary: the terms of the course (the NRM, the
// duty to notify, section 45 and so on), then the indicator catalogue by
// category, then an entry's definition or explanation with its source; or
// a search by word through both. q goes back one level.
func (s *Session) Glossary() error {
	var cat *content.Catalogue
	var gloss *content.Glossary
	if s.Lib != nil {
		cat, gloss = s.Lib.Catalogue, s.Lib.Glossary
	}
	if cat == nil {
		cat = &content.Catalogue{}
	}
	if len(cat.Indicators) == 0 && (gloss == nil || len(gloss.Terms) == 0) {
		s.say("The glossary is empty: no terms or indicator catalogue are loaded.")
		return nil
	}
	for {
		s.blank()
		if gloss != nil && len(gloss.Terms) > 0 {
			s.say("Glossary: %s, and %s in %s.", activity.Count(len(gloss.Terms), "term"), activity.Count(len(cat.Indicators), "indicator"), activity.CountAs(len(cat.Categories), "category", "categories"))
		} else {
			s.say("Glossary: %s in %s.", activity.Count(len(cat.Indicators), "indicator"), activity.CountAs(len(cat.Categories), "category", "categories"))
		}
		var items []menuItem
		if gloss != nil && len(gloss.Terms) > 0 {
			items = append(items, menuItem{label: "Terms used in the course (" + activity.Count(len(gloss.Terms), "term") + ")", run: func() error {
				return s.termList("Terms used in the course", gloss.Terms)
			}})
		}
		if intro := ToText(cat.Intro); intro != "" {
			items = append(items, menuItem{label: "How to read indicators", run: func() error {
				s.blank()
				s.say("%s", intro)
				return nil
			}})
		}
		for _, c := range cat.Categories {
			items = append(items, menuItem{label: c.Name + " (" + activity.Count(len(c.Indicators), "indicator") + ")", run: func() error {
				return s.indicatorList(c.Name, c.Indicators)
			}})
		}
		items = append(items,
			menuItem{label: "Search by word", run: func() error {
				word, err := s.ask("Search for (a word or two; Enter to go back):")
				if err != nil || word == "" || isQuit(word) {
					return err
				}
				return s.searchGlossary(word)
			}},
			menuItem{label: "Back", run: func() error { return errLeave }},
		)
		s.say("%s:", activity.Count(len(items), "choice"))
		shown := s.showMenu(items)
		for {
			k, text, err := s.choose(fmt.Sprintf("Choose a number from 1 to %d, or type a word to search, or q to go back:", len(shown)), len(shown))
			switch {
			case errors.Is(err, ErrQuit):
				return nil
			case err != nil:
				return err
			case k == 0 && isRepeat(text):
			case k == 0 && text == "":
				s.menuHint("", len(shown), "go back", ", a word to search")
				continue
			case k == 0:
				err = s.searchGlossary(text)
			default:
				err = shown[k-1].run()
			}
			if errors.Is(err, errLeave) {
				return nil
			}
			if err := s.after(err); err != nil {
				return err
			}
			break
		}
	}
}

// searchGlossary lists the terms whose name, other names or definition,
// and the indicators whose name, id, category or explanation, contain
// every word typed, ignoring case.
func (s *Session) searchGlossary(query string) error {
	words := strings.Fields(strings.ToLower(query))
	has := func(hay string) bool {
		hay = strings.ToLower(hay)
		for _, w := range words {
			if !strings.Contains(hay, w) {
				return false
			}
		}
		return true
	}
	var terms []content.Term
	if g := s.Lib.Glossary; g != nil {
		for _, t := range g.Terms {
			if has(strings.Join([]string{t.Name, strings.Join(t.Also, " "), ToText(t.Definition)}, " ")) {
				terms = append(terms, t)
			}
		}
	}
	var ids []string
	if cat := s.Lib.Catalogue; cat != nil {
		for _, id := range catalogueOrder(cat) {
			if in, ok := cat.Lookup(id); ok && has(strings.Join([]string{in.ID, ToText(in.Name), in.Category, ToText(in.Explanation)}, " ")) {
				ids = append(ids, id)
			}
		}
	}
	what := "\"" + strings.Join(words, " ") + "\""
	switch {
	case len(terms) == 0 && len(ids) == 0:
		s.say("Nothing in the glossary mentions %q.", query)
		return nil
	case len(terms) > 0 && len(ids) > 0:
		s.say("Found %s and %s; the terms first, then q for the indicators.", activity.Count(len(terms), "term"), activity.Count(len(ids), "indicator"))
	}
	if len(terms) > 0 {
		if err := s.termList("Terms that mention "+what, terms); err != nil || len(ids) == 0 {
			return err
		}
	}
	return s.indicatorList("Indicators that mention "+what, ids)
}

// termList lists terms and shows the one the learner picks.
func (s *Session) termList(title string, terms []content.Term) error {
	show := func() {
		s.blank()
		s.say("%s. %s:", title, activity.Count(len(terms), "term"))
		for i, t := range terms {
			s.say("  %d. %s", i+1, ToText(t.Name))
		}
	}
	return s.readFromList(len(terms), show, func(k int) {
		t := terms[k]
		s.blank()
		s.say("%s", ToText(t.Name))
		if len(t.Also) > 0 {
			s.say("Also called: %s.", strings.Join(t.Also, ", "))
		}
		s.say("%s", ToText(t.Definition))
		if t.Source != "" {
			s.say("Source: %s", ToText(t.Source))
		}
	})
}

// readFromList shows a list of n entries (show), then reads the one the
// learner picks by number (open, 0-based) until they go back; r repeats
// the list.
func (s *Session) readFromList(n int, show func(), open func(int)) error {
	show()
	for {
		k, text, err := s.choose(fmt.Sprintf("Type a number from 1 to %d to read what it means, r to repeat the list, or q to go back:", n), n)
		switch {
		case errors.Is(err, ErrQuit):
			return nil
		case err != nil:
			return err
		case k == 0 && isRepeat(text):
			show()
		case k == 0:
			s.hint(text, n, "list", "go back", "")
		default:
			open(k - 1)
		}
	}
}

// indicatorList lists indicators with strength and source and shows the
// one the learner picks.
func (s *Session) indicatorList(title string, ids []string) error {
	var list []*content.Indicator
	for _, id := range ids {
		if in, ok := s.Lib.Catalogue.Lookup(id); ok {
			list = append(list, in)
		}
	}
	show := func() {
		s.blank()
		s.say("%s. %s:", title, activity.Count(len(list), "indicator"))
		for i, in := range list {
			line := ToText(in.Name) + ". Strength: " + strengthText(in.Strength) + "."
			if in.Source != "" {
				line += " Source: " + ToText(in.Source)
			}
			s.say("  %d. %s", i+1, line)
		}
	}
	return s.readFromList(len(list), show, func(k int) { s.indicatorCard(list[k]) })
}

// catalogueOrder lists every indicator id: category by category, then any
// the categories do not list, sorted.
func catalogueOrder(cat *content.Catalogue) []string {
	seen := map[string]bool{}
	var ids []string
	for _, c := range cat.Categories {
		for _, id := range c.Indicators {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	var rest []string
	for id := range cat.Indicators {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(ids, rest...)
}
