// Package progress defines what frontline records about each learner and the
// Store interface that keeps it. The SQLite implementation lives in
// internal/progress/sqlite; the TUI and the line mode only see this package.
package progress

import (
	"context"
	"errors"
	"time"

	"frontline/internal/content"
)

// Sentinel errors callers branch on.
var (
	// ErrNotFound means the profile, attempt or run does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNotSaved means the store is read-only or the disk refused the write:
	// the answer was NOT recorded and the UI must say so.
	ErrNotSaved = errors.New("not saved")
	// ErrExists means a profile with that name already exists.
	ErrExists = errors.New("already exists")
)

// Profile is one learner on this machine.
type Profile struct {
	ID      int64
	Name    string
	Role    content.Role
	Created time.Time
}

// Mode is why a quiz attempt was taken.
type Mode string

// Attempt modes.
const (
	ModePractice Mode = "practice"
	ModeExam     Mode = "exam"
	ModeReview   Mode = "review"
	// ModeLed is a question a trainer put to a whole workshop room in led
	// mode: answered with no feedback until the trainer reveals it, then
	// marked like practice.
	ModeLed Mode = "led"
)

// Attempt is one sitting of a module's quiz or exam. An attempt with a zero
// Finished time is in progress and can be resumed.
type Attempt struct {
	ID          int64
	ProfileID   int64
	ModuleID    string
	Mode        Mode
	Fingerprint string // module content fingerprint when the attempt started
	Version     string // module version from the front matter
	Seed        int64  // exam draw and shuffle seed (0 for practice)
	// Questions are the question ids in the order shown.
	Questions []string
	// OptionOrder holds, per shown question, the option indexes in the order
	// shown (nil when options were not shuffled).
	OptionOrder [][]int
	// Current is the index into Questions the learner was on.
	Current int
	// Flagged are question ids flagged for review during an exam.
	Flagged []string
	// TimeLimit is an exam's time allowed from Started: its deadline is
	// Started + TimeLimit (+ Extension), and it keeps running while the
	// learner is away. An exam a workshop room sits together has one
	// deadline for everyone: each attempt's TimeLimit is what was left of
	// the room's time when the learner began.
	TimeLimit time.Duration
	// Extension is extra time a trainer gave this attempt (an
	// accessibility need), on top of TimeLimit. The store never lowers it:
	// saving an attempt with a smaller Extension keeps the stored one, so
	// an extension given while the exam is open is never undone by the
	// exam's own saves.
	Extension time.Duration
	// Elapsed is, for an exam, the latest time seen since Started (kept on
	// every save, so a clock moved backwards never gives more time); for a
	// finished attempt, the wall time it took.
	Elapsed time.Duration
	// PassMark is the percentage an exam needed to pass (0 for practice).
	PassMark int
	Started  time.Time
	Finished time.Time
	Score    float64 // points scored (per-option scoring gives fractions)
	Total    int     // points available
	Passed   bool
	// Seal is the finished exam's statement, signed by the issuer key of the
	// machine that ran it (see internal/certificate); empty when not sealed.
	// Saving an attempt with an empty Seal keeps the stored one.
	Seal []byte
}

// Done reports whether the attempt was finished.
func (a Attempt) Done() bool { return !a.Finished.IsZero() }

// Deadline is when a timed attempt ends: Started + TimeLimit +
// Extension; zero for an untimed one.
func (a Attempt) Deadline() time.Time {
	if a.TimeLimit <= 0 {
		return time.Time{}
	}
	return a.Started.Add(a.TimeLimit + a.Extension)
}

// Percent is the score as a percentage of the total.
func (a Attempt) Percent() float64 {
	if a.Total == 0 {
		return 0
	}
	return 100 * a.Score / float64(a.Total)
}

// IndicatorHit records whether a learner recognised one indicator (Hit) or
// missed it / raised a false alarm about it (!Hit).
type IndicatorHit struct {
	Indicator string
	Hit       bool
}

