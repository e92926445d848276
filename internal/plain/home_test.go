package plain

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/loader"
	"frontline/internal/progress"
)

// homeSession is a session for Home with no learner chosen yet.
func (h *harness) homeSession(input string, out *strings.Builder) *Session {
	s := h.newSession(input, out)
	s.Profile = progress.Profile{}
	return s
}

// wantPlainText fails if the transcript holds an escape or any other
// control character besides newline and tab.
func wantPlainText(t *testing.T, s string) {
	t.Helper()
	for i, line := range strings.Split(s, "\n") {
		for _, r := range line {
			if r == 0x1b || (r < 0x20 && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("line %d has control character %U: %q", i+1, r, line)
			}
		}
	}
}

func TestHomeCreateProfileQuizProgress(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	input := strings.Join([]string{
		"", "Sam", // an empty name is refused
		"9", "2", // role: out of range, then Social care
		"1",             // the module
		"2",             // practice quiz
		"",              // content note
		"2", "1,2", "1", // two right, one wrong
		"",  // finish without retrying
		"4", // back to home
		"4", // progress
		"",  // back
		"q",
	}, "\n") + "\n"
	err := h.homeSession(input, &out).Home()
	got := out.String()
	if err != nil {
		t.Fatalf("Home: %v\n%s", err, got)
	}
	wantInOrder(t, got,
		"No one has a learner profile on this computer yet",
		"Your name (as it should appear on certificates; q to quit):",
		"Type a name, for example Sam",
		"Which group do you work in?",
		"  1. Police", "  2. Social care", "  7. Other",
		"Type a number from 1 to 7, r to repeat the menu, or q to quit.",
		"Profile created: Sam (Social care).",
		"Home: Sam (Social care)",
		"  Review: nothing due today.",
		"Modules",
		"  1. Documents and control. Not started.",
		"Case studies",
		"  2. Night landing. Not played.",
		"  3. Glossary",
		"  4. Progress",
		"  5. Content notes: shown once for each item",
		"  6. Quit",
		"Choose a number from 1 to 6, or q to quit:",
		"Module: Documents and control",
		"For every role. Not started.",
		"  1. Read the pages (2)",
		"  2. Practice quiz (3 questions)",
		"  3. Exam (3 questions, 10 minutes, pass mark 60%)",
		"  4. Back",
		"Quiz: Documents and control",
		"Question 1 of 3 (single choice)",
		"Correct.",
		"Question 3 of 3 (true or false)",
		"Not quite.",
		"Score: 2 of 3 (66%).",
		"Module: Documents and control",
		"Started, best score 66%, 1 attempt.",
		"Home: Sam (Social care)",
		"  1. Documents and control. Started, best score 66%.",
		"Progress of Sam (Social care)",
		"Answers recorded: 3.",
		"  1. Documents and control: started, best score 66%, 1 attempt.",
		"Indicator recognition by category: 2.",
		"  Coercion: recognised 2 of 2 (100%).",
		"Recent activity: 1.", "Documents and control: practice quiz finished: 66%.",
		"Enter to go back:",
		"Home: Sam",
		"Goodbye.",
	)
	wantPlainText(t, got)
	if len(h.profiles()) != 1 || h.profiles()[0].Name != "Sam" || h.profiles()[0].Role != content.RoleSocialCare {
		t.Errorf("profiles = %+v", h.profiles())
	}
	if len(h.answers()) != 3 || h.answers()[0].ProfileID != h.profiles()[0].ID {
		t.Errorf("answers = %+v", h.answers())
	}
	if a := h.attempts()[0]; !a.Done() || a.Mode != progress.ModePractice || a.Score != 2 {
		t.Errorf("attempt = %+v", a)
	}
}

