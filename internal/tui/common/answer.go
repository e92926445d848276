package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/engine"
)

// Answerer is the widget a learner answers one question with. There is one
// per question kind, chosen by NewAnswerer: a screen asks, draws and reads
// an answer without knowing the kind. Positions are the options' places as
// shown (the screen maps them to module order).
type Answerer interface {
	// HandleKey applies a key; it reports whether the key was used.
	HandleKey(k KeyMap, msg tea.KeyMsg) bool
	// Lines draws the options; it returns the lines and the line where the
	// cursor is.
	Lines(st *Styles, opts []string, width int, active bool) ([]string, int)
	// Answer is the answer as shown positions: the options chosen, or the
	// order the options were put in.
	Answer() []int
	// Set puts a saved answer back.
	Set(shown []int)
	// Ready reports whether there is an answer to submit; when there is
	// not, Prompt says what to do.
	Ready() bool
	// Prompt tells the learner what to do before submitting.
	Prompt() string
	// Bindings are the keys the widget uses, for the help bar.
	Bindings(k KeyMap) []key.Binding
}

// NewAnswerer returns the widget for a question of kind k with n options.
func NewAnswerer(k content.QuestionKind, n int) Answerer {
	if k == content.Ordering {
		return NewOrder(n)
	}
	c := NewChoice(n, k == content.MultipleChoice)
	return &c
}

// Ready reports whether an option is chosen; a single choice is always
// ready (enter takes the option under the cursor).
func (c *Choice) Ready() bool { return !c.Multi || len(c.Indexes()) > 0 }

// Answer returns the chosen positions; a single choice with nothing chosen
// takes the option under the cursor.
func (c *Choice) Answer() []int {
	if idx := c.Indexes(); len(idx) > 0 || c.Multi {
		return idx
	}
	if c.Cursor >= 0 && c.Cursor < len(c.Chosen) {
		return []int{c.Cursor}
	}
	return nil
}

// Prompt says how to choose.
func (c *Choice) Prompt() string {
	return "Choose at least one option with space or its number, then press enter."
}

// Lines draws the options (see Styles.OptionLines).
func (c *Choice) Lines(st *Styles, opts []string, width int, active bool) ([]string, int) {
	return st.OptionLines(opts, *c, width, active)
}

// Bindings are the choice keys.
func (c *Choice) Bindings(k KeyMap) []key.Binding { return []key.Binding{k.Move, k.Toggle} }

// Order is the widget of an ordering question: the items in the order the
// learner has put them, a cursor, and whether the item under the cursor is
// picked up (then ↑/↓ carry it).
type Order struct {
	// Items holds shown positions in the learner's order.
	Items  []int
	Cursor int
	Held   bool
}

// NewOrder returns an order of n items as shown.
func NewOrder(n int) *Order {
	o := &Order{Items: make([]int, n)}
	for i := range o.Items {
		o.Items[i] = i
	}
	return o
}

// Answer is the learner's order.
func (o *Order) Answer() []int { return append([]int(nil), o.Items...) }

// Set puts a saved order back; anything but a full order is ignored.
func (o *Order) Set(shown []int) {
	if len(shown) != len(o.Items) {
		return
	}
	seen := make([]bool, len(shown))
	for _, s := range shown {
		if s < 0 || s >= len(shown) || seen[s] {
			return
		}
		seen[s] = true
	}
	copy(o.Items, shown)
}

// Ready is always true: any order can be submitted.
func (o *Order) Ready() bool { return true }

// Prompt says how to reorder.
func (o *Order) Prompt() string {
	return "Put the steps in order: space picks a step up, ↑/↓ carry it, space puts it down; enter submits."
}

func (o *Order) move(d int) {
	j := o.Cursor + d
	if j < 0 || j >= len(o.Items) {
		return
	}
	o.Items[o.Cursor], o.Items[j] = o.Items[j], o.Items[o.Cursor]
	o.Cursor = j
}

// HandleKey moves the cursor, picks up and puts down an item, and moves
// it.
func (o *Order) HandleKey(k KeyMap, msg tea.KeyMsg) bool {
	switch {
	case matches(msg, k.ItemUp):
		o.move(-1)
	case matches(msg, k.ItemDown):
		o.move(1)
	case matches(msg, k.Grab):
		o.Held = !o.Held
	case matches(msg, k.Up):
		if o.Held {
			o.move(-1)
		} else {
			o.Cursor = max(o.Cursor-1, 0)
		}
	case matches(msg, k.Down):
		if o.Held {
			o.move(1)
		} else {
			o.Cursor = min(o.Cursor+1, len(o.Items)-1)
		}
	default:
		return false
	}
	return true
}

// Lines draws the items in the learner's order, numbered by place, the
// cursor marked and a picked-up item shown as held.
func (o *Order) Lines(st *Styles, opts []string, width int, active bool) ([]string, int) {
	var lines []string
	at := 0
	for place, it := range o.Items {
		if it < 0 || it >= len(opts) {
			continue
		}
		cur, mark := "  ", "  "
		if active && place == o.Cursor {
			cur = st.Cursor.Render(st.Symbols.Cursor) + " "
			at = len(lines)
			if o.Held {
				mark = st.Symbols.Held + " "
			}
		}
		prefix := fmt.Sprintf("%s%d. ", mark, place+1)
		wrapped := WrapLines(opts[it], width-2, prefix, strings.Repeat(" ", Width(prefix)))
		for j, l := range wrapped {
			if active && place == o.Cursor {
				l = st.Selected.Render(l)
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

// Bindings are the ordering keys.
func (o *Order) Bindings(k KeyMap) []key.Binding {
	return []key.Binding{k.Move, k.Grab, k.ItemUp}
}

// KindHint tells the learner how a question of kind k is answered and
// scored (engine.ScoringNote).
func KindHint(k content.QuestionKind) string { return engine.ScoringNote(k) }

// OrderFeedback draws the learner's order after an ordering question is
// marked: each step where they put it, with ✓ when it is in its place or
// where it belongs, then its feedback.
func (st *Styles) OrderFeedback(q *content.Question, r engine.Result, shown []int, width int) []string {
	var lines []string
	order := make([]int, len(q.Options)) // module index by the learner's place
	for mi, pl := range r.Placed {
		if pl >= 0 && pl < len(order) {
			order[pl] = mi
		}
	}
	valid := len(r.Placed) == len(q.Options) && (len(r.Placed) == 0 || r.Placed[0] >= 0)
	if !valid {
		order = shown
	}
	for place, mi := range order {
		if mi < 0 || mi >= len(q.Options) {
			continue
		}
		mark, note := st.Right.Render(st.Symbols.Right), "in its place"
		if !valid || r.Placed[mi] != mi {
			mark, note = st.Wrong.Render(st.Symbols.Wrong), fmt.Sprintf("belongs at %d", mi+1)
		}
		prefix := fmt.Sprintf("%s %d. ", mark, place+1)
		indent := strings.Repeat(" ", Width(prefix))
		lines = append(lines, WrapLines(q.Options[mi].Text+st.Subtle.Render("  ("+note+")"), width, prefix, indent)...)
	}
	lines = append(lines, "", st.Header.Render("The right order"))
	for i, o := range q.Options {
		prefix := fmt.Sprintf("%d. ", i+1)
		indent := strings.Repeat(" ", Width(prefix))
		lines = append(lines, WrapLines(o.Text, width, prefix, indent)...)
		if o.Feedback != "" {
			lines = append(lines, WrapLines(st.Subtle.Render(o.Feedback), width, indent, indent)...)
		}
	}
	return lines
}
