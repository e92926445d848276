package common

import (
	"fmt"
	"strings"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/workshop"
)

// ChoiceFeedback marks each option of a choice question once it is
// answered: right, not right (a false alarm at a checkpoint), missed, with
// the feedback of those chosen or missed, in the boxes the question was
// asked with.
func (st *Styles) ChoiceFeedback(q *content.Question, res engine.Result, w int, checkpoint bool) []string {
	var lines []string
	right, wrong := "right", "not right"
	if checkpoint {
		right, wrong = "spotted", "false alarm"
	}
	for i, o := range q.Options {
		var out engine.OptionOutcome
		if i < len(res.Options) {
			out = res.Options[i]
		}
		var mark, note string
		switch {
		case out.Chosen && out.Correct:
			mark, note = st.Right.Render(st.Symbols.Right), right
		case out.Chosen && !out.Correct:
			mark, note = st.Wrong.Render(st.Symbols.Wrong), wrong
		case !out.Chosen && out.Correct:
			mark, note = st.Warning.Render(st.Symbols.Missed), "missed"
		default:
			mark, note = " ", ""
		}
		box := st.Symbols.Unselected
		switch {
		case q.Kind != content.MultipleChoice && out.Chosen:
			box = st.Symbols.RadioOn
		case q.Kind != content.MultipleChoice:
			box = st.Symbols.Radio
		case out.Chosen:
			box = st.Symbols.Selected
		}
		prefix := fmt.Sprintf("%s %s %d. ", mark, box, i+1)
		indent := strings.Repeat(" ", Width(prefix))
		text := o.Text
		if note != "" {
			text += st.Subtle.Render("  (" + note + ")")
		}
		lines = append(lines, WrapLines(text, w, prefix, indent)...)
		if (out.Chosen || out.Correct) && o.Feedback != "" {
			lines = append(lines, WrapLines(st.Subtle.Render(o.Feedback), w, indent, indent)...)
		}
	}
	return lines
}

// FewAnswers is what is shown instead of a distribution with fewer than
// workshop.MinAnswers answers.
func FewAnswers(n int) string {
	return fmt.Sprintf("%d answered so far; the room's answers show from %d, so that no one's answer can be picked out.", n, workshop.MinAnswers)
}

// Distribution draws the room's answers to one part as a bar chart: for
// each option its number, a bar, how many chose it and of how many. With
// marks, the right options (a checkpoint's indicators, a decision's
// recommended action) carry ✓. Below workshop.MinAnswers answers it draws
// no counts, only FewAnswers. It never names anyone: a Count holds no
// names.
func (st *Styles) Distribution(c workshop.Count, w int, marks bool) []string {
	if !c.Shown() {
		return WrapLines(st.Subtle.Render(FewAnswers(c.Answered)), w, "", "")
	}
	labelW := 10
	for _, o := range c.Part.Options {
		labelW = max(labelW, Width(o)+5)
	}
	labelW = min(labelW, max(w/2, 14))
	tail := Width(fmt.Sprintf(" %d of %d", c.Answered, c.Answered))
	barW := min(max(w-labelW-tail-4, 6), 40)
	var lines []string
	for i, o := range c.Part.Options {
		n := 0
		if i < len(c.Chosen) {
			n = c.Chosen[i]
		}
		mark := "  "
		if marks && i < len(c.Part.Right) && c.Part.Right[i] {
			mark = st.Right.Render(st.Symbols.Right) + " "
		}
		label := PadRight(Truncate(fmt.Sprintf("%d. %s", i+1, o), labelW), labelW)
		frac := 0.0
		if c.Answered > 0 {
			frac = float64(n) / float64(c.Answered)
		}
		lines = append(lines, fmt.Sprintf("%s%s %s %d of %d", mark, label, st.Bar(barW, frac), n, c.Answered))
	}
	if c.Part.Kind == workshop.PartCheckpoint && marks {
		spotted, flagged := c.Spotted()
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("  indicators spotted %d times · red herrings flagged %d times", spotted, flagged)))
	}
	return lines
}
