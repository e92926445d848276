package loader

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"frontline/internal/content"
)

// Item-writing checks for scenario decisions. A decision marks one action as
// recommended and never tells the learner which; these checks warn when a
// learner could find it without reading the case, from the surface of the
// options alone. docs/authoring.md ("Item-writing checks") states the same
// thresholds and says how to fix each warning.
const (
	// scenarioKeyLengthRatio is how much longer than every other action the
	// recommended one may be before it stands out by length: a warning when
	// it is more than 15% longer than the longest other action.
	scenarioKeyLengthRatio = 1.15
	// scenarioKeyLongestShare is the largest share of a scenario's decisions in
	// which the recommended action may be the strictly longest one.
	scenarioKeyLongestShare = 0.5
	// scenarioKeyPositionShare is the largest share of a scenario's decisions in
	// which the recommended action may sit in the same position.
	scenarioKeyPositionShare = 0.7
	// scenarioMinDecisions is the fewest decisions a scenario needs before
	// the two shares above are checked; with fewer, a share says little.
	scenarioMinDecisions = 4
)

// ScenarioSafePracticeCues are the words and phrases of safe practice that a
// test-wise learner looks for in a recommended action ("see her alone",
// "an independent interpreter", "with his consent"). A word ending in "*"
// matches any word that starts with it; the others match whole words only.
// The list comes from an expert review of the bundled scenarios (43 of 65
// recommended actions used such words, against 11 of 90 other actions) and
// from a count of the words that appeared far more often in recommended
// actions than in the others.
var ScenarioSafePracticeCues = []string{
	"alone", "apart", "separately", "privat*", "privacy", "one to one",
	"independent*", "interpret*", "professional*",
	"consent*", "voluntar*",
	"safe", "safely", "safety", "safeguard*", "protect*", "support*",
	"honest*", "explain*", "apologis*", "apologiz*", "believe*",
	"victim*", "helpline*", "refer", "referral*", "referred", "referring", "nrm",
	"as a child", "child protection", "social worker*", "social care",
}

// scenarioCueMatchers holds ScenarioSafePracticeCues normalised for matching.
var scenarioCueMatchers = func() []scenarioCueMatcher {
	out := make([]scenarioCueMatcher, 0, len(ScenarioSafePracticeCues))
	for _, c := range ScenarioSafePracticeCues {
		stem := strings.HasSuffix(c, "*")
		out = append(out, scenarioCueMatcher{cue: strings.TrimSuffix(c, "*"), stem: stem, words: normaliseWords(strings.TrimSuffix(c, "*"))})
	}
	return out
}()

type scenarioCueMatcher struct {
	cue   string
	stem  bool
	words string // the cue as normalised words, without padding
}

