package loader

import (
	"bytes"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is every key any kind of file may have; which keys a kind
// accepts is checked separately so typos are reported.
type frontMatter struct {
	ID          string   `yaml:"id"`
	Kind        string   `yaml:"kind"`
	Title       string   `yaml:"title"`
	Summary     string   `yaml:"summary"`
	Roles       []string `yaml:"roles"`
	Role        string   `yaml:"role"`
	Level       string   `yaml:"level"`
	Minutes     int      `yaml:"minutes"`
	Requires    []string `yaml:"requires"`
	ContentNote string   `yaml:"content-note"`
	Sources     []string `yaml:"sources"`
	Version     string   `yaml:"version"`
	Start       string   `yaml:"start"`
	Exam        *examFM  `yaml:"exam"`
	// Jurisdiction makes a module or scenario a jurisdiction item.
	Jurisdiction string `yaml:"jurisdiction"`

	// lines maps each top-level key to its line in the file.
	lines map[string]int
}

type examFM struct {
	Questions int    `yaml:"questions"`
	Time      string `yaml:"time"`
	Pass      int    `yaml:"pass"`
	Attempts  int    `yaml:"attempts"`
	Review    string `yaml:"review"`
}

var (
	moduleKeys    = []string{"id", "kind", "title", "summary", "roles", "level", "minutes", "requires", "content-note", "sources", "version", "exam", "jurisdiction"}
	scenarioKeys  = []string{"id", "kind", "title", "summary", "roles", "role", "level", "minutes", "requires", "content-note", "sources", "version", "start", "jurisdiction"}
	catalogueKeys = []string{"id", "kind", "title", "summary", "sources", "version"}
	examKeys      = []string{"questions", "time", "pass", "attempts", "review"}
)

// line returns the line of key, or the front matter's first line.
func (fm *frontMatter) line(key string) int {
	if l, ok := fm.lines[key]; ok {
		return l
	}
	return 1
}

// splitFrontMatter finds the front matter at the start of the file. It
// returns the YAML text, the line where the YAML starts and the offset
// where the Markdown body starts.
func (f *file) splitFrontMatter() (yamlText []byte, yamlLine, bodyOff int, ok bool) {
	t := f.text
	if !bytes.HasPrefix(t, []byte("---\n")) && !bytes.Equal(bytes.TrimRight(t, " "), []byte("---")) {
		f.errorf(1, 1, "missing front matter: start the file with a line '---', the YAML keys (at least 'title:'), then '---'")
		return nil, 0, 0, false
	}
	for n := 2; n <= len(f.starts); n++ {
		l := strings.TrimRight(f.lineText(n), " \t")
		if l == "---" || l == "..." {
			start := f.starts[1]
			end := f.lineStart(n)
			if end-start > MaxFrontMatter {
				f.errorf(1, 1, "front matter is %d KiB; the limit is %d KiB", (end-start)>>10, MaxFrontMatter>>10)
				return nil, 0, 0, false
			}
			body := len(t)
			if n < len(f.starts) {
				body = f.starts[n]
			}
			return t[start:end], 2, body, true
		}
		if f.lineStart(n)-f.starts[1] > MaxFrontMatter {
			f.errorf(1, 1, "front matter is longer than %d KiB or never closed: end it with a line '---'", MaxFrontMatter>>10)
			return nil, 0, 0, false
		}
	}
	f.errorf(1, 1, "front matter opened at line 1 is never closed: end it with a line '---'")
	return nil, 0, 0, false
}

var yamlLineRE = regexp.MustCompile(`line (\d+): `)

// yamlError reports a YAML error, moving its line numbers to file lines.
// text is the YAML the error came from.
func (f *file) yamlError(err error, text []byte, firstLine int) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	syntax := !errors.As(err, &te)
	if !syntax {
		msgs = te.Errors
	}
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		line := firstLine
		if sm := yamlLineRE.FindStringSubmatch(m); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			line = firstLine + n - 1
			m = strings.Replace(m, sm[0], "", 1)
		}
		if syntax {
			if n := syntaxErrorLine(text, m); n > 0 {
				line = firstLine + n - 1
			}
		}
		m = strings.ReplaceAll(m, "!!str", "text")
		m = strings.ReplaceAll(m, "!!int", "a number")
		m = strings.ReplaceAll(m, "!!seq", "a list")
		m = strings.ReplaceAll(m, "!!map", "a mapping")
		f.errorf(line, 1, "front matter: %s", m)
	}
}

// syntaxErrorLine finds the line (1-based, within text) of a YAML syntax
// error whose message is msg. The YAML parser's own line numbers are not
// reliable for this: some of its errors name the line before the broken
// one, others the last line. The text is read a line at a time: the
// broken line is where the last unbroken run of failing prefixes begins
// (a list or a quote that is merely still open fails too, but parses
// again once it is closed), at its first failure with the same message.
// It returns 0 when that cannot be told.
func syntaxErrorLine(text []byte, msg string) int {
	const maxLines = 400 // front matter is short; never rescan a long one
	run, match := 0, 0
	end := 0
	for n := 1; end < len(text); n++ {
		if n > maxLines {
			return 0
		}
		if i := bytes.IndexByte(text[end:], '\n'); i < 0 {
			end = len(text)
		} else {
			end += i + 1
		}
		var node yaml.Node
		err := yaml.Unmarshal(text[:end], &node)
		if err == nil {
			run, match = 0, 0
			continue
		}
		if run == 0 {
			run = n
		}
		m := strings.TrimPrefix(err.Error(), "yaml: ")
		if sm := yamlLineRE.FindStringSubmatch(m); sm != nil {
			m = strings.Replace(m, sm[0], "", 1)
		}
		if match == 0 && m == msg {
			match = n
		}
	}
	if match > 0 {
		return match
	}
	return run
}