// Answer is one submitted answer to one question.
type Answer struct {
	ID         int64
	Seq        int64 // monotonic order of recording, independent of the clock
	ProfileID  int64
	AttemptID  int64
	ModuleID   string
	QuestionID string
	Version    string // module fingerprint the question came from
	Chosen     []int  // option indexes in the module's (unshuffled) order
	Correct    bool
	Score      float64 // 0..1
	TimeTaken  time.Duration
	At         time.Time
	Indicators []IndicatorHit
}

// Decision is one choice made in a scenario run.
type Decision struct {
	Scene       string
	Option      int
	Target      string
	Recommended bool
	// By is set when a workshop room took the decision in a case study the
	// trainer led: "majority" (the action most of the room chose) or
	// "trainer". Empty when the learner decided alone.
	By string `json:"By,omitempty"`
	// Vote is, when By is set, the action the learner chose themselves
	// (0-based), or -1 when they did not choose before the room moved on.
	Vote int `json:"Vote,omitempty"`
}

// Checkpoint is one checkpoint answer in a scenario run.
type Checkpoint struct {
	Scene       string
	Question    string
	Chosen      []int
	Spotted     int // right options chosen
	Present     int // right options available
	FalseAlarms int // wrong options chosen
	RedHerrings int // wrong options available
	Indicators  []IndicatorHit
}

// Run is one play of a scenario. A run with a zero Finished time is in
// progress and can be resumed at its last scene.
type Run struct {
	ID          int64
	ProfileID   int64
	ScenarioID  string
	Fingerprint string
	Path        []string // scene ids visited, in order; the last is current
	Decisions   []Decision
	Checkpoints []Checkpoint
	Started     time.Time
	Finished    time.Time
	Ending      string
	Spotted     int
	Present     int
	FalseAlarms int
	RedHerrings int
}

// Done reports whether the run reached an ending.
func (r Run) Done() bool { return !r.Finished.IsZero() }

// Bookmark remembers where a learner stopped in a module or scenario, for
// "continue where you left off".
type Bookmark struct {
	ProfileID int64
	Kind      string // "module" or "scenario"
	ItemID    string
	Position  int // page index for modules
	Updated   time.Time
}

// NoteSeen records that a learner read the content note of an item
// ("module", "scenario" or "review"), so it is not shown again. Note is a
// digest of the note's text: a changed note is shown again.
type NoteSeen struct {
	ProfileID int64
	Kind      string
	ItemID    string
	Note      string
	Seen      time.Time
}

// ReviewKind is what a review item asks the learner to revisit.
type ReviewKind string

// Review item kinds.
const (
	ReviewQuestion  ReviewKind = "question"
	ReviewIndicator ReviewKind = "indicator"
)

// ReviewItem is one entry of the spaced-repetition queue. Key is
// "module/question" for questions and the indicator id for indicators. The
// scheduling fields are computed by engine.Schedule and stored as given.
type ReviewItem struct {
	ProfileID int64
	Kind      ReviewKind
	Key       string
	Box       int           // Leitner box, 1..5
	Interval  time.Duration // current interval
	Due       time.Time
	Lapses    int
	Updated   time.Time
}

// ModuleStat is one module's line of the dashboard.
type ModuleStat struct {
	ModuleID  string
	Completed bool
	Attempts  int
	Best      float64 // best percentage over finished attempts
	LastAt    time.Time
}

// IndicatorStat is how often a learner recognised one indicator.
type IndicatorStat struct {
	Indicator string
	Hits      int
	Misses    int
}

// Activity is one event of recent activity, as data: the interfaces word
// it (activity.Describe).
type Activity struct {
	At time.Time
	// Kind is "attempt", "run" or "completion"; ItemID is the module or
	// scenario id.
	Kind   string
	ItemID string
	// For an attempt: its mode, score, total and whether it passed.
	Mode   Mode
	Score  float64
	Total  int
	Passed bool
	// For a run: the recognition figures and the ending reached (a scene
	// id).
	Spotted, Present, FalseAlarms int
	Ending                        string
}

// Dashboard is a learner's progress summary.
type Dashboard struct {
	Modules    []ModuleStat
	Indicators []IndicatorStat
	Runs       []Run // finished runs, oldest first, without their checkpoints
	Recent     []Activity
	ReviewDue  int
	Answers    int
}

