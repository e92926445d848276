package workshop

import (
	"time"

	"frontline/internal/content"
)

// Mode is how the room works now.
type Mode int

// Modes.
const (
	// ModeFree: each trainee studies on their own.
	ModeFree Mode = iota
	// ModeLed: every trainee's screen shows what the trainer chose.
	ModeLed
	// ModeExam: the room sits a module's exam together, to one deadline.
	ModeExam
)

// String names the mode.
func (m Mode) String() string {
	switch m {
	case ModeLed:
		return "led"
	case ModeExam:
		return "exam"
	}
	return "free"
}

// Who chose a decision the room took.
const (
	ByMajority = "majority"
	ByTrainer  = "trainer"
)

// Move is one decision the room took in the case study it plays together:
// at Scene, the action Option (0-based), chosen By the majority or the
// trainer.
type Move struct {
	Scene  string `json:"scene"`
	Option int    `json:"option"`
	By     string `json:"by"`
}

// Sitting is the exam the room sits: the module, the settings the
// trainer fixed (trainees cannot change them) and the deadline everyone
// shares.
type Sitting struct {
	Module   string               `json:"module"`
	Settings content.ExamSettings `json:"settings"`
	Started  time.Time            `json:"started"`
	Deadline time.Time            `json:"deadline"` // zero: untimed
}

// Led is how the room is led: the room's state that every trainee's
// screen, the console and the projector follow. It is what a room keeps
// in its folder, so a restarted room carries on where it was.
type Led struct {
	Mode Mode `json:"mode"`
	// Step counts the items the room has been led to, so a screen can tell
	// a new item from the same one sent again.
	Step     int  `json:"step"`
	Item     Item `json:"item"`
	Revealed bool `json:"revealed"`
	// Path is the room's way through the case study it plays (the
	// scenario of the last scene led to): the scenes visited, the last the
	// current one; Moves are the decisions the room took, one per scene
	// left.
	Path  []string `json:"path,omitempty"`
	Moves []Move   `json:"moves,omitempty"`
	// Exam is the room's exam while the mode is ModeExam (and after, until
	// another starts, so late submissions are still counted).
	Exam *Sitting `json:"exam,omitempty"`
}

// Came is the decision that brought the room to the current scene, if
// the room reached it by one.
func (l Led) Came() (Move, bool) {
	if l.Item.Kind != KindScene || len(l.Moves) == 0 || len(l.Path) < 2 || len(l.Moves) != len(l.Path)-1 {
		return Move{}, false
	}
	return l.Moves[len(l.Moves)-1], true
}

// Status is what a trainer's console shows of the led room: the state,
// and the live counts of the answers to the current item (with their
// distributions, which the console shows only when Shown).
type Status struct {
	Led
	Counts []Count
	// Present is how many trainees have a seat (an app running).
	Present int
}

// SeatView is what one trainee's screen is told: the room's state, the
// counts once the trainer has revealed them (Public: anonymous, and
// empty below MinAnswers), and the trainee's own answers to the current
// item (options chosen, in module order), so a screen that restarted
// knows what it answered.
type SeatView struct {
	Led
	Counts []Count
	Mine   map[string][]int
}

// ProjectorView is what the projector shows: the room's state and, once
// revealed, the public counts. It holds no names.
type ProjectorView struct {
	Led
	Counts []Count
	// Answered is how many answered the current item so far (the first
	// part's count), Present how many trainees are in; Submitted how many
	// submitted the room's exam.
	Answered, Present, Submitted int
	// Room and JoinCommand tell the room how to join, shown in free mode.
	Room, JoinCommand string
}

// Info is what a console shows about the room itself.
type Info struct {
	Name string
	// Code is the room code trainees type; ProjectorCode the separate
	// code that opens the projector view.
	Code, ProjectorCode string
	// Join are the commands trainees type (one per network address);
	// Projector the command for the projector view on this laptop.
	Join      []string
	Projector string
	// Dir is the room's folder.
	Dir     string
	HostKey string
}

// Exported is what an export of the class's results wrote.
type Exported struct {
	Files []string
}

// Console is what a trainer's console needs from a room: what it shows
// (Info, Roster, Status, the events) and what the trainer does. Every
// action returns an error worded for the trainer. internal/room
// implements it.
type Console interface {
	Info() Info
	Library() *content.Library
	Roster() []Member
	Status() Status
	// Subscribe returns the room's events from now on, buffered n deep,
	// and a function that stops them.
	Subscribe(n int) (<-chan Event, func())
	// Lead moves every trainee's screen to it (led mode).
	Lead(it Item) error
	// Reveal shows trainees their own feedback and the room's counts.
	Reveal() error
	// Follow moves the room on from a scene by a decision: option
	// (0-based) chosen by the trainer, or the majority when option < 0.
	Follow(option int) error
	// Release returns the room to free mode: trainees go back to where
	// they were.
	Release() error
	// StartExam starts module's exam for the whole room with a time limit
	// (0: the module's) and a pass mark (0: the module's; it may only be
	// raised).
	StartExam(module string, limit time.Duration, passMark int) error
	// Extend gives one trainee's exam extra time.
	Extend(name string, d time.Duration) error
	// Remove takes a trainee out of the room: their app ends and they
	// cannot come back; their records are kept.
	Remove(name string) error
	// SetClosed closes the room to new trainees (or opens it again).
	SetClosed(closed bool)
	Closed() bool
	// Export writes the class's results into the room's folder.
	Export() (Exported, error)
}

// Link is what a trainee's app tells the room it is led by: an answer
// to part of the item of step, already saved in the trainee's own
// records; chosen are options in module order (an ordering question's
// order).
type Link interface {
	Answer(step int, part string, chosen []int)
}
