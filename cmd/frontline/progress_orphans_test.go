package main

import (
	"encoding/csv"
	"strings"
	"testing"

	"frontline/internal/content"
)

// Bad input #29: after a content update removed the module the answers
// belong to, the dashboard still lists it (marked as not in the content)
// and the export still has every answer.
func TestProgressKeepsAnswersToRemovedContent(t *testing.T) {
	dir, lib := progressFixture(t)
	updated := &content.Library{Modules: []*content.Module{lib.Modules[1]}, Scenarios: lib.Scenarios, Catalogue: lib.Catalogue}
	code, out, errs := runP(t, dir, updated, "", "--profile", "Ana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Answers recorded: 2", "passports", "(no longer in the loaded content)", "First contact"} {
		if !strings.Contains(out, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runP(t, dir, updated, "", "export", "--all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Errorf("export after the update: %d rows, %v\n%s", len(rows), err, out)
	}
}

// Bad input #29, the other half: answers to questions removed from a module
// that is still there are kept and reported.
func TestProgressReportsAnswersToRemovedQuestions(t *testing.T) {
	dir, lib := progressFixture(t)
	kept := *lib.Modules[0]
	kept.Questions = []content.Question{{ID: "q1"}}
	updated := &content.Library{Modules: []*content.Module{&kept, lib.Modules[1]}, Scenarios: lib.Scenarios, Catalogue: lib.Catalogue}
	code, out, errs := runP(t, dir, updated, "", "--profile", "Ana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Kept: 1 answer to questions that are no longer in the loaded content") {
		t.Errorf("dashboard does not report the orphaned answer:\n%s", out)
	}
}
