package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/tui/common"
	"frontline/internal/tui/dashboard"
	"frontline/internal/tui/exam"
	"frontline/internal/tui/glossary"
	"frontline/internal/tui/note"
	"frontline/internal/tui/quiz"
	"frontline/internal/tui/scenario"
)

// openMore builds the screens other than reader, library and profiles. It
// reports false for messages that are not navigation; a nil screen with
// true means the target was not found (the error is shown).
func (m *Model) openMore(msg tea.Msg) (common.Screen, bool) {
	c := m.c
	switch msg := msg.(type) {
	case common.OpenQuizMsg:
		mod, ok := c.Library.Module(msg.ModuleID)
		if !ok || len(mod.Questions) == 0 {
			m.err = fmt.Errorf("module %q has no quiz", msg.ModuleID)
			return nil, true
		}
		if m.closed(mod) {
			return nil, true
		}
		q := quiz.New(c, mod, msg.Questions, msg.Mode)
		if msg.Resume {
			q = q.Resuming()
		}
		return q, true
	case common.OpenReviewMsg:
		return quiz.NewReview(c, activity.PlanReview(c.Library, msg.Due)), true
	case common.OpenExamMsg:
		mod, ok := c.Library.Module(msg.ModuleID)
		if !ok || len(mod.Questions) == 0 {
			m.err = fmt.Errorf("module %q has no questions for an exam", msg.ModuleID)
			return nil, true
		}
		return exam.New(c, mod), true
	case common.OpenScenarioMsg:
		sc, ok := c.Library.Scenario(msg.ScenarioID)
		if !ok {
			m.err = fmt.Errorf("no case study %q", msg.ScenarioID)
			return nil, true
		}
		s := scenario.New(c, sc)
		if msg.Resume {
			s = s.Resuming()
		}
		return s, true
	case common.OpenGlossaryMsg:
		return glossary.New(c, msg.Indicators), true
	case common.OpenDashboardMsg:
		return dashboard.New(c), true
	}
	return nil, false
}

// noteFirst returns the content-note screen to show before what msg opens,
// when that has a note the learner has not just had; continuing on it
// sends msg again, marked as seen.
func (m *Model) noteFirst(msg tea.Msg) (common.Screen, bool) {
	lib := m.c.Library
	var item note.Item
	var next tea.Msg
	var reads []noteRead
	seen := true
	switch msg := msg.(type) {
	case common.OpenModuleMsg:
		item, seen = m.moduleNote(msg.ModuleID, "", "module", "read"), msg.NoteSeen
		reads = m.moduleRead(msg.ModuleID)
		msg.NoteSeen = true
		next = msg
	case common.OpenQuizMsg:
		item, seen = m.moduleNote(msg.ModuleID, " · quiz", "quiz", "take"), msg.NoteSeen
		reads = m.moduleRead(msg.ModuleID)
		msg.NoteSeen = true
		next = msg
	case common.OpenExamMsg:
		item, seen = m.moduleNote(msg.ModuleID, " · exam", "exam", "take"), msg.NoteSeen
		reads = m.moduleRead(msg.ModuleID)
		msg.NoteSeen = true
		next = msg
	case common.OpenScenarioMsg:
		if sc, ok := lib.Scenario(msg.ScenarioID); ok {
			item = note.Item{Title: sc.Title + " · case study", Kind: "scenario", ID: sc.ID, Text: sc.ContentNote, Verb: "play"}
			reads = []noteRead{{"scenario", sc.ID, sc.ContentNote}}
		}
		seen = msg.NoteSeen
		msg.NoteSeen = true
		next = msg
	case common.OpenReviewMsg:
		if seen = msg.NoteSeen; !seen {
			parts := activity.PlanReview(lib, msg.Due).Parts
			mods := make([]*content.Module, len(parts))
			for i, p := range parts {
				mods[i] = p.Module
			}
			item = note.Item{Title: "Review", Kind: "review", Text: reviewNote(mods), Verb: "take"}
			for _, mod := range mods {
				reads = append(reads, noteRead{"module", mod.ID, mod.ContentNote})
			}
		}
		msg.NoteSeen = true
		next = msg
	}
	if seen || strings.TrimSpace(item.Text) == "" {
		return nil, false
	}
	// Once per item: a note the learner has read is not shown again,
	// unless they asked to see notes every time or it was reworded.
	ctx, cancel := m.c.Ctx()
	defer cancel()
	l := m.c.Learner()
	item.Always = l.AlwaysShowNotes(ctx)
	due := false
	for _, r := range reads {
		if l.NoteDue(ctx, r.kind, r.id, r.text) {
			due = true
		}
		item.Read = item.Read.Then(l.NoteRead(r.kind, r.id, r.text))
	}
	if !due {
		return nil, false
	}
	return note.New(m.c, item, next), true
}

// noteRead names one item's content note, as it is recorded once read.
type noteRead struct{ kind, id, text string }

// moduleNote is the note before module id's reader, quiz or exam (an
// empty one when there is no such module).
func (m *Model) moduleNote(id, suffix, kind, verb string) note.Item {
	mod, ok := m.c.Library.Module(id)
	if !ok {
		return note.Item{}
	}
	return note.Item{Title: mod.Title + suffix, Kind: kind, ID: mod.ID, Text: mod.ContentNote, Verb: verb}
}

// moduleRead is module id's content note as it is recorded once read.
func (m *Model) moduleRead(id string) []noteRead {
	if mod, ok := m.c.Library.Module(id); ok {
		return []noteRead{{"module", mod.ID, mod.ContentNote}}
	}
	return nil
}

// reviewNote gathers the content notes of the modules a review session
// draws on: the note itself when one module has one, else each note after
// its module's title.
func reviewNote(mods []*content.Module) string {
	var with []*content.Module
	for _, mod := range mods {
		if strings.TrimSpace(mod.ContentNote) != "" {
			with = append(with, mod)
		}
	}
	if len(with) == 1 {
		return with[0].ContentNote
	}
	paras := make([]string, len(with))
	for i, mod := range with {
		paras[i] = mod.Title + ": " + mod.ContentNote
	}
	return strings.Join(paras, "\n\n")
}
