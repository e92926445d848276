package loader

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"frontline/internal/content"
)

// section is a run of top-level nodes under one heading.
type section struct {
	heading *ast.Heading // nil for the text before the first heading
	nodes   []ast.Node
}

// splitSections cuts the document's top-level nodes at headings of level
// at most maxLevel. A level-1 heading is the document title and starts the
// intro section.
func splitSections(parent ast.Node, first ast.Node, maxLevel int) []section {
	var out []section
	cur := section{}
	for n := first; n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level <= maxLevel {
			if cur.heading != nil || len(cur.nodes) > 0 {
				out = append(out, cur)
			}
			cur = section{heading: h}
			continue
		}
		cur.nodes = append(cur.nodes, n)
	}
	if cur.heading != nil || len(cur.nodes) > 0 {
		out = append(out, cur)
	}
	return out
}

// bodyLines returns the first and last+1 lines of a section's body.
func (m *markdown) bodyRange(s section, next ast.Node) (from, to int) {
	if s.heading != nil {
		from = m.headingEnd(s.heading)
	} else if len(s.nodes) > 0 {
		from = m.line(s.nodes[0])
	} else {
		from = 1
	}
	if next != nil {
		to = m.line(next)
	} else {
		to = len(m.f.starts) + 1
	}
	return from, to
}

// headingEnd returns the line after a heading (setext headings take two).
func (m *markdown) headingEnd(h *ast.Heading) int {
	l := m.line(h)
	if !strings.HasPrefix(strings.TrimLeft(m.f.lineText(l), " "), "#") {
		return l + 2
	}
	return l + 1
}

func isTrainerNotes(title string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	return t == "trainer notes" || t == "trainer's notes" || t == "trainers' notes" || t == "notes for trainers"
}

// title returns a heading's text.
func (m *markdown) title(h *ast.Heading) string { return m.inline(h) }

