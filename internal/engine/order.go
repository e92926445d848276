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

// Curriculum is the order modules are listed and numbered in, the same
// for every learner whatever their role or progress, so that "module 3"
// means one module to a whole room: by level (intro, core, advanced),
// then after the modules they require, then by title. The input slice is
// not changed. Suggest, not this order, says what to do next.
func Curriculum(mods []*content.Module) []*content.Module {
	byID := map[string]*content.Module{}
	for _, m := range mods {
		byID[m.ID] = m
	}
	// depth is the longest chain of requires below a module (cycles,
	// reported by the loader, are cut).
	depth := map[string]int{}
	var walk func(m *content.Module, seen map[string]bool) int
	walk = func(m *content.Module, seen map[string]bool) int {
		if d, ok := depth[m.ID]; ok {
			return d
		}
		if seen[m.ID] {
			return 0
		}
		seen[m.ID] = true
		d := 0
		for _, r := range m.Requires {
			if rm, ok := byID[r]; ok {
				d = max(d, walk(rm, seen)+1)
			}
		}
		delete(seen, m.ID)
		depth[m.ID] = d
		return d
	}
	// Walked in id order, so a cycle is cut in the same place whatever
	// order the modules came in.
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		walk(byID[id], map[string]bool{})
	}
	out := append([]*content.Module(nil), mods...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if la, lb := levelRank(a.Level), levelRank(b.Level); la != lb {
			return la < lb
		}
		if da, db := depth[a.ID], depth[b.ID]; da != db {
			return da < db
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	return out
}

// CurriculumScenarios is the order case studies are listed and numbered
// in, the same for every learner: by level, then by title.
func CurriculumScenarios(scs []*content.Scenario) []*content.Scenario {
	out := append([]*content.Scenario(nil), scs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if la, lb := levelRank(a.Level), levelRank(b.Level); la != lb {
			return la < lb
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	return out
}
