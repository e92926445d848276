package engine

import (
	"sort"

	"frontline/internal/content"
)

// levelRank orders levels from first contact to specialist.
func levelRank(l content.Level) int {
	switch l {
	case content.LevelIntro:
		return 0
	case content.LevelCore:
		return 1
	case content.LevelAdvanced:
		return 2
	}
	return 3
}

// Suggest orders modules for "what next": first unfinished modules whose
// requires are all done, then unfinished modules still waiting on another,
// then finished ones. Within each group, modules written for role come
// before the others, then by level (intro, core, advanced), then by title.
// An empty role favours no one. The input slice is not changed.
func Suggest(mods []*content.Module, done map[string]bool, role content.Role) []*content.Module {
	group := func(m *content.Module) int {
		if done[m.ID] {
			return 2
		}
		for _, r := range m.Requires {
			if !done[r] {
				return 1
			}
		}
		return 0
	}
	forRole := func(m *content.Module) int {
		if role == "" || m.ForRole(role) {
			return 0
		}
		return 1
	}
	out := append([]*content.Module(nil), mods...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if ra, rb := forRole(a), forRole(b); ra != rb {
			return ra < rb
		}
		if la, lb := levelRank(a.Level), levelRank(b.Level); la != lb {
			return la < lb
		}
		return a.Title < b.Title
	})
	return out
}
