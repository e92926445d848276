package quiz

import (
	"strings"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// MaxReview is the most questions one review session asks; what is left
// stays due for the next session.
const MaxReview = 20

// ReviewParts turns the learner's due review items into quiz parts. Due
// questions come first, grouped by module in the order they fell due. A due
// indicator is folded into a question that tags it (a due question already
// in the session, else the first such question in the library), so
// answering it moves the indicator on the schedule too. Indicators that no
// question tags are returned as also; items whose module or question no
// longer exists are dropped.
func ReviewParts(lib *content.Library, due []progress.ReviewItem) (parts []Part, also []string) {
	idx := map[string]int{} // module id -> index into parts
	have := map[string]bool{}
	count := 0
	add := func(mod *content.Module, qid string) {
		k := mod.ID + "/" + qid
		if have[k] || count >= MaxReview {
			return
		}
		have[k] = true
		count++
		i, ok := idx[mod.ID]
		if !ok {
			i = len(parts)
			idx[mod.ID] = i
			parts = append(parts, Part{Module: mod, Questions: []string{}})
		}
		parts[i].Questions = append(parts[i].Questions, qid)
	}
	covered := map[string]bool{}
	for _, it := range due {
		if it.Kind != progress.ReviewQuestion {
			continue
		}
		modID, qid, ok := strings.Cut(it.Key, "/")
		if !ok {
			continue
		}
		mod, ok := lib.Module(modID)
		if !ok {
			continue
		}
		q, ok := mod.Question(qid)
		if !ok {
			continue
		}
		add(mod, qid)
		for _, in := range q.Indicators {
			covered[in] = true
		}
	}
	for _, it := range due {
		if it.Kind != progress.ReviewIndicator || covered[it.Key] {
			continue
		}
		mod, qid := questionFor(lib, it.Key)
		if mod == nil {
			also = append(also, it.Key)
			continue
		}
		add(mod, qid)
		covered[it.Key] = true
	}
	return parts, also
}

// questionFor finds the first question in the library that tags indicator.
func questionFor(lib *content.Library, indicator string) (*content.Module, string) {
	for _, mod := range lib.Modules {
		for _, q := range mod.Questions {
			for _, in := range q.Indicators {
				if in == indicator {
					return mod, q.ID
				}
			}
		}
	}
	return nil, ""
}