// normaliseWords lower-cases s and turns every run of characters that are
// not letters or digits into one space, so "one-to-one" reads as
// "one to one" and punctuation never hides a word.
func normaliseWords(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// ScenarioCueWords returns the words of text that match the safe-practice
// cues, as written in text (lower case), in the order of the cue list, each
// once.
func ScenarioCueWords(text string) []string {
	padded := " " + normaliseWords(text) + " "
	var out []string
	for _, m := range scenarioCueMatchers {
		needle := " " + m.words
		if !m.stem {
			needle += " "
		}
		i := strings.Index(padded, needle)
		if i < 0 {
			continue
		}
		// Report the word as written, so "privately" reads as such and
		// not as the stem it matched.
		end := i + len(needle)
		if m.stem {
			end += strings.IndexByte(padded[end:], ' ')
		}
		w := strings.TrimSpace(padded[i:end])
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// runeLen counts characters, not bytes, so accented text is measured fairly.
func runeLen(s string) int { return len([]rune(s)) }

// decisionCue describes how a decision's recommended action stands out.
type decisionCue struct {
	line         int
	longest      bool     // strictly longer than every other action
	tooLong      bool     // longer than scenarioKeyLengthRatio times every other action
	keyLen       int      // characters in the recommended action
	otherLen     int      // characters in the longest other action
	position     int      // 1-based position of the recommended action
	options      int      // number of actions
	cuesAloneKey []string // cue words only the recommended action uses, when no other action uses any
}

// inspectDecision measures one decision; ok is false when it has no single
// recommended action or fewer than two actions (other checks report those).
func inspectDecision(d *content.Decision) (decisionCue, bool) {
	key := d.Recommended()
	marked := 0
	for _, o := range d.Options {
		if o.Correct {
			marked++
		}
	}
	if key < 0 || len(d.Options) < 2 || marked != 1 {
		return decisionCue{}, false
	}
	c := decisionCue{line: d.Line, position: key + 1, options: len(d.Options), keyLen: runeLen(d.Options[key].Text)}
	othersCue := false
	for i, o := range d.Options {
		if i == key {
			continue
		}
		if n := runeLen(o.Text); n > c.otherLen {
			c.otherLen = n
		}
		if len(ScenarioCueWords(o.Text)) > 0 {
			othersCue = true
		}
	}
	c.longest = c.keyLen > c.otherLen
	c.tooLong = float64(c.keyLen) > scenarioKeyLengthRatio*float64(c.otherLen)
	if !othersCue {
		c.cuesAloneKey = ScenarioCueWords(d.Options[key].Text)
	}
	return c, true
}

// checkScenarioItems reports, as warnings, decisions whose recommended
// action can be found from its length, its position or its vocabulary. It
// runs only on a scenario that otherwise loads, so that a broken file is not
// buried in advice about style.
func checkScenarioItems(f *file, sc *content.Scenario) {
	if f.hasErrors() {
		return
	}
	var cues []decisionCue
	for i := range sc.Scenes {
		d := sc.Scenes[i].Decision
		if d == nil {
			continue
		}
		c, ok := inspectDecision(d)
		if !ok {
			continue
		}
		cues = append(cues, c)
		if c.tooLong {
			f.warnf(c.line, 1, "the recommended action is the longest by far (%s; the longest other action has %d, and the limit is %d%% more): a learner can pick it by length; give the other actions the same detail, or say the recommended one more briefly",
				counted(c.keyLen, "character"), c.otherLen, percentOver(scenarioKeyLengthRatio))
		}
		if len(c.cuesAloneKey) > 0 {
			f.warnf(c.line, 1, "only the recommended action uses safe-practice words (%s): a learner can find it by vocabulary alone; let a plausible wrong action use the same kind of words, or describe the recommended one plainly",
				quoteList(c.cuesAloneKey))
		}
	}
	if len(cues) < scenarioMinDecisions {
		return
	}
	var longest []int
	byPos := map[int][]int{}
	for _, c := range cues {
		if c.longest {
			longest = append(longest, c.line)
		}
		byPos[c.position] = append(byPos[c.position], c.line)
	}
	if share := float64(len(longest)) / float64(len(cues)); share > scenarioKeyLongestShare {
		f.warnf(longest[0], 1, "the recommended action is the longest in %d of %d decisions (more than %d%%; lines %s): a learner can find the path by picking the longest; make some wrong actions the longest",
			len(longest), len(cues), percent(scenarioKeyLongestShare), joinLines(longest))
	}
	for pos := 1; pos <= maxOptions(cues); pos++ {
		lines := byPos[pos]
		if share := float64(len(lines)) / float64(len(cues)); share > scenarioKeyPositionShare {
			f.warnf(lines[0], 1, "the recommended action is option %d in %d of %d decisions (more than %d%%; lines %s): a learner can find the path by position; move it in some decisions",
				pos, len(lines), len(cues), percent(scenarioKeyPositionShare), joinLines(lines))
		}
	}
}

func maxOptions(cues []decisionCue) int {
	n := 0
	for _, c := range cues {
		n = max(n, c.options)
	}
	return n
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}

func joinLines(lines []int) string {
	s := make([]string, len(lines))
	for i, l := range lines {
		s[i] = fmt.Sprint(l)
	}
	return strings.Join(s, ", ")
}

// percent turns a share into a whole percentage for messages.
func percent(share float64) int { return int(share*100 + 0.5) }

// percentOver turns a ratio such as 1.15 into the percentage it allows
// above 1 (15).
func percentOver(ratio float64) int { return percent(ratio) - 100 }
