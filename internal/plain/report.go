package plain

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// WriteDashboard writes a learner's progress as plain sentences, the same
// for `frontline progress` and the line mode's Progress: modules,
// indicator recognition by category, case studies and recent activity.
// Every list says how long it is, and nothing is decorative, so it reads
// well aloud. kept is the number of answers to questions no longer in the
// loaded content.
func WriteDashboard(w io.Writer, p progress.Profile, d progress.Dashboard, lib *content.Library, kept int) {
	if lib == nil {
		lib = &content.Library{}
	}
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	say("Progress of %s.", who(p))
	say("Answers recorded: %d. Review: %d due.", d.Answers, d.ReviewDue)

	stats := map[string]progress.ModuleStat{}
	for _, m := range d.Modules {
		stats[m.ModuleID] = m
	}
	var gone []progress.ModuleStat
	for _, m := range d.Modules {
		if _, ok := lib.Module(m.ModuleID); !ok {
			gone = append(gone, m)
		}
	}
	say("")
	say("Modules: %d.", len(lib.Modules)+len(gone))
	for i, m := range engine.Curriculum(lib.Modules) {
		st := stats[m.ID]
		say("  %d. %s: %s, %s.", i+1, ToText(m.Title), moduleState(st), activity.Count(st.Attempts, "attempt"))
	}
	for _, st := range gone {
		say("  %s (no longer in the loaded content): %s, %s.", st.ModuleID, moduleState(st), activity.Count(st.Attempts, "attempt"))
	}

	cats := CategoryMastery(d.Indicators, lib.Catalogue)
	say("")
	say("Indicator recognition by category: %d.", len(cats))
	if len(cats) == 0 {
		say("  No indicators answered yet.")
	}
	for _, c := range cats {
		total := c.Hits + c.Misses
		say("  %s: recognised %d of %d (%s).", c.Name, c.Hits, total, activity.PercentOf(float64(c.Hits), total))
	}

	byScenario := map[string][]progress.Run{}
	var order []string
	for _, r := range d.Runs {
		if _, ok := byScenario[r.ScenarioID]; !ok {
			order = append(order, r.ScenarioID)
		}
		byScenario[r.ScenarioID] = append(byScenario[r.ScenarioID], r)
	}
	say("")
	say("Case studies finished: %d.", len(order))
	for _, id := range order {
		runs := byScenario[id]
		last := runs[len(runs)-1]
		title := id
		if sc, ok := lib.Scenario(id); ok {
			title = ToText(sc.Title)
		}
		line := fmt.Sprintf("  %s: %s; latest spotted %d of %d indicators, %s", title, activity.Count(len(runs), "run"),
			last.Spotted, last.Present, activity.Count(last.FalseAlarms, "false alarm"))
		if len(runs) > 1 {
			line += fmt.Sprintf("; first run spotted %d of %d", runs[0].Spotted, runs[0].Present)
		}
		say("%s.", line)
	}

	say("")
	say("Recent activity: %d.", len(d.Recent))
	for _, a := range d.Recent {
		say("  %s, %s: %s.", a.At.Local().Format("2 January 2006 15:04"), ToText(activity.ItemTitle(lib, a)), activity.Describe(lib, a))
	}
	if kept > 0 {
		say("")
		say("Kept: %s to questions that are no longer in the loaded content (they stay in exports).", activity.Count(kept, "answer"))
	}
}

// CategoryStat is how often a learner recognised the indicators of one
// category.
type CategoryStat struct {
	Name         string
	Hits, Misses int
}

// CategoryMastery sums indicator hits and misses per catalogue category,
// in catalogue order, leaving out categories with nothing answered.
// Indicators the catalogue does not know go under engine.OtherCategory.
func CategoryMastery(stats []progress.IndicatorStat, cat *content.Catalogue) []CategoryStat {
	idx := map[string]int{}
	var out []CategoryStat
	if cat != nil {
		for _, c := range cat.Categories {
			idx[c.Name] = len(out)
			out = append(out, CategoryStat{Name: c.Name})
		}
	}
	for _, s := range stats {
		name := cat.CategoryOf(s.Indicator)
		if name == "" {
			name = engine.OtherCategory
		}
		i, ok := idx[name]
		if !ok {
			idx[name] = len(out)
			i = len(out)
			out = append(out, CategoryStat{Name: name})
		}
		out[i].Hits += s.Hits
		out[i].Misses += s.Misses
	}
	return slices.DeleteFunc(out, func(c CategoryStat) bool { return c.Hits+c.Misses == 0 })
}

