package room

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"frontline/internal/activity"
	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/tui/common"
)

// Errors Join returns; the join screen turns each into a sentence.
var (
	// ErrNameTaken: someone in the room has this name (or one that looks
	// the same) and no rejoin word was given.
	ErrNameTaken = errors.New("name taken")
	// ErrWrongWord: the rejoin word does not match the name.
	ErrWrongWord = errors.New("wrong rejoin word")
	// ErrRoomFull: every seat is taken.
	ErrRoomFull = errors.New("room full")
	// ErrRoomClosed: the trainer closed the room to new trainees.
	ErrRoomClosed = errors.New("room closed to new trainees")
	// ErrEnded: the workshop is ending.
	ErrEnded = errors.New("workshop ended")
)

// RosterFile is the room's list of trainees in its folder.
const RosterFile = "room.json"

var roomNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidRoomName reports whether name can name a room (and its folder):
// letters, digits, dot, dash and underscore, starting with a letter or
// digit, at most 64 characters.
func ValidRoomName(name string) bool { return roomNameRe.MatchString(name) }

// RoomDir is the folder of room name inside the data folder.
func RoomDir(dataDir, name string) string { return filepath.Join(dataDir, "rooms", name) }

// RoomConfig is what OpenRoom needs.
type RoomConfig struct {
	Name    string
	DataDir string // the trainer's data folder
	Library *content.Library
	Theme   string // "auto", "dark" or "light": the default for every trainee
	// MaxSeats is the most trainees with an app running at once.
	MaxSeats int
	Log      *log.Logger
	Now      func() time.Time
	// Store, when set, is used instead of opening the room's SQLite store
	// (tests); the room closes it.
	Store progress.Store
	// Seal seals trainees' finished exams (app.Sealer with the trainer's
	// issuer key, if any); Signed says it signs. Nil: exams are not sealed.
	Seal   activity.Sealer
	Signed bool
}

// Room is a workshop room: its trainees (the roster, kept in the room's
// folder with their rejoin words' hashes), their seats (a running app
// each), the room's progress store, and a stream of events a trainer's
// console can follow.
//
// The room's folder is RoomDir(DataDir, Name): progress.db (one SQLite
// store for every trainee of the room) and room.json (the roster).
// Reopening a room with the same name finds its trainees again.
type Room struct {
	cfg     RoomConfig
	dir     string
	store   progress.Store
	renders *common.RenderShare
	bus     *bus
	log     *log.Logger
	now     func() time.Time

	joinMu sync.Mutex // one join at a time: profile creation and the roster file

	mu       sync.Mutex
	trainees map[string]*trainee // by name skeleton
	seats    map[string]*Seat    // running apps, by name skeleton
	closed   bool                // closed to new trainees
	ending   bool
	seatWG   sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

// trainee is one roster entry; the exported fields are saved.
type trainee struct {
	Name      string       `json:"name"`
	Role      content.Role `json:"role"`
	ProfileID int64        `json:"profile"`
	Salt      string       `json:"salt"`
	Rejoin    string       `json:"rejoin"`
	Key       string       `json:"key,omitempty"`
	Joined    time.Time    `json:"joined"`

	member Member
}

type rosterFile struct {
	Version  int        `json:"version"`
	Room     string     `json:"room"`
	Trainees []*trainee `json:"trainees"`
}

// OpenRoom opens (or creates) a room in the data folder.
func OpenRoom(cfg RoomConfig) (*Room, error) {
	if !ValidRoomName(cfg.Name) {
		return nil, fmt.Errorf("--room %q: use letters, digits, '.', '-' and '_' (at most 64, starting with a letter or digit)", cfg.Name)
	}
	if cfg.Library == nil {
		return nil, errors.New("open room: no content")
	}
	if cfg.MaxSeats < 1 {
		cfg.MaxSeats = 60
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard, "", 0)
	}
	dir := RoomDir(cfg.DataDir, cfg.Name)
	if err := progress.EnsureDir(dir); err != nil {
		return nil, fmt.Errorf("open room %s: %w", cfg.Name, err)
	}
	r := &Room{
		cfg: cfg, dir: dir, renders: common.NewRenderShare(), bus: newBus(), log: cfg.Log, now: cfg.Now,
		trainees: map[string]*trainee{}, seats: map[string]*Seat{},
	}
	if err := r.load(); err != nil {
		return nil, err
	}
	r.store = cfg.Store
	if r.store == nil {
		st, err := sqlite.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("open room %s: %w", cfg.Name, err)
		}
		r.store = st
	}
	r.count()
	return r, nil
}

