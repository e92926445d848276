package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/export"
	"frontline/internal/progress/progresstest"
)

var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

func classLib() *content.Library {
	cat := &content.Catalogue{Categories: []content.Category{{Name: "Control", Indicators: []string{"docs"}}, {Name: "Work", Indicators: []string{"hours"}}},
		Indicators: map[string]*content.Indicator{"docs": {ID: "docs", Category: "Control"}, "hours": {ID: "hours", Category: "Work"}}}
	m := &content.Module{Meta: content.Meta{ID: "m", Title: "Module | one", Fingerprint: "fp"},
		Exam: content.ExamSettings{TimeLimit: 10 * time.Minute, PassMark: 50},
		Questions: []content.Question{
			{ID: "q1", Text: "Docs?", Kind: content.SingleChoice, Indicators: []string{"docs"},
				Options: []content.Option{{Text: "yes", Correct: true}, {Text: "no"}}},
			{ID: "q2", Text: "Hours?", Kind: content.MultipleChoice, Indicators: []string{"hours"},
				Options: []content.Option{{Text: "long", Correct: true}, {Text: "night"}}},
		}}
	sc := &content.Scenario{Meta: content.Meta{ID: "s", Title: "Case", Fingerprint: "fps"}, Start: "a",
		Scenes: []content.Scene{
			{ID: "a", Title: "A", Checkpoints: []content.Question{{Text: "Notice?", Kind: content.MultipleChoice, Indicators: []string{"docs"},
				Options: []content.Option{{Text: "sign", Correct: true}, {Text: "herring"}}}},
				Decision: &content.Decision{Options: []content.Option{{Text: "go", Target: "b", Correct: true}, {Text: "stay", Target: "c"}}}},
			{ID: "b", Title: "Safe place"}, {ID: "c", Title: "Left behind"},
		}}
	return &content.Library{Modules: []*content.Module{m}, Scenarios: []*content.Scenario{sc}, Catalogue: cat}
}

func save(t *testing.T, p activity.Pending) {
	t.Helper()
	if err := p.Save(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestClassResults: each trainee's exam (with an extension), led question
// and case study are rows with their results, and the class summary
// counts recognitions, misses and false alarms per category. Cells a
// person wrote are safe in a spreadsheet and in a Markdown table.
func TestClassResults(t *testing.T) {
	lib := classLib()
	m, sc := lib.Modules[0], lib.Scenarios[0]
	st := progresstest.Open(t)
	now := t0
	clock := func() time.Time { return now }
	ana := progresstest.Learner(t, st, "Ana", content.RolePolice)
	eve := progresstest.Learner(t, st, "=HYPERLINK(evil)", content.RoleHealth)
	ctx := context.Background()

	// Ana: the room's exam, with five more minutes; one right of two.
	la := &activity.Learner{Store: st, Profile: ana, Now: clock}
	x, err := la.OpenSitting(ctx, lib, m, activity.Sitting{Settings: m.Exam, Started: t0, Deadline: t0.Add(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	x.Seed(1)
	save(t, x.Begin())
	for i := range x.E.Questions {
		q := x.E.Question(i)
		if q.ID == "q1" {
			save(t, x.Answer(i, x.E.ToShown(i, []int{0})))
		}
	}
	if _, err := la.ExtendExam(ctx, m, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	now = t0.Add(12 * time.Minute)
	if _, err := x.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	save(t, x.Submit())

	// Eve: a led question with a false alarm, and the room's case study.
	le := &activity.Learner{Store: st, Profile: eve, Now: clock}
	q := le.LedQuestion(m, "q2")
	_, p := q.Submit([]int{0, 1})
	save(t, p.Then(q.Next()))
	run, p, err := le.LedRun(ctx, sc, []string{"a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	save(t, p)
	_, p, _ = run.Answer(0, []int{0, 1})
	save(t, p)
	_, p, _ = run.Follow(1, "majority", 0)
	save(t, p)
	now = now.Add(3 * time.Minute)
	_, p = run.Finish()
	save(t, p)

	c, err := export.BuildClass(ctx, st, lib, "room-1", []export.Trainee{{Profile: ana, Joined: t0}, {Profile: eve, Joined: t0.Add(time.Minute), Removed: true}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Trainees) != 2 {
		t.Fatalf("trainees %+v", c.Trainees)
	}
	var exam *export.ClassRow
	for i, r := range c.Trainees[0].Activities {
		if r.Activity == export.KindExam {
			exam = &c.Trainees[0].Activities[i]
		}
	}
	if exam == nil || exam.Result != "pass" || exam.Total != 2 || exam.Score != 1 || exam.ExtraMinutes != 5 || exam.Minutes != 12 || !exam.Finished {
		t.Errorf("Ana's exam row: %+v", exam)
	}
	kinds := map[string]export.ClassRow{}
	for _, r := range c.Trainees[1].Activities {
		kinds[r.Activity] = r
	}
	if r := kinds[export.KindLed]; r.Score != 0 || r.Total != 1 || !r.Finished || r.Result != "" {
		t.Errorf("Eve's led question: %+v", r)
	}
	if r := kinds[export.KindCaseStudy]; r.EndingTitle != "Left behind" || r.Spotted != 1 || r.Missed != 0 || r.FalseAlarms != 1 || r.RoomDecision != 1 || r.Minutes != 3 {
		t.Errorf("Eve's case study: %+v", r)
	}
	want := map[string]export.CategoryRow{
		"Control": {Category: "Control", Recognised: 1, Missed: 1, FalseAlarms: 1}, // Ana's q1; Eve's checkpoint (a false alarm)
		"Work":    {Category: "Work", Recognised: 0, Missed: 1, FalseAlarms: 1},    // Eve's q2
	}
	if len(c.Summary) != 2 || c.Summary[0] != want["Control"] || c.Summary[1] != want["Work"] {
		t.Errorf("class summary %+v, want %+v", c.Summary, want)
	}

	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(export.ClassCSVHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	var cats int
	for _, r := range recs[1:] {
		if r[1] == "=HYPERLINK(evil)" {
			t.Errorf("a formula reached the CSV: %v", r)
		}
		if r[0] == "category" {
			cats++
			if r[4] == "Control" && (r[18] != "1" || r[19] != "1" || r[21] != "1") {
				t.Errorf("category row %v", r)
			}
		}
	}
	if cats != 2 {
		t.Errorf("%d category rows", cats)
	}
	b.Reset()
	if err := c.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc["format"] != "frontline-class" {
		t.Errorf("json: %v %v", err, doc["format"])
	}
	b.Reset()
	if err := c.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, w := range []string{"| Ana | Police | Module \\| one: pass, 50% |", "=HYPERLINK(evil) (removed)", "| Control | 1 | 1 | 1 |", "Case: ended at Left behind; spotted 1 of 1, 1 false alarm |"} {
		if !strings.Contains(md, w) {
			t.Errorf("markdown lacks %q:\n%s", w, md)
		}
	}
	if err := c.Write(&b, "xml"); err == nil {
		t.Error("wrote xml")
	}

}
