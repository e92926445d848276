package frontline_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/loader"
)

// TestCurriculumCoverage checks what the bundled curriculum promises: every
// indicator is taught somewhere, every module has a real quiz, every role
// has scenarios, and every scenario branches to more than one ending.
func TestCurriculumCoverage(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		t.Errorf("bundled content: %s", p)
	}
	if lib.Catalogue == nil {
		t.Fatal("no indicator catalogue")
	}
	if n := len(lib.Catalogue.Indicators); n < 60 {
		t.Errorf("catalogue has %d indicators, want at least 60", n)
	}
	if len(lib.Modules) < 10 {
		t.Errorf("%d modules, want at least 10", len(lib.Modules))
	}
	if len(lib.Scenarios) < 10 {
		t.Errorf("%d scenarios, want at least 10", len(lib.Scenarios))
	}
	tagged := map[string]bool{}
	for _, m := range lib.Modules {
		if len(m.Questions) < 10 {
			t.Errorf("module %s has %d questions, want at least 10", m.ID, len(m.Questions))
		}
		kinds := map[content.QuestionKind]int{}
		for _, q := range m.Questions {
			kinds[q.Kind]++
			if strings.TrimSpace(q.Explanation) == "" {
				t.Errorf("%s: question %s has no explanation", m.ID, q.ID)
			}
			for _, o := range q.Options {
				if !o.Correct && o.Feedback == "" && q.Kind != content.TrueFalse {
					t.Errorf("%s: question %s: wrong option %q has no feedback", m.ID, q.ID, o.Text)
				}
			}
			for _, id := range q.Indicators {
				tagged[id] = true
			}
		}
		if len(kinds) < 3 {
			t.Errorf("module %s mixes only %d question kinds, want single, select-all and true/false", m.ID, len(kinds))
		}
		if len(m.TrainerNotes) == 0 {
			t.Errorf("module %s has no trainer notes", m.ID)
		}
	}
	roles := map[content.Role]int{}
	for _, s := range lib.Scenarios {
		for _, r := range s.Roles {
			roles[r]++
		}
		if n := len(s.Endings()); n < 2 {
			t.Errorf("scenario %s has %d endings, want at least 2", s.ID, n)
		}
		if len(s.Scenes) < 5 {
			t.Errorf("scenario %s has %d scenes, want at least 5", s.ID, len(s.Scenes))
		}
		decisions, herrings := 0, 0
		for _, sc := range s.Scenes {
			if sc.Decision != nil {
				decisions++
			}
			for _, q := range sc.Checkpoints {
				for _, id := range q.Indicators {
					tagged[id] = true
				}
				herrings += len(q.Options) - len(q.Correct())
			}
		}
		if decisions < 2 {
			t.Errorf("scenario %s has %d decision points, want at least 2", s.ID, decisions)
		}
		if herrings == 0 {
			t.Errorf("scenario %s has no red herrings in its checkpoints", s.ID)
		}
		if len(s.TrainerNotes) == 0 {
			t.Errorf("scenario %s has no trainer notes", s.ID)
		}
	}
	for _, r := range content.Roles {
		if r != content.RoleOther && roles[r] < 2 {
			t.Errorf("role %s has %d scenarios, want at least 2", r, roles[r])
		}
	}
	for id := range lib.Catalogue.Indicators {
		if !tagged[id] {
			t.Errorf("indicator %s is not tagged by any question or checkpoint", id)
		}
	}
}

