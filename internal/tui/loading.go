package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/tui/common"
)

// LoadResult is the outcome of loading the full library in the background.
type LoadResult struct {
	// Library is the full library; nil when nothing usable loaded.
	Library *content.Library
	// Problems describe content errors, one line each; those files were
	// skipped and the rest loaded.
	Problems []string
	// Err is set when nothing usable loaded.
	Err error
}

// libraryLoadedMsg carries the full library to the root.
type libraryLoadedMsg struct{ res LoadResult }

// loadCmd runs load in a command.
func loadCmd(load func() LoadResult) tea.Cmd {
	return func() tea.Msg { return libraryLoadedMsg{res: load()} }
}

// needsFull reports whether a navigation message needs the full library
// (pages, questions, scenes or the catalogue).
func needsFull(msg tea.Msg) bool {
	switch msg.(type) {
	case common.OpenModuleMsg, common.OpenQuizMsg, common.OpenExamMsg, common.OpenScenarioMsg,
		common.OpenGlossaryMsg, common.OpenDashboardMsg, common.OpenReviewMsg:
		return true
	}
	return false
}

// loadingScreen stands in for a screen that needs the full library while
// it loads; the root replaces it with that screen when the library arrives.
type loadingScreen struct {
	c             *common.Common
	pending       tea.Msg
	width, height int
}

func newLoading(c *common.Common, pending tea.Msg) *loadingScreen {
	return &loadingScreen{c: c, pending: pending, width: c.Width, height: c.Height}
}

func (l *loadingScreen) Init() tea.Cmd { return nil }

func (l *loadingScreen) SetSize(w, h int) { l.width, l.height = w, h }

func (l *loadingScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, l.c.Keys.Back) {
		return l, common.Cmd(common.BackMsg{})
	}
	return l, nil
}

func (l *loadingScreen) View() string {
	s := l.c.Styles
	lines := []string{
		s.Title.Render("frontline"),
		"",
		s.Subtitle.Render("Loading the curriculum…"),
		"",
		s.Subtle.Render("What you chose opens by itself in a moment. esc goes back."),
	}
	return common.FitLines(lines, l.height)
}

func (l *loadingScreen) ShortHelp() []key.Binding {
	return []key.Binding{l.c.Keys.Back, l.c.Keys.QuickExit}
}

func (l *loadingScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{l.c.Keys.Back, l.c.Keys.Quit, l.c.Keys.QuickExit}}
}
