package loader

import (
	"fmt"
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

// sceneIDs lists the scenario's scene ids for a message, the first few
// only: a message must stay short, whatever the size of the file.
func sceneIDs(sc *content.Scenario) string {
	const show = 12
	var ids []string
	for i, s := range sc.Scenes {
		if i == show {
			ids = append(ids, fmt.Sprintf("and %d more", len(sc.Scenes)-show))
			break
		}
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
	} else if !validItemID(scene.ID) {
		m.f.errorf(scene.Line, 1, "scene id %q %s", scene.ID, itemIDRule)
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
			m.f.errorf(q.Line, 1, "decision %q marks %s '[x]'; mark only the recommended one", q.Text, counted(len(q.Correct()), "action"))
		}
		scene.Decision = d
		_ = i
	}
	return scene
}

// checkGraph reports links to missing scenes, scenes nothing reaches and
// scenes from which no ending can be reached. It runs in time linear in the
// number of scenes and links: scenes are found through a map, reachability
// is one breadth-first search forward from the start, and "can reach an
// ending" one breadth-first search backward from the endings.
func (m *markdown) checkGraph(sc *content.Scenario) {
	index := make(map[string]int, len(sc.Scenes))
	for i, s := range sc.Scenes {
		index[s.ID] = i
	}
	ok := true
	for _, s := range sc.Scenes {
		if s.Decision == nil {
			continue
		}
		for _, o := range s.Decision.Options {
			if _, found := index[o.Target]; !found {
				m.f.errorf(o.Line, 1, "link to scene %q, which does not exist in this file; scenes are: %s", o.Target, sceneIDs(sc))
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	n := len(sc.Scenes)
	// Forward: the scenes reached from the start.
	reached := make([]bool, n)
	start := index[sc.Start]
	reached[start] = true
	queue := []int{start}
	for len(queue) > 0 {
		s := &sc.Scenes[queue[0]]
		queue = queue[1:]
		if s.Decision == nil {
			continue
		}
		for _, o := range s.Decision.Options {
			if t := index[o.Target]; !reached[t] {
				reached[t] = true
				queue = append(queue, t)
			}
		}
	}
	for i, s := range sc.Scenes {
		if !reached[i] {
			m.f.errorf(s.Line, 1, "scene %q is never reached: no decision links to it from the start scene %q", s.ID, sc.Start)
		}
	}
	// Backward: the scenes that can reach an ending, from the endings along
	// reversed links.
	from := make([][]int, n) // from[t] lists the scenes linking to t
	canEnd := make([]bool, n)
	queue = queue[:0]
	for i, s := range sc.Scenes {
		if s.Decision == nil {
			canEnd[i] = true
			queue = append(queue, i)
			continue
		}
		for _, o := range s.Decision.Options {
			t := index[o.Target]
			from[t] = append(from[t], i)
		}
	}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for _, s := range from[t] {
			if !canEnd[s] {
				canEnd[s] = true
				queue = append(queue, s)
			}
		}
	}
	for i, s := range sc.Scenes {
		if reached[i] && !canEnd[i] {
			m.f.errorf(s.Line, 1, "from scene %q no path leads to an ending: a loop with no way out; add a scene without a decision (an ending) that it can reach", s.ID)
		}
	}
}
