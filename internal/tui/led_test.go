package tui

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"frontline/internal/progress"
	"frontline/internal/tui/common"
	"frontline/internal/workshop"
)

// roomLink is the room as a trainee's app sees it: it keeps the answers
// reported.
type roomLink struct {
	mu      sync.Mutex
	answers []string
}

func (l *roomLink) Answer(step int, part string, chosen []int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.answers = append(l.answers, fmt.Sprintf("%d %s %v", step, part, chosen))
}

func (l *roomLink) got() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.answers...)
}

// ledView is a view of the room at step, as the room sends it.
func ledView(step int, it workshop.Item, revealed bool) workshop.SeatView {
	return workshop.SeatView{Led: workshop.Led{Mode: workshop.ModeLed, Step: step, Item: it, Revealed: revealed}}
}

// TestLedGolden walks a trainee's screen through a led session: a page, a
// question answered with no feedback then revealed with the room's
// answers, the case study's scene (a checkpoint, a vote), the room moving
// on by its majority, and free mode taking the trainee back to where they
// were.
func TestLedGolden(t *testing.T) {
	golden(t, "led", storeWithLearner, "", func(d *driver, s *snapshots) {
		link := &roomLink{}
		d.m.c.Room = link
		d.keys("down") // the trainee was somewhere of their own
		send := func(v workshop.SeatView) { d.send(common.LedMsg{View: v}) }

		page := workshop.Item{Kind: workshop.KindPage, Module: "labour", Page: 1}
		send(ledView(1, page, false))
		s.add("page", d)

		q := workshop.Item{Kind: workshop.KindQuestion, Module: "labour", Question: "passport"}
		send(ledView(2, q, false))
		s.add("question", d)
		d.keys("2", "enter")
		s.add("answered", d)
		v := ledView(2, q, true)
		v.Mine = map[string][]int{workshop.KeyQuestion: {1}}
		counts := workshop.Tally(workshop.Parts(d.m.c.Library, q), map[string]map[string][]int{
			"a": {workshop.KeyQuestion: {1}}, "b": {workshop.KeyQuestion: {1}}, "c": {workshop.KeyQuestion: {0}}})
		for _, c := range counts {
			v.Counts = append(v.Counts, c.Public())
		}
		send(v)
		s.add("revealed", d)

		scene := workshop.Item{Kind: workshop.KindScene, Scenario: "farm", Scene: "arrival"}
		sv := ledView(3, scene, false)
		sv.Path = []string{"arrival"}
		send(sv)
		s.add("scene checkpoint", d)
		d.keys("1", "enter")
		s.add("scene decision", d)
		d.keys("2", "enter")
		s.add("voted", d)

		next := workshop.Item{Kind: workshop.KindScene, Scenario: "farm", Scene: "private"}
		nv := ledView(4, next, false)
		nv.Path = []string{"arrival", "private"}
		nv.Moves = []workshop.Move{{Scene: "arrival", Option: 0, By: workshop.ByMajority}}
		send(nv)
		s.add("moved on by the majority", d)

		send(workshop.SeatView{Led: workshop.Led{Mode: workshop.ModeFree, Step: 4}})
		s.add("free mode", d)

		want := []string{"2 question [1]", "3 checkpoint:0 [0]", "3 decision [1]"}
		if got := link.got(); !reflect.DeepEqual(got, want) {
			t.Errorf("reported to the room: %v, want %v", got, want)
		}
		// The trainee's own records: one led attempt, and a finished run
		// that took the room's decision and kept their vote.
		atts, _ := d.m.c.Store.Attempts(t.Context(), 1, "labour", progress.ModeLed)
		if len(atts) != 1 || !atts[0].Done() || atts[0].Score != 1 {
			t.Errorf("led attempts %+v", atts)
		}
		runs, _ := d.m.c.Store.Runs(t.Context(), 1, "farm")
		if len(runs) != 1 || !runs[0].Done() || runs[0].Ending != "private" || runs[0].Decisions[0].Vote != 1 || runs[0].Decisions[0].By != workshop.ByMajority {
			t.Errorf("runs %+v", runs)
		}
		for _, f := range []string{"Trainer notes", "Allow 25 minutes", "Discuss who should interpret"} {
			if strings.Contains(s.b.String(), f) {
				t.Errorf("a trainee's screen shows the trainer's notes (%q)", f)
			}
		}
	})
}

// TestLedExamSitting: exam mode opens the room's exam with its settings
// and deadline, and a submitted sitting is not offered again.
func TestLedExamSitting(t *testing.T) {
	st := storeWithLearner(t)
	d := newDriver(t, st, testLibrary(), "Sam", "", 80, 24)
	sit := &workshop.Sitting{Module: "labour", Started: testNow, Deadline: testNow.Add(10 * time.Minute)}
	sit.Settings.Questions, sit.Settings.PassMark = 3, 90
	d.send(common.LedMsg{View: workshop.SeatView{Led: workshop.Led{Mode: workshop.ModeExam, Exam: sit}}})
	f := d.frame()
	for _, want := range []string{"The room's exam, set by the trainer", "10:00 left, until", "pass mark 90%", "The room shares one deadline"} {
		if !strings.Contains(f, want) {
			t.Errorf("exam intro lacks %q:\n%s", want, f)
		}
	}
	d.keys("enter")
	if f := d.frame(); !strings.Contains(f, "question 1 of 3") || !strings.Contains(f, "10:00 left") {
		t.Errorf("taking the room's exam:\n%s", f)
	}
}
