package loader

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"frontline/internal/content"
)

// Item-writing checks for a module's quiz. They look for the surface cues a
// learner can use to answer without knowing the material: the right option
// being the longest (or the shortest) one, sharing the most words with the
// question, standing in the same place, true/false statements that are
// nearly always false, and select-all questions where ticking everything, or
// ticking the first options, pays. They are warnings: the content loads, but
// the quiz tests less than it seems to. docs/authoring.md gives each
// threshold and how to fix each warning.
const (
	// itemMinGroup is the fewest questions of one kind a module needs
	// before the shares below are checked: with fewer, a share says nothing.
	itemMinGroup = 3
	// itemMaxCueShare is the largest share of single-choice questions whose
	// right option is strictly the longest, strictly the shortest, or alone
	// in sharing the most words with the question.
	itemMaxCueShare = 0.40
	// itemMinTrueShare and itemMaxTrueShare bound the share of true/false
	// statements that are true (rounded to whole statements).
	itemMinTrueShare = 0.35
	itemMaxTrueShare = 0.65
	// itemMaxPositionShare is the largest share of single-choice keys that
	// may stand in one position (first, second, ... or last).
	itemMaxPositionShare = 0.5
	// itemMaxRightShare is the largest share of select-all options, over
	// the module, that may be right.
	itemMaxRightShare = 0.5
)

// checkItems reports the item-writing problems of a module's questions.
func checkItems(f *file, qs []content.Question) {
	var single, tf, multi []*content.Question
	for i := range qs {
		q := &qs[i]
		switch q.Kind {
		case content.SingleChoice:
			if len(q.Options) >= 2 {
				single = append(single, q)
			}
		case content.TrueFalse:
			tf = append(tf, q)
		case content.MultipleChoice:
			multi = append(multi, q)
		}
	}
	checkSingleCues(f, single)
	checkKeyPositions(f, single)
	checkTrueFalse(f, tf)
	checkSelectAll(f, multi)
}