func TestHomeProfilePicker(t *testing.T) {
	h := newHarness(t)
	h.store.CreateProfile(t.Context(), "Ana", content.RolePolice)     //nolint:errcheck
	h.store.CreateProfile(t.Context(), "Kim", content.RoleHealth)     //nolint:errcheck
	h.store.CreateProfile(t.Context(), "Lee", content.RoleFosterCare) //nolint:errcheck

	var out strings.Builder
	if err := h.homeSession("7\nkim\nq\n", &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), "Who is learning?", "  1. Ana (Police)", "  2. Kim (Health)", "  3. Lee (Foster care)", "  4. New profile",
		"Type a number from 1 to 4, r to repeat the menu, or q to quit.", "Home: Kim (Health)", "Goodbye.")

	// A new profile from the picker; a name already taken is refused.
	out.Reset()
	if err := h.homeSession("4\nAna\nMo\n6\nq\n", &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), "  4. New profile", "A profile named Ana already exists", "Which group", "Profile created: Mo (Labour inspection).", "Home: Mo (Labour inspection)")

	// --profile skips the picker; --role gives a new learner's role, or it is asked.
	out.Reset()
	s := h.homeSession("q\n", &out)
	s.ProfileName = "Lee"
	if err := s.Home(); err != nil {
		t.Fatal(err)
	}
	wantNot(t, out.String(), "Who is learning?")
	wantInOrder(t, out.String(), "Home: Lee (Foster care)")

	out.Reset()
	s = h.homeSession("q\n", &out)
	s.ProfileName, s.NewRole = "Ola", content.RoleBorder
	if err := s.Home(); err != nil {
		t.Fatal(err)
	}
	wantNot(t, out.String(), "Which group")
	wantInOrder(t, out.String(), "Profile created: Ola (Border and reception).", "Home: Ola")

	out.Reset()
	s = h.homeSession("police\nq\n", &out)
	s.ProfileName = "Pat"
	if err := s.Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), "Which group", "Profile created: Pat (Police).")

	// Input ending at the picker quits cleanly.
	out.Reset()
	if err := h.homeSession("", &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), "Who is learning?", "Goodbye.")
}

func TestHomeContinueWhereYouLeftOff(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	// Read one page and stop; answer one question and stop; begin the
	// scenario and stop at its first checkpoint.
	input := "1\n1\n\n\nq\n2\n2\nq\nq\n2\n\n\nq\nq\n" // the module's note is read once
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(),
		"Page 2 of 2: What to do", "Stopped at page 2 of 2",
		"Module: Documents and control", "  1. Read the pages (2; continue at page 2)",
		"Question 2 of 3", "Stopped at question 2 of 3.",
		"  2. Practice quiz (3 questions; continue at question 2)",
		"Scenario: Night landing", "Checkpoint 1 of 1", "Stopped. Your run is kept",
		"Goodbye.")

	out.Reset()
	if err := h.session("", &out).Home(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"Continue where you left off",
		"Case study: Night landing, at The arrival",
		"Review: nothing due today.",
		"Modules", "Documents and control. Not started.",
		"Goodbye.")
	for _, want := range []string{"Reading: Documents and control, page 2 of 2", "Practice quiz: Documents and control, question 2 of 3"} {
		wantInOrder(t, got, "Continue where you left off", want, "Review:")
	}

	// Choosing the quiz resumes it; input ending mid-quiz saves and quits
	// without showing the menus again.
	out.Reset()
	lines := strings.Split(got, "\n")
	num := ""
	for _, l := range lines {
		if strings.Contains(l, "Practice quiz: Documents and control") {
			num = strings.TrimSpace(strings.SplitN(l, ".", 2)[0])
		}
	}
	if err := h.session(num+"\n\n1,2\n", &out).Home(); err != nil {
		t.Fatal(err)
	}
	got = out.String()
	wantInOrder(t, got, "Continuing your quiz at question 2 of 3.", "Question 2 of 3", "Correct.", "Saved.",
		"Question 3 of 3", "Stopped at question 3 of 3.", "Goodbye.")
	if strings.Count(got, "Home: Ana") != 1 {
		t.Errorf("the menu came back after input ended:\n%s", got)
	}
	if !strings.HasSuffix(got, "Goodbye.\n") {
		t.Errorf("transcript does not end with Goodbye:\n%s", got)
	}
	a := h.attempts()[0]
	if a.Current != 2 || a.Done() {
		t.Errorf("attempt after EOF = %+v", a)
	}
	wantPlainText(t, got)
}

