package loader

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"frontline/internal/content"
	"frontline/internal/textsafe"
)

const catalogue = `---
id: indicators
kind: catalogue
title: Indicators
---
# Indicators

Intro text.

## Coercion at destination

### retained-documents: Identity documents held by someone else
Strength: strong
Source: ILO (2009)

Keeping someone's passport stops them leaving.

### others-speak-for-them: Someone else answers for them
Source: UNODC

A companion answers every question.
`

const goodModule = `---
id: basics
title: Basics
summary: The basics.
roles: [police, health]
level: intro
minutes: 10
content-note: Mentions violence.
sources:
  - ILO (2009)
exam:
  questions: 2
  time: 20m
  pass: 80
  attempts: 3
  review: answers
---
# Basics

Intro page.

## First page

> [!IMPORTANT]
> Consent to a job is not consent to exploitation.

## Trainer notes

Ask the room.

## Quiz

### A recruiter keeps a passport. What does it indicate? {#passport}

Indicators: retained-documents

- [ ] Nothing unusual
  - Holding papers is control.
- [x] Retention of identity documents
- [ ] Debt bondage
  - Not from this alone.

> Keeping a passport restricts freedom to leave.

### Which are indicators? {#which}

Indicators: retained-documents, others-speak-for-them

- [x] Passport held by the employer
- [ ] Tired after a journey
  - Expected after travel.
- [x] A companion answers every question

> Both are indicators; tiredness is not.

### Consent makes exploitation legal. {#consent}

- [ ] True
- [x] False

> Consent is irrelevant once the means are used.
`

const goodScenario = `---
id: landing
title: Night landing
roles: [border]
summary: A landing.
start: arrival
---
# Night landing

Briefing text.

## Arrival {#arrival}

A group arrives.

### Which indicators do you notice? {#notice}

Indicators: others-speak-for-them

- [x] An older woman answers every question
- [ ] She is exhausted
  - Expected after a crossing.

> The companion is the indicator.

### What do you do? {#act}

- [ ] [Ask the older woman to interpret](#bad)
  - She may control her.
- [x] [Arrange a private talk](#private)
  - Safe.

## Private talk {#private}

She talks.

## Bad {#bad}

It goes wrong.

### What now? {#recover}

- [x] [Try a private talk](#private)
  - Recovering.
- [ ] [Leave her alone with them](#lost)
  - Lost.

## Lost {#lost}

She is gone.

## Trainer notes

Discuss.
`

