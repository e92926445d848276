package common

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.yaml.in/yaml/v3"

	"frontline/internal/textsafe"
	"frontline/internal/textsafe/hostile"
)

// hostileDocs returns every payload of the security review as Markdown, in
// every kind of block the renderer draws, whatever the loader would say:
// the renderer must hold on its own. YAML payloads are decoded first, as
// a title that bypassed the loader would be.
func hostileDocs(t testing.TB) map[string]string {
	docs := map[string]string{}
	for _, p := range hostile.Payloads {
		text := p.Text
		if p.YAML {
			if err := yaml.Unmarshal([]byte(`"`+text+`"`), &text); err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
		}
		docs[p.Name+" as a page"] = "# Page\n\n" + text + "\n"
		if p.Large {
			continue
		}
		line := strings.ReplaceAll(text, "\n", " ")
		docs[p.Name+" in a heading"] = "# " + line + "\n\nBody.\n"
		docs[p.Name+" in a list"] = "- one\n- " + line + "\n  - nested " + line + "\n"
		docs[p.Name+" in a quote"] = "> [!WARNING]\n> " + line + "\n"
		docs[p.Name+" in a table"] = "| a | b |\n|---|---|\n| " + strings.ReplaceAll(line, "|", "\\|") + " | x |\n"
		docs[p.Name+" in a link"] = "See [" + line + "](https://example.org/" + line + ") now.\n"
		docs[p.Name+" in code"] = "Use `" + line + "` here.\n\n```\n" + text + "\n```\n"
		docs[p.Name+" in emphasis"] = "*" + line + "* and **" + line + "**\n"
	}
	return docs
}

// TestRenderHostilePayloads renders every payload of the review in every
// block, in every theme: every line holds only text and SGR sequences, and
// each render ends within its budget.
func TestRenderHostilePayloads(t *testing.T) {
	themes := map[string]Theme{"dark": {Dark: true}, "light": {}, "no colour": {Dark: true, NoColor: true}}
	docs := hostileDocs(t)
	for tname, th := range themes {
		st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), th)
		c := NewRenderCache(st.Glamour, th.Profile(termenv.ANSI256))
		for name, md := range docs {
			start := time.Now()
			lines, err := c.Render(RenderKey{Doc: name, Width: 78}, md)
			if d := time.Since(start); d > DefaultRenderTime+time.Second {
				t.Errorf("%s, %s: %v", tname, name, d)
			}
			if err != nil {
				if !errors.Is(err, ErrOverBudget) {
					t.Errorf("%s, %s: %v", tname, name, err)
				}
				continue
			}
			if len(lines) == 0 {
				t.Errorf("%s, %s: nothing shown", tname, name)
			}
			for _, l := range lines {
				if ok, off := textsafe.OnlySGR(l); !ok {
					t.Errorf("%s, %s: byte %d of %q is not text or SGR", tname, name, off, l)
					break
				}
			}
		}
	}
	t.Logf("%d documents in %d themes", len(docs), len(themes))
}
