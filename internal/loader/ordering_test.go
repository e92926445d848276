package loader

import (
	"strings"
	"testing"

	"frontline/internal/content"
)

const orderingQuestion = `
### Put the first steps after a disclosure in order {#steps}

Indicators: others-speak-for-them

1. Make sure the person is safe now
   - Safety comes before anything else.
2. Listen without pressing for detail
3. Explain what happens next and who you must tell
4. Record what was said, in their words

> Safety first; then listening; then honesty about what you must do; then a record.
`

func TestOrderingQuestion(t *testing.T) {
	lib, problems := load(t, map[string]string{
		"modules/indicators.md": catalogue,
		"modules/basics.md":     goodModule + orderingQuestion,
	})
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
	m, ok := lib.Module("basics")
	if !ok {
		t.Fatal("module did not load")
	}
	q, ok := m.Question("steps")
	if !ok {
		t.Fatal("ordering question missing")
	}
	if q.Kind != content.Ordering || len(q.Options) != 4 {
		t.Fatalf("kind %v with %d items", q.Kind, len(q.Options))
	}
	if q.Options[0].Text != "Make sure the person is safe now" || q.Options[0].Feedback != "Safety comes before anything else." {
		t.Errorf("first item %+v", q.Options[0])
	}
	if !strings.HasPrefix(q.Explanation, "Safety first") {
		t.Errorf("explanation %q", q.Explanation)
	}
	// A numbered list in the vignette before task-list options is part of
	// the vignette, not an ordering question.
	vignette := "\n### What stands out? {#vig}\n\n1. She arrived at night\n2. He holds her passport\n\n- [x] The passport\n- [ ] The time\n  - Not on its own.\n\n> The passport.\n"
	lib, problems = load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": goodModule + vignette})
	m, _ = lib.Module("basics")
	if q, ok := m.Question("vig"); !ok || q.Kind != content.SingleChoice || !strings.Contains(q.Body, "She arrived at night") {
		t.Errorf("vignette list: %+v %v", q, problems)
	}
}

func TestOrderingProblems(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"two items", "modules/basics.md", goodModule + "\n### Order {#o}\n\n1. One\n2. Two\n\n> Why.\n", "has 2 items; give 3 to 8 steps"},
		{"nine items", "modules/basics.md", goodModule + "\n### Order {#o}\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n\n> Why.\n", "has 9 items; at most 8"},
		{"repeated item", "modules/basics.md", goodModule + "\n### Order {#o}\n\n1. Listen\n2. Record\n3. listen\n\n> Why.\n", `repeats the item "listen"`},
		{"in a scene", "scenarios/landing.md", strings.Replace(goodScenario, "## Private talk {#private}\n\nShe talks.\n", "## Private talk {#private}\n\nShe talks.\n\n### Order the steps {#o}\n\n1. a\n2. b\n3. c\n", 1), "in a scene"},
		{"no explanation warns", "modules/basics.md", goodModule + "\n### Order {#o}\n\n1. One\n2. Two\n3. Three\n", "no explanation"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": goodModule, "scenarios/landing.md": goodScenario}
			files[tc.file] = tc.text
			_, problems := load(t, files)
			found := false
			for _, p := range problems {
				if strings.Contains(p.Message, tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem containing %q in %v", tc.want, problems)
			}
		})
	}
}
