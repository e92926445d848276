package plain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/progress/sqlite"
)

// clock is a test clock that moves on by step every time it is read.
type clock struct {
	t    time.Time
	step time.Duration
}

func (c *clock) now() time.Time {
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

func opt(text string, correct bool, feedback string) content.Option {
	return content.Option{Text: text, Correct: correct, Feedback: feedback}
}

func testLibrary() *content.Library {
	mod := &content.Module{
		Meta: content.Meta{ID: "passports", Title: "Documents and control", Version: "1.0",
			ContentNote: "Describes threats against workers."},
		Pages: []content.Page{
			{Title: "Why documents matter", Body: "Holding a **passport** controls a person.\n\n> [!IMPORTANT]\n> Consent to a job is not consent to exploitation."},
			{Title: "What to do", Body: "- Talk in private\n- Use a professional interpreter"},
		},
		TrainerNotes: []content.Page{{Title: "Trainer notes", Body: "SECRET TRAINER TEXT"}},
		Questions: []content.Question{
			{ID: "keeps-passport", Text: "A recruiter keeps a worker's passport. What does it indicate?", Kind: content.SingleChoice,
				Options: []content.Option{
					opt("Nothing unusual", false, "Holding papers is a control tactic."),
					opt("Retention of identity documents", true, ""),
					opt("Debt bondage", false, ""),
				},
				Explanation: "Keeping a passport restricts freedom to leave.", Indicators: []string{"retained-documents"}},
			{ID: "signs", Text: "Which are indicators?", Kind: content.MultipleChoice,
				Options: []content.Option{
					opt("Owes a debt to the employer", true, "Debt is a control."),
					opt("Lives at the workplace", true, ""),
					opt("Is tired after a night shift", false, "Tiredness alone means nothing."),
					opt("Has a mobile phone", false, ""),
				},
				Explanation: "Debt and dependence on the employer are indicators.", Indicators: []string{"debt-bondage", "isolation"}},
			{ID: "consent", Text: "Consent to travel means there is no trafficking.", Kind: content.TrueFalse,
				Options:     []content.Option{opt("True", false, ""), opt("False", true, "")},
				Explanation: "Consent is irrelevant once exploitation is intended."},
		},
		Exam: content.ExamSettings{Questions: 3, TimeLimit: 10 * time.Minute, PassMark: 60, Attempts: 2},
	}
	return &content.Library{
		Modules:   []*content.Module{mod},
		Scenarios: []*content.Scenario{testScenario()},
		Catalogue: &content.Catalogue{
			Intro:      "An indicator is a reason to ask more, not proof.",
			Categories: []content.Category{{Name: "Coercion", Indicators: []string{"retained-documents", "debt-bondage"}}, {Name: "Isolation", Indicators: []string{"isolation"}}},
			Indicators: map[string]*content.Indicator{
				"retained-documents": {ID: "retained-documents", Name: "Identity documents held by someone else", Category: "Coercion",
					Strength: content.StrengthStrong, Source: "ILO (2009), Operational indicators",
					Explanation: "Holding someone's **papers** stops them leaving."},
				"debt-bondage": {ID: "debt-bondage", Name: "Debt bondage", Category: "Coercion",
					Strength: content.StrengthMedium, Explanation: "A debt that can never be paid off binds the worker."},
				"isolation": {ID: "isolation", Name: "Isolation", Category: "Isolation"},
			},
		},
	}
}

func testScenario() *content.Scenario {
	dec := func(opts ...content.Option) *content.Decision {
		return &content.Decision{Prompt: "What do you do?", Options: opts}
	}
	link := func(text, target string, rec bool, fb string) content.Option {
		return content.Option{Text: text, Target: target, Correct: rec, Feedback: fb}
	}
	return &content.Scenario{
		Meta:     content.Meta{ID: "landing", Title: "Night landing", ContentNote: "Mentions sexual exploitation."},
		Start:    "arrival",
		Briefing: "You are a reception officer at a port.",
		Scenes: []content.Scene{
			{ID: "arrival", Title: "The arrival", Body: "A young woman arrives with an older one.",
				Checkpoints: []content.Question{{ID: "notice", Text: "Which indicators do you notice?", Kind: content.MultipleChoice,
					Indicators: []string{"isolation"},
					Options: []content.Option{
						opt("The older woman answers for her", true, ""),
						opt("Someone else paid for her journey", true, ""),
						opt("She is exhausted", false, "Exhaustion is expected after a crossing."),
					}}},
				Decision: dec(
					link("Arrange a private talk", "private", true, "She can speak away from the companion."),
					link("Ask the older woman to translate", "companion", false, "She may be the person controlling her."),
				)},
			{ID: "private", Title: "Private talk", Body: "She tells you she owes money.", Decision: dec(
				link("Refer her to support", "safe", true, "A referral is made."),
				link("Let her go", "gone", false, "She leaves with the companion."),
			)},
			{ID: "companion", Title: "Companion translates", Body: "The older woman speaks for her.", Decision: dec(
				link("Start again with an interpreter", "arrival", true, ""),
				link("Let them go", "gone", false, "They leave together."),
			)},
			{ID: "safe", Title: "Safe", Body: "She is in a safe house."},
			{ID: "gone", Title: "Gone", Body: "You never see her again."},
		},
	}
}

// harness runs sessions against the real SQLite store in a temporary
// folder. Sessions use store: the real one, or a failing wrapper around it
// after failWrites.
type harness struct {
	t     *testing.T
	db    *sqlite.Store
	store progress.Store
	clock *clock
	lib   *content.Library
}

func newHarness(t *testing.T) *harness {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	db := progresstest.Open(t, progresstest.FixedClock(start))
	return &harness{t: t, db: db, store: db, clock: &clock{t: start}, lib: testLibrary()}
}

// failWrites makes every later write fail as a full disk does.
func (h *harness) failWrites() {
	h.store = &progresstest.Failing{Store: h.db, Err: errors.New("disk full")}
}

// learner makes sure the sessions' learner, Ana, is profile 1.
func (h *harness) learner() {
	h.t.Helper()
	p, err := h.db.ProfileByName(h.t.Context(), "Ana")
	if errors.Is(err, progress.ErrNotFound) {
		p, err = h.db.CreateProfile(h.t.Context(), "Ana", "")
	}
	if err != nil || p.ID != 1 {
		h.t.Fatalf("learner Ana: %+v, %v", p, err)
	}
}

// session returns a session of Ana's that reads input and writes to out.
func (h *harness) session(input string, out *strings.Builder) *Session {
	h.t.Helper()
	h.learner()
	return h.newSession(input, out)
}

func (h *harness) newSession(input string, out *strings.Builder) *Session {
	return &Session{
		In: strings.NewReader(input), Out: out, Lib: h.lib, Store: h.store,
		Profile: progress.Profile{ID: 1, Name: "Ana"}, Now: h.clock.now,
	}
}

// putReviews stores review items for Ana.
func (h *harness) putReviews(items []progress.ReviewItem) {
	h.t.Helper()
	h.learner()
	if err := h.db.SaveReviews(h.t.Context(), 1, items...); err != nil {
		h.t.Fatal(err)
	}
}

// attempts lists every stored attempt, oldest first.
func (h *harness) attempts() []progress.Attempt {
	h.t.Helper()
	var out []progress.Attempt
	for id := int64(1); ; id++ {
		a, _, err := h.db.Attempt(h.t.Context(), id)
		if errors.Is(err, progress.ErrNotFound) {
			return out
		}
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, a)
	}
}