func TestHomeTypedIDAndBadInput(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	if err := h.session("passports\nq\nlanding\nb\nzzz\n0\nreview\ng\nq\nprogress\n\nq\n", &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(),
		"Module: Documents and control", "Choose a number from 1 to 4, or q to go back:",
		"Home: Ana", "Scenario: Night landing", "Content note:",
		`Not understood: "zzz". Type a number from 1 to 6, r to repeat the menu, g for the glossary, p for progress, or q to quit.`,
		`Not understood: "0". Type a number from 1 to 6, r to repeat the menu`,
		"Nothing is due for review.",
		"Glossary: 3 indicators in 2 categories.",
		"Progress of Ana", "Enter to go back:",
		"Goodbye.")
}

func TestHomeProgress(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	if err := h.session("4\n\nq\n", &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), "Progress of Ana", "Answers recorded: 0. Review: 0 due.",
		"Modules: 1.", "  1. Documents and control: not started, 0 attempts.",
		"Indicator recognition by category: 0.", "  No indicators answered yet.",
		"Case studies finished: 0.", "Recent activity: 0.",
		"Enter to go back:", "Home: Ana")
	wantPlainText(t, out.String())
}

func TestHomeReview(t *testing.T) {
	h := newHarness(t)
	// Two indicators that no question asks about: they come as cards.
	cat := h.lib.Catalogue
	cat.Indicators["wages-withheld"] = &content.Indicator{ID: "wages-withheld", Name: "Wages withheld", Category: "Coercion",
		Explanation: "Pay kept back so the worker cannot leave."}
	cat.Indicators["no-contact"] = &content.Indicator{ID: "no-contact", Name: "No contact with family", Category: "Isolation",
		Explanation: "Cut off from the people who would notice."}
	now := h.clock.t
	past := now.Add(-time.Hour)
	put := func(kind progress.ReviewKind, key string, box int) {
		h.putReviews([]progress.ReviewItem{{ProfileID: 1, Kind: kind, Key: key, Box: box,
			Interval: engine.BoxInterval(box), Due: past, Lapses: 1}})
	}
	put(progress.ReviewQuestion, "passports/keeps-passport", 1)
	put(progress.ReviewIndicator, "retained-documents", 1) // moved on by the question's answer
	put(progress.ReviewIndicator, "debt-bondage", 5)       // asked through the question that tags it
	put(progress.ReviewIndicator, "isolation", 2)          // the same question
	h.putReviews([]progress.ReviewItem{{ProfileID: 1, Kind: progress.ReviewIndicator, Key: "wages-withheld", Box: 5,
		Interval: engine.BoxInterval(5), Due: past.Add(-time.Hour), Lapses: 1}}) // due first
	put(progress.ReviewIndicator, "no-contact", 2)
	put(progress.ReviewQuestion, "gone/question", 1) // no longer in the content
	h.putReviews([]progress.ReviewItem{{ProfileID: 1, Kind: progress.ReviewQuestion, Key: "passports/signs", Box: 1, Due: now.Add(time.Hour)}})

	var out strings.Builder
	input := strings.Join([]string{
		"v",     // Review: 4 due
		"2",     // the due question, right
		"1,2",   // the question asking about debt-bondage and isolation, right
		"",      // show the first card
		"maybe", // not understood
		"y",     // remembered
		"",      // show the second card
		"n",     // not remembered
		"q",
	}, "\n") + "\n"
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"  v. Review: 4 due",
		"Review: 2 questions and 2 indicator cards.",
		"From Documents and control.",
		"Question 1 of 2 (single choice)",
		"Correct.",
		"Saved.",
		"Question 2 of 2 (select all that apply)",
		"Reviewed 2 questions: 2 fully right.",
		"Indicators to recall: 2.",
		"Indicator 1 of 2: Wages withheld",
		"Category: Coercion.",
		"Enter to show what it means, q to stop:",
		"Pay kept back so the worker cannot leave.",
		"Did you remember what this means? Type y or n:",
		"Type y if you remembered it, n if you did not.",
		"Saved. You know this one well: it leaves the review queue.",
		"Indicator 2 of 2: No contact with family",
		"Saved. It comes back in 1 day.",
		"Review complete.",
		"Review: nothing due today.",
		"Goodbye.",
	)
	wantPlainText(t, got)

	a := h.attempts()[0]
	if a.Mode != progress.ModeReview || !a.Done() || a.Total != 2 || math.Abs(a.Score-2) > 1e-9 || len(a.Questions) != 2 {
		t.Errorf("review attempt = %+v", a)
	}
	item := func(kind progress.ReviewKind, key string) progress.ReviewItem {
		return h.reviews()[string(kind)+"/"+key]
	}
	if it := item(progress.ReviewQuestion, "passports/keeps-passport"); it.Box != 2 || !it.Due.Equal(now.Add(3*engine.Day)) {
		t.Errorf("question item = %+v", it)
	}
	if it := item(progress.ReviewIndicator, "retained-documents"); it.Box != 2 {
		t.Errorf("indicator moved by the question = %+v", it)
	}
	if it := item(progress.ReviewIndicator, "debt-bondage"); it.Box != engine.MaxBox || it.Due.Before(now.Add(365*engine.Day)) {
		t.Errorf("indicator retired by the question that tags it = %+v", it)
	}
	if it := item(progress.ReviewIndicator, "isolation"); it.Box != 3 {
		t.Errorf("indicator moved up by the question that tags it = %+v", it)
	}
	if it := item(progress.ReviewIndicator, "wages-withheld"); it.Box != engine.MaxBox || it.Due.Before(now.Add(365*engine.Day)) {
		t.Errorf("retired card = %+v", it)
	}
	if it := item(progress.ReviewIndicator, "no-contact"); it.Box != 1 || it.Lapses != 2 || !it.Due.Equal(now.Add(engine.Day)) {
		t.Errorf("forgotten card = %+v", it)
	}
	// The self-rated cards moved their items (above) and recorded no
	// answer: the only answers are the review questions'.
	if ans := h.answers(); len(ans) != 2 || ans[0].QuestionID != "keeps-passport" || ans[1].QuestionID != "signs" {
		t.Errorf("answers = %+v", ans)
	}
	if d, _ := h.store.Dashboard(t.Context(), 1); len(d.Modules) != 0 {
		t.Errorf("a review attempt counted as a module attempt: %+v", d.Modules)
	}
}

