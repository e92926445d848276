// Package common holds what every screen of the terminal app shares: the
// Common value (size, styles, keys, render cache, store, library, learner,
// logger), the Screen interface, the navigation messages screens emit and
// the root routes on, and small layout helpers.
package common

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/workshop"
)

// Common is passed to every screen's constructor. The root owns it and
// updates Width and Height; screens read it.
type Common struct {
	Width, Height int
	Renderer      *lipgloss.Renderer
	Styles        *Styles
	Keys          KeyMap
	Render        *RenderCache
	Store         progress.Store
	Library       *content.Library
	// Partial is true while Library holds front matter only (titles,
	// summaries, roles) and the full library is still loading: no pages,
	// questions, scenes or catalogue yet. The root swaps the full library
	// in and sends LibraryReadyMsg to every screen.
	Partial bool
	Profile progress.Profile
	Log     *log.Logger
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Exam, when set, replaces a module's exam settings (already tightened
	// by the caller).
	Exam *content.ExamSettings
	// Context is the session's context: it ends with the terminal or the
	// connection, and cancels the session's store calls.
	Context context.Context
	// Seal, when set, seals finished exam attempts (a machine with an
	// issuer key).
	Seal   activity.Sealer
	Signed bool
	// Locked is set when the learner is fixed for this terminal (a
	// workshop trainee): there is no switching learner.
	Locked bool
	// Room, in a workshop room, is where the trainee's answers to what the
	// trainer leads the room to are reported (after they are saved); nil
	// elsewhere.
	Room workshop.Link
	// Flags are the global flags a printed command must repeat
	// (activity.Learner.Flags).
	Flags []string
}

// Ctx returns a context for one store call: the session's context, bounded
// so a stuck disk cannot hang the app (activity.Call).
func (c *Common) Ctx() (context.Context, context.CancelFunc) {
	return activity.Call(c.Context)
}

// Learner is who is learning, with the store and clock their sessions
// record through. It is built on each call, so a restored store or a newly
// chosen learner is always the one used.
func (c *Common) Learner() *activity.Learner {
	return &activity.Learner{Store: c.Store, Profile: c.Profile, Now: c.Now, Log: c.Log, Seal: c.Seal, Signed: c.Signed, Flags: c.Flags}
}

// SavePending saves a pending write in a command and reports it as a
// SavedMsg with the tag.
func (c *Common) SavePending(tag string, p activity.Pending) tea.Cmd {
	if p.Empty() {
		return nil
	}
	return c.SaveCmd(tag, p.Save)
}

// Logf writes to the log file, if any.
func (c *Common) Logf(format string, args ...any) {
	if c.Log != nil {
		c.Log.Printf(format, args...)
	}
}

// Screen is one page of the app.
type Screen interface {
	help.KeyMap
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	// SetSize gives the screen the space it may draw in.
	SetSize(width, height int)
}

// Busy is implemented by screens that hold unsaved or in-flight work (a
// quiz, an exam, a scenario): quitting from them asks for confirmation.
type Busy interface{ Busy() bool }

// Capturing is implemented by screens with a text field: while it reports
// true, every key except the quick exit goes to the screen.
type Capturing interface{ Capturing() bool }

// Navigation messages. Screens never import each other; they return these
// and the root switches screens.
type (
	// BackMsg closes the current screen.
	BackMsg struct{}
	// HomeMsg returns to the library, closing everything else.
	HomeMsg struct{}
	// OpenModuleMsg opens a module in the reader at a page. Like the other
	// Open messages of a module or scenario, it shows the item's content
	// note first, unless NoteSeen.
	OpenModuleMsg struct {
		ModuleID string
		Page     int
		NoteSeen bool
	}
	// OpenQuizMsg starts a practice quiz; Questions limits it to some ids
	// (nil means all), Mode is practice or review. Resume carries on an
	// unfinished quiz at once, without asking.
	OpenQuizMsg struct {
		ModuleID  string
		Questions []string
		Mode      progress.Mode
		NoteSeen  bool
		Resume    bool
	}
	// OpenScenarioMsg plays a scenario; Resume carries on an unfinished
	// run at once, without asking.
	OpenScenarioMsg struct {
		ScenarioID string
		NoteSeen   bool
		Resume     bool
	}
	// OpenExamMsg starts or resumes an exam.
	OpenExamMsg struct {
		ModuleID string
		NoteSeen bool
	}
	// OpenGlossaryMsg opens the glossary, at the given indicators if any.
	OpenGlossaryMsg struct{ Indicators []string }
	// OpenReviewMsg starts a review session over the learner's due items;
	// the content notes of the modules its questions come from are shown
	// first, unless NoteSeen.
	OpenReviewMsg struct {
		Due      []progress.ReviewItem
		NoteSeen bool
	}
	// ReplaceMsg closes the current screen and opens Next (a navigation
	// message) in its place.
	ReplaceMsg struct{ Next tea.Msg }
	// LibraryReadyMsg tells every screen that Common.Library now holds the
	// full library (pages, questions, scenes and the catalogue).
	LibraryReadyMsg struct{}
	// OpenDashboardMsg opens the progress dashboard.
	OpenDashboardMsg struct{}
	// OpenProfilesMsg opens the learner picker.
	OpenProfilesMsg struct{}
	// ProfileChosenMsg sets the learner and goes home.
	ProfileChosenMsg struct{ Profile progress.Profile }
	// SkipItemMsg skips an item after its content note: the root closes
	// the note.
	SkipItemMsg struct{ Kind, ID string }
	// ErrorMsg shows an error screen.
	ErrorMsg struct{ Err error }
	// SavedMsg reports the result of a store write; Err wraps
	// progress.ErrNotSaved when the write was refused.
	SavedMsg struct {
		Tag string
		Err error
	}
	// LedMsg tells a workshop trainee's app how the room is led now: in
	// led mode the root shows the led screen over whatever the trainee was
	// doing; in exam mode it opens the room's exam; in free mode the led
	// screen closes and the trainee is back where they were.
	LedMsg struct{ View workshop.SeatView }
	// ExamExtendedMsg tells a trainee's app that the trainer gave their
	// exam at Module extra time: an open exam reads its new deadline.
	ExamExtendedMsg struct{ Module string }
)

// Cmd wraps a message as a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// SaveCmd runs a store write in a command and reports it as a SavedMsg with
// the tag.
func (c *Common) SaveCmd(tag string, write func(ctx context.Context) error) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := c.Ctx()
		defer cancel()
		err := write(ctx)
		if err != nil {
			c.Logf("save %s: %v", tag, err)
		}
		return SavedMsg{Tag: tag, Err: err}
	}
}

// SaveText is the status text for a save result: "saved" only after the
// store said so.
func SaveText(s *Styles, err error, pending bool) string {
	switch {
	case pending:
		return s.Subtle.Render("saving…")
	case err == nil:
		return s.Right.Render(s.Symbols.Right + " saved")
	}
	return s.Wrong.Render(s.Symbols.Wrong + " not saved")
}

// NotSavedText is the banner text for a failed write.
func NotSavedText(err error) string {
	return fmt.Sprintf("Not saved: %v", err)
}