// TestJurisdictionTags checks the jurisdiction layer of the bundled
// curriculum: the law of England and Wales lives in one jurisdiction module;
// questions elsewhere that depend on UK or England and Wales law are tagged;
// every module can fill its exam without tagged questions; and with a
// trainer's pack for another place, no exam draws a question tagged for the
// UK or for England and Wales.
func TestJurisdictionTags(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		t.Errorf("bundled content: %s", p)
	}
	if lib.Jurisdiction != "gb-eng" {
		t.Errorf("bundled curriculum's place = %q, want gb-eng", lib.Jurisdiction)
	}
	law, ok := lib.Module("referral")
	if !ok || law.Jurisdiction != "gb-eng" {
		t.Fatalf("the referral module should be the jurisdiction module for England and Wales")
	}
	if !strings.Contains(strings.Join(pageBodies(law), "\n"), "covers the whole United Kingdom") {
		t.Error("the jurisdiction module must say that the NRM covers the whole UK")
	}
	// Words that tie a question to UK or England and Wales law or bodies.
	ukOnly := []string{"England", "Wales", "NRM", "National Referral Mechanism", "section 45", "s45", "Duty to Notify", "duty to notify", "GLAA", "Gangmasters", "Crown Prosecution", "CPS", "Modern Slavery Act", "NHS"}
	for _, m := range lib.Modules {
		if m.Jurisdiction != "" {
			continue
		}
		untagged := 0
		for _, q := range m.Questions {
			if q.Jurisdiction != "" {
				if q.Jurisdiction != "gb" && q.Jurisdiction != "gb-eng" {
					t.Errorf("%s: question %s is tagged %q; the bundled curriculum only has gb and gb-eng", m.ID, q.ID, q.Jurisdiction)
				}
				continue
			}
			untagged++
			text := q.Text + "\n" + q.Body
			for _, o := range q.Options {
				text += "\n" + o.Text
			}
			for _, w := range ukOnly {
				if containsWord(text, w) {
					t.Errorf("%s: question %s mentions %q but is not tagged jurisdiction=gb or gb-eng", m.ID, q.ID, w)
					break
				}
			}
		}
		if n := m.Exam.WithDefaults(len(m.Questions)).Questions; untagged < n {
			t.Errorf("%s: only %d untagged questions for a %d-question exam; an exam outside the UK could not be drawn in full", m.ID, untagged, n)
		}
	}

	// A trainer in Italy adds one folder.
	it, err := loader.Dir("docs/examples/it")
	if err != nil {
		t.Fatal(err)
	}
	lib, problems = loader.Load(loader.Bundled(), it)
	for _, p := range problems {
		t.Errorf("bundled content with the Italian example: %s", p)
	}
	if lib.Jurisdiction != "it" {
		t.Fatalf("place with the Italian pack = %q, want it", lib.Jurisdiction)
	}
	if _, ok := lib.Module("referral"); ok {
		t.Error("the England and Wales module is still in the library with the Italian pack")
	}
	if _, ok := lib.Module("referral-it"); !ok {
		t.Error("the Italian jurisdiction module did not load")
	}
	for _, m := range lib.Modules {
		set := m.Exam.WithDefaults(len(m.Questions))
		for seed := int64(0); seed < 50; seed++ {
			ids, _ := engine.Draw(m, set.Questions, seed)
			if len(ids) < min(set.Questions, len(engine.Eligible(m))) {
				t.Fatalf("%s: drew %d questions", m.ID, len(ids))
			}
			for _, id := range ids {
				if q, _ := m.Question(id); q.Jurisdiction == "gb" || q.Jurisdiction == "gb-eng" {
					t.Fatalf("%s: an exam in Italy drew %s, tagged %s", m.ID, id, q.Jurisdiction)
				}
			}
		}
	}
}

func pageBodies(m *content.Module) []string {
	var out []string
	for _, p := range m.Pages {
		out = append(out, p.Body)
	}
	return out
}

// containsWord reports whether w occurs in s as a whole word.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before := start == 0 || !isWordByte(s[start-1])
		after := end == len(s) || !isWordByte(s[end])
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// internalName matches the names of the project's own source notes (seed
// files), which mean nothing to a learner and must never be shown as a
// citation.
var internalName = regexp.MustCompile(`(?i)\bseed( document)?s? ?\d{3}\b|\b\d{3}_[0-9a-f]{16}\.txt\b|\bseeds?/`)