// Status describes the store's health for the UI banner.
type Status struct {
	Path     string
	ReadOnly bool
	// Reason is a plain-language explanation when ReadOnly is set.
	Reason string
	// MovedAside is where a damaged or foreign file was moved on open.
	MovedAside string
	// Backup is the newest good backup, offered for restore.
	Backup string
}

// Store keeps progress. Every write is committed before it returns nil; a
// write that could not be committed returns an error wrapping ErrNotSaved.
type Store interface {
	Status() Status

	Profiles(ctx context.Context) ([]Profile, error)
	CreateProfile(ctx context.Context, name string, role content.Role) (Profile, error)
	ProfileByName(ctx context.Context, name string) (Profile, error)
	// DeleteProfile erases a learner's records for good: rows, then a WAL
	// checkpoint and VACUUM, and backups that held them.
	DeleteProfile(ctx context.Context, id int64) error

	// StartAttempt stores a new attempt and returns it with its ID.
	StartAttempt(ctx context.Context, a Attempt) (Attempt, error)
	// SaveAttempt updates an attempt's position, flags, elapsed time and,
	// when finished, its result.
	SaveAttempt(ctx context.Context, a Attempt) error
	// UnfinishedAttempt returns the newest unfinished attempt of a module in
	// a mode, with the answers recorded in it so far.
	UnfinishedAttempt(ctx context.Context, profileID int64, moduleID string, mode Mode) (Attempt, []Answer, error)
	// Attempt returns one attempt and its answers.
	Attempt(ctx context.Context, id int64) (Attempt, []Answer, error)
	// Attempts lists a learner's attempts at a module, newest first.
	Attempts(ctx context.Context, profileID int64, moduleID string, mode Mode) ([]Attempt, error)
	// RecordAnswer commits one answer and the review items it changes, in
	// one transaction. In an exam, a later answer to the same question of
	// the same attempt replaces the earlier one.
	RecordAnswer(ctx context.Context, a Answer, reviews ...ReviewItem) (Answer, error)

	StartRun(ctx context.Context, r Run) (Run, error)
	// SaveRun stores the run's path, decisions, checkpoints and result,
	// plus the review items it changes, in one transaction.
	SaveRun(ctx context.Context, r Run, reviews ...ReviewItem) error
	UnfinishedRun(ctx context.Context, profileID int64, scenarioID string) (Run, error)
	Runs(ctx context.Context, profileID int64, scenarioID string) ([]Run, error)

	SetBookmark(ctx context.Context, b Bookmark) error
	// Bookmarks lists a learner's bookmarks, most recent first.
	Bookmarks(ctx context.Context, profileID int64) ([]Bookmark, error)
	MarkComplete(ctx context.Context, profileID int64, moduleID string, at time.Time) error

	ReviewItems(ctx context.Context, profileID int64) ([]ReviewItem, error)
	// ReviewDue lists items due at or before now, earliest first.
	ReviewDue(ctx context.Context, profileID int64, now time.Time) ([]ReviewItem, error)
	// SaveReviews stores review items as given (an item with a zero
	// ProfileID belongs to profileID), all in one transaction: for reviews
	// that record no answer, such as a self-rated indicator card.
	SaveReviews(ctx context.Context, profileID int64, items ...ReviewItem) error

	// Settings returns a learner's settings, name to value; SetSetting
	// stores one.
	Settings(ctx context.Context, profileID int64) (map[string]string, error)
	SetSetting(ctx context.Context, profileID int64, name, value string) error
	// NotesSeen lists the content notes a learner has read; MarkNoteSeen
	// records one (replacing an earlier record for the same item).
	NotesSeen(ctx context.Context, profileID int64) ([]NoteSeen, error)
	MarkNoteSeen(ctx context.Context, n NoteSeen) error

	Dashboard(ctx context.Context, profileID int64) (Dashboard, error)
	// Answers lists answers for export, in recording order; profileID 0
	// means every profile.
	Answers(ctx context.Context, profileID int64) ([]Answer, error)

	Close() error
}
