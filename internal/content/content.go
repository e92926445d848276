// Package content holds frontline's domain types: modules, questions,
// scenarios and the indicator catalogue, as plain structs with no I/O and no
// UI. The loader fills them; the engine, the store, the TUI and the line mode
// read them.
package content

import (
	"fmt"
	"strings"
	"time"
)

// Role is a professional group a module or scenario is written for.
type Role string

// The roles frontline knows. "other" is for learners outside the listed groups.
const (
	RolePolice           Role = "police"
	RoleSocialCare       Role = "social-care"
	RoleHealth           Role = "health"
	RoleBorder           Role = "border"
	RoleFosterCare       Role = "foster-care"
	RoleLabourInspection Role = "labour-inspection"
	RoleOther            Role = "other"
)

// Roles lists every role in display order.
var Roles = []Role{RolePolice, RoleSocialCare, RoleHealth, RoleBorder, RoleFosterCare, RoleLabourInspection, RoleOther}

// Label is the role's human-readable name.
func (r Role) Label() string {
	switch r {
	case RolePolice:
		return "Police"
	case RoleSocialCare:
		return "Social care"
	case RoleHealth:
		return "Health"
	case RoleBorder:
		return "Border and reception"
	case RoleFosterCare:
		return "Foster care"
	case RoleLabourInspection:
		return "Labour inspection"
	case RoleOther:
		return "Other"
	}
	return string(r)
}

// ParseRole returns the Role named s, accepting its id or its label in any case.
func ParseRole(s string) (Role, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	for _, r := range Roles {
		if s == string(r) || s == strings.ToLower(r.Label()) {
			return r, true
		}
	}
	return "", false
}

// Level is how advanced a module is.
type Level string

// The levels, from first contact to specialist.
const (
	LevelIntro    Level = "intro"
	LevelCore     Level = "core"
	LevelAdvanced Level = "advanced"
)

// Meta is what the library shows about a module or a scenario; it comes from
// the front matter.
type Meta struct {
	ID          string
	Title       string
	Summary     string
	Roles       []Role
	Level       Level
	Minutes     int
	Requires    []string
	ContentNote string
	Sources     []string
	Version     string
	// Jurisdiction is the place whose law and procedure the item teaches,
	// such as "gb-eng"; empty for an item that applies everywhere. See
	// AppliesIn.
	Jurisdiction string
	// File is where the item was read from, for messages.
	File string
	// Origin names the content folder it came from ("bundled" or a path).
	Origin string
	// Fingerprint is a hash of the item's source text, so a record can tell
	// whether the content has changed since it was made.
	Fingerprint string
}

// GetID returns the item's id, so modules and scenarios can be handled
// alike.
func (m Meta) GetID() string { return m.ID }