func TestReviewStopKeepsTheRestDue(t *testing.T) {
	h := newHarness(t)
	past := h.clock.t.Add(-time.Hour)
	h.putReviews([]progress.ReviewItem{
		{ProfileID: 1, Kind: progress.ReviewQuestion, Key: "passports/keeps-passport", Box: 1, Due: past},
		{ProfileID: 1, Kind: progress.ReviewQuestion, Key: "passports/consent", Box: 1, Due: past},
	})
	out := h.run(t, "1\nq\n", func(s *Session) error { return s.Review() })
	wantInOrder(t, out, "Review: 2 questions.", "Question 1 of 2", "Consent to travel", "Not quite.", "Saved.",
		"Question 2 of 2", "Review stopped. What you answered is saved; the rest stays due.")
	due, _ := h.store.ReviewDue(t.Context(), 1, h.clock.t)
	if len(due) != 1 || due[0].Key != "passports/keeps-passport" {
		t.Errorf("still due = %+v", due)
	}
	if a := h.attempts()[0]; !a.Done() || a.Total != 1 || len(a.Questions) != 1 {
		t.Errorf("attempt = %+v", a)
	}
	out = h.run(t, "", func(s *Session) error { return s.Review() })
	wantInOrder(t, out, "Review: 1 question.", "Question 1 of 1", "Review stopped.")
}

func TestGlossary(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	input := strings.Join([]string{
		"3",      // home: glossary
		"1",      // how to read indicators
		"2",      // Coercion
		"1",      // the first indicator
		"r",      // list again
		"q",      // back to the categories
		"papers", // a word typed at the categories
		"q",
		"4", "zzz", // search with no match
		"4", "", // search, then nothing
		"5", // back
		"q",
	}, "\n") + "\n"
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"Glossary: 3 indicators in 2 categories.",
		"  1. How to read indicators",
		"  2. Coercion (2 indicators)",
		"  3. Isolation (1 indicator)",
		"  4. Search by word",
		"  5. Back",
		"or type a word to search, or q to go back:",
		"An indicator is a reason to ask more, not proof.",
		"Coercion",
		"  1. Identity documents held by someone else. Strength: strong. Source: ILO (2009), Operational indicators",
		"  2. Debt bondage. Strength: medium.",
		"Identity documents held by someone else",
		"Category: Coercion. Strength: strong.",
		"Source: ILO (2009), Operational indicators",
		"Holding someone's papers stops them leaving.",
		"  2. Debt bondage. Strength: medium.",
		"Glossary: 3 indicators",
		`Indicators that mention "papers". 1 indicator:`,
		"  1. Identity documents held by someone else.",
		"Search for (a word or two; Enter to go back):",
		`Nothing in the glossary mentions "zzz".`,
		"Search for",
		"Home: Ana",
		"Goodbye.",
	)
	wantNot(t, got, "**")
	wantPlainText(t, got)
}