func fsOf(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func load(t *testing.T, files map[string]string) (*content.Library, []Problem) {
	t.Helper()
	return Load(Source{Name: "test", FS: fsOf(files)})
}

func TestLoadGoodContent(t *testing.T) {
	lib, problems := load(t, map[string]string{
		"modules/indicators.md": catalogue,
		"modules/basics.md":     goodModule,
		"scenarios/landing.md":  goodScenario,
	})
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
	if lib.Catalogue == nil || len(lib.Catalogue.Indicators) != 2 {
		t.Fatalf("catalogue = %+v", lib.Catalogue)
	}
	in, _ := lib.Catalogue.Lookup("retained-documents")
	if in.Strength != content.StrengthStrong || in.Source != "ILO (2009)" || in.Category != "Coercion at destination" || !strings.Contains(in.Explanation, "passport") {
		t.Errorf("indicator = %+v", in)
	}
	m, ok := lib.Module("basics")
	if !ok {
		t.Fatal("module basics not loaded")
	}
	if len(m.Pages) != 2 || m.Pages[0].Title != "Basics" || m.Pages[1].Title != "First page" {
		t.Errorf("pages = %+v", m.Pages)
	}
	if !strings.Contains(m.Pages[1].Body, "[!IMPORTANT]") || strings.Contains(m.Pages[1].Body, "Ask the room") {
		t.Errorf("page body = %q", m.Pages[1].Body)
	}
	if len(m.TrainerNotes) != 1 || !strings.Contains(m.TrainerNotes[0].Body, "Ask the room") {
		t.Errorf("trainer notes = %+v", m.TrainerNotes)
	}
	if len(m.Questions) != 3 {
		t.Fatalf("questions = %d", len(m.Questions))
	}
	q := m.Questions[0]
	if q.ID != "passport" || q.Kind != content.SingleChoice || len(q.Options) != 3 || q.Options[0].Feedback != "Holding papers is control." ||
		!q.Options[1].Correct || q.Explanation != "Keeping a passport restricts freedom to leave." || q.Indicators[0] != "retained-documents" {
		t.Errorf("question 0 = %+v", q)
	}
	if m.Questions[1].Kind != content.MultipleChoice || m.Questions[2].Kind != content.TrueFalse {
		t.Errorf("kinds = %v %v", m.Questions[1].Kind, m.Questions[2].Kind)
	}
	if m.Exam.Questions != 2 || m.Exam.TimeLimit != 20*time.Minute || m.Exam.PassMark != 80 || m.Exam.Attempts != 3 || m.Exam.Review != content.ReviewAnswers {
		t.Errorf("exam = %+v", m.Exam)
	}
	if m.ContentNote != "Mentions violence." || len(m.Roles) != 2 || m.Level != content.LevelIntro || m.Fingerprint == "" {
		t.Errorf("meta = %+v", m.Meta)
	}
	s, ok := lib.Scenario("landing")
	if !ok {
		t.Fatal("scenario not loaded")
	}
	if s.Start != "arrival" || len(s.Scenes) != 4 || s.Briefing != "Briefing text." || len(s.TrainerNotes) != 1 {
		t.Errorf("scenario = %+v", s)
	}
	arr, _ := s.Scene("arrival")
	if len(arr.Checkpoints) != 1 || arr.Decision == nil || arr.Decision.Options[1].Target != "private" || arr.Decision.Recommended() != 1 {
		t.Errorf("arrival = %+v", arr)
	}
	if len(s.Endings()) != 2 {
		t.Errorf("endings = %d", len(s.Endings()))
	}
}

func TestCRLFAndBOMLoadAsIfAbsent(t *testing.T) {
	crlf := "\xef\xbb\xbf" + strings.ReplaceAll(goodModule, "\n", "\r\n")
	lib, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": crlf})
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	m, _ := lib.Module("basics")
	if m.Questions[0].Options[0].Feedback != "Holding papers is control." {
		t.Errorf("feedback = %q", m.Questions[0].Options[0].Feedback)
	}
}

// nestedList returns a list nested depth deep.
func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// replace returns the good module with old replaced by new.
func replace(old, new string) string {
	if !strings.Contains(goodModule, old) {
		panic("fixture does not contain " + old)
	}
	return strings.Replace(goodModule, old, new, 1)
}

func replaceScenario(old, new string) string {
	if !strings.Contains(goodScenario, old) {
		panic("fixture does not contain " + old)
	}
	return strings.Replace(goodScenario, old, new, 1)
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name     string
		file     string // path in the content folder
		text     string
		line     int
		severity Severity
		want     string
		skipped  bool // the item must not load
	}{
		{"missing front matter", "modules/basics.md", "# Basics\n", 1, Error, "missing front matter", true},
		{"unclosed front matter", "modules/basics.md", "---\ntitle: x\n# Basics\n", 1, Error, "never closed", true},
		{"unknown key", "modules/basics.md", replace("minutes: 10", "minuets: 10"), 7, Error, `unknown front matter key "minuets" (did you mean "minutes"?)`, true},
		{"bad yaml", "modules/basics.md", replace("minutes: 10", "minutes: [10"), 7, Error, "front matter", true},
		{"bad type", "modules/basics.md", replace("minutes: 10", "minutes: ten"), 7, Error, "cannot unmarshal", true},
		{"no options", "modules/basics.md", replace("- [ ] True\n- [x] False\n", ""), 56, Error, "has no options", true},
		{"no right answer", "modules/basics.md", replace("- [x] Retention", "- [ ] Retention"), 33, Error, "no right answer", true},
		{"one option", "modules/basics.md", replace("- [ ] True\n- [x] False", "- [x] False"), 56, Error, "only one option", true},
		{"empty box warns", "modules/basics.md", replace("- [ ] Debt bondage", "- [] Debt bondage"), 40, Warning, "'[ ]' with a space", false},
		{"missing id warns", "modules/basics.md", replace(" {#consent}", ""), 56, Warning, "no explicit id", false},
		{"duplicate question id", "modules/basics.md", replace("{#consent}", "{#passport}"), 56, Error, `question id "passport" is used twice`, true},
		{"missing feedback warns", "modules/basics.md", replace("  - Not from this alone.\n", ""), 40, Warning, "has no feedback", false},
		{"missing explanation warns", "modules/basics.md", replace("> Consent is irrelevant once the means are used.\n", ""), 56, Warning, "no explanation", false},
		{"unknown indicator", "modules/basics.md", replace("Indicators: retained-documents\n", "Indicators: retained-document\n"), 35, Error, `unknown indicator id "retained-document"; it is not in the indicator catalogue (modules/indicators.md) (did you mean "retained-documents"?)`, true},
		{"escape char", "modules/basics.md", replace("Intro page.", "Intro \x1b]0;pwned\x07 page."), 20, Error, "escape character", true},
		{"escape entity", "modules/basics.md", replace("Intro page.", "Intro &#27;]52;c;SGk=&#7; page."), 20, Error, `written as "&#27;"`, true},
		{"hex entity C1", "modules/basics.md", replace("Intro page.", "Intro &#x9b;2J page."), 20, Error, "C1 control character U+009B", true},
		{"NUL", "modules/basics.md", replace("Intro page.", "Intro \x00 page."), 20, Error, "NUL byte", true},
		// The text rule holds after decoding (review F1, F2, F14).
		{"entity without semicolon", "modules/basics.md", replace("Nothing unusual", "Nothing &#x1b]52;c;SGVsbG8=&#x7 unusual"), 37, Error, `escape character (ESC, U+001B) written as "&#x1b"`, true},
		{"decimal entity without semicolon", "modules/basics.md", replace("Intro page.", "Intro &#27]0;PWNED&#7 page."), 20, Error, `written as "&#27"`, true},
		{"zero-padded entity", "modules/basics.md", replace("Keeping a passport", "Keeping &#00000000027;]8;;https://evil.example/&#00000000027;\\ a passport"), 43, Error, `written as "&#00000000027;"`, true},
		{"entity that wraps to ESC", "modules/basics.md", replace("Intro page.", "Intro &#4294967323; page."), 20, Error, "escape character", true},
		{"named invisible entity", "modules/basics.md", replace("Intro page.", "Intro&ZeroWidthSpace; page."), 20, Error, `invisible zero-width space U+200B written as "&ZeroWidthSpace;"`, true},
		{"entity for a C1 code point", "modules/basics.md", replace("Intro page.", "Intro &#155 page."), 20, Error, "C1 control character U+009B", true},
		{"bidi override in an option", "modules/basics.md", replace("Nothing unusual", "Nothing \u202eunusual\u202c"), 37, Error, "bidi override U+202E", true},
		{"bidi isolate", "modules/basics.md", replace("Debt bondage", "Debt \u2066bondage\u2069"), 40, Error, "bidi isolate U+2066", true},
		{"zero-width space in a title", "modules/basics.md", replace("# Basics", "# Ba\u200bsics"), 18, Error, "zero-width space U+200B", true},
		{"word joiner", "modules/basics.md", replace("# Basics", "# Ba\u2060sics"), 18, Error, "word joiner U+2060", true},
		{"byte order mark inside", "modules/basics.md", replace("Intro page.", "Intro\ufeff page."), 20, Error, "U+FEFF", true},
		{"line separator", "modules/basics.md", replace("Intro page.", "Intro\u2028page."), 20, Error, "line separator U+2028", true},
		{"tag characters", "modules/basics.md", replace("Intro page.", "Intro \U000E0041\U000E0042 page."), 20, Error, "tag character U+E0041", true},
		{"yaml escape in the title", "modules/basics.md", replace("title: Basics", `title: "Title \e]0;PWNED\a \x1b]52;c;SGVsbG8=\x07 end"`), 3, Error, "front matter value holds an escape character (ESC, U+001B)", true},
		{"yaml C1 escape", "modules/basics.md", replace("title: Basics", `title: "Title \x9b2J end"`), 3, Error, "C1 control character U+009B", true},
		{"yaml unicode escape", "modules/basics.md", replace("title: Basics", `title: "Title \u001b[2J"`), 3, Error, "escape character", true},
		{"yaml bidi escape", "modules/basics.md", replace("title: Basics", `title: "Title \u202e"`), 3, Error, "bidi override U+202E", true},
		{"yaml escape in the content note", "modules/basics.md", replace("content-note: Mentions violence.", `content-note: "Note \e]0;PWNED-NOTE\a"`), 8, Error, "front matter value holds an escape character", true},
		{"yaml escape in the version", "modules/basics.md", replace("minutes: 10", "minutes: 10\nversion: \"1.0\\e]0;PWNED-VER\\a\""), 8, Error, "front matter value holds an escape character", true},
		{"yaml escape in a list", "modules/basics.md", replace("  - ILO (2009)", `  - "ILO \x07"`), 10, Error, "bell character", true},
		// Nesting (F3).
		{"quotes 9 deep", "modules/basics.md", replace("Intro page.", strings.Repeat(">", 9)+" deep"), 20, Error, "nested more than 8 deep", true},
		{"quotes 500 deep", "modules/basics.md", replace("Intro page.", strings.Repeat(">", 500)+" deep"), 20, Error, "nested more than 8 deep", true},
		{"lists 9 deep", "modules/basics.md", replace("Intro page.", nestedList(9)), 28, Error, "nested more than 8 deep", true},
		{"quotes 8 deep are fine", "modules/basics.md", replace("Intro page.", strings.Repeat(">", 8)+" deep"), 0, Warning, "", false},
		{"lists 8 deep are fine", "modules/basics.md", replace("Intro page.", nestedList(8)), 0, Warning, "", false},
		// Links and images in options and feedback (F17).
		{"javascript link in an option", "modules/basics.md", replace("- [x] Retention of identity documents", "- [x] [Retention](javascript:alert(1))"), 39, Error, "not allowed", true},
		{"javascript link in feedback", "modules/basics.md", replace("  - Holding papers is control.", "  - [Holding](javascript:alert(1)) papers."), 38, Error, "not allowed", true},
		{"image leaving the folder in an option", "modules/basics.md", replace("- [x] Retention of identity documents", "- [x] Retention ![a](../../../etc/passwd)"), 39, Error, "leaves the content folder", true},
		{"absolute image in feedback", "modules/basics.md", replace("  - Holding papers is control.", "  - Holding ![b](/etc/shadow)"), 38, Error, "leaves the content folder", true},
		{"javascript link in an explanation", "modules/basics.md", replace("> Keeping a passport restricts freedom to leave.", "> [See](javascript:alert(1))."), 43, Error, "not allowed", true},
		// Ids (F14, I4).
		{"look-alike question id", "modules/basics.md", replace("{#passport}", "{#pаssport}"), 33, Error, `question id "pаssport" may use only ASCII letters`, true},
		{"look-alike scene id", "scenarios/landing.md", replaceScenario("## Private talk {#private}", "## Private talk {#privаte}"), 33, Error, "scene id", true},
		{"module id ..", "modules/basics.md", replace("id: basics", "id: .."), 2, Error, `id ".." may use only lower-case letters`, true},
		{"joiners are fine", "modules/basics.md", replace("Intro page.", "Persian: می\u200cخواهم, emoji: 👩\u200d⚕️ ❤️."), 0, Warning, "", false},
		{"lone CR", "modules/basics.md", replace("Intro page.", "Intro\rpage."), 20, Error, "carriage return", true},
		{"invalid utf8", "modules/basics.md", replace("Intro page.", "Intro \xff page."), 20, Error, "invalid UTF-8", true},
		{"unclosed fence", "modules/basics.md", replace("Ask the room.", "```\ncode"), 29, Error, "code fence opened at line 29 is never closed", true},
		{"image escapes", "modules/basics.md", replace("Intro page.", "![map](../../../etc/passwd.png)"), 20, Error, "leaves the content folder", true},
		{"absolute image", "modules/basics.md", replace("Intro page.", "![map](/etc/x.png)"), 20, Error, "leaves the content folder", true},
		{"remote image warns", "modules/basics.md", replace("Intro page.", "![map](https://example.org/x.png)"), 20, Warning, "never fetches", false},
		{"javascript link", "modules/basics.md", replace("Intro page.", "[x](javascript:alert(1))"), 20, Error, "not allowed", true},
		{"discouraged term", "modules/basics.md", replace("Intro page.", "Intro about an illegal\nimmigrant page."), 20, Warning, `discouraged term "illegal immigrant"`, false},
		{"term in code is fine", "modules/basics.md", replace("Intro page.", "Avoid `prostitute`; say person in prostitution."), 0, Warning, "", false},
		{"unknown role", "modules/basics.md", replace("roles: [police, health]", "roles: [police, doctor]"), 5, Error, `unknown role "doctor"`, true},
		{"bad level", "modules/basics.md", replace("level: intro", "level: expert"), 6, Error, `level "expert"`, true},
		{"exam too many", "modules/basics.md", replace("questions: 2", "questions: 9"), 11, Error, "draws 9 questions but the quiz has only 3", true},
		{"exam bad time", "modules/basics.md", replace("time: 20m", "time: soon"), 11, Error, "not a duration", true},
		{"exam unknown key", "modules/basics.md", replace("pass: 80", "passmark: 80"), 14, Error, `unknown exam setting "passmark"`, true},
		{"alert kind", "modules/basics.md", replace("[!IMPORTANT]", "[!DANGER]"), 24, Warning, "unknown alert", false},
		{"page after quiz", "modules/basics.md", goodModule + "\n## Late page\n\nText.\n", 63, Error, "after '## Quiz'", true},
		{"heading expected", "modules/basics.md", replace("## Quiz\n", "## Quiz\n\nQ67. What?\n"), 33, Warning, "heading expected", false},
		{"missing scene", "scenarios/landing.md", replaceScenario("(#private)\n  - Safe.", "(#nowhere)\n  - Safe."), 30, Error, `link to scene "nowhere", which does not exist`, true},
		{"unreachable scene", "scenarios/landing.md", goodScenario + "\n## Orphan {#orphan}\n\nNobody comes here.\n", 56, Error, `scene "orphan" is never reached`, true},
		{"loop with no way out", "scenarios/landing.md", strings.NewReplacer("[Try a private talk](#private)", "[Try again](#bad)", "[Leave her alone with them](#lost)", "[Leave her alone with them](#bad)").Replace(goodScenario), 37, Error, `from scene "bad" no path leads to an ending`, true},
		{"bad start", "scenarios/landing.md", replaceScenario("start: arrival", "start: arival"), 6, Error, `start scene "arival" does not exist`, true},
		{"two recommended", "scenarios/landing.md", replaceScenario("- [ ] [Ask the older", "- [x] [Ask the older"), 26, Error, "marks 2 actions", true},
		{"mixed options", "scenarios/landing.md", replaceScenario("- [ ] [Leave her alone with them](#lost)", "- [ ] Leave her alone with them"), 41, Error, "mixes links and plain options", true},
		{"scenario unknown key", "scenarios/landing.md", replaceScenario("start: arrival", "begin: arrival"), 6, Error, `unknown front matter key "begin"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"modules/indicators.md": catalogue,
				"modules/basics.md":     goodModule,
				"scenarios/landing.md":  goodScenario,
			}
			files[tt.file] = tt.text
			lib, problems := load(t, files)
			if tt.want == "" {
				if len(problems) != 0 {
					t.Fatalf("want no problems, got %v", problems)
				}
				return
			}
			found := false
			for _, p := range problems {
				if strings.Contains(p.Message, tt.want) {
					found = true
					if p.File != tt.file || p.Line != tt.line || p.Severity != tt.severity {
						t.Errorf("got %s (severity %s), want %s:%d %s", p, p.Severity, tt.file, tt.line, tt.severity)
					}
				}
			}
			if !found {
				t.Fatalf("no problem containing %q; got %v", tt.want, problems)
			}
			_, modOK := lib.Module("basics")
			_, scOK := lib.Scenario("landing")
			loaded := modOK
			if strings.HasPrefix(tt.file, "scenarios/") {
				loaded = scOK
			}
			if loaded == tt.skipped {
				t.Errorf("item loaded = %v, want %v", loaded, !tt.skipped)
			}
			// The other files still load.
			if lib.Catalogue == nil {
				t.Error("catalogue did not load")
			}
			if strings.HasPrefix(tt.file, "modules/") && !scOK {
				t.Error("a bad module stopped the scenario loading")
			}
			if strings.HasPrefix(tt.file, "scenarios/") && !modOK {
				t.Error("a bad scenario stopped the module loading")
			}
		})
	}
}

func TestFileLimits(t *testing.T) {
	big := "---\ntitle: x\n---\n" + strings.Repeat("a", MaxFileSize)
	_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/big.md": big})
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "limit is 1024 KiB") {
		t.Errorf("big file: %v", problems)
	}
	fm := "---\ntitle: x\nsummary: " + strings.Repeat("a", MaxFrontMatter) + "\n---\n# x\n"
	_, problems = load(t, map[string]string{"modules/indicators.md": catalogue, "modules/fm.md": fm})
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "KiB") {
		t.Errorf("big front matter: %v", problems)
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	bomb := "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n# x\n"
	start := time.Now()
	_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/bomb.md": bomb})
	if len(problems) == 0 {
		t.Fatal("alias bomb loaded without a problem")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("alias bomb took %v", d)
	}
}

func TestDuplicatesRequiresAndOverrides(t *testing.T) {
	second := strings.Replace(goodModule, "title: Basics", "title: Basics again", 1)
	_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": goodModule, "modules/copy.md": second})
	if !hasProblem(problems, "modules/copy.md", `duplicate module id "basics"`) {
		t.Errorf("duplicate id: %v", problems)
	}
	a := strings.Replace(strings.Replace(goodModule, "id: basics", "id: a", 1), "level: intro", "level: intro\nrequires: [b]", 1)
	b := strings.Replace(strings.Replace(goodModule, "id: basics", "id: b", 1), "level: intro", "level: intro\nrequires: [a, zzz]", 1)
	_, problems = load(t, map[string]string{"modules/indicators.md": catalogue, "modules/a.md": a, "modules/b.md": b})
	if !hasProblem(problems, "modules/b.md", "requires form a cycle: a → b → a") {
		t.Errorf("cycle: %v", problems)
	}
	if !hasProblem(problems, "modules/b.md", `requires "zzz"`) {
		t.Errorf("missing requires: %v", problems)
	}

	base := Source{Name: "bundled", FS: fsOf(map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": goodModule})}
	trainer := Source{Name: "/tmp/trainer", Prefix: "/tmp/trainer", FS: fsOf(map[string]string{"modules/basics.md": second})}
	lib, problems := Load(base, trainer)
	if len(problems) != 0 {
		t.Fatalf("override problems: %v", problems)
	}
	m, _ := lib.Module("basics")
	if len(lib.Modules) != 1 || m.Title != "Basics again" || m.Origin != "/tmp/trainer" {
		t.Errorf("override: %+v", lib.Modules)
	}
	if len(lib.Notices) != 1 || !strings.Contains(lib.Notices[0], `module "basics" from /tmp/trainer replaces the one from bundled`) {
		t.Errorf("notices = %v", lib.Notices)
	}
}

func hasProblem(ps []Problem, file, msg string) bool {
	for _, p := range ps {
		if p.File == file && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}

func TestPretty(t *testing.T) {
	p := Problem{File: "m.md", Line: 3, Col: 5, Severity: Error, Message: "bad", Text: "ab\tdefg"}
	want := "m.md:3:5: error: bad\n    ab defg\n        ^"
	if got := p.Pretty(); got != want {
		t.Errorf("Pretty() =\n%s\nwant\n%s", got, want)
	}
}

func TestBundledContentIsClean(t *testing.T) {
	lib, problems := Load(Bundled())
	for _, p := range problems {
		t.Errorf("%s", p)
	}
	if len(lib.Modules) == 0 || len(lib.Scenarios) == 0 || lib.Catalogue == nil {
		t.Errorf("bundled content: %d modules, %d scenarios", len(lib.Modules), len(lib.Scenarios))
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(goodModule)
	f.Add(goodScenario)
	f.Add(catalogue)
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range []string{"modules/x.md", "scenarios/x.md"} {
			_, problems := Load(Source{Name: "fuzz", FS: fsOf(map[string]string{name: s, "modules/indicators.md": catalogue})})
			for _, p := range problems {
				if strings.Contains(p.Message, "internal error") {
					t.Fatalf("parser failed on %q: %s", s, p)
				}
			}
		}
	})
}

func TestIndexMatchesLoad(t *testing.T) {
	full, _ := Load(Bundled())
	idx, problems := Index(Bundled())
	if len(problems) != 0 {
		t.Fatalf("index problems: %v", problems)
	}
	if len(idx.Modules) != len(full.Modules) || len(idx.Scenarios) != len(full.Scenarios) {
		t.Fatalf("index has %d modules and %d scenarios, load %d and %d", len(idx.Modules), len(idx.Scenarios), len(full.Modules), len(full.Scenarios))
	}
	for i, m := range idx.Modules {
		f := full.Modules[i]
		if m.ID != f.ID || m.Title != f.Title || m.Summary != f.Summary || m.Fingerprint != f.Fingerprint || len(m.Questions) != 0 {
			t.Errorf("index module %d = %+v, load %+v", i, m.Meta, f.Meta)
		}
	}
}

// TestFrontMatterSyntaxLines breaks each line of the front matter in the
// ways a trainer might and checks the error names that line.
func TestFrontMatterSyntaxLines(t *testing.T) {
	lines := []struct {
		line      int
		old, text string
	}{
		{2, "id: basics", ""},
		{3, "title: Basics", ""},
		{5, "roles: [police, health]", ""},
		{6, "level: intro", ""},
		{7, "minutes: 10", ""},
	}
	breaks := []struct {
		name string
		do   func(key, value string) string
	}{
		{"unclosed list", func(k, v string) string { return k + ": [" + v }},
		{"unclosed braces", func(k, v string) string { return k + ": {" + v }},
		{"unclosed double quote", func(k, v string) string { return k + ": \"" + v }},
		{"unclosed single quote", func(k, v string) string { return k + ": '" + v }},
		{"two colons", func(k, v string) string { return k + ": " + v + ": x" }},
		{"bad character", func(k, v string) string { return k + ": @" + v }},
		{"indented key", func(k, v string) string { return "  " + k + ": " + v }},
	}
	for _, b := range breaks {
		for _, l := range lines {
			k, v, _ := strings.Cut(l.old, ": ")
			broken := b.do(k, strings.Trim(v, "[]"))
			if l.line == 2 && b.name == "indented key" {
				continue // an indented first key is still valid YAML
			}
			t.Run(fmt.Sprintf("%s on line %d", b.name, l.line), func(t *testing.T) {
				_, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": replace(l.old, broken)})
				var got []Problem
				for _, p := range problems {
					if strings.Contains(p.Message, "front matter") {
						got = append(got, p)
					}
				}
				if len(got) == 0 {
					t.Fatalf("no front matter problem for %q; got %v", broken, problems)
				}
				if got[0].Line != l.line {
					t.Errorf("%q: problem on line %d, want %d: %s", broken, got[0].Line, l.line, got[0])
				}
			})
		}
	}
}

// TestCrossCheckSkips checks that an error found across files (an unknown
// indicator id, a missing prerequisite) skips the file as the message
// says, and that a trainer's replacement skipped that way gives the
// bundled item its place back, with a notice that says so.
func TestCrossCheckSkips(t *testing.T) {
	typo := replace("Indicators: retained-documents\n", "Indicators: pasport-retained\n")
	lib, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": typo})
	if !hasProblem(problems, "modules/basics.md", `unknown indicator id "pasport-retained"`) {
		t.Fatalf("problems: %v", problems)
	}
	if _, ok := lib.Module("basics"); ok {
		t.Error("a module with an unknown indicator id loaded, though the problem says it was skipped")
	}

	reqs := replace("level: intro", "level: intro\nrequires: [nowhere]")
	lib, problems = load(t, map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": reqs})
	if !hasProblem(problems, "modules/basics.md", `requires "nowhere"`) {
		t.Fatalf("problems: %v", problems)
	}
	if _, ok := lib.Module("basics"); ok {
		t.Error("a module requiring a missing module loaded, though the problem says it was skipped")
	}

	base := Source{Name: "bundled", FS: fsOf(map[string]string{"modules/indicators.md": catalogue, "modules/basics.md": goodModule})}
	trainer := Source{Name: "/tmp/trainer", Prefix: "/tmp/trainer", FS: fsOf(map[string]string{"modules/basics.md": strings.Replace(typo, "title: Basics", "title: Local basics", 1)})}
	lib, problems = Load(base, trainer)
	if !hasProblem(problems, "/tmp/trainer/modules/basics.md", `unknown indicator id "pasport-retained"`) {
		t.Fatalf("problems: %v", problems)
	}
	m, ok := lib.Module("basics")
	if !ok || m.Title != "Basics" || m.Origin != "bundled" || len(lib.Modules) != 1 {
		t.Errorf("after the replacement was skipped: %+v", lib.Modules)
	}
	if len(lib.Notices) != 1 || !strings.Contains(lib.Notices[0], `module "basics" from /tmp/trainer has errors and was skipped; the one from bundled is used`) {
		t.Errorf("notices = %q", lib.Notices)
	}
	for _, q := range m.Questions {
		for _, id := range q.Indicators {
			if _, ok := lib.Catalogue.Lookup(id); !ok {
				t.Errorf("question %s keeps the unknown indicator %q", q.ID, id)
			}
		}
	}
}

const goodGlossary = `---
kind: glossary
title: Glossary
---
# Glossary

Words you will meet.

### National Referral Mechanism (NRM) {#nrm}
Also: NRM, referral
Source: Home Office (2024)

The UK's framework for identifying and supporting potential victims.

### Duty to notify
Source: College of Policing

A duty under section 52 of the Modern Slavery Act 2015 (England and Wales).

- first item
- second item
`

// TestGlossary reads a glossary of terms: names, ids from {#id} or the
// name, other names, the source and the definition; and its problems.
func TestGlossary(t *testing.T) {
	lib, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/glossary.md": goodGlossary})
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	g := lib.Glossary
	if g == nil || len(g.Terms) != 2 || g.Intro != "Words you will meet." {
		t.Fatalf("glossary = %+v", g)
	}
	nrm, ok := g.Lookup("nrm")
	if !ok || nrm.Name != "National Referral Mechanism (NRM)" || strings.Join(nrm.Also, "|") != "NRM|referral" ||
		nrm.Source != "Home Office (2024)" || nrm.Definition != "The UK's framework for identifying and supporting potential victims." || nrm.Line != 9 {
		t.Errorf("NRM = %+v", nrm)
	}
	dtn, ok := g.Lookup("duty-to-notify")
	if !ok || !strings.Contains(dtn.Definition, "(England and Wales)") || !strings.Contains(dtn.Definition, "first item") {
		t.Errorf("duty to notify = %+v", dtn)
	}
	if len(lib.Modules) != 0 {
		t.Errorf("a glossary is not a module: %+v", lib.Modules)
	}

	for _, tt := range []struct {
		name, text string
		line       int
		severity   Severity
		want       string
	}{
		{"no definition", strings.Replace(goodGlossary, "The UK's framework for identifying and supporting potential victims.\n", "", 1), 9, Error, `term "National Referral Mechanism (NRM)" has no definition`},
		{"no source", strings.Replace(goodGlossary, "Source: College of Policing\n", "", 1), 15, Warning, `term "Duty to notify" has no 'Source:' line`},
		{"same id", strings.Replace(goodGlossary, "### Duty to notify", "### Duty to notify {#nrm}", 1), 15, Error, `term id "nrm" is used twice (also at line 9)`},
		{"no terms", "---\nkind: glossary\ntitle: G\n---\n# G\n\nNothing.\n", 1, Error, "the glossary has no terms"},
		{"unknown key", strings.Replace(goodGlossary, "title: Glossary", "title: Glossary\nlevel: intro", 1), 4, Error, `unknown front matter key "level"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lib, problems := load(t, map[string]string{"modules/indicators.md": catalogue, "modules/glossary.md": tt.text})
			found := false
			for _, p := range problems {
				if strings.Contains(p.Message, tt.want) {
					found = true
					if p.Line != tt.line || p.Severity != tt.severity {
						t.Errorf("got %s (%s), want line %d %s", p, p.Severity, tt.line, tt.severity)
					}
				}
			}
			if !found {
				t.Fatalf("no problem %q in %v", tt.want, problems)
			}
			if (tt.severity == Error) != (lib.Glossary == nil) {
				t.Errorf("glossary loaded = %v with an %s", lib.Glossary != nil, tt.severity)
			}
		})
	}
}