// ForRole reports whether the item is written for role r. An item with no
// roles is for everyone.
func (m Meta) ForRole(r Role) bool {
	if len(m.Roles) == 0 {
		return true
	}
	for _, x := range m.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Page is one reader page: a title and its Markdown body.
type Page struct {
	Title string
	// Body is the page's Markdown source, ready for rendering.
	Body string
	Line int
}

// Module is a lesson: pages to read, then a quiz.
type Module struct {
	Meta
	Pages        []Page
	TrainerNotes []Page
	Questions    []Question
	Exam         ExamSettings
}

// Question returns the question with the given id.
func (m *Module) Question(id string) (*Question, bool) {
	for i := range m.Questions {
		if m.Questions[i].ID == id {
			return &m.Questions[i], true
		}
	}
	return nil, false
}

// ReviewMode says what a learner may see after submitting an exam.
type ReviewMode string

// Review modes.
const (
	ReviewScore   ReviewMode = "score"
	ReviewAnswers ReviewMode = "answers"
)

// ExamSettings are a module's rules for assessed exams. Zero values mean the
// defaults given by WithDefaults.
type ExamSettings struct {
	Questions int           // how many questions are drawn from the pool
	TimeLimit time.Duration // 0 means untimed
	PassMark  int           // percent needed to pass
	Attempts  int           // 0 means unlimited
	Review    ReviewMode
	// Jurisdiction is the place the exam is for: questions tagged for
	// another place are not drawn. The loader sets it to the library's
	// jurisdiction; empty means every question may be drawn.
	Jurisdiction string
}

// WithDefaults fills unset exam settings: every question, 30 minutes, a pass
// mark of 80%, unlimited attempts, answers shown after submission.
func (e ExamSettings) WithDefaults(pool int) ExamSettings {
	if e.Questions <= 0 || e.Questions > pool {
		e.Questions = pool
	}
	if e.TimeLimit == 0 {
		e.TimeLimit = 30 * time.Minute
	}
	if e.PassMark == 0 {
		e.PassMark = 80
	}
	if e.Review == "" {
		e.Review = ReviewAnswers
	}
	return e
}

// QuestionKind is how a question is answered and scored.
type QuestionKind int

// Question kinds follow from the options: one right option is single choice,
// several are select-all-that-apply, options exactly True and False are
// true/false, and a numbered list without boxes is an ordering question
// whose items are written in the right order.
const (
	SingleChoice QuestionKind = iota
	MultipleChoice
	TrueFalse
	Ordering
)

// String names the kind.
func (k QuestionKind) String() string {
	switch k {
	case SingleChoice:
		return "single choice"
	case MultipleChoice:
		return "select all that apply"
	case TrueFalse:
		return "true or false"
	case Ordering:
		return "put in order"
	}
	return fmt.Sprintf("QuestionKind(%d)", int(k))
}

// Question is a quiz question or a scenario checkpoint.
type Question struct {
	ID   string
	Text string
	// Body is optional Markdown between the heading and the options, such as
	// a short case vignette.
	Body        string
	Kind        QuestionKind
	Options     []Option
	Explanation string
	Indicators  []string
	// Jurisdiction is the place whose law the question depends on, from
	// the heading attribute {#id jurisdiction=gb-eng}; empty when it holds
	// everywhere.
	Jurisdiction string
	Line         int
	// IndicatorsLine is the line of the question's 'Indicators:' line, or
	// 0 when it has none.
	IndicatorsLine int
}

// Correct returns the indexes of the right options. For an ordering
// question it is the right order: every item, in the order written.
func (q *Question) Correct() []int {
	var out []int
	if q.Kind == Ordering {
		for i := range q.Options {
			out = append(out, i)
		}
		return out
	}
	for i, o := range q.Options {
		if o.Correct {
			out = append(out, i)
		}
	}
	return out
}

// Option is one answer to a question, or one action of a decision.
type Option struct {
	Text     string
	Correct  bool
	Feedback string
	// Target is the scene a decision option leads to; empty for questions.
	Target string
	Line   int
}

// Scenario is a branching case study.
type Scenario struct {
	Meta
	Start        string
	Briefing     string
	Scenes       []Scene
	TrainerNotes []Page
}

// Scene returns the scene with the given id.
func (s *Scenario) Scene(id string) (*Scene, bool) {
	for i := range s.Scenes {
		if s.Scenes[i].ID == id {
			return &s.Scenes[i], true
		}
	}
	return nil, false
}

// Endings returns the scenes that end a run.
func (s *Scenario) Endings() []*Scene {
	var out []*Scene
	for i := range s.Scenes {
		if s.Scenes[i].IsEnding() {
			out = append(out, &s.Scenes[i])
		}
	}
	return out
}

// Scene is one step of a scenario: narrative, checkpoints, then a decision.
type Scene struct {
	ID          string
	Title       string
	Body        string
	Checkpoints []Question
	Decision    *Decision
	Line        int
}

// IsEnding reports whether the scene ends a run (it has no decision).
func (s *Scene) IsEnding() bool { return s.Decision == nil }

// Decision is the choice at the end of a scene. The option marked Correct is
// the recommended action; every option leads to its Target scene.
type Decision struct {
	Prompt  string
	Options []Option
	Line    int
}

// Recommended returns the index of the recommended option, or -1.
func (d *Decision) Recommended() int {
	for i, o := range d.Options {
		if o.Correct {
			return i
		}
	}
	return -1
}

// Strength is how strongly an indicator points to trafficking, where the
// source gives one.
type Strength string

// Strengths, as the ILO operational indicators grade them.
const (
	StrengthStrong  Strength = "strong"
	StrengthMedium  Strength = "medium"
	StrengthWeak    Strength = "weak"
	StrengthUnrated Strength = ""
)

// Indicator is one entry of the catalogue.
type Indicator struct {
	ID          string
	Name        string
	Category    string
	Strength    Strength
	Source      string
	Explanation string
	Line        int
}

// Category is a group of indicators, in catalogue order.
type Category struct {
	Name       string
	Indicators []string
}

// Glossary is the glossary of terms a learner meets in the course (the NRM,
// the duty to notify, section 45 and so on), besides the indicators.
type Glossary struct {
	File string
	// Intro is the Markdown before the first term.
	Intro string
	Terms []Term
}

// Term is one glossary entry.
type Term struct {
	// ID is the term's id ({#id} on its heading, else from its name).
	ID string
	// Name is the term as written in the heading: "National Referral
	// Mechanism (NRM)".
	Name string
	// Also lists other names and abbreviations it is found by ("NRM").
	Also []string
	// Definition is Markdown: the definition, with the law's jurisdiction
	// where it is law.
	Definition string
	Source     string
	// Jurisdiction is the place whose law or procedure the term belongs
	// to, from the heading attribute {#id jurisdiction=gb}; empty when it
	// holds everywhere. A library for another place leaves the term out.
	Jurisdiction string
	Line         int
}

// Lookup returns the term with the given id.
func (g *Glossary) Lookup(id string) (*Term, bool) {
	if g == nil {
		return nil, false
	}
	for i := range g.Terms {
		if g.Terms[i].ID == id {
			return &g.Terms[i], true
		}
	}
	return nil, false
}

// Catalogue is the shared vocabulary of indicators.
type Catalogue struct {
	File string
	// Intro is the Markdown before the first category: how to read
	// indicators.
	Intro      string
	Categories []Category
	Indicators map[string]*Indicator
}

// Lookup returns the indicator with the given id.
func (c *Catalogue) Lookup(id string) (*Indicator, bool) {
	if c == nil {
		return nil, false
	}
	in, ok := c.Indicators[id]
	return in, ok
}

// CategoryOf returns the category of the indicator id, or "".
func (c *Catalogue) CategoryOf(id string) string {
	if in, ok := c.Lookup(id); ok {
		return in.Category
	}
	return ""
}

// Library is everything that loaded: bundled content plus trainers' folders.
type Library struct {
	Modules   []*Module
	Scenarios []*Scenario
	Catalogue *Catalogue
	// Glossary is the glossary of terms (nil when none is loaded).
	Glossary *Glossary
	// Jurisdiction is the place the library is for: that of the last
	// content folder bringing a jurisdiction module ("gb-eng" for the
	// bundled curriculum). Items for other places are left out.
	Jurisdiction string
	// Notices are messages for the user, such as a trainer's module
	// replacing a bundled one.
	Notices []string
}

// Module returns the module with the given id.
func (l *Library) Module(id string) (*Module, bool) {
	for _, m := range l.Modules {
		if m.ID == id {
			return m, true
		}
	}
	return nil, false
}

// Scenario returns the scenario with the given id.
func (l *Library) Scenario(id string) (*Scenario, bool) {
	for _, s := range l.Scenarios {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// QuestionCount is the number of quiz questions over all modules.
func (l *Library) QuestionCount() int {
	n := 0
	for _, m := range l.Modules {
		n += len(m.Questions)
	}
	return n
}
