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

// Glossary browses the indicator catalogue: categories, then the
// indicators of one (with strength and source), then an indicator's
// explanation; or a search by word. q goes back one level.
func (s *Session) Glossary() error {
	var cat *content.Catalogue
	if s.Lib != nil {
		cat = s.Lib.Catalogue
	}
	if cat == nil || len(cat.Indicators) == 0 {
		s.say("The glossary is empty: no indicator catalogue is loaded.")
		return nil
	}
	for {
		s.blank()
		s.say("Glossary: %s in %s.", activity.Count(len(cat.Indicators), "indicator"), activity.CountAs(len(cat.Categories), "category", "categories"))
		var items []menuItem
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

// searchGlossary lists the indicators whose name, id, category or
// explanation contain every word typed, ignoring case.
func (s *Session) searchGlossary(query string) error {
	cat := s.Lib.Catalogue
	words := strings.Fields(strings.ToLower(query))
	var ids []string
	for _, id := range catalogueOrder(cat) {
		in, ok := cat.Lookup(id)
		if !ok {
			continue
		}
		hay := strings.ToLower(strings.Join([]string{in.ID, ToText(in.Name), in.Category, ToText(in.Explanation)}, " "))
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		s.say("No indicator mentions %q.", query)
		return nil
	}
	return s.indicatorList("Indicators that mention \""+strings.Join(words, " ")+"\"", ids)
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
	show()
	for {
		k, text, err := s.choose(fmt.Sprintf("Type a number from 1 to %d to read what it means, r to repeat the list, or q to go back:", len(list)), len(list))
		switch {
		case errors.Is(err, ErrQuit):
			return nil
		case err != nil:
			return err
		case k == 0 && isRepeat(text):
			show()
		case k == 0:
			s.hint(text, len(list), "list", "go back", "")
		default:
			s.indicatorCard(list[k-1])
		}
	}
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
