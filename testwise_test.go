package frontline_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/loader"
)

// The test-wise learner has not read the module. They sit its exam as the
// app runs it (the real draw, option shuffle, pass mark and attempt limit)
// and answer from surface cues only. No such strategy may pass any bundled
// module within its allowed attempts more often than maxTestWisePass.
const (
	maxTestWisePass = 0.05
	// testWiseSittings is how many learners each strategy sends to each
	// module's exam; each sitting uses every attempt it is allowed.
	testWiseSittings = 2000
)

// strategy answers one question as shown (options in shown order) and
// returns the chosen option indexes in module order.
type strategy struct {
	name   string
	answer func(q *content.Question, shown []int, r *rand.Rand) []int
}

func testWiseStrategies() []strategy {
	return []strategy{
		{"longest option", func(q *content.Question, shown []int, r *rand.Rand) []int {
			return byLength(q, shown, r, +1)
		}},
		{"shortest option", func(q *content.Question, shown []int, r *rand.Rand) []int {
			return byLength(q, shown, r, -1)
		}},
		{"always true", func(q *content.Question, shown []int, r *rand.Rand) []int {
			if q.Kind == content.TrueFalse {
				return []int{optionNamed(q, "true")}
			}
			return guess(q, shown, r)
		}},
		{"always false", func(q *content.Question, shown []int, r *rand.Rand) []int {
			if q.Kind == content.TrueFalse {
				return []int{optionNamed(q, "false")}
			}
			return guess(q, shown, r)
		}},
		{"tick all", func(q *content.Question, shown []int, r *rand.Rand) []int {
			if q.Kind == content.MultipleChoice {
				return append([]int(nil), shown...)
			}
			return guess(q, shown, r)
		}},
		{"tick none", func(q *content.Question, shown []int, r *rand.Rand) []int {
			if q.Kind == content.MultipleChoice {
				return nil
			}
			return guess(q, shown, r)
		}},
		{"most words shared with the question", func(q *content.Question, shown []int, r *rand.Rand) []int {
			return byOverlap(q, shown, r)
		}},
		{"longest, always false and tick all together", func(q *content.Question, shown []int, r *rand.Rand) []int {
			switch q.Kind {
			case content.TrueFalse:
				return []int{optionNamed(q, "false")}
			case content.MultipleChoice:
				return append([]int(nil), shown...)
			}
			return byLength(q, shown, r, +1)
		}},
	}
}

// guess answers blindly: one option at random; for select-all each option
// ticked with an even chance; for an ordering question, the steps left in
// the (shuffled) order shown.
func guess(q *content.Question, shown []int, r *rand.Rand) []int {
	switch q.Kind {
	case content.Ordering:
		return append([]int(nil), shown...)
	case content.SingleChoice, content.TrueFalse:
		return []int{shown[r.IntN(len(shown))]}
	}
	var out []int
	for _, i := range shown {
		if r.IntN(2) == 0 {
			out = append(out, i)
		}
	}
	return out
}

func optionNamed(q *content.Question, name string) int {
	for i, o := range q.Options {
		if strings.EqualFold(o.Text, name) {
			return i
		}
	}
	return 0
}

func letters(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			n++
		}
	}
	return n
}

// byLength picks the longest (sign +1) or shortest (sign -1) option, a tie
// broken at random; for select-all it ticks every option at least as long
// (or at most as long) as the average. True/false is a blind guess.
func byLength(q *content.Question, shown []int, r *rand.Rand, sign int) []int {
	score := func(i int) float64 { return float64(sign * letters(q.Options[i].Text)) }
	return byScore(q, shown, r, score)
}

// byOverlap picks the option sharing the most content words with the
// question and its vignette; for select-all it ticks every option sharing
// at least the average. True/false is a blind guess.
func byOverlap(q *content.Question, shown []int, r *rand.Rand) []int {
	stem := map[string]bool{}
	for _, w := range words(q.Text + " " + q.Body) {
		stem[w] = true
	}
	score := func(i int) float64 {
		n, seen := 0, map[string]bool{}
		for _, w := range words(q.Options[i].Text) {
			if stem[w] && !seen[w] {
				seen[w] = true
				n++
			}
		}
		return float64(n)
	}
	return byScore(q, shown, r, score)
}

