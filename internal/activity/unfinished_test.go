package activity_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
)

// TestUnfinishedListsEverything: pages part read, a practice quiz part
// done, an open exam with its deadline and a case study begun are all
// listed, the exam first; an exam whose time ran out meanwhile is settled
// and not listed.
func TestUnfinishedListsEverything(t *testing.T) {
	ctx := t.Context()
	clk := &clock{now: t0}
	store := progresstest.Open(t)
	l := &activity.Learner{Store: store, Profile: progresstest.Learner(t, store, "Sam", content.RolePolice), Now: clk.Now}
	exam := examModule()
	reading := &content.Module{Meta: content.Meta{ID: "r", Title: "Reading"}, Pages: []content.Page{{Title: "1"}, {Title: "2"}, {Title: "3"}}}
	practice := examModule()
	practice.ID, practice.Title = "p", "Practice"
	sc := &content.Scenario{Meta: content.Meta{ID: "s", Title: "Case"}, Start: "a", Scenes: []content.Scene{
		{ID: "a", Title: "First", Decision: &content.Decision{Options: []content.Option{{Text: "go", Correct: true, Target: "b"}}}},
		{ID: "b", Title: "End"},
	}}
	lib := &content.Library{Modules: []*content.Module{exam, reading, practice}, Scenarios: []*content.Scenario{sc}}

	if err := l.Visit(ctx, "module", "r", 1); err != nil {
		t.Fatal(err)
	}
	clk.at(time.Minute)
	q := l.Quiz(practice, nil, progress.ModePractice)
	if _, err := q.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	_, p := q.Submit([]int{0})
	if err := p.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := q.Next().Save(ctx); err != nil {
		t.Fatal(err)
	}
	clk.at(2 * time.Minute)
	run := l.Run(sc)
	if _, err := run.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if err := run.Begin().Save(ctx); err != nil {
		t.Fatal(err)
	}
	clk.at(3 * time.Minute)
	x, err := l.OpenExam(ctx, lib, exam, exam.Exam)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Begin().Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := x.Answer(0, []int{0}).Save(ctx); err != nil {
		t.Fatal(err)
	}

	clk.at(5 * time.Minute)
	list, err := l.Unfinished(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range list {
		switch u.Kind {
		case activity.UnfinishedExam:
			got = append(got, "exam "+u.Module.ID+" at "+strconv.Itoa(u.At)+" of "+strconv.Itoa(u.Of)+", "+strconv.Itoa(u.Answered)+" answered, "+u.Left(clk.now).String()+" left")
		case activity.UnfinishedQuiz:
			got = append(got, "quiz "+u.Module.ID+" at "+strconv.Itoa(u.At)+" of "+strconv.Itoa(u.Of))
		case activity.UnfinishedReading:
			got = append(got, "reading "+u.Module.ID+" page "+strconv.Itoa(u.Page))
		case activity.UnfinishedScenario:
			got = append(got, "scenario "+u.Scenario.ID+" at "+u.Scene.Title)
		}
	}
	want := "exam m at 1 of 3, 1 answered, 8m0s left; scenario s at First; quiz p at 2 of 3; reading r page 1"
	if strings.Join(got, "; ") != want {
		t.Errorf("Unfinished =\n  %s\nwant\n  %s", strings.Join(got, "; "), want)
	}

	// Past the deadline the exam is submitted as it stood, and not listed.
	clk.at(20 * time.Minute)
	list, err = l.Unfinished(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.Kind == activity.UnfinishedExam {
			t.Errorf("an exam past its deadline is still listed: %+v", u)
		}
	}
	if atts, _ := l.Attempts(ctx, "m", progress.ModeExam); len(atts) != 1 || !atts[0].Done() {
		t.Errorf("the expired exam was not settled: %+v", atts)
	}
}
