package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/export"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// progressFixture makes a data folder with two learners and returns it with
// a small library.
func progressFixture(t *testing.T) (string, *content.Library) {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(dir, sqlite.WithBackups(0, 1))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ana, _ := s.CreateProfile(ctx, "Ana", content.RolePolice)
	bo, _ := s.CreateProfile(ctx, "=Bo", content.RoleHealth)
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a, _ := s.StartAttempt(ctx, progress.Attempt{ProfileID: ana.ID, ModuleID: "passports", Mode: progress.ModePractice, Total: 2})
	rec := func(p progress.Profile, q string, chosen []int, ok bool, ind ...progress.IndicatorHit) {
		at = at.Add(time.Minute)
		if _, err := s.RecordAnswer(ctx, progress.Answer{ProfileID: p.ID, AttemptID: a.ID, ModuleID: "passports", QuestionID: q,
			Version: "fp1", Chosen: chosen, Correct: ok, Score: map[bool]float64{true: 1}[ok], TimeTaken: 2500 * time.Millisecond,
			At: at, Indicators: ind}); err != nil {
			t.Fatal(err)
		}
	}
	rec(ana, "q1", []int{0, 2}, true, progress.IndicatorHit{Indicator: "documents-held", Hit: true})
	rec(bo, "q9", []int{1}, false)
	rec(ana, "q2", []int{1}, false, progress.IndicatorHit{Indicator: "documents-held", Hit: false}, progress.IndicatorHit{Indicator: "debt", Hit: true})
	a.Finished, a.Score = at, 1
	_ = s.SaveAttempt(ctx, a)
	r, _ := s.StartRun(ctx, progress.Run{ProfileID: ana.ID, ScenarioID: "farm"})
	r.Finished, r.Spotted, r.Present, r.FalseAlarms = at, 3, 4, 1
	_ = s.SaveRun(ctx, r)
	_ = s.SaveRun(ctx, r, progress.ReviewItem{Kind: progress.ReviewQuestion, Key: "passports/q2", Box: 1, Due: at})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	lib := &content.Library{
		Modules:   []*content.Module{{Meta: content.Meta{ID: "passports", Title: "Documents and control"}}, {Meta: content.Meta{ID: "intro", Title: "First contact"}}},
		Scenarios: []*content.Scenario{{Meta: content.Meta{ID: "farm", Title: "The fruit farm"}}},
		Catalogue: &content.Catalogue{
			Categories: []content.Category{{Name: "Control of documents", Indicators: []string{"documents-held"}}, {Name: "Debt bondage", Indicators: []string{"debt"}}},
			Indicators: map[string]*content.Indicator{"documents-held": {ID: "documents-held", Category: "Control of documents"}, "debt": {ID: "debt", Category: "Debt bondage"}},
		},
	}
	return dir, lib
}

func runP(t *testing.T, dir string, lib *content.Library, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin), DataDir: dir, Library: lib, Plain: true}
	code := runProgress(env, args)
	return code, out.String(), errb.String()
}

