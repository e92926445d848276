package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/progress"
	"frontline/internal/tui/common"
	"frontline/internal/tui/dashboard"
	"frontline/internal/tui/exam"
	"frontline/internal/tui/glossary"
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
		return quiz.New(c, mod, msg.Questions, msg.Mode), true
	case common.OpenReviewMsg:
		parts, also := quiz.ReviewParts(c.Library, msg.Due)
		if len(parts) == 0 && len(also) > 0 {
			// Only indicators no question asks about: show them.
			return glossary.New(c, also), true
		}
		return quiz.NewSession(c, parts, progress.ModeReview, also), true
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
		return scenario.New(c, sc), true
	case common.OpenGlossaryMsg:
		return glossary.New(c, msg.Indicators), true
	case common.OpenDashboardMsg:
		return dashboard.New(c), true
	}
	return nil, false
}