// TestBundledGlossary checks the bundled glossary: the terms a learner
// meets in the course are there, each with a source, and law names its
// jurisdiction.
func TestBundledGlossary(t *testing.T) {
	lib, problems := Load(Bundled())
	for _, p := range problems {
		t.Errorf("bundled content: %s", p)
	}
	g := lib.Glossary
	if g == nil {
		t.Fatal("no glossary in the bundled content")
	}
	for _, id := range []string{"nrm", "duty-to-notify", "first-responder", "s45", "competent-authority", "smuggling", "act-means-purpose", "non-punishment"} {
		term, ok := g.Lookup(id)
		if !ok {
			t.Errorf("the glossary lacks %q", id)
			continue
		}
		if term.Source == "" {
			t.Errorf("%s has no source", id)
		}
	}
	for _, id := range []string{"duty-to-notify", "s45"} {
		if term, _ := g.Lookup(id); term != nil && !strings.Contains(term.Definition, "England and Wales") {
			t.Errorf("%s states law without its jurisdiction: %s", id, term.Definition)
		}
	}
}

// TestHostileFileNames: a file name with a line break or an escape is
// refused, and no problem line can be forged or carry a control character
// (review F5, F18).
func TestHostileFileNames(t *testing.T) {
	files := map[string]string{
		"modules/indicators.md":                                  catalogue,
		"modules/evil\nh3-fake.md:1:1: error: forged line\nx.md": "---\nbogus: 1\n---\n",
		"modules/x\x1b]0;PWNED-FNAME\x07y.md":                    goodModule,
		"modules/rtl\u202ecod.md":                                goodModule,
	}
	_, problems := load(t, files)
	if len(problems) != 3 {
		t.Fatalf("want 3 problems, got %v", problems)
	}
	for _, p := range problems {
		if !strings.Contains(p.Message, "the file name holds") {
			t.Errorf("not refused for its name: %s", p)
		}
		if strings.Contains(p.String(), "\n") {
			t.Errorf("problem spans lines: %q", p.String())
		}
		for _, s := range []string{p.String(), p.Pretty()} {
			if off, what := textsafe.Check(s); off >= 0 {
				t.Errorf("problem text holds %s: %q", what, s)
			}
		}
	}
	if !strings.Contains(problems[0].String()+problems[1].String()+problems[2].String(), "evil<U+000A>h3-fake.md") {
		t.Errorf("the line break is not shown as an escape: %v", problems)
	}
}

