package common

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
)

// Choice is the state of an option list: which option the cursor is on and
// which are chosen.
type Choice struct {
	Cursor int
	Chosen []bool
	Multi  bool
}

// NewChoice returns an empty choice over n options.
func NewChoice(n int, multi bool) Choice { return Choice{Chosen: make([]bool, n), Multi: multi} }

// Set replaces the chosen options.
func (c *Choice) Set(idx []int) {
	for i := range c.Chosen {
		c.Chosen[i] = false
	}
	for _, i := range idx {
		if i >= 0 && i < len(c.Chosen) {
			c.Chosen[i] = true
		}
	}
}

// Indexes returns the chosen option indexes in order.
func (c *Choice) Indexes() []int {
	var out []int
	for i, on := range c.Chosen {
		if on {
			out = append(out, i)
		}
	}
	return out
}

// Toggle chooses option i (or unchooses it in a multi choice).
func (c *Choice) Toggle(i int) {
	if i < 0 || i >= len(c.Chosen) {
		return
	}
	c.Cursor = i
	if c.Multi {
		c.Chosen[i] = !c.Chosen[i]
		return
	}
	for j := range c.Chosen {
		c.Chosen[j] = j == i
	}
}

// HandleKey applies a movement or choice key; it reports whether the key
// was used.
func (c *Choice) HandleKey(k KeyMap, msg tea.KeyMsg) bool {
	s := msg.String()
	switch {
	case matches(msg, k.Up):
		c.Cursor = max(c.Cursor-1, 0)
	case matches(msg, k.Down):
		c.Cursor = min(c.Cursor+1, len(c.Chosen)-1)
	case s == " " || s == "x":
		c.Toggle(c.Cursor)
	case len(s) == 1 && s[0] >= '1' && s[0] <= '9':
		c.Toggle(int(s[0] - '1'))
	default:
		return false
	}
	return true
}

// OptionLines draws options with their boxes, numbered, the cursor marked;
// it returns the lines and the line index where the cursor's option starts.
func (st *Styles) OptionLines(opts []string, c Choice, width int, active bool) ([]string, int) {
	var lines []string
	at := 0
	for i, text := range opts {
		box := st.Symbols.Unselected
		if !c.Multi {
			box = st.Symbols.Radio
		}
		if i < len(c.Chosen) && c.Chosen[i] {
			box = st.Symbols.Selected
			if !c.Multi {
				box = st.Symbols.RadioOn
			}
		}
		cur := "  "
		if active && i == c.Cursor {
			cur = st.Cursor.Render(st.Symbols.Cursor) + " "
			at = len(lines)
		}
		prefix := fmt.Sprintf("%s %d. ", box, i+1)
		wrapped := WrapLines(text, width-2, prefix, strings.Repeat(" ", len([]rune(prefix))))
		for j, l := range wrapped {
			if active && i == c.Cursor {
				l = st.Selected.Render(l)
			} else if i < len(c.Chosen) && c.Chosen[i] {
				l = st.Bold.Render(l)
			}
			if j == 0 {
				lines = append(lines, cur+l)
			} else {
				lines = append(lines, "  "+l)
			}
		}
	}
	return lines, at
}

// IndicatorNames returns the catalogue names of indicator ids.
func IndicatorNames(cat *content.Catalogue, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if in, ok := cat.Lookup(id); ok && in.Name != "" {
			out = append(out, in.Name)
		} else {
			out = append(out, id)
		}
	}
	return out
}