// count fills each trainee's totals from the store, so a reopened room's
// roster shows what they did before.
func (r *Room) count() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, t := range r.trainees {
		answers, err := r.store.Answers(ctx, t.ProfileID)
		if err != nil {
			r.log.Printf("room %s: count %s's answers: %v", r.cfg.Name, t.Name, err)
			continue
		}
		t.member.Answers = len(answers)
		for _, a := range answers {
			if a.Correct {
				t.member.Correct++
			}
		}
		if n := len(answers); n > 0 {
			a := answers[n-1]
			t.member.Last = LastAnswer{ModuleID: a.ModuleID, QuestionID: a.QuestionID, Correct: a.Correct, Score: a.Score, At: a.At}
		}
		if d, err := r.store.Dashboard(ctx, t.ProfileID); err == nil {
			for _, m := range d.Modules {
				if m.Completed {
					t.member.Completed++
				}
			}
		}
	}
}

// Dir is the room's folder.
func (r *Room) Dir() string { return r.dir }

// Name is the room's name.
func (r *Room) Name() string { return r.cfg.Name }

// Store is the room's progress store (every trainee's records).
func (r *Room) Store() progress.Store { return r.store }

func (r *Room) load() error {
	path := filepath.Join(r.dir, RosterFile)
	if _, err := atomicfile.Clean(r.dir, atomicfile.TempPattern); err != nil {
		r.log.Printf("room %s: %v", r.cfg.Name, err)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var f rosterFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("%s: %w (move it away to start the room's list again; progress is kept in progress.db)", path, err)
	}
	now := r.now()
	for _, t := range f.Trainees {
		if t == nil || t.Name == "" {
			continue
		}
		t.member = Member{Name: t.Name, Role: t.Role, State: Left, Since: now, Joined: t.Joined, Key: t.Key}
		r.trainees[nameSkeleton(t.Name)] = t
	}
	return nil
}

