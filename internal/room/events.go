package room

import (
	"sync"

	"frontline/internal/workshop"
)

// The room's vocabulary lives in internal/workshop, where the console and
// the screens read it; these names keep the room's own API.
type (
	// State is where a trainee is in the room.
	State = workshop.State
	// Activity is what a trainee is doing.
	Activity = workshop.Activity
	// LastAnswer is a trainee's most recent answer in free mode.
	LastAnswer = workshop.LastAnswer
	// Member is one trainee as the room sees them.
	Member = workshop.Member
	// EventKind says what happened.
	EventKind = workshop.EventKind
	// Event is one change in the room.
	Event = workshop.Event
)

// Trainee states and event kinds (see internal/workshop).
const (
	Connected = workshop.Connected
	Dropped   = workshop.Dropped
	Left      = workshop.Left

	EventJoined    = workshop.EventJoined
	EventRejoined  = workshop.EventRejoined
	EventDropped   = workshop.EventDropped
	EventLeft      = workshop.EventLeft
	EventActivity  = workshop.EventActivity
	EventAnswered  = workshop.EventAnswered
	EventCompleted = workshop.EventCompleted
	EventRefused   = workshop.EventRefused
	EventLed       = workshop.EventLed
	EventLedAnswer = workshop.EventLedAnswer
	EventRemoved   = workshop.EventRemoved
	EventExam      = workshop.EventExam
)

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
