package room

import (
	"sync"
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
	// Kind is "module" (reading), "practice", "exam" or "review" (a quiz
	// attempt), "scenario", or "" before anything was opened.
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

// LastAnswer is a trainee's most recent answer.
type LastAnswer struct {
	ModuleID   string
	QuestionID string
	Correct    bool
	Score      float64
	At         time.Time
}

// Member is one trainee as the room sees them: what a trainer's console
// shows in its roster. Members are values; Room.Roster returns copies.
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
)

var eventNames = [...]string{"joined", "rejoined", "dropped", "left", "activity", "answered", "completed", "refused"}

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
	// trainee left).
	Detail string
}

// bus hands events to subscribers. Publishing never blocks: a subscriber
// whose buffer is full misses the event (and Dropped counts it), so a slow
// console can never hold up a trainee's answer.
type bus struct {
	mu      sync.Mutex
	subs    map[int]chan Event
	next    int
	dropped int
}

func newBus() *bus { return &bus{subs: map[int]chan Event{}} }

func (b *bus) subscribe(n int) (<-chan Event, func()) {
	if n < 1 {
		n = 1
	}
	ch := make(chan Event, n)
	b.mu.Lock()
	id := b.next
	b.next++
	b.subs[id] = ch
	b.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			if _, ok := b.subs[id]; ok { // not already closed by close()
				delete(b.subs, id)
				close(ch)
			}
		})
	}
}

func (b *bus) publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		select {
		case ch <- e:
		default:
			b.dropped++
		}
	}
}

func (b *bus) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, ch := range b.subs {
		delete(b.subs, id)
		close(ch)
	}
}
