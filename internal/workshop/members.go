package workshop

import (
	"time"

	"frontline/internal/content"
)

// State is where a trainee is in the room.
type State int

// Trainee states.
const (
	// Connected: their terminal is attached to their seat.
	Connected State = iota
	// Dropped: their connection went (or was closed after being idle);
	// their seat is kept and they can come back with their rejoin word.
	Dropped
	// Left: they quit the app, or the workshop ended; their progress is
	// kept and a rejoin starts from the home screen.
	Left
)

// String names the state.
func (s State) String() string {
	switch s {
	case Connected:
		return "connected"
	case Dropped:
		return "dropped"
	}
	return "left"
}

// Activity is what a trainee is doing, as their store writes show it.
type Activity struct {
	// Kind is "module" (reading), "practice", "exam", "review" or "led" (a
	// quiz attempt), "scenario", or "" before anything was opened.
	Kind   string
	ItemID string // module or scenario id
	// Position is the page (module), question index (quiz) or number of
	// scenes visited (scenario); Of is the total when known (0 otherwise).
	Position, Of int
	// Scene is the current scene of a scenario.
	Scene string
	// Finished is set when the attempt or run was just finished.
	Finished bool
	At       time.Time
}

// LastAnswer is a trainee's most recent answer in free mode. Answers to
// what the trainer leads the room to are not shown here: the room sees
// those only as anonymous counts.
type LastAnswer struct {
	ModuleID   string
	QuestionID string
	Correct    bool
	Score      float64
	At         time.Time
}

// ExamProgress is a trainee's progress in the exam the room sits.
type ExamProgress struct {
	Module string
	// Begun is set once they have begun (their attempt is stored).
	Begun bool
	// Answered of Of questions have an answer.
	Answered, Of int
	// Deadline is their deadline: the room's, plus Extension.
	Deadline  time.Time
	Extension time.Duration
	// Finished is set once the exam is submitted (by them or the clock),
	// with its result.
	Finished bool
	Percent  float64
	Passed   bool
}

// Left is the time left at now (0 once past the deadline; -1 untimed).
func (e ExamProgress) Left(now time.Time) time.Duration {
	if e.Deadline.IsZero() {
		return -1
	}
	return max(e.Deadline.Sub(now), 0)
}

// Member is one trainee as the room sees them: what a trainer's console
// shows in its roster. Members are values; a room's Roster returns copies.
type Member struct {
	Name  string
	Role  content.Role
	State State
	// Since is when State last changed.
	Since    time.Time
	Joined   time.Time
	Activity Activity
	Last     LastAnswer // zero when they have not answered yet
	// Answers and Correct count their answers in this room, Completed the
	// modules they completed (from the store when the room opens, then
	// as they go).
	Answers, Correct int
	Completed        int
	// Key is the fingerprint of the key they joined with (authorized-keys),
	// or "".
	Key string
	// LedAnswered is how many parts of what the room is led to now (a
	// question; a scene's checkpoints and decision) they have answered.
	// It says that they answered, never what.
	LedAnswered int
	// Exam is their progress in the room's exam; nil when there is none.
	Exam *ExamProgress
	// Removed is set when the trainer removed them from the room: they
	// cannot come back, and their records are kept.
	Removed bool
}

// EventKind says what happened.
type EventKind int

// Event kinds.
const (
	EventJoined EventKind = iota
	EventRejoined
	EventDropped
	EventLeft
	EventActivity
	EventAnswered
	EventCompleted
	// EventRefused is a join refused (name taken, wrong rejoin word, room
	// full); Member holds the name asked for.
	EventRefused
	// EventLed is a change in how the room is led: a new item, a reveal,
	// the room moving on, free mode, an exam started. Member is empty.
	EventLed
	// EventLedAnswer is a trainee answering what the room is led to (never
	// what they chose).
	EventLedAnswer
	// EventRemoved is the trainer removing a trainee.
	EventRemoved
	// EventExam is a change in a trainee's exam: begun, extended,
	// submitted.
	EventExam
)

var eventNames = [...]string{"joined", "rejoined", "dropped", "left", "activity", "answered", "completed", "refused",
	"led", "led answer", "removed", "exam"}

// String names the kind.
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "event"
}

// Event is one change in the room. Member is the trainee as they are after
// the change.
type Event struct {
	Kind   EventKind
	At     time.Time
	Member Member
	// Detail says more in a few words (why a join was refused, how a
	// trainee left, what the room is led to).
	Detail string
}
