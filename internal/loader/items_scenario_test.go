package loader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"frontline/internal/content"
)

func TestScenarioCueWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Arrange a private talk", []string{"private"}},
		{"Talk to her privately, with an independent interpreter", []string{"privately", "independent", "interpreter"}},
		{"See him one-to-one, alone", []string{"alone", "one to one"}},
		{"Ask Comfort to interpret", []string{"interpret"}},
		{"Treat Joy as a child and call child-protection staff", []string{"protection", "as a child", "child protection"}},
		{"Tell the Social Worker today", []string{"social worker"}},
		{"Refer him to the NRM, with his consent", []string{"consent", "refer", "nrm"}},
		{"Ask the safeguarding lead to keep him safe", []string{"safe", "safeguarding"}},
		// Whole words only, unless the cue is a stem.
		{"Visit the apartment; a safer route; referee", nil},
		{"Ring the uncle back and tell him to stop calling", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ScenarioCueWords(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("ScenarioCueWords(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestInspectDecision(t *testing.T) {
	opt := func(text string, key bool) content.Option {
		return content.Option{Text: text, Correct: key, Target: "x"}
	}
	tests := []struct {
		name      string
		opts      []content.Option
		ok        bool
		longest   bool
		tooLong   bool
		position  int
		aloneCues []string
	}{
		{"balanced", []content.Option{opt("Ask the older woman to interpret", false), opt("Arrange a private talk with her", true)}, true, false, false, 2, nil},
		{"key far longest", []content.Option{opt("Leave", false), opt("Stay and talk it through with her", true)}, true, true, true, 2, nil},
		// 20 against 18 characters is longest, but within 15%.
		{"key slightly longest", []content.Option{opt("aaaaaaaaaaaaaaaaaa", false), opt("bbbbbbbbbbbbbbbbbbbb", true)}, true, true, false, 2, nil},
		// 21 against 18 is more than 15% longer.
		{"key just too long", []content.Option{opt("aaaaaaaaaaaaaaaaaa", false), opt("bbbbbbbbbbbbbbbbbbbbb", true)}, true, true, true, 2, nil},
		{"cue only in key", []content.Option{opt("Arrange a private talk with her", true), opt("Ask the older woman to translate", false)}, true, false, false, 1, []string{"private"}},
		{"cue in a wrong action too", []content.Option{opt("Arrange a private talk", true), opt("Ask the safeguarding lead to refer anyway", false)}, true, false, false, 1, nil},
		{"accents counted as characters", []content.Option{opt("Écoutez-la", true), opt("Ecoutez-la", false)}, true, false, false, 1, nil},
		{"no key", []content.Option{opt("One", false), opt("Two", false)}, false, false, false, 0, nil},
		{"two keys", []content.Option{opt("One", true), opt("Two", true)}, false, false, false, 0, nil},
		{"single action", []content.Option{opt("One", true)}, false, false, false, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := inspectDecision(&content.Decision{Options: tt.opts, Line: 7})
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if c.longest != tt.longest || c.tooLong != tt.tooLong || c.position != tt.position || !slices.Equal(c.cuesAloneKey, tt.aloneCues) || c.line != 7 {
				t.Errorf("got %+v", c)
			}
		})
	}
}

// scenarioWith builds a scenario file whose decisions have the given actions;
// each decision is a list of option texts, the one starting with "*" being
// the recommended action. It returns the file and the line of each decision.
func scenarioWith(decisions ...[]string) (string, []int) {
	var b strings.Builder
	b.WriteString("---\nid: items\ntitle: Items\nroles: [police]\n---\n# Items\n\nBriefing.\n")
	line := 9 // the line after the briefing
	w := func(s string) {
		b.WriteString(s + "\n")
		line += strings.Count(s, "\n") + 1
	}
	var lines []int
	for i, d := range decisions {
		w(fmt.Sprintf("\n## Scene %d {#s%d}\n\nText.\n", i, i))
		lines = append(lines, line)
		w(fmt.Sprintf("### What do you do? {#d%d}\n", i))
		for _, o := range d {
			box := " "
			if strings.HasPrefix(o, "*") {
				box, o = "x", o[1:]
			}
			w(fmt.Sprintf("- [%s] [%s](#s%d)\n  - Consequence.", box, o, i+1))
		}
	}
	w(fmt.Sprintf("\n## The end {#s%d}\n\nDebrief.", len(decisions)))
	return b.String(), lines
}

func TestScenarioItemWarnings(t *testing.T) {
	type want struct {
		decision int // index of the decision the warning is on
		msg      string
	}
	tests := []struct {
		name      string
		decisions [][]string
		want      []want
	}{
		{"clean", [][]string{
			{"*Arrange a private talk with her", "Ask the older woman to interpret"},
			{"Leave the group as it is tonight", "*Come back tomorrow morning"},
		}, nil},
		{"far longest", [][]string{
			{"Leave", "*Stay and talk it through with her"},
			{"*Go back", "Stay here"},
		}, []want{{0, "the recommended action is the longest by far (33 characters; the longest other action has 5, and the limit is 15% more)"}}},
		{"vocabulary alone", [][]string{
			{"Ring the uncle and warn him off", "*Tell the social worker today"},
			{"*Go back", "Stay here"},
		}, []want{{0, `only the recommended action uses safe-practice words ("social worker")`}}},
		// Each key is longest by one character, within 15%.
		{"longest too often", [][]string{
			{"aaaaaaaaa", "*bbbbbbbbbb"},
			{"*bbbbbbbbbb", "aaaaaaaaa"},
			{"aaaaaaaaa", "*bbbbbbbbbb"},
			{"*bbbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbb", "aaaaaaaaa"},
		}, []want{{0, "the recommended action is the longest in 4 of 5 decisions (more than 50%; lines"}}},
		{"same position too often", [][]string{
			{"*bbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbbbbbb", "aaaaaaaaa"},
			{"aaaaaaaaa", "*bbbbbbbbb"},
		}, []want{{0, "the recommended action is option 1 in 4 of 5 decisions (more than 70%; lines"}}},
		{"shares need enough decisions", [][]string{
			{"*bbbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbbbbbbb", "aaaaaaaaa"},
			{"*bbbbbbbbbb", "aaaaaaaaa"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, lines := scenarioWith(tt.decisions...)
			_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "scenarios/items.md": text})
			if len(problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d: %v", len(problems), len(tt.want), problems)
			}
			for i, w := range tt.want {
				p := problems[i]
				if p.Severity != Warning || p.File != "scenarios/items.md" || p.Line != lines[w.decision] || !strings.Contains(p.Message, w.msg) {
					t.Errorf("got %s, want a warning at line %d containing %q", p, lines[w.decision], w.msg)
				}
				if !strings.Contains(p.Text, "### What do you do?") {
					t.Errorf("problem shows line %q, want the decision's heading", p.Text)
				}
			}
		})
	}
}

func TestScenarioItemChecksSkipBrokenFiles(t *testing.T) {
	text, _ := scenarioWith([]string{"Leave", "*Stay and talk it through with her"}, []string{"*Go back", "Stay here"})
	text = strings.Replace(text, "(#s1)", "(#nowhere)", 1)
	_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "scenarios/items.md": text})
	errs, warns := Count(problems)
	if errs == 0 || warns != 0 {
		t.Errorf("want the link error and no item warnings, got %v", problems)
	}
}