func TestUnknownIDs(t *testing.T) {
	ids := []string{"foundations", "labour-exploitation", "children", "referral"}
	for _, c := range []struct{ id, want string }{
		{"fundations", `no module with id "fundations"; did you mean foundations?`},
		{"labour", `no module with id "labour"; did you mean labour-exploitation?`},
		{"xyzzy-plugh", `no module with id "xyzzy-plugh"; the modules are: foundations, labour-exploitation, children, referral`},
	} {
		if got := UnknownError("module", c.id, ids).Error(); got != c.want {
			t.Errorf("%s: %s", c.id, got)
		}
	}
	if got := NearMatches("CHILDREN", ids); len(got) != 1 || got[0] != "children" {
		t.Errorf("case: %v", got)
	}
	h := newHarness(t)
	var out strings.Builder
	err := h.session("", &out).Quiz("pasports")
	if err == nil || !strings.Contains(err.Error(), "did you mean passports?") {
		t.Errorf("quiz: %v", err)
	}
	err = h.session("", &out).Scenario("land")
	if err == nil || !strings.Contains(err.Error(), "did you mean landing?") {
		t.Errorf("scenario: %v", err)
	}
}

// TestHomeNumbersAreTheSameForEveryone: the bundled modules and case
// studies carry the same numbers for learners of different roles, and
// after one finishes a module, so "number 3" means one item to a room.
func TestHomeNumbersAreTheSameForEveryone(t *testing.T) {
	h := newHarness(t)
	lib, _ := loader.Load(loader.Bundled())
	h.lib = lib
	menu := func(p progress.Profile) (string, string) {
		var out strings.Builder
		s := h.newSession("q\n", &out)
		s.Profile = p
		if err := s.Home(); err != nil {
			t.Fatal(err)
		}
		var items []string
		next := ""
		for _, l := range strings.Split(out.String(), "\n") {
			if regexp.MustCompile(`^  \d+\. `).MatchString(l) {
				items = append(items, strings.SplitN(l, ". ", 3)[0]+". "+strings.SplitN(l, ". ", 3)[1])
			}
			if strings.Contains(l, "Suggested next for you") {
				next = l
			}
		}
		return strings.Join(items, "\n"), next
	}
	police, err := h.db.CreateProfile(t.Context(), "Pat", content.RolePolice)
	if err != nil {
		t.Fatal(err)
	}
	health, err := h.db.CreateProfile(t.Context(), "Kim", content.RoleHealth)
	if err != nil {
		t.Fatal(err)
	}
	a, nextA := menu(police)
	b, _ := menu(health)
	if a != b || !strings.Contains(a, "  1. What trafficking is") {
		t.Errorf("numbers differ by role:\npolice:\n%s\nhealth:\n%s", a, b)
	}
	if !strings.Contains(nextA, "Suggested next for you: 1, What trafficking is.") {
		t.Errorf("the first suggestion should be the first module: %q", nextA)
	}
	if err := h.db.MarkComplete(t.Context(), police.ID, "foundations", time.Now()); err != nil {
		t.Fatal(err)
	}
	c, nextC := menu(police)
	if c != a {
		t.Errorf("numbers changed after a module was finished:\nbefore:\n%s\nafter:\n%s", a, c)
	}
	if nextC == nextA || nextC == "" {
		t.Errorf("the suggestion should move on after the first module: %q", nextC)
	}
}