func TestProgressDashboardText(t *testing.T) {
	dir, lib := progressFixture(t)
	code, out, errs := runP(t, dir, lib, "", "--profile", "ana")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Progress of Ana (Police).", "Answers recorded: 2. Review: 1 due.",
		"Modules: 2.", ". Documents and control: started, best score 50%, 1 attempt.", ". First contact: not started, 0 attempts.",
		"Indicator recognition by category: 2.",
		"  Control of documents: recognised 1 of 2 (50%).",
		"  Debt bondage: recognised 1 of 1 (100%).",
		"Case studies finished: 1.", "  The fruit farm: 1 run; latest spotted 3 of 4 indicators, 1 false alarm.",
		"Documents and control: practice quiz finished: 50%.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, out)
		}
	}
	// Several profiles and no --profile: a usage error naming the flag.
	code, _, errs = runP(t, dir, lib, "")
	if code != 2 || !strings.Contains(errs, "--profile") {
		t.Errorf("no profile: exit %d, %q", code, errs)
	}
	if code, _, errs := runP(t, dir, lib, "", "--profile", "Nobody"); code != 1 || !strings.Contains(errs, "Nobody") {
		t.Errorf("unknown profile: exit %d, %q", code, errs)
	}
	if code, _, _ := runP(t, dir, lib, "", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

func TestProgressExportCSV(t *testing.T) {
	dir, lib := progressFixture(t)
	code, out, errs := runP(t, dir, lib, "", "export", "--format", "csv", "--all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		export.CSVHeader,
		{"Ana", "police", "passports", "q1", "fp1", "1;3", "true", "1", "2500", "2026-03-01T10:01:00Z", "1"},
		{"'=Bo", "health", "passports", "q9", "fp1", "2", "false", "0", "2500", "2026-03-01T10:02:00Z", "2"},
		{"Ana", "police", "passports", "q2", "fp1", "2", "false", "0", "2500", "2026-03-01T10:03:00Z", "3"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows:\n%s", out)
	}
	for i := range want {
		if strings.Join(rows[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d = %v, want %v", i, rows[i], want[i])
		}
	}
	code, out, _ = runP(t, dir, lib, "", "export", "--profile", "Ana")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("Ana only: exit %d\n%s", code, out)
	}
}

func TestProgressExportJSONToFile(t *testing.T) {
	dir, lib := progressFixture(t)
	outDir := t.TempDir()
	file := filepath.Join(outDir, "ana.json")
	if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runP(t, dir, lib, "", "export", "--format", "json", "--profile", "Ana", "-o", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc export.Document
	b, _ := os.ReadFile(file)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if len(doc.Profiles) != 1 || doc.Profiles[0].Name != "Ana" || len(doc.Profiles[0].Answers) != 2 ||
		doc.Profiles[0].Answers[0].Chosen[1] != 3 || len(doc.Profiles[0].Runs) != 1 || len(doc.Profiles[0].Answers[1].Indicators) != 2 {
		t.Errorf("export = %+v", doc)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", fi.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(outDir, atomicfile.TempPattern)); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
	// Into a folder that does not exist: a failure naming the flag, and the
	// old file untouched elsewhere.
	code, _, errs = runP(t, dir, lib, "", "export", "--all", "-o", filepath.Join(outDir, "missing", "x.csv"))
	if code != 1 || !strings.Contains(errs, "-o ") {
		t.Errorf("bad -o: exit %d, %q", code, errs)
	}
}

func TestProgressExportUsageErrors(t *testing.T) {
	dir, lib := progressFixture(t)
	for _, args := range [][]string{
		{"export", "--format", "xml", "--all"},
		{"export", "--all", "--profile", "Ana"},
		{"export", "--nope"},
		{"export", "extra", "--all"},
		{"export"}, // two profiles, no choice
	} {
		code, _, errs := runP(t, dir, lib, "", args...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
}

func TestProgressDelete(t *testing.T) {
	dir, lib := progressFixture(t)
	if code, _, errs := runP(t, dir, lib, "", "delete"); code != 2 || !strings.Contains(errs, "--profile") {
		t.Errorf("no profile: exit %d, %q", code, errs)
	}
	// A wrong confirmation deletes nothing.
	code, out, errs := runP(t, dir, lib, "ana\n", "delete", "--profile", "Ana")
	if code != 1 || !strings.Contains(errs, "NOT deleted") || !strings.Contains(out, "Type the profile name") {
		t.Errorf("wrong confirmation: exit %d, %q, %q", code, out, errs)
	}
	if code, _, _ := runP(t, dir, lib, "", "--profile", "Ana"); code != 0 {
		t.Fatal("Ana was deleted without confirmation")
	}
	code, out, errs = runP(t, dir, lib, "Ana\n", "delete", "--profile", "Ana")
	if code != 0 || !strings.Contains(out, `Deleted "Ana"`) {
		t.Fatalf("confirmed delete: exit %d, %q, %q", code, out, errs)
	}
	if code, _, _ := runP(t, dir, lib, "", "--profile", "Ana"); code != 1 {
		t.Error("Ana still there")
	}
	code, _, errs = runP(t, dir, lib, "", "delete", "--profile", "=Bo", "--yes")
	if code != 0 {
		t.Fatalf("--yes: exit %d, %q", code, errs)
	}
	code, out, _ = runP(t, dir, lib, "", "export", "--all")
	if code != 0 || strings.TrimSpace(out) != strings.Join(export.CSVHeader, ",") {
		t.Errorf("after deleting everyone: exit %d\n%s", code, out)
	}
}