// parseFrontMatter decodes the front matter and reports unknown keys for
// a file of the given kind.
func (f *file) parseFrontMatter(text []byte, firstLine int, folder string) (*frontMatter, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		f.yamlError(err, text, firstLine)
		return nil, false
	}
	fm := &frontMatter{lines: map[string]int{}}
	if root.Kind == 0 || len(root.Content) == 0 {
		f.errorf(1, 1, "front matter is empty: add at least 'title:'")
		return nil, false
	}
	doc := root.Content[0]
	if !f.checkYAMLText(doc, firstLine) {
		return nil, false
	}
	if doc.Kind != yaml.MappingNode {
		f.errorf(firstLine+doc.Line-1, doc.Column, "front matter must be 'key: value' lines")
		return nil, false
	}
	allowed := moduleKeys
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if v := doc.Content[i+1].Value; doc.Content[i].Value == "kind" && (v == "catalogue" || v == "glossary") {
			allowed = catalogueKeys
		}
	}
	if folder == "scenarios" {
		allowed = scenarioKeys
	}
	ok := true
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		line := firstLine + k.Line - 1
		if _, dup := fm.lines[k.Value]; dup {
			f.errorf(line, k.Column, "front matter key %q appears twice", k.Value)
			ok = false
		}
		fm.lines[k.Value] = line
		if !contains(allowed, k.Value) {
			f.errorf(line, k.Column, "unknown front matter key %q%s; allowed keys: %s", k.Value, suggest(k.Value, allowed), strings.Join(allowed, ", "))
			ok = false
			continue
		}
		if k.Value == "exam" {
			v := doc.Content[i+1]
			if v.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(v.Content); j += 2 {
					ek := v.Content[j]
					if !contains(examKeys, ek.Value) {
						f.errorf(firstLine+ek.Line-1, ek.Column, "unknown exam setting %q%s; allowed: %s", ek.Value, suggest(ek.Value, examKeys), strings.Join(examKeys, ", "))
						ok = false
					}
				}
			}
		}
	}
	if !ok {
		return nil, false
	}
	if err := doc.Decode(fm); err != nil {
		f.yamlError(err, text, firstLine)
		return nil, false
	}
	return fm, true
}

// checkYAMLText applies the text rule to every key and value of the front
// matter after YAML has decoded it: escapes such as "\e", "\x1b", "\u001b"
// or "\x9b" in a double-quoted value become real control characters only
// then, after the scan of the file's bytes. It returns false if any was
// found.
func (f *file) checkYAMLText(n *yaml.Node, firstLine int) bool {
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.ScalarNode {
			for _, r := range n.Value {
				msg := controlName(r)
				if r == '\r' {
					msg = "carriage return (CR, U+000D)"
				}
				if msg != "" {
					f.errorf(firstLine+n.Line-1, n.Column, "front matter value holds %s once YAML has decoded it (an escape such as \\e, \\x1b or \\u001b counts); remove it (%s)", article(msg), rule)
					ok = false
					return
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ok
}

// article puts "a" or "an" before a character's description.
func article(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasPrefix(s, "invisible"), strings.HasPrefix(s, "escape"), strings.HasPrefix(s, "invalid"):
		return "an " + s
	}
	return "a " + s
}

// parseExam checks a module's exam settings; pool is the number of quiz
// questions.
func (f *file) parseExam(e *examFM, line, pool int) (q int, limit time.Duration, pass, attempts int, review string) {
	if e == nil {
		return 0, 0, 0, 0, ""
	}
	if e.Questions < 0 {
		f.errorf(line, 1, "exam: questions must be a positive number")
	} else if e.Questions > pool {
		f.errorf(line, 1, "exam: draws %s but the quiz has only %d", counted(e.Questions, "question"), pool)
	}
	if e.Time != "" {
		d, err := time.ParseDuration(strings.ReplaceAll(e.Time, " ", ""))
		switch {
		case err != nil:
			f.errorf(line, 1, "exam: time %q is not a duration; write it like 20m or 1h30m", e.Time)
		case d < time.Minute || d > 24*time.Hour:
			f.errorf(line, 1, "exam: time %q must be between 1m and 24h", e.Time)
		default:
			limit = d
		}
	}
	if e.Pass < 0 || e.Pass > 100 {
		f.errorf(line, 1, "exam: pass is a percentage from 1 to 100, not %d", e.Pass)
	}
	if e.Attempts < 0 {
		f.errorf(line, 1, "exam: attempts must be 0 (unlimited) or more")
	}
	if e.Review != "" && e.Review != "score" && e.Review != "answers" {
		f.errorf(line, 1, "exam: review must be 'score' or 'answers', not %q", e.Review)
	}
	return e.Questions, limit, e.Pass, e.Attempts, e.Review
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns ` (did you mean "x"?)` for the closest allowed word.
func suggest(got string, allowed []string) string {
	type cand struct {
		s string
		d int
	}
	var cs []cand
	for _, a := range allowed {
		cs = append(cs, cand{a, distance(strings.ToLower(got), a)})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	if len(cs) > 0 && cs[0].d <= 2 {
		return ` (did you mean "` + cs[0].s + `"?)`
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