// checkBlocks lints the blocks of a reader page: alerts.
func (m *markdown) checkBlocks(nodes []ast.Node) {
	for _, n := range nodes {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			if bq, ok := c.(*ast.Blockquote); ok {
				if kind, ok := m.alertKind(bq); ok {
					switch strings.ToUpper(kind) {
					case "NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION":
					default:
						l, col := m.lineCol(bq)
						m.f.warnf(l, col, "unknown alert [!%s]; use NOTE, TIP, IMPORTANT, WARNING or CAUTION", kind)
					}
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

// checkLinks applies the link and image rules to the whole file, wherever
// a link or an image stands: pages, headings, options, feedback,
// explanations, scenes, notes and the catalogue.
func (m *markdown) checkLinks() {
	_ = ast.Walk(m.doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image:
			m.checkImage(c)
		case *ast.Link:
			dest := strings.ToLower(strings.TrimSpace(string(c.Destination)))
			if strings.HasPrefix(dest, "javascript:") || strings.HasPrefix(dest, "data:") || strings.HasPrefix(dest, "vbscript:") {
				l, col := m.lineCol(c)
				m.f.errorf(l, col, "link to %q is not allowed; link to a web page or a section instead", string(c.Destination))
			}
		}
		return ast.WalkContinue, nil
	})
}

// checkImage refuses image paths that leave the content folder and warns
// that remote images are never fetched.
func (m *markdown) checkImage(img *ast.Image) {
	dest := strings.TrimSpace(string(img.Destination))
	l, col := m.lineCol(img)
	lower := strings.ToLower(dest)
	switch {
	case strings.Contains(lower, "://") || strings.HasPrefix(lower, "data:") || strings.HasPrefix(lower, "javascript:"):
		m.f.warnf(l, col, "image %q is remote; frontline never fetches it and shows its alt text instead", dest)
	case !localPath(m.f.name, dest):
		m.f.errorf(l, col, "image path %q leaves the content folder; keep images inside it", dest)
	}
}

// localPath reports whether dest, relative to the file name, stays inside
// the content folder.
func localPath(name, dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, `\`) || strings.Contains(dest, `\`) || (len(dest) > 1 && dest[1] == ':') {
		return false
	}
	dir := name
	if i := strings.LastIndex(dir, "/"); i >= 0 {
		dir = dir[:i]
	} else {
		dir = ""
	}
	depth := strings.Count(dir, "/") + 1
	if dir == "" {
		depth = 0
	}
	for _, part := range strings.Split(dest, "/") {
		switch part {
		case "..":
			depth--
			if depth < 0 {
				return false
			}
		case ".", "":
		default:
			depth++
		}
	}
	return true
}

// parseModule turns a module file's body into pages and questions.
func (m *markdown) parseModule(mod *content.Module) {
	secs := splitSections(m.doc, m.doc.FirstChild(), 2)
	inQuiz := false
	quizSeen := false
	for i, s := range secs {
		var next ast.Node
		if i+1 < len(secs) {
			next = secs[i+1].heading
		}
		if s.heading != nil && s.heading.Level == 1 {
			if mod.Title == "" {
				mod.Title = m.title(s.heading)
			}
		}
		title := ""
		if s.heading != nil {
			title = m.title(s.heading)
		}
		switch {
		case s.heading != nil && s.heading.Level == 2 && isTrainerNotes(title):
			from, to := m.bodyRange(s, next)
			mod.TrainerNotes = append(mod.TrainerNotes, content.Page{Title: title, Body: m.source(from, to), Line: m.line(s.heading)})
			m.checkBlocks(s.nodes)
			inQuiz = false
		case s.heading != nil && s.heading.Level == 2 && strings.EqualFold(title, "quiz"):
			if quizSeen {
				m.f.errorf(m.line(s.heading), 1, "a second '## Quiz' section; a module has one quiz")
			}
			quizSeen, inQuiz = true, true
			mod.Questions = append(mod.Questions, m.parseQuestions(s.nodes, "module")...)
		case inQuiz:
			l := m.line(s.heading)
			m.f.errorf(l, 1, "'## %s' after '## Quiz': only questions (### headings) and '## Trainer notes' may follow the quiz; move this page above it", title)
		default:
			from, to := m.bodyRange(s, next)
			body := m.source(from, to)
			if s.heading == nil || s.heading.Level == 1 {
				if strings.TrimSpace(body) == "" {
					continue // a title with no introduction
				}
				title = mod.Title
			}
			m.checkBlocks(s.nodes)
			line := from
			if s.heading != nil {
				line = m.line(s.heading)
			}
			mod.Pages = append(mod.Pages, content.Page{Title: title, Body: body, Line: line})
		}
	}
	if !quizSeen {
		m.f.warnf(len(m.f.starts), 1, "module has no '## Quiz' section; add one with at least one question")
	}
}

// parseQuestions reads the questions (### headings) in nodes. kind is
// "module" or "scene", for messages.
func (m *markdown) parseQuestions(nodes []ast.Node, where string) []content.Question {
	var out []content.Question
	var cur *questionBuild
	flush := func() {
		if cur != nil {
			out = append(out, m.finishQuestion(cur, where))
			cur = nil
		}
	}
	for _, n := range nodes {
		if h, ok := n.(*ast.Heading); ok && h.Level == 3 {
			flush()
			cur = &questionBuild{heading: h}
			continue
		}
		if cur == nil {
			l, c := m.lineCol(n)
			if n.Kind() == ast.KindList && hasTaskItems(n) {
				m.f.errorf(l, c, "options without a question: start each question with a '### Question text {#id}' heading")
			} else {
				m.f.warnf(l, c, "heading expected: each question starts with '### Question text {#id}'; this text is ignored")
			}
			continue
		}
		cur.nodes = append(cur.nodes, n)
	}
	flush()
	return out
}

type questionBuild struct {
	heading *ast.Heading
	nodes   []ast.Node
}

func hasTaskItems(list ast.Node) bool {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if taskBox(it) != nil || looksLikeEmptyBox(it, nil) {
			return true
		}
	}
	return false
}

// taskBox returns the task checkbox of a list item, if any.
func taskBox(item ast.Node) *east.TaskCheckBox {
	if first := item.FirstChild(); first != nil {
		if cb, ok := first.FirstChild().(*east.TaskCheckBox); ok {
			return cb
		}
	}
	return nil
}

// looksLikeEmptyBox reports an item written "- [] text".
func looksLikeEmptyBox(item ast.Node, m *markdown) bool {
	first := item.FirstChild()
	if first == nil || first.Lines().Len() == 0 {
		return false
	}
	if m == nil {
		return false
	}
	seg := first.Lines().At(0)
	return strings.HasPrefix(strings.TrimSpace(string(seg.Value(m.src))), "[]")
}

func (m *markdown) finishQuestion(qb *questionBuild, where string) content.Question {
	h := qb.heading
	q := content.Question{Text: m.title(h), ID: headingID(h), Line: m.line(h), Jurisdiction: m.questionAttrs(h)}
	hl, hc := m.lineCol(h)
	if q.Text == "" {
		m.f.errorf(hl, hc, "question heading has no text")
	}
	if q.ID == "" {
		q.ID = slug(q.Text)
		m.f.warnf(hl, hc, "question has no explicit id; add {#%s} at the end of the heading so progress survives edits to its wording", q.ID)
	} else if !validItemID(q.ID) {
		m.f.errorf(hl, hc, "question id %q %s", q.ID, itemIDRule)
	}
	var body []string
	stage := 0 // 0: before options, 1: after options, 2: after explanation
	for i, n := range qb.nodes {
		l, c := m.lineCol(n)
		switch {
		case stage == 0 && n.Kind() == ast.KindParagraph && strings.HasPrefix(m.inline(n), "Indicators:"):
			q.IndicatorsLine = l
			for _, id := range strings.Split(strings.TrimPrefix(m.inline(n), "Indicators:"), ",") {
				if id = strings.TrimSpace(id); id != "" {
					q.Indicators = append(q.Indicators, id)
				}
			}
			if len(q.Indicators) == 0 {
				m.f.warnf(l, c, "'Indicators:' line lists no indicator ids")
			}
		case stage == 0 && n.Kind() == ast.KindList && m.isOptionList(n):
			q.Options = m.parseOptions(n, false)
			stage = 1
		case stage == 0 && isOrderList(n) && !m.optionListAfter(qb.nodes, i):
			q.Kind = content.Ordering
			q.Options = m.parseOptions(n, true)
			stage = 1
		case stage == 1 && n.Kind() == ast.KindBlockquote:
			q.Explanation = m.blockText(n)
			stage = 2
		case stage == 0:
			if n.Kind() == ast.KindList {
				m.f.warnf(l, c, "a list that is not a task list; options are written '- [ ] wrong' and '- [x] right'")
			}
			m.checkBlocks([]ast.Node{n})
			from, _ := m.lineCol(n)
			to := m.line(n) + 1
			if nx := n.NextSibling(); nx != nil {
				to = m.line(nx)
			} else if o := lastOffset(n); o >= 0 {
				to, _ = m.f.pos(o)
				to++
			}
			body = append(body, m.source(from, to))
		default:
			m.f.warnf(l, c, "text after the options and the explanation of %q is ignored; the explanation is the one block quote right after the options", q.Text)
		}
	}
	q.Body = strings.TrimSpace(strings.Join(body, "\n\n"))
	m.checkQuestion(&q, hl, hc, where)
	return q
}

func (m *markdown) isOptionList(list ast.Node) bool {
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if taskBox(it) != nil || looksLikeEmptyBox(it, m) {
			return true
		}
	}
	return false
}

// optionListAfter reports whether a task list of options follows node i:
// then a numbered list before it is part of the vignette, not the steps of
// an ordering question.
func (m *markdown) optionListAfter(nodes []ast.Node, i int) bool {
	for _, n := range nodes[i+1:] {
		if n.Kind() == ast.KindList && m.isOptionList(n) {
			return true
		}
	}
	return false
}

// isOrderList reports a numbered list with no task boxes: the items of an
// ordering question, written in the right order.
func isOrderList(n ast.Node) bool {
	l, ok := n.(*ast.List)
	return ok && l.IsOrdered() && !hasTaskItems(n)
}

// parseOptions reads a task list into options: the item's text, a nested
// list as its feedback, a link as its target. For an ordering question
// (order set) the list is numbered and has no boxes: every item is a step,
// in the right order.
func (m *markdown) parseOptions(list ast.Node, order bool) []content.Option {
	var out []content.Option
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		l, c := m.lineCol(it)
		o := content.Option{Line: l}
		cb := taskBox(it)
		switch {
		case order:
		case cb != nil:
			o.Correct = cb.IsChecked
		case looksLikeEmptyBox(it, m):
			m.f.warnf(l, c, "write an empty box as '[ ]' with a space; read as not right")
		default:
			m.f.errorf(l, c, "option without a box; write '- [ ] text' or '- [x] text'")
		}
		var extra []string
		for part := it.FirstChild(); part != nil; part = part.NextSibling() {
			switch part.Kind() {
			case ast.KindTextBlock, ast.KindParagraph:
				if part == it.FirstChild() {
					o.Text = m.inline(part)
					if cb == nil {
						o.Text = strings.TrimSpace(strings.TrimPrefix(o.Text, "[]"))
					}
					o.Target = linkTarget(part)
				} else {
					extra = append(extra, m.inline(part))
				}
			case ast.KindList:
				var fb []string
				for f := part.FirstChild(); f != nil; f = f.NextSibling() {
					fb = append(fb, m.blockText(f))
				}
				o.Feedback = strings.Join(fb, "\n")
			default:
				if t := m.blockText(part); t != "" {
					extra = append(extra, t)
				} else if ls := part.Lines(); ls != nil && ls.Len() > 0 {
					extra = append(extra, strings.TrimRight(string(ls.Value(m.src)), "\n"))
				}
			}
		}
		if len(extra) > 0 {
			o.Text = strings.TrimSpace(o.Text + "\n" + strings.Join(extra, "\n"))
		}
		if o.Text == "" {
			m.f.errorf(l, c, "option has no text")
		}
		out = append(out, o)
	}
	return out
}

// linkTarget returns the destination of the first link in n.
func linkTarget(n ast.Node) string {
	var dest string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := c.(*ast.Link); ok && entering && dest == "" {
			dest = string(l.Destination)
			if dest == "" {
				dest = "#"
			}
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return dest
}

// checkQuestion reports questions that cannot be answered or scored.
func (m *markdown) checkQuestion(q *content.Question, l, c int, where string) {
	if q.Kind == content.Ordering {
		m.checkOrdering(q, l, c, where)
		return
	}
	switch len(q.Options) {
	case 0:
		m.f.errorf(l, c, "question %q has no options; add a task list: '- [ ] wrong' and '- [x] right'", q.Text)
		return
	case 1:
		m.f.errorf(l, c, "question %q has only one option; give at least two", q.Text)
	}
	right := len(q.Correct())
	isTF := len(q.Options) == 2 && ((strings.EqualFold(q.Options[0].Text, "true") && strings.EqualFold(q.Options[1].Text, "false")) ||
		(strings.EqualFold(q.Options[0].Text, "false") && strings.EqualFold(q.Options[1].Text, "true")))
	switch {
	case right == 0:
		m.f.errorf(l, c, "question %q has no right answer; mark at least one option '[x]'", q.Text)
	case isTF && right != 1:
		m.f.errorf(l, c, "true/false question %q must have exactly one of True and False marked '[x]'", q.Text)
	case isTF:
		q.Kind = content.TrueFalse
	case right > 1:
		q.Kind = content.MultipleChoice
	default:
		q.Kind = content.SingleChoice
	}
	if where == "module" {
		if q.Explanation == "" {
			m.f.warnf(l, c, "question %q has no explanation; add a block quote ('> ...') right after the options", q.Text)
		}
		for _, o := range q.Options {
			if !o.Correct && o.Feedback == "" && q.Kind != content.TrueFalse {
				m.f.warnf(o.Line, 1, "wrong option %q has no feedback; add a nested bullet under it saying why", short(o.Text))
			}
		}
	}
}

// MaxOrderItems is the most items an ordering question may have: more
// than that cannot be reordered comfortably on a small screen or by ear.
const MaxOrderItems = 8

// checkOrdering reports ordering questions that cannot be asked: in a
// scene, fewer than three or more than MaxOrderItems items, or two items
// with the same text (the learner could not tell them apart).
func (m *markdown) checkOrdering(q *content.Question, l, c int, where string) {
	if where != "module" {
		m.f.errorf(l, c, "ordering question %q in a scene: scenes ask checkpoints and decisions; put ordering questions in a module's quiz", q.Text)
		return
	}
	switch n := len(q.Options); {
	case n < 3:
		m.f.errorf(l, c, "ordering question %q has %s; give 3 to %d steps, numbered in the right order", q.Text, counted(n, "item"), MaxOrderItems)
	case n > MaxOrderItems:
		m.f.errorf(l, c, "ordering question %q has %s; at most %d can be put in order comfortably, so split it", q.Text, counted(n, "item"), MaxOrderItems)
	}
	seen := map[string]int{}
	for _, o := range q.Options {
		k := strings.ToLower(strings.TrimSpace(o.Text))
		if first, ok := seen[k]; ok {
			m.f.errorf(o.Line, 1, "ordering question %q repeats the item %q (first on line %d); every step must read differently", q.Text, short(o.Text), first)
			continue
		}
		seen[k] = o.Line
		if o.Target != "" {
			m.f.errorf(o.Line, 1, "ordering item %q is a link; links are for a scene's decisions", short(o.Text))
		}
	}
	if q.Explanation == "" {
		m.f.warnf(l, c, "question %q has no explanation; add a block quote ('> ...') right after the steps saying why this order", q.Text)
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// itemIDRule says what an explicit {#id} may hold.
const itemIDRule = "may use only ASCII letters, digits, hyphens, underscores and dots, and must start with a letter or digit (ids that look alike must not be different ids)"

// validItemID reports an explicit question or scene id: ASCII letters,
// digits, hyphens, underscores and dots, starting with a letter or digit,
// at most 80 bytes. Look-alike letters from other scripts (a Cyrillic "а"
// for "a") would make two ids that no one can tell apart.
func validItemID(id string) bool {
	if id == "" || len(id) > 80 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '-' && c != '_' && c != '.') {
			return false
		}
	}
	return true
}

// slug makes an id from text: lower case, words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && (r < 0x2000 || r > 0x206f):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