// TestLearnerNeverSeesInternalSourceNames checks every text of the bundled
// modules and the catalogue that a learner can see (front matter, pages,
// questions, options, feedback, explanations, indicator sources): citations
// name organisations, titles and dates, never the project's internal file
// names, and no fact carries a "checked 2026" stamp that no record backs.
func TestLearnerNeverSeesInternalSourceNames(t *testing.T) {
	lib, _ := loader.Load(loader.Bundled())
	stamp := regexp.MustCompile(`(?i)\bchecked (in )?20\d\d\b`)
	check := func(where, text string) {
		if m := internalName.FindString(text); m != "" {
			t.Errorf("%s shows an internal source name to learners: %q", where, m)
		}
		if m := stamp.FindString(text); m != "" {
			t.Errorf("%s carries a verification stamp %q; give the source and its date instead (docs/facts.md)", where, m)
		}
	}
	for _, m := range lib.Modules {
		check(m.ID+" front matter", strings.Join(append([]string{m.Title, m.Summary, m.ContentNote}, m.Sources...), "\n"))
		for _, p := range m.Pages {
			check(m.ID+" page "+p.Title, p.Body)
		}
		for _, q := range m.Questions {
			text := []string{q.Text, q.Body, q.Explanation}
			for _, o := range q.Options {
				text = append(text, o.Text, o.Feedback)
			}
			check(m.ID+" question "+q.ID, strings.Join(text, "\n"))
		}
	}
	check("catalogue intro", lib.Catalogue.Intro)
	for id, in := range lib.Catalogue.Indicators {
		check("indicator "+id, in.Source+"\n"+in.Explanation)
	}
	// The rule itself must catch what it is meant to catch.
	for _, bad := range []string{"seed 001", "(seed document 004)", "001_95b3264b922c26a2.txt"} {
		if !internalName.MatchString(bad) {
			t.Errorf("internalName does not match %q", bad)
		}
	}
}

// TestContentNotes checks that every bundled module has a content note,
// shown before it starts.
func TestContentNotes(t *testing.T) {
	lib, _ := loader.Index(loader.Bundled())
	for _, m := range lib.Modules {
		if strings.TrimSpace(m.ContentNote) == "" {
			t.Errorf("module %s (%s) has no content-note", m.ID, m.File)
		}
	}
}

// TestFactsRegister checks that every phone number a bundled module or
// scenario gives is in the facts register, with its source, so that a
// trainer's re-check list is complete.
func TestFactsRegister(t *testing.T) {
	reg, err := os.ReadFile("docs/facts.md")
	if err != nil {
		t.Fatal(err)
	}
	phone := regexp.MustCompile(`\*\*(\d[\d -]{1,15}\d)\*\*`)
	lib, _ := loader.Load(loader.Bundled())
	for _, m := range lib.Modules {
		var all []string
		for _, p := range m.Pages {
			all = append(all, p.Body)
		}
		for _, num := range phone.FindAllStringSubmatch(strings.Join(all, "\n"), -1) {
			if strings.Count(num[1], " ")+strings.Count(num[1], "-") == 0 && len(num[1]) > 3 {
				continue // a figure in bold, not a number to call
			}
			if !strings.Contains(string(reg), num[1]) {
				t.Errorf("%s gives the number %s, which docs/facts.md does not list", m.ID, num[1])
			}
		}
	}
	// Scenarios give numbers in running text.
	number := regexp.MustCompile(`\b(\d{3,5} \d{3} \d{3,4}|1-\d{3}-\d{3}-\d{4}|999)\b`)
	for _, sc := range lib.Scenarios {
		var all []string
		for _, scene := range sc.Scenes {
			all = append(all, scene.Body)
		}
		for _, num := range number.FindAllString(strings.Join(all, "\n"), -1) {
			if !strings.Contains(string(reg), num) {
				t.Errorf("scenario %s gives the number %s, which docs/facts.md does not list", sc.ID, num)
			}
		}
	}
}
