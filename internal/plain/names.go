package plain

import (
	"fmt"
	"sort"
	"strings"

	"frontline/internal/content"
)

// ModuleIDs lists the ids of the library's modules, in library order.
func ModuleIDs(lib *content.Library) []string {
	if lib == nil {
		return nil
	}
	out := make([]string, len(lib.Modules))
	for i, m := range lib.Modules {
		out[i] = m.ID
	}
	return out
}

// ScenarioIDs lists the ids of the library's scenarios, in library order.
func ScenarioIDs(lib *content.Library) []string {
	if lib == nil {
		return nil
	}
	out := make([]string, len(lib.Scenarios))
	for i, s := range lib.Scenarios {
		out[i] = s.ID
	}
	return out
}

// NearMatches returns the candidates that look like query, closest first
// (at most five): those that contain it or are contained in it, ignoring
// case, and those within a few typing mistakes of it.
func NearMatches(query string, candidates []string) []string {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	type near struct {
		id   string
		dist int
	}
	var found []near
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(q, lc)
		limit := max(2, len([]rune(q))/3)
		switch {
		case lc == q:
			d = 0
		case strings.Contains(lc, q) || strings.Contains(q, lc):
			d = min(d, 1)
		case d > limit:
			continue
		}
		found = append(found, near{c, d})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].dist < found[j].dist })
	var out []string
	for i, f := range found {
		if i == 5 {
			break
		}
		out = append(out, f.id)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// UnknownError is the error for an id that names no module or scenario
// (kind says which): it offers the near matches, or else every id there is.
func UnknownError(kind, id string, ids []string) error {
	if near := NearMatches(id, ids); len(near) > 0 {
		return fmt.Errorf("no %s with id %q; did you mean %s?", kind, id, orList(near))
	}
	if len(ids) == 0 {
		return fmt.Errorf("no %s with id %q; no %ss are loaded", kind, id, kind)
	}
	shown := ids
	more := ""
	if len(shown) > 20 {
		shown, more = shown[:20], fmt.Sprintf(" and %d more", len(ids)-20)
	}
	return fmt.Errorf("no %s with id %q; the %ss are: %s%s", kind, id, kind, strings.Join(shown, ", "), more)
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
