package loader

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"frontline/internal/content"
)

// parseScenario turns a scenario body into a briefing and scenes, and
// checks that the scenes form a playable graph.
func (m *markdown) parseScenario(sc *content.Scenario, start string, startLine int) {
	secs := splitSections(m.doc, m.doc.FirstChild(), 2)
	lines := map[string]int{}
	for i, s := range secs {
		var next ast.Node
		if i+1 < len(secs) {
			next = secs[i+1].heading
		}
		if s.heading == nil || s.heading.Level == 1 {
			if s.heading != nil && sc.Title == "" {
				sc.Title = m.title(s.heading)
			}
			from, to := m.bodyRange(s, next)
			if b := m.source(from, to); strings.TrimSpace(b) != "" {
				sc.Briefing = strings.TrimSpace(sc.Briefing + "\n\n" + b)
			}
			m.checkBlocks(s.nodes)
			continue
		}
		title := m.title(s.heading)
		if isTrainerNotes(title) {
			from, to := m.bodyRange(s, next)
			sc.TrainerNotes = append(sc.TrainerNotes, content.Page{Title: title, Body: m.source(from, to), Line: m.line(s.heading)})
			continue
		}
		scene := m.parseScene(s, next)
		if prev, dup := lines[scene.ID]; dup {
			m.f.errorf(scene.Line, 1, "scene id %q is used twice (also at line %d); give each scene its own {#id}", scene.ID, prev)
			continue
		}
		lines[scene.ID] = scene.Line
		sc.Scenes = append(sc.Scenes, scene)
	}
	if len(sc.Scenes) == 0 {
		m.f.errorf(len(m.f.starts), 1, "scenario has no scenes; add '## Scene title {#scene-id}' sections")
		return
	}
	sc.Start = start
	if sc.Start == "" {
		sc.Start = sc.Scenes[0].ID
	} else if _, ok := sc.Scene(sc.Start); !ok {
		m.f.errorf(startLine, 1, "start scene %q does not exist; scenes are: %s", start, sceneIDs(sc))
		return
	}
	m.checkGraph(sc)
}

func sceneIDs(sc *content.Scenario) string {
	var ids []string
	for _, s := range sc.Scenes {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, ", ")
}

// parseScene reads one scene: narrative, checkpoints, then one decision.
func (m *markdown) parseScene(s section, next ast.Node) content.Scene {
	h := s.heading
	scene := content.Scene{Title: m.title(h), ID: headingID(h), Line: m.line(h)}
	if scene.ID == "" {
		scene.ID = slug(scene.Title)
	}
	// Narrative: everything before the first ### heading.
	first := len(s.nodes)
	for i, n := range s.nodes {
		if hh, ok := n.(*ast.Heading); ok && hh.Level >= 3 {
			first = i
			break
		}
	}
	from := m.headingEnd(h)
	to := 0
	if first < len(s.nodes) {
		to = m.line(s.nodes[first])
	} else if next != nil {
		to = m.line(next)
	} else {
		to = len(m.f.starts) + 1
	}
	scene.Body = m.source(from, to)
	m.checkBlocks(s.nodes[:first])
	qs := m.parseQuestions(s.nodes[first:], "scene")
	for i, q := range qs {
		isDecision := len(q.Options) > 0
		links := 0
		for _, o := range q.Options {
			if o.Target != "" {
				links++
			} else {
				isDecision = false
			}
		}
		if links > 0 && links < len(q.Options) {
			m.f.errorf(q.Line, 1, "%q mixes links and plain options; a decision's options are all links to scenes, a checkpoint's are all plain", q.Text)
			continue
		}
		if !isDecision {
			if scene.Decision != nil {
				m.f.errorf(q.Line, 1, "checkpoint %q comes after the decision; the decision must be the last question of the scene", q.Text)
			}
			for _, o := range q.Options {
				if !o.Correct && o.Feedback == "" {
					m.f.warnf(o.Line, 1, "red herring %q has no feedback; add a nested bullet saying why it is not an indicator on its own", short(o.Text))
				}
			}
			// A checkpoint asks which indicators the learner notices: it
			// is always select-all, so the number marked right never
			// shows in how it is asked.
			q.Kind = content.MultipleChoice
			scene.Checkpoints = append(scene.Checkpoints, q)
			continue
		}
		if scene.Decision != nil {
			m.f.errorf(q.Line, 1, "scene %q has a second decision; a scene ends with one decision", scene.ID)
			continue
		}
		d := &content.Decision{Prompt: q.Text, Line: q.Line}
		for _, o := range q.Options {
			o.Target = strings.TrimPrefix(o.Target, "#")
			if o.Feedback == "" {
				m.f.warnf(o.Line, 1, "action %q has no consequence; add a nested bullet under it", short(o.Text))
			}
			d.Options = append(d.Options, o)
		}
		if d.Recommended() < 0 {
			m.f.errorf(q.Line, 1, "decision %q marks no recommended action; mark one '[x]'", q.Text)
		}
		if len(q.Correct()) > 1 {
			m.f.errorf(q.Line, 1, "decision %q marks %s '[x]'; mark only the recommended one", q.Text, count(len(q.Correct()), "action"))
		}
		scene.Decision = d
		_ = i
	}
	return scene
}

// checkGraph reports links to missing scenes, scenes nothing reaches and
// scenes from which no ending can be reached.
func (m *markdown) checkGraph(sc *content.Scenario) {
	ok := true
	for _, s := range sc.Scenes {
		if s.Decision == nil {
			continue
		}
		for _, o := range s.Decision.Options {
			if _, found := sc.Scene(o.Target); !found {
				m.f.errorf(o.Line, 1, "link to scene %q, which does not exist in this file; scenes are: %s", o.Target, sceneIDs(sc))
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	reached := map[string]bool{sc.Start: true}
	queue := []string{sc.Start}
	for len(queue) > 0 {
		s, _ := sc.Scene(queue[0])
		queue = queue[1:]
		if s.Decision == nil {
			continue
		}
		for _, o := range s.Decision.Options {
			if !reached[o.Target] {
				reached[o.Target] = true
				queue = append(queue, o.Target)
			}
		}
	}
	for _, s := range sc.Scenes {
		if !reached[s.ID] {
			m.f.errorf(s.Line, 1, "scene %q is never reached: no decision links to it from the start scene %q", s.ID, sc.Start)
		}
	}
	// Scenes that can reach an ending, found backwards from the endings.
	canEnd := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, s := range sc.Scenes {
			if canEnd[s.ID] {
				continue
			}
			if s.Decision == nil {
				canEnd[s.ID], changed = true, true
				continue
			}
			for _, o := range s.Decision.Options {
				if canEnd[o.Target] {
					canEnd[s.ID], changed = true, true
					break
				}
			}
		}
	}
	for _, s := range sc.Scenes {
		if reached[s.ID] && !canEnd[s.ID] {
			m.f.errorf(s.Line, 1, "from scene %q no path leads to an ending: a loop with no way out; add a scene without a decision (an ending) that it can reach", s.ID)
		}
	}
}