func byScore(q *content.Question, shown []int, r *rand.Rand, score func(int) float64) []int {
	switch q.Kind {
	case content.TrueFalse:
		return guess(q, shown, r)
	case content.Ordering:
		// The cue decides the order: highest score first.
		out := append([]int(nil), shown...)
		sort.SliceStable(out, func(a, b int) bool { return score(out[a]) > score(out[b]) })
		return out
	case content.MultipleChoice:
		mean := 0.0
		for _, i := range shown {
			mean += score(i)
		}
		mean /= float64(len(shown))
		var out []int
		for _, i := range shown {
			if score(i) >= mean {
				out = append(out, i)
			}
		}
		return out
	}
	best, ties := math.Inf(-1), []int(nil)
	for _, i := range shown {
		switch s := score(i); {
		case s > best:
			best, ties = s, []int{i}
		case s == best:
			ties = append(ties, i)
		}
	}
	return []int{ties[r.IntN(len(ties))]}
}

var testWiseStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("the and for are but not you all any can had her was one our out has him his how its may new now own who why did get let put say she too use than that this with from they them then there their these those what when where which while will would could should been being into onto over under about after again also because before both each few more most other some such only very just once here does doing done were have having your yours") {
		m[w] = true
	}
	return m
}()

func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		if len([]rune(w)) >= 3 && !testWiseStop[w] {
			out = append(out, strings.TrimSuffix(w, "s"))
		}
	}
	return out
}

// sitExam plays one learner's sitting: up to the allowed attempts, each a
// fresh draw. It reports whether any attempt passed.
func sitExam(m *content.Module, cat *content.Catalogue, set content.ExamSettings, s strategy, r *rand.Rand) bool {
	attempts := set.Attempts
	if attempts <= 0 {
		attempts = 10 // unlimited: judge the first ten attempts
	}
	for range attempts {
		ids, order := engine.Draw(m, set.Questions, r.Int64())
		answers := map[string][]int{}
		for i, id := range ids {
			q, _ := m.Question(id)
			answers[id] = s.answer(q, order[i], r)
		}
		if engine.ScoreExam(m, cat, ids, answers, set.PassMark).Passed {
			return true
		}
	}
	return false
}

// TestTestWiseLearnerFails sends every surface strategy to every bundled
// module's exam and checks that none passes within the allowed attempts
// more often than 5%. The figures are logged per module; run with -v to see
// them (docs/item-quality.md records the worst per strategy).
func TestTestWiseLearnerFails(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		if p.Severity == loader.Error {
			t.Fatalf("bundled content: %s", p)
		}
	}
	sittings := testWiseSittings
	if testing.Short() {
		sittings = 300
	}
	type worst struct {
		module string
		p      float64
	}
	worstOf := map[string]worst{}
	for _, m := range lib.Modules {
		if len(m.Questions) == 0 {
			continue
		}
		set := m.Exam.WithDefaults(len(m.Questions))
		var line []string
		for si, s := range testWiseStrategies() {
			r := rand.New(rand.NewPCG(uint64(si)+1, uint64(len(m.ID))*7919+uint64(m.ID[0])))
			passed := 0
			for range sittings {
				if sitExam(m, lib.Catalogue, set, s, r) {
					passed++
				}
			}
			p := float64(passed) / float64(sittings)
			line = append(line, fmt.Sprintf("%s %.1f%%", s.name, 100*p))
			if w, ok := worstOf[s.name]; !ok || p > w.p {
				worstOf[s.name] = worst{m.ID, p}
			}
			if p > maxTestWisePass {
				t.Errorf("%s: the %q learner passes within %d attempts in %d of %d sittings (%.1f%%); at most %.0f%% may (draw %d of %d, pass mark %d%%)",
					m.ID, s.name, set.Attempts, passed, sittings, 100*p, 100*maxTestWisePass, set.Questions, len(engine.Eligible(m)), set.PassMark)
			}
		}
		t.Logf("%s (%d of %d questions, pass %d%%, %d attempts): %s", m.ID, set.Questions, len(engine.Eligible(m)), set.PassMark, set.Attempts, strings.Join(line, "; "))
	}
	names := make([]string, 0, len(worstOf))
	for n := range worstOf {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w := worstOf[n]
		t.Logf("worst for %q: %s, %.1f%% of %d sittings", n, w.module, 100*w.p, sittings)
	}
}