// TestHomeContentNotesOnce: a module's note comes before its pages, not
// again before its quiz; the home entry switches to notes every time.
func TestHomeContentNotesOnce(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	input := strings.Join([]string{
		"1", "1", // the module, its pages
		"",       // the note
		"q",      // stop reading
		"2",      // its practice quiz: no note this time
		"q",      // stop
		"4",      // back home
		"5",      // content notes: every time
		"1", "2", // the quiz again: the note comes first
		"b", "4",
		"q",
	}, "\n") + "\n"
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"Content note: Describes threats against workers.",
		"Page 1 of 2",
		"Quiz: Documents and control",
		"Question 1 of 3",
		"5. Content notes: shown once for each item (choose to show them every time)",
		"Content notes will be shown every time you open an item.",
		"5. Content notes: shown every time",
		"Quiz: Documents and control",
		"Content note: Describes threats against workers.",
		"Goodbye.")
	if n := strings.Count(got, "Content note: "); n != 2 {
		t.Errorf("the note was shown %d times, want 2 (once, then every time):\n%s", n, got)
	}
}

// TestHomeContinuesAnOpenExam: home lists an open exam with its time
// left, and c1 carries it on.
func TestHomeContinuesAnOpenExam(t *testing.T) {
	h := newHarness(t)
	var out strings.Builder
	// The exam of the module: note, rules, one answer, leave.
	input := "1\n3\n\n\n1\nq\ny\n4\nc1\n"
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"Exam: Documents and control",
		"Answer 1 to question 1 saved.",
		"Continue where you left off: 1. Type c1 for the first.",
		"  c1. Exam: Documents and control, question 2 of 3, 10 minutes left, until ",
		"Choose a number from 1 to 6, c1 to continue, or q to quit:",
		"Continuing your exam at question 2 of 3")
}

// TestModuleState: a learner with every answer right is never told the
// module is merely "started".
func TestModuleState(t *testing.T) {
	for _, tt := range []struct {
		st   progress.ModuleStat
		want string
	}{
		{progress.ModuleStat{}, "not started"},
		{progress.ModuleStat{Attempts: 1, Best: 79.6}, "started, best score 79%"},
		{progress.ModuleStat{Attempts: 2, Best: 99.99999999999}, "every answer right, best score 100%; read to the last page to complete it"},
		{progress.ModuleStat{Attempts: 2, Best: 100, Completed: true}, "done, best score 100%"},
		{progress.ModuleStat{Completed: true}, "done"},
	} {
		if got := moduleState(tt.st); got != tt.want {
			t.Errorf("moduleState(%+v) = %q, want %q", tt.st, got, tt.want)
		}
	}
}

// TestGlossaryTerms: the line mode's glossary lists the terms of the
// course, and a search by word finds a term by another name ("s45").
func TestGlossaryTerms(t *testing.T) {
	h := newHarness(t)
	h.lib.Glossary = &content.Glossary{Terms: []content.Term{
		{ID: "nrm", Name: "National Referral Mechanism (NRM)", Also: []string{"NRM"}, Source: "Home Office (2024)",
			Definition: "The UK's framework for identifying and supporting potential victims."},
		{ID: "s45", Name: "Section 45 defence (s45)", Also: []string{"s45", "section 45"}, Source: "College of Policing",
			Definition: "A defence at trial under section 45 of the Modern Slavery Act 2015 (England and Wales)."},
	}}
	var out strings.Builder
	input := strings.Join([]string{
		"g",      // home: the glossary
		"1",      // terms
		"2",      // section 45
		"q",      // back to the glossary
		"s45",    // a word typed at the glossary
		"1", "q", // the term found
		"q", "q",
	}, "\n") + "\n"
	if err := h.session(input, &out).Home(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(),
		"Glossary: 2 terms, and 3 indicators in 2 categories.",
		"  1. Terms used in the course (2 terms)",
		"Terms used in the course. 2 terms:",
		"  1. National Referral Mechanism (NRM)",
		"  2. Section 45 defence (s45)",
		"Section 45 defence (s45)",
		"Also called: s45, section 45.",
		"A defence at trial under section 45 of the Modern Slavery Act 2015 (England and Wales).",
		"Source: College of Policing",
		`Terms that mention "s45". 1 term:`,
		"  1. Section 45 defence (s45)",
		"Goodbye.")
}