// save writes the roster; r.joinMu is held.
func (r *Room) save() error {
	r.mu.Lock()
	f := rosterFile{Version: 1, Room: r.cfg.Name}
	for _, t := range r.trainees {
		c := *t
		f.Trainees = append(f.Trainees, &c)
	}
	r.mu.Unlock()
	sort.Slice(f.Trainees, func(i, j int) bool { return f.Trainees[i].Joined.Before(f.Trainees[j].Joined) })
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("save the room's list: %w", err)
	}
	return atomicfile.Write(filepath.Join(r.dir, RosterFile), 0o600, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

// Roster lists the room's trainees in the order they first joined.
func (r *Room) Roster() []Member {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Member, 0, len(r.trainees))
	for _, t := range r.trainees {
		out = append(out, t.member)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Joined.Equal(out[j].Joined) {
			return out[i].Joined.Before(out[j].Joined)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Subscribe returns the room's events from now on, buffered n deep, and a
// function that stops them. A subscriber that falls n events behind misses
// events rather than slowing anyone down; Roster has the current state.
func (r *Room) Subscribe(n int) (<-chan Event, func()) { return r.bus.subscribe(n) }

// SetClosed closes the room to new trainees (or opens it again). Trainees
// already on the roster can still come back.
func (r *Room) SetClosed(closed bool) {
	r.mu.Lock()
	r.closed = closed
	r.mu.Unlock()
}

// Seats is the number of running apps.
func (r *Room) Seats() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seats)
}

// note changes a trainee's member entry and publishes the change.
func (r *Room) note(sk string, kind EventKind, detail string, update func(*Member)) {
	r.mu.Lock()
	t, ok := r.trainees[sk]
	if !ok {
		r.mu.Unlock()
		return
	}
	if update != nil {
		update(&t.member)
	}
	m := t.member
	r.mu.Unlock()
	r.bus.publish(Event{Kind: kind, At: r.now(), Member: m, Detail: detail})
}

func (r *Room) setState(sk string, kind EventKind, st State, detail string) {
	now := r.now()
	r.note(sk, kind, detail, func(m *Member) { m.State, m.Since = st, now })
}

// refused publishes a refused join.
func (r *Room) refused(name, why string) {
	r.bus.publish(Event{Kind: EventRefused, At: r.now(), Member: Member{Name: name}, Detail: why})
}

// Known says whether a name (or one that looks the same) is on the
// roster, as what name, and whether key (the fingerprint of the
// connection's own authorized key, or "") is the key its trainee joined
// with.
func (r *Room) Known(name, key string) (known, keyMatches bool, asName string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.trainees[nameSkeleton(name)]
	if !ok {
		return false, false, ""
	}
	return true, key != "" && t.Key == key, t.Name
}

// KeyHolder returns the name of the trainee who joined with key, if any.
func (r *Room) KeyHolder(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range r.trainees {
		if t.Key == key {
			return t.Name, true
		}
	}
	return "", false
}

// JoinRequest is what a connection asks the room for.
type JoinRequest struct {
	Name string
	// Role is the new trainee's role (ignored for a rejoin).
	Role content.Role
	// Word is the rejoin word, for a name already on the roster.
	Word string
	// Key is the fingerprint of the connection's own authorized key (the
	// one its session was authenticated with), or "". A trainee who joined
	// with a key comes back with it, without a word.
	Key string
	// Term describes the trainee's terminal, for a seat started now.
	Term Terminal
}

// Joined is a successful join.
type Joined struct {
	Seat *Seat
	// Word is the new trainee's rejoin word ("" for a rejoin).
	Word string
	// Rejoined is set when the name was on the roster.
	Rejoined bool
	Name     string
}

// Join seats a trainee: a new name gets a profile in the room's store, a
// rejoin word and a seat; a known name with its rejoin word (or its key)
// gets its seat back, with the app exactly as it was, or a new seat if the
// app had ended.
// ctx bounds the store calls of the join (the connection's context).
func (r *Room) Join(ctx context.Context, req JoinRequest) (Joined, error) {
	name, err := cleanName(req.Name)
	if err != nil {
		return Joined{}, err
	}
	sk := nameSkeleton(name)
	r.joinMu.Lock()
	defer r.joinMu.Unlock()

	r.mu.Lock()
	if r.ending {
		r.mu.Unlock()
		return Joined{}, ErrEnded
	}
	t := r.trainees[sk]
	seat := r.seats[sk]
	full := len(r.seats) >= r.cfg.MaxSeats
	closed := r.closed
	r.mu.Unlock()

	if t != nil {
		byKey := req.Key != "" && t.Key == req.Key
		if !byKey && !wordMatches(t.Salt, t.Rejoin, req.Word) {
			if req.Word == "" {
				r.refused(name, "name taken")
				return Joined{}, ErrNameTaken
			}
			r.refused(name, "wrong rejoin word")
			return Joined{}, ErrWrongWord
		}
		if seat != nil && !seat.Ended() {
			return Joined{Seat: seat, Rejoined: true, Name: t.Name}, nil
		}
		if full {
			r.refused(name, "room full")
			return Joined{}, ErrRoomFull
		}
		seat, err := r.startSeat(sk, t, req.Term)
		if err != nil {
			return Joined{}, err
		}
		return Joined{Seat: seat, Rejoined: true, Name: t.Name}, nil
	}

	if holder, ok := r.KeyHolder(req.Key); ok {
		// One key, one trainee: the handler brings a key holder back to
		// their own seat, so this is a second name for the same key.
		r.refused(name, "key already joined as "+holder)
		return Joined{}, fmt.Errorf("%w: this key joined as %s; come back as %s", ErrNameTaken, holder, holder)
	}
	switch {
	case closed:
		r.refused(name, "room closed")
		return Joined{}, ErrRoomClosed
	case full:
		r.refused(name, "room full")
		return Joined{}, ErrRoomFull
	}
	role := req.Role
	if _, ok := content.ParseRole(string(role)); !ok {
		return Joined{}, fmt.Errorf("choose a role")
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := r.store.ProfileByName(ctx, name); err == nil {
		// In the store but not on the roster (a roster file moved away):
		// nobody can prove it is theirs.
		r.refused(name, "name taken")
		return Joined{}, ErrNameTaken
	}
	p, err := r.store.CreateProfile(ctx, name, role)
	if errors.Is(err, progress.ErrExists) {
		r.refused(name, "name taken")
		return Joined{}, ErrNameTaken
	}
	if err != nil {
		return Joined{}, fmt.Errorf("add %s to the room: %w", name, err)
	}
	word := NewRejoinWord()
	salt := newSalt()
	now := r.now()
	t = &trainee{
		Name: name, Role: role, ProfileID: p.ID, Salt: salt, Rejoin: hashWord(salt, word), Key: req.Key, Joined: now,
		member: Member{Name: name, Role: role, State: Left, Since: now, Joined: now, Key: req.Key},
	}
	r.mu.Lock()
	r.trainees[sk] = t
	r.mu.Unlock()
	if err := r.save(); err != nil {
		r.mu.Lock()
		delete(r.trainees, sk)
		r.mu.Unlock()
		return Joined{}, fmt.Errorf("add %s to the room: %w", name, err)
	}
	seat, err = r.startSeat(sk, t, req.Term)
	if err != nil {
		return Joined{}, err
	}
	return Joined{Seat: seat, Word: word, Name: name}, nil
}

// startSeat starts a trainee's app; r.joinMu is held.
func (r *Room) startSeat(sk string, t *trainee, term Terminal) (*Seat, error) {
	p := progress.Profile{ID: t.ProfileID, Name: t.Name, Role: t.Role}
	seat, err := newSeat(r, sk, p, term)
	if err != nil {
		return nil, fmt.Errorf("start %s's app: %w", t.Name, err)
	}
	r.mu.Lock()
	if r.ending {
		r.mu.Unlock()
		return nil, ErrEnded
	}
	r.seats[sk] = seat
	r.seatWG.Add(1)
	r.mu.Unlock()
	seat.start()
	return seat, nil
}

// seatEnded is called when a seat's app has stopped.
func (r *Room) seatEnded(s *Seat, how string) {
	r.mu.Lock()
	if r.seats[s.key] == s {
		delete(r.seats, s.key)
	}
	r.mu.Unlock()
	r.setState(s.key, EventLeft, Left, how)
	r.seatWG.Done()
}

// Shutdown ends the workshop: no more joins; every seat stops taking keys,
// its writes under way finish, and its app stops, showing text (for
// example "The workshop has ended; your progress is saved."). It returns
// when every seat has stopped or ctx ends.
func (r *Room) Shutdown(ctx context.Context, text string) error {
	r.mu.Lock()
	r.ending = true
	seats := make([]*Seat, 0, len(r.seats))
	for _, s := range r.seats {
		seats = append(seats, s)
	}
	r.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range seats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.End(ctx, text)
		}()
	}
	wg.Wait()
	done := make(chan struct{})
	go func() { r.seatWG.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("end the workshop: %w", ctx.Err())
	}
}

// Close stops every seat at once and closes the store and the event
// stream. Call Shutdown first for an orderly end.
func (r *Room) Close() error {
	r.closeOnce.Do(func() { r.closeErr = r.close() })
	return r.closeErr
}

func (r *Room) close() error {
	r.mu.Lock()
	r.ending = true
	seats := make([]*Seat, 0, len(r.seats))
	for _, s := range r.seats {
		seats = append(seats, s)
	}
	r.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range seats {
		wg.Add(1)
		go func() { defer wg.Done(); s.kill() }()
	}
	wg.Wait()
	r.bus.close()
	return r.store.Close()
}