// lines lists the questions' lines for a message: "lines 12, 40 and 77".
func lines(qs []*content.Question) string {
	var parts []string
	for _, q := range qs {
		parts = append(parts, fmt.Sprint(q.Line))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return "line " + parts[0]
	}
	return "lines " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// maxAllowed is the most items out of n a share may cover.
func maxAllowed(share float64, n int) int {
	return int(math.Floor(share*float64(n) + 1e-9))
}

func checkSingleCues(f *file, single []*content.Question) {
	if len(single) < itemMinGroup {
		return
	}
	var longest, shortest, echo []*content.Question
	for _, q := range single {
		key := q.Correct()[0]
		if keyIsUniqueExtreme(q, key, +1) {
			longest = append(longest, q)
		}
		if keyIsUniqueExtreme(q, key, -1) {
			shortest = append(shortest, q)
		}
		if uniqueBest(stemOverlap(q), key) {
			echo = append(echo, q)
		}
	}
	allowed := maxAllowed(itemMaxCueShare, len(single))
	report := func(hit []*content.Question, what, fix string) {
		if len(hit) <= allowed {
			return
		}
		f.warnf(hit[0].Line, 1, "in %d of %d single-choice questions (%.0f%%) the right option is %s (%s); at most %.0f%% may be, or a learner can pick it without reading: %s",
			len(hit), len(single), 100*float64(len(hit))/float64(len(single)), what, lines(hit), 100*itemMaxCueShare, fix)
	}
	report(longest, "the longest", "shorten those right options or give the wrong ones the same detail")
	report(shortest, "the shortest", "give those right options the detail the wrong ones have")
	report(echo, "the one sharing the most words with the question", "reword those right options, or let a wrong option echo the question")
}

// keyIsUniqueExtreme reports whether option key of q is strictly the longest
// (sign +1) or strictly the shortest (sign -1) option, counting letters and
// digits only.
func keyIsUniqueExtreme(q *content.Question, key, sign int) bool {
	kl := optionLength(q.Options[key].Text)
	for i, o := range q.Options {
		if i == key {
			continue
		}
		if d := optionLength(o.Text) - kl; d*sign >= 0 {
			return false
		}
	}
	return true
}

// optionLength is the number of letters and digits in s, so punctuation
// and spacing do not decide which option is longer.
func optionLength(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// uniqueBest reports whether counts[key] is strictly larger than every
// other count and above zero.
func uniqueBest(counts []int, key int) bool {
	if counts[key] == 0 {
		return false
	}
	for i, c := range counts {
		if i != key && c >= counts[key] {
			return false
		}
	}
	return true
}

// stemOverlap returns, for each option of q, how many distinct content
// words it shares with the question's heading and vignette.
func stemOverlap(q *content.Question) []int {
	stem := map[string]bool{}
	for _, w := range contentWords(q.Text + " " + q.Body) {
		stem[w] = true
	}
	out := make([]int, len(q.Options))
	for i, o := range q.Options {
		seen := map[string]bool{}
		for _, w := range contentWords(o.Text) {
			if stem[w] && !seen[w] {
				seen[w] = true
				out[i]++
			}
		}
	}
	return out
}

// contentWords splits s into lower-case words, leaving out common function
// words and words shorter than three letters, with a plural "s" removed.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(w)) < 3 || stopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out = append(out, w)
	}
	return out
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has him his how its may new now own who why did get let put say she too use than that this with from they them then there their these those what when where which while will would could should been being into onto over under about after again also because before both each few more most other some such only very just once here does doing done were have having your yours ours what whom himself herself itself themselves same nor off until upon via per yet`) {
		m[w] = true
	}
	return m
}()

func checkKeyPositions(f *file, single []*content.Question) {
	var counted []*content.Question
	for _, q := range single {
		if len(q.Options) >= 3 {
			counted = append(counted, q)
		}
	}
	if len(counted) < 4 {
		return
	}
	allowed := maxAllowed(itemMaxPositionShare, len(counted))
	byPos := map[int][]*content.Question{}
	var last []*content.Question
	for _, q := range counted {
		k := q.Correct()[0]
		byPos[k] = append(byPos[k], q)
		if k == len(q.Options)-1 {
			last = append(last, q)
		}
	}
	positions := make([]int, 0, len(byPos))
	for p := range byPos {
		positions = append(positions, p)
	}
	sort.Ints(positions)
	for _, p := range positions {
		if hit := byPos[p]; len(hit) > allowed {
			f.warnf(hit[0].Line, 1, "the right option is option %d in %d of %d single-choice questions (%s); at most half may share a position, or a learner can guess by place: move some right options elsewhere",
				p+1, len(hit), len(counted), lines(hit))
		}
	}
	if len(last) > allowed {
		f.warnf(last[0].Line, 1, "the right option is the last one in %d of %d single-choice questions (%s); at most half may be: move some right options elsewhere",
			len(last), len(counted), lines(last))
	}
}

func checkTrueFalse(f *file, tf []*content.Question) {
	if len(tf) < 2 {
		return
	}
	var trues, falses []*content.Question
	for _, q := range tf {
		if k := q.Correct(); len(k) == 1 && strings.EqualFold(q.Options[k[0]].Text, "true") {
			trues = append(trues, q)
		} else {
			falses = append(falses, q)
		}
	}
	n := len(tf)
	lo := int(math.Round(itemMinTrueShare * float64(n)))
	hi := int(math.Round(itemMaxTrueShare * float64(n)))
	want := fmt.Sprintf("between %d and %d should be true", lo, hi)
	if lo == hi {
		want = fmt.Sprintf("%d should be true", lo)
	}
	switch t := len(trues); {
	case t < lo:
		f.warnf(falses[0].Line, 1, "%d of %d true/false statements are false (%s); %s, or answering \"False\" every time pays: rewrite some as true statements",
			len(falses), n, lines(falses), want)
	case t > hi:
		f.warnf(trues[0].Line, 1, "%d of %d true/false statements are true (%s); %s, or answering \"True\" every time pays: rewrite some as false statements",
			t, n, lines(trues), want)
	}
}

func checkSelectAll(f *file, multi []*content.Question) {
	right, total := 0, 0
	for _, q := range multi {
		r := q.Correct()
		right += len(r)
		total += len(q.Options)
		if len(r) < len(q.Options) && r[len(r)-1] == len(r)-1 {
			all := fmt.Sprintf("all %d right options", len(r))
			if len(r) == 2 {
				all = "both right options"
			}
			f.warnf(q.Line, 1, "%s of this select-all question come before every wrong one; mix them, or a learner learns that the last options are the wrong ones", all)
		}
	}
	if len(multi) < itemMinGroup || total == 0 {
		return
	}
	if share := float64(right) / float64(total); share > itemMaxRightShare+1e-9 {
		f.warnf(multi[0].Line, 1, "%d of the %d options of this module's select-all questions are right (%.0f%%, %s); at most %.0f%% may be, or ticking everything earns credit: add plausible wrong options or turn some right ones into single-choice questions",
			right, total, 100*share, lines(multi), 100*itemMaxRightShare)
	}
}