// TestProblemTextIsEscaped: the source line Pretty echoes and the message
// are shown with escapes, and the caret still points at the column.
func TestProblemTextIsEscaped(t *testing.T) {
	p := Problem{File: "m.md", Line: 3, Col: 7, Severity: Error, Message: "'## Late \x1b]0;x\x07' after", Text: "ab\x1bcd X rest"}
	got := p.Pretty()
	want := "m.md:3:7: error: '## Late <U+001B>]0;x<U+0007>' after\n    ab<U+001B>cd X rest\n                 ^"
	if got != want {
		t.Errorf("Pretty:\n%s\nwant\n%s", got, want)
	}
}

// errDirFS fails to list one folder, as a folder without read permission
// does (chmod 000 cannot be tested as root).
type errDirFS struct {
	fstest.MapFS
	dir string
}

func (e errDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == e.dir {
		return nil, &fs.PathError{Op: "readdirent", Path: name, Err: fs.ErrPermission}
	}
	return e.MapFS.ReadDir(name)
}

// TestUnreadableFolder: a modules/ folder that cannot be listed is an
// error, not "0 errors" (review F16).
func TestUnreadableFolder(t *testing.T) {
	fsys := errDirFS{fsOf(map[string]string{"modules/basics.md": goodModule, "scenarios/landing.md": goodScenario}), "modules"}
	_, problems := Load(Source{Name: "t", FS: fsys})
	errs, _ := Count(problems)
	if errs == 0 || !strings.Contains(problems[0].String(), "modules:1:1: error: cannot list this folder") {
		t.Fatalf("want an error for modules/, got %v", problems)
	}
}

