package library

import (
	"strings"
	"sync"
	"unicode/utf8"

	"frontline/internal/content"
)

// searchText is what the search looks through for one item: its title,
// summary and text, in lower case, spaces evened out.
func searchText(title, summary, text string) string {
	return strings.ToLower(flat(title + " " + summary + " " + text))
}

// texts caches the search text of each item, by kind, id and content
// fingerprint: making it for the whole curriculum takes a few
// milliseconds, and the library is rebuilt each time the learner comes
// home.
var texts = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// cachedText returns make() for the item named by key, made once.
func cachedText(key string, make func() string) string {
	texts.Lock()
	t, ok := texts.m[key]
	texts.Unlock()
	if ok {
		return t
	}
	t = make()
	texts.Lock()
	if len(texts.m) > 1000 { // content reloaded many times: start again
		clear(texts.m)
	}
	texts.m[key] = t
	texts.Unlock()
	return t
}

// moduleSearch is a module's search text (searchText), cached.
func moduleSearch(m *content.Module) string {
	if m.Fingerprint == "" || len(m.Pages) == 0 && len(m.Questions) == 0 { // nothing to key it by, or front matter only
		return searchText(m.Title, m.Summary, moduleText(m))
	}
	return cachedText("module\x00"+m.ID+"\x00"+m.Fingerprint, func() string {
		return searchText(m.Title, m.Summary, moduleText(m))
	})
}

// scenarioSearch is a case study's search text (searchText), cached.
func scenarioSearch(sc *content.Scenario) string {
	if sc.Fingerprint == "" || len(sc.Scenes) == 0 {
		return searchText(sc.Title, sc.Summary, scenarioText(sc))
	}
	return cachedText("scenario\x00"+sc.ID+"\x00"+sc.Fingerprint, func() string {
		return searchText(sc.Title, sc.Summary, scenarioText(sc))
	})
}

// flat joins text onto one line with single spaces, and drops the
// Markdown marks a learner does not type (emphasis, headings, quotes).
func flat(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "", "#", " ", "> ", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// moduleText is a module's text for searching: its pages and its quiz
// questions with their options and explanations. It is empty while only
// the front matter is loaded.
func moduleText(m *content.Module) string {
	var b strings.Builder
	for _, p := range m.Pages {
		b.WriteString(p.Title + " " + p.Body + " ")
	}
	for i := range m.Questions {
		questionText(&b, &m.Questions[i])
	}
	return b.String()
}

// scenarioText is a case study's text for searching: the briefing, the
// scenes, their checkpoints and decisions.
func scenarioText(sc *content.Scenario) string {
	var b strings.Builder
	b.WriteString(sc.Briefing + " ")
	for _, s := range sc.Scenes {
		b.WriteString(s.Title + " " + s.Body + " ")
		for i := range s.Checkpoints {
			questionText(&b, &s.Checkpoints[i])
		}
		if s.Decision != nil {
			b.WriteString(s.Decision.Prompt + " ")
			for _, o := range s.Decision.Options {
				b.WriteString(o.Text + " ")
			}
		}
	}
	return b.String()
}

func questionText(b *strings.Builder, q *content.Question) {
	b.WriteString(q.Text + " " + q.Body + " " + q.Explanation + " ")
	for _, o := range q.Options {
		b.WriteString(o.Text + " " + o.Feedback + " ")
	}
}

// snippet is the words around the first place q is found in text (both in
// lower case), for the row of an item found by its text: about width
// characters, with an ellipsis where it is cut.
func snippet(text, q string, width int) string {
	i := strings.Index(text, q)
	if i < 0 || width < 10 {
		return ""
	}
	start := max(0, i-width/3)
	for start > 0 && text[start-1] != ' ' { // start at a word
		start--
		if i-start > width/2 {
			break
		}
	}
	end := min(len(text), start+width)
	for start < len(text) && !utf8.RuneStart(text[start]) {
		start++
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	out := text[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}
