package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// runAttempts lists a learner's attempts at a module, or shows one as it
// was shown: the same questions in the same order, options in the same
// order, the learner's answers and, where the exam allows it, the right
// ones. When the module has changed since the attempt, it says so.
func runAttempts(env *Env, args []string) int {
	fs := newFlagSet(env, "attempts", "attempts --module M [--profile P] [--show ID]")
	module := fs.String("module", "", "module `ID`")
	show := fs.Int64("show", 0, "show the attempt with this `ID`")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if *module == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "frontline attempts: give --module ID (and --show ATTEMPT to see one)")
		return exitUsage
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read only
	m, ok := lib.Module(*module)
	if !ok {
		fmt.Fprintf(env.Stderr, "frontline attempts: --module %s: no module has that id\n", *module)
		return exitFailure
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, code := pickProfile(ctx, env, store)
	if code != exitOK {
		return code
	}
	if *show != 0 {
		a, answers, err := store.Attempt(ctx, *show)
		if err != nil || a.ProfileID != p.ID || a.ModuleID != m.ID {
			fmt.Fprintf(env.Stderr, "frontline attempts: --show %d: %s has no attempt with that id at %s\n", *show, p.Name, m.ID)
			return exitFailure
		}
		printAttempt(env.Stdout, m, a, answers)
		return exitOK
	}
	list, err := store.Attempts(ctx, p.ID, m.ID, "")
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline attempts: %v\n", err)
		return exitFailure
	}
	if len(list) == 0 {
		fmt.Fprintf(env.Stdout, "%s has no attempts at %q yet.\n", p.Name, m.Title)
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "Attempts by %s at %q (newest first):\n", p.Name, m.Title)
	for _, a := range list {
		fmt.Fprintf(env.Stdout, "  %d  %-8s  %s  %s\n", a.ID, a.Mode, a.Started.Local().Format("2006-01-02 15:04"), attemptSummary(a))
	}
	fmt.Fprintf(env.Stdout, "Show one with: frontline attempts --module %s --show ID\n", m.ID)
	return exitOK
}

func attemptSummary(a progress.Attempt) string {
	if !a.Done() {
		return "in progress"
	}
	s := fmt.Sprintf("%s of %d (%.0f%%)", strconv.FormatFloat(a.Score, 'f', -1, 64), a.Total, a.Percent())
	if a.Mode == progress.ModeExam {
		if a.Passed {
			s += ", passed"
		} else {
			s += ", not passed"
		}
	}
	return s
}

// printAttempt writes one attempt as it was shown.
func printAttempt(w io.Writer, m *content.Module, a progress.Attempt, answers []progress.Answer) {
	fmt.Fprintf(w, "Attempt %d at %q (%s), started %s: %s\n", a.ID, m.Title, a.Mode, a.Started.Local().Format("2006-01-02 15:04"), attemptSummary(a))
	if a.Seed != 0 {
		fmt.Fprintf(w, "Questions drawn with seed %d.\n", a.Seed)
	}
	changed := a.Fingerprint != "" && a.Fingerprint != engine.Fingerprint(m)
	if changed {
		fmt.Fprintf(w, "Note: the module has changed since this attempt (content fingerprint %s then, %s now). Questions are shown as they are now; ones no longer in the module are marked.\n", a.Fingerprint, engine.Fingerprint(m))
	}
	showRight := !(a.Mode == progress.ModeExam && m.Exam.Review == content.ReviewScore)
	if !showRight {
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
		fmt.Fprintf(w, "Question %d: %s\n", i+1, q.Text)
		order := make([]int, len(q.Options))
		for j := range order {
			order[j] = j
		}
		if i < len(a.OptionOrder) && len(a.OptionOrder[i]) == len(q.Options) {
			order = a.OptionOrder[i]
		}
		picked, answered := chosen[id]
		for shown, idx := range order {
			if idx < 0 || idx >= len(q.Options) {
				continue
			}
			o := q.Options[idx]
			mark := "  "
			if contains(picked, idx) {
				mark = "→ "
			}
			right := ""
			if o.Correct {
				right = "  (right answer)"
			}
			fmt.Fprintf(w, "  %s%d. %s%s\n", mark, shown+1, o.Text, right)
		}
		switch {
		case !answered:
			fmt.Fprintln(w, "  ✗ Not answered.")
		case engine.Score(q, picked).Correct:
			fmt.Fprintln(w, "  ✓ Right.")
		default:
			fmt.Fprintf(w, "  ✗ Not right (%s of 1).\n", strconv.FormatFloat(engine.Score(q, picked).Score, 'f', 2, 64))
		}
	}
}

func contains(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