// TestDecodedCheck: the check on decoded text stands behind the byte scan
// and reports with the node's position.
func TestDecodedCheck(t *testing.T) {
	f := newFile(Source{Name: "t"}, "modules/m.md", []byte("# Title\n\nA paragraph.\n"))
	m := f.parseMarkdown(0)
	p := m.doc.FirstChild().NextSibling()
	m.checkDecoded(p, "text \x1b]0;x\x07")
	m.checkDecoded(p, "again \x1b") // one report per node
	if len(f.problems) != 1 || f.problems[0].Line != 3 || !strings.Contains(f.problems[0].Message, "escape character") {
		t.Fatalf("got %v", f.problems)
	}
}

// TestScenarioGraphLinear: an 18,000-scene chain (1 MiB) loads; with the
// graph checks linear it takes a fraction of a second (see
// BenchmarkLoadScenario18000), where quadratic checks took 19 s.
func TestScenarioGraphLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large scenario")
	}
	lib, _ := Load(Source{Name: "gen", FS: fstest.MapFS{"scenarios/w.md": {Data: chainScenario(18000)}}})
	if len(lib.Scenarios) != 1 || len(lib.Scenarios[0].Scenes) != 18000 {
		t.Fatalf("the scenario did not load")
	}
	// A broken link lists a few scene ids, not 18,000.
	src := strings.Replace(string(chainScenario(18000)), "(#3)", "(#nowhere)", 1)
	_, ps := Load(Source{Name: "gen", FS: fstest.MapFS{"scenarios/w.md": {Data: []byte(src)}}})
	for _, p := range ps {
		if strings.Contains(p.Message, "nowhere") && len(p.Message) > 400 {
			t.Errorf("message of %d bytes", len(p.Message))
		}
	}
}

// TestGlossaryJurisdiction: a term tagged for one place's law is left out
// of a library for another place, as its modules are; terms that hold
// everywhere stay.
func TestGlossaryJurisdiction(t *testing.T) {
	it, err := Dir("../../docs/examples/it")
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := Load(Bundled(), it)
	if lib.Jurisdiction != "it" {
		t.Fatalf("jurisdiction = %q", lib.Jurisdiction)
	}
	for _, id := range []string{"nrm", "duty-to-notify", "s45", "helpline"} {
		if _, ok := lib.Glossary.Lookup(id); ok {
			t.Errorf("the UK term %q is in a library for Italy", id)
		}
	}
	for _, id := range []string{"trafficking", "smuggling", "act-means-purpose"} {
		if _, ok := lib.Glossary.Lookup(id); !ok {
			t.Errorf("the term %q, which holds everywhere, is missing", id)
		}
	}
	bundled, _ := Load(Bundled())
	if term, ok := bundled.Glossary.Lookup("s45"); !ok || term.Jurisdiction != "gb-eng" {
		t.Errorf("s45 in the bundled library: %+v", term)
	}
}
