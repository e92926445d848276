package workshop

import (
	"fmt"

	"frontline/internal/content"
	"frontline/internal/engine"
)

// Kind is what sort of thing the room is led to.
type Kind string

// Item kinds.
const (
	KindPage     Kind = "page"
	KindQuestion Kind = "question"
	KindScene    Kind = "scene"
)

// Item is what the trainer leads the room to: a module's page, a quiz
// question, or a scene of the case study the room plays together.
type Item struct {
	Kind     Kind   `json:"kind"`
	Module   string `json:"module,omitempty"`
	Page     int    `json:"page,omitempty"` // 0-based
	Question string `json:"question,omitempty"`
	Scenario string `json:"scenario,omitempty"`
	Scene    string `json:"scene,omitempty"`
}

// IsZero reports whether the item is unset.
func (it Item) IsZero() bool { return it == Item{} }

// Resolved is an item found in the library: the module and its page or
// question, or the scenario and its scene.
type Resolved struct {
	Module   *content.Module
	Page     *content.Page
	Question *content.Question
	Scenario *content.Scenario
	Scene    *content.Scene
}

// Resolve finds the item in lib; an item the library does not have (the
// content changed) is an error naming it.
func Resolve(lib *content.Library, it Item) (Resolved, error) {
	var r Resolved
	if lib == nil {
		return r, fmt.Errorf("no content")
	}
	switch it.Kind {
	case KindPage, KindQuestion:
		m, ok := lib.Module(it.Module)
		if !ok {
			return r, fmt.Errorf("no module %q", it.Module)
		}
		r.Module = m
		if it.Kind == KindPage {
			if it.Page < 0 || it.Page >= len(m.Pages) {
				return r, fmt.Errorf("module %s has no page %d", m.ID, it.Page+1)
			}
			r.Page = &m.Pages[it.Page]
			return r, nil
		}
		q, ok := m.Question(it.Question)
		if !ok {
			return r, fmt.Errorf("module %s has no question %q", m.ID, it.Question)
		}
		r.Question = q
	case KindScene:
		sc, ok := lib.Scenario(it.Scenario)
		if !ok {
			return r, fmt.Errorf("no case study %q", it.Scenario)
		}
		r.Scenario = sc
		scene, ok := sc.Scene(it.Scene)
		if !ok {
			return r, fmt.Errorf("case study %s has no scene %q", sc.ID, it.Scene)
		}
		r.Scene = scene
	default:
		return r, fmt.Errorf("nothing to lead to (%q)", it.Kind)
	}
	return r, nil
}

// questionIDs are the quiz questions of m the room can be led through:
// those that hold in the module's jurisdiction, in module order.
func questionIDs(m *content.Module) []string {
	var out []string
	for _, i := range engine.Eligible(m) {
		out = append(out, m.Questions[i].ID)
	}
	return out
}

// Title names the item for the console and the projector: "Recognising
// labour exploitation · page 2 of 5: Debts".
func Title(lib *content.Library, it Item) string {
	r, err := Resolve(lib, it)
	if err != nil {
		return err.Error()
	}
	switch it.Kind {
	case KindPage:
		t := fmt.Sprintf("%s · page %d of %d", r.Module.Title, it.Page+1, len(r.Module.Pages))
		if r.Page.Title != "" {
			t += ": " + r.Page.Title
		}
		return t
	case KindQuestion:
		ids := questionIDs(r.Module)
		n := 0
		for i, id := range ids {
			if id == it.Question {
				n = i + 1
			}
		}
		return fmt.Sprintf("%s · question %d of %d", r.Module.Title, n, len(ids))
	}
	t := r.Scenario.Title + " · " + r.Scene.Title
	if r.Scene.IsEnding() {
		t += " (an ending)"
	}
	return t
}

// Notes are the trainer notes for the item: its module's or its case
// study's. They are for the trainer's console only.
func Notes(lib *content.Library, it Item) []content.Page {
	r, err := Resolve(lib, it)
	if err != nil {
		return nil
	}
	if r.Scenario != nil {
		return r.Scenario.TrainerNotes
	}
	return r.Module.TrainerNotes
}

// Step moves through a module: the next (d = 1) or previous (d = -1) page,
// or quiz question. A scene moves on only by a decision (see Follow); ok
// is false there and at either end.
func Step(lib *content.Library, it Item, d int) (Item, bool) {
	r, err := Resolve(lib, it)
	if err != nil {
		return it, false
	}
	switch it.Kind {
	case KindPage:
		p := it.Page + d
		if p < 0 || p >= len(r.Module.Pages) {
			return it, false
		}
		it.Page = p
		return it, true
	case KindQuestion:
		ids := questionIDs(r.Module)
		for i, id := range ids {
			if id == it.Question && i+d >= 0 && i+d < len(ids) {
				it.Question = ids[i+d]
				return it, true
			}
		}
	}
	return it, false
}

// Entry is one thing a trainer can lead the room to, as a console lists
// it: a group (the module or case study) and a label.
type Entry struct {
	Item  Item
	Group string
	Label string
}

// Menu lists what a room can be led to: each module's pages and quiz
// questions, then each case study (from its first scene).
func Menu(lib *content.Library) []Entry {
	var out []Entry
	if lib == nil {
		return nil
	}
	for _, m := range lib.Modules {
		for i, p := range m.Pages {
			out = append(out, Entry{Item: Item{Kind: KindPage, Module: m.ID, Page: i}, Group: m.Title,
				Label: fmt.Sprintf("page %d: %s", i+1, p.Title)})
		}
		for i, id := range questionIDs(m) {
			q, _ := m.Question(id)
			out = append(out, Entry{Item: Item{Kind: KindQuestion, Module: m.ID, Question: id}, Group: m.Title,
				Label: fmt.Sprintf("question %d: %s", i+1, q.Text)})
		}
	}
	for _, sc := range lib.Scenarios {
		if start := engine.StartRun(sc).Path; len(start) > 0 {
			out = append(out, Entry{Item: Item{Kind: KindScene, Scenario: sc.ID, Scene: start[0]}, Group: sc.Title,
				Label: "case study, from its first scene"})
		}
	}
	return out
}

// ExamModules are the modules whose exam a room can sit: those with
// questions.
func ExamModules(lib *content.Library) []*content.Module {
	var out []*content.Module
	if lib == nil {
		return nil
	}
	for _, m := range lib.Modules {
		if len(questionIDs(m)) > 0 {
			out = append(out, m)
		}
	}
	return out
}
