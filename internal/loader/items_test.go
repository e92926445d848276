package loader

import (
	"strings"
	"testing"

	"frontline/internal/content"
)

// sc builds a single-choice question whose options are texts; the right
// one is at index key.
func sc(line, key int, stem string, texts ...string) content.Question {
	q := content.Question{Text: stem, Kind: content.SingleChoice, Line: line}
	for i, t := range texts {
		q.Options = append(q.Options, content.Option{Text: t, Correct: i == key})
	}
	return q
}

// tf builds a true/false question keyed answer.
func tf(line int, answer bool) content.Question {
	return content.Question{Text: "Statement", Kind: content.TrueFalse, Line: line, Options: []content.Option{
		{Text: "True", Correct: answer}, {Text: "False", Correct: !answer}}}
}

// sa builds a select-all question from a pattern such as "x.x..": x right,
// . wrong.
func sa(line int, pattern string) content.Question {
	q := content.Question{Text: "Which apply?", Kind: content.MultipleChoice, Line: line}
	for i, c := range pattern {
		q.Options = append(q.Options, content.Option{Text: strings.Repeat("w", i+3), Correct: c == 'x'})
	}
	return q
}

func itemWarnings(qs ...content.Question) []string {
	f := newFile(Source{Name: "test"}, "modules/m.md", []byte("x\n"))
	checkItems(f, qs)
	var out []string
	for _, p := range f.problems {
		if p.Severity != Warning {
			panic("item checks must only warn")
		}
		out = append(out, p.String())
	}
	return out
}

func TestItemChecks(t *testing.T) {
	long := func(line, key int) content.Question {
		texts := []string{"short one", "short two", "short six"}
		texts[key] = "a much longer right option here"
		return sc(line, key, "Pick one", texts...)
	}
	even := func(line, key int) content.Question {
		return sc(line, key, "Pick one", "alpha beta", "gamma delt", "epsil zeta")
	}
	tests := []struct {
		name string
		qs   []content.Question
		want []string // substrings, one per expected warning, in order
	}{
		{"balanced module", []content.Question{
			even(10, 0), even(20, 1), even(30, 2), even(40, 0),
			tf(50, true), tf(60, false), tf(70, true), tf(80, false),
			sa(90, "x.x.."), sa(100, ".x.x."), sa(110, "..xx."),
		}, nil},
		{"longest key too often", []content.Question{long(10, 0), long(20, 1), long(30, 2), even(40, 0), even(50, 1)},
			[]string{"m.md:10:1: warning: in 3 of 5 single-choice questions (60%) the right option is the longest (lines 10, 20 and 30)"}},
		{"longest key within the limit", []content.Question{long(10, 0), long(20, 1), even(30, 2), even(40, 0), even(50, 1)}, nil},
		{"too few single-choice questions to judge", []content.Question{long(10, 0), long(20, 1)}, nil},
		{"shortest key too often", []content.Question{
			sc(10, 0, "Q", "no", "much longer", "much longer too"),
			sc(20, 1, "Q", "much longer", "no", "much longer too"),
			sc(30, 2, "Q", "much longer", "much longer too", "no"),
		}, []string{"the right option is the shortest"}},
		{"key echoes the question", []content.Question{
			sc(10, 0, "Her passport is held by the farm boss", "Passport held by the boss", "Long days", "No days off at all in the month"),
			sc(20, 1, "The worker sleeps in the kitchen", "Long days", "Sleeps in the kitchen", "No days off at all in the month"),
			sc(30, 2, "He owes a debt that keeps growing", "Long days", "No days off at all in the month", "Debt keeps growing"),
		}, []string{"the one sharing the most words with the question"}},
		{"key in one position too often", []content.Question{even(10, 1), even(20, 1), even(30, 1), even(40, 0)},
			[]string{"the right option is option 2 in 3 of 4 single-choice questions (lines 10, 20 and 30)"}},
		{"key last too often across option counts", []content.Question{
			sc(10, 2, "Q", "aaaa", "bbbb", "cccc"), sc(20, 3, "Q", "aaaa", "bbbb", "cccc", "dddd"),
			sc(30, 2, "Q", "aaaa", "bbbb", "cccc"), sc(40, 0, "Q", "aaaa", "bbbb", "cccc")},
			[]string{"the right option is the last one in 3 of 4"}},
		{"mostly false statements", []content.Question{tf(10, false), tf(20, false), tf(30, false), tf(40, true), tf(50, false)},
			[]string{"m.md:10:1: warning: 4 of 5 true/false statements are false (lines 10, 20, 30 and 50); between 2 and 3 should be true"}},
		{"mostly true statements", []content.Question{tf(10, true), tf(20, true), tf(30, true), tf(40, false), tf(50, true)},
			[]string{"4 of 5 true/false statements are true"}},
		{"two statements, both false", []content.Question{tf(10, false), tf(20, false)},
			[]string{"2 of 2 true/false statements are false (lines 10 and 20); 1 should be true"}},
		{"one statement is never judged", []content.Question{tf(10, false)}, nil},
		{"right options all first", []content.Question{sa(10, "xx...")},
			[]string{"m.md:10:1: warning: both right options of this select-all question come before every wrong one"}},
		{"every option right is not an order problem", []content.Question{sa(10, "xxx")}, nil},
		{"too many right options", []content.Question{sa(10, "x.xx"), sa(20, ".xxx"), sa(30, "x.x")},
			[]string{"m.md:10:1: warning: 8 of the 11 options of this module's select-all questions are right (73%, lines 10, 20 and 30); at most 50%"}},
		{"half right is allowed", []content.Question{sa(10, "x.x."), sa(20, ".x.x"), sa(30, "x..x")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := itemWarnings(tt.qs...)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d = %q\nwant it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestItemChecksRunOnLoad(t *testing.T) {
	mod := strings.Replace(goodModule, "### Consent makes exploitation legal. {#consent}", `### Statement one. {#one}

- [ ] True
- [x] False

> Why.

### Statement two. {#two}

- [ ] True
- [x] False

> Why.

### Consent makes exploitation legal. {#consent}`, 1)
	_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": mod})
	if !hasProblem(problems, "modules/basics.md", "3 of 3 true/false statements are false") {
		t.Errorf("no true/false balance warning in %v", problems)
	}
}

func TestContentWords(t *testing.T) {
	got := strings.Join(contentWords("The workers' passports are held by THE boss, and it's 2024."), " ")
	if got != "worker passport held boss 2024" {
		t.Errorf("contentWords = %q", got)
	}
}