// AttemptSummary is one line about an attempt: "in progress", or its
// score and, for an exam, whether it passed.
func AttemptSummary(a progress.Attempt) string {
	if !a.Done() {
		return "in progress"
	}
	s := fmt.Sprintf("%s of %d (%s)", activity.Points(a.Score), a.Total, activity.Percent(a.Percent()))
	if a.Mode == progress.ModeExam {
		if a.Passed {
			s += ", passed"
		} else {
			s += ", not passed"
		}
	}
	return s
}

// WriteAttempts lists a learner's attempts at a module, newest first.
func WriteAttempts(w io.Writer, p progress.Profile, m *content.Module, list []progress.Attempt) {
	if len(list) == 0 {
		fmt.Fprintf(w, "%s has no attempts at %q yet.\n", p.Name, ToText(m.Title))
		return
	}
	fmt.Fprintf(w, "%s by %s at %q, newest first:\n", activity.Count(len(list), "attempt"), p.Name, ToText(m.Title))
	for _, a := range list {
		fmt.Fprintf(w, "  %d  %-8s  %s  %s\n", a.ID, a.Mode, a.Started.Local().Format("2006-01-02 15:04"), AttemptSummary(a))
	}
}

// WriteAttempt writes one attempt as it was shown: the same questions in
// the same order, options in the same order, the learner's answers and,
// where the exam allows it, the right ones. When the module has changed
// since, it says so.
func WriteAttempt(w io.Writer, m *content.Module, a progress.Attempt, answers []progress.Answer) {
	fmt.Fprintf(w, "Attempt %d at %q (%s), started %s: %s\n", a.ID, ToText(m.Title), a.Mode, a.Started.Local().Format("2006-01-02 15:04"), AttemptSummary(a))
	if a.Mode == progress.ModeExam && a.PassMark > 0 {
		fmt.Fprintf(w, "Pass mark: %d%%.\n", a.PassMark)
	}
	if a.Seed != 0 {
		fmt.Fprintf(w, "Questions drawn with seed %d.\n", a.Seed)
	}
	if a.Fingerprint != "" && a.Fingerprint != engine.Fingerprint(m) {
		fmt.Fprintf(w, "Note: the module has changed since this attempt (content fingerprint %s then, %s now). Questions are shown as they are now; ones no longer in the module are marked.\n", a.Fingerprint, engine.Fingerprint(m))
	}
	if a.Mode == progress.ModeExam && m.Exam.Review == content.ReviewScore {
		fmt.Fprintln(w, "This exam shows the score only; answers are not reviewed.")
		return
	}
	chosen := map[string][]int{}
	for _, ans := range answers {
		chosen[ans.QuestionID] = ans.Chosen
	}
	for i, id := range a.Questions {
		fmt.Fprintln(w)
		q, ok := m.Question(id)
		if !ok {
			fmt.Fprintf(w, "Question %d (%s): no longer in the module.\n", i+1, id)
			continue
		}
		fmt.Fprintf(w, "Question %d: %s\n", i+1, ToText(q.Text))
		var order []int
		if i < len(a.OptionOrder) {
			order = a.OptionOrder[i]
		}
		shown := shownOrder(q, order)
		picked, answered := chosen[id]
		for n, idx := range shown {
			o := q.Options[idx]
			var notes []string
			if q.Kind != content.Ordering && slices.Contains(picked, idx) {
				notes = append(notes, "your answer")
			}
			switch {
			case q.Kind == content.Ordering:
				notes = append(notes, fmt.Sprintf("step %d", idx+1))
			case o.Correct:
				notes = append(notes, "right answer")
			}
			right := ""
			if len(notes) > 0 {
				right = " (" + strings.Join(notes, ", ") + ")"
			}
			fmt.Fprintf(w, "  %d. %s%s\n", n+1, ToText(o.Text), right)
		}
		if q.Kind == content.Ordering && answered {
			fmt.Fprintf(w, "  Your order: %s.\n", optionList(q, order, picked))
		}
		r := engine.Score(q, picked)
		switch {
		case !answered:
			fmt.Fprintln(w, "  Not answered.")
		case r.Correct:
			fmt.Fprintln(w, "  Right.")
		default:
			fmt.Fprintf(w, "  Not right (%s of 1).\n", activity.Points(r.Score))
		}
	}
}

// who names a learner with their role.
func who(p progress.Profile) string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role.Label() + ")"
}