// answers lists every stored answer in recording order.
func (h *harness) answers() []progress.Answer {
	h.t.Helper()
	out, err := h.db.Answers(h.t.Context(), 0)
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// runs lists profile 1's scenario runs, oldest first.
func (h *harness) runs() []progress.Run {
	h.t.Helper()
	out, err := h.db.Runs(h.t.Context(), 1, "")
	if err != nil {
		h.t.Fatal(err)
	}
	slices.Reverse(out)
	return out
}

// reviews is profile 1's review queue by "kind/key".
func (h *harness) reviews() map[string]progress.ReviewItem {
	h.t.Helper()
	items, err := h.db.ReviewItems(h.t.Context(), 1)
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]progress.ReviewItem{}
	for _, it := range items {
		out[string(it.Kind)+"/"+it.Key] = it
	}
	return out
}

// complete reports whether profile 1 has completed a module.
func (h *harness) complete(module string) bool {
	h.t.Helper()
	d, err := h.db.Dashboard(h.t.Context(), 1)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, m := range d.Modules {
		if m.ModuleID == module {
			return m.Completed
		}
	}
	return false
}

// profiles lists the stored profiles by name.
func (h *harness) profiles() []progress.Profile {
	h.t.Helper()
	out, err := h.db.Profiles(h.t.Context())
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

func (h *harness) run(t *testing.T, input string, f func(*Session) error) string {
	t.Helper()
	var out strings.Builder
	if err := f(h.session(input, &out)); err != nil {
		t.Fatalf("error: %v\ntranscript:\n%s", err, out.String())
	}
	return out.String()
}

// wantInOrder fails unless every part appears in s, in order.
func wantInOrder(t *testing.T, s string, parts ...string) {
	t.Helper()
	rest := s
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Fatalf("transcript lacks %q (in order)\ntranscript:\n%s", p, s)
		}
		rest = rest[i+len(p):]
	}
}

func wantNot(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(s, p) {
			t.Fatalf("transcript has %q\ntranscript:\n%s", p, s)
		}
	}
}
