package frontline_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/loader"
)

// route is one way through a scenario: the scenes visited and the actions
// taken, by number, from the start to an ending.
type route struct {
	scenes  []string
	actions []int
	ending  string
}

// allRoutes plays every route of a scenario with the engine, answering every
// checkpoint and taking each action in turn. A scene is entered at most twice
// on one route, so that a way back to an earlier scene cannot loop for ever.
func allRoutes(t *testing.T, s *content.Scenario) []route {
	t.Helper()
	var out []route
	var walk func(st engine.RunState, actions []int)
	walk = func(st engine.RunState, actions []int) {
		sc := engine.Current(s, st)
		if sc == nil {
			t.Fatalf("%s: the run is at no scene after %v", s.ID, st.Path)
		}
		var err error
		for i, q := range sc.Checkpoints {
			if st, _, err = engine.AnswerCheckpoint(s, st, i, q.Correct()); err != nil {
				t.Fatalf("%s: %v", s.ID, err)
			}
		}
		if engine.Ended(s, st) {
			out = append(out, route{scenes: st.Path, actions: actions, ending: sc.ID})
			return
		}
		for i := range sc.Decision.Options {
			next, _, err := engine.Choose(s, st, i)
			if err != nil {
				t.Fatalf("%s: %v", s.ID, err)
			}
			visits := 0
			for _, id := range next.Path {
				if id == next.Path[len(next.Path)-1] {
					visits++
				}
			}
			if visits > 2 {
				continue
			}
			walk(next, append(append([]int(nil), actions...), i+1))
		}
	}
	walk(engine.StartRun(s), nil)
	return out
}

// TestEveryScenarioRoute walks every route of every bundled scenario through
// the engine: each route must reach an ending, every ending must be reached,
// and an ending that debriefs a good outcome must be reachable only along
// recommended actions. With FRONTLINE_ROUTES=1 it writes every route, so a
// reviewer can read each ending against the routes that lead to it.
func TestEveryScenarioRoute(t *testing.T) {
	lib, problems := loader.Load(loader.Bundled())
	for _, p := range problems {
		t.Errorf("bundled content: %s", p)
	}
	for _, s := range lib.Scenarios {
		t.Run(s.ID, func(t *testing.T) {
			routes := allRoutes(t, s)
			if len(routes) < 3 {
				t.Errorf("%d routes, want at least 3", len(routes))
			}
			reached := map[string]int{}
			for _, r := range routes {
				reached[r.ending]++
			}
			for _, e := range s.Endings() {
				if reached[e.ID] == 0 {
					t.Errorf("ending %q is reached by no route", e.ID)
				}
			}
			recommended := engine.RecommendedPath(s)
			best := recommended[len(recommended)-1]
			for _, r := range routes {
				if r.ending != best {
					continue
				}
				// Every action on a route to the best ending is either
				// recommended or followed, later, by a recommended way back.
				last := r.actions[len(r.actions)-1]
				sc, _ := s.Scene(r.scenes[len(r.scenes)-2])
				if !sc.Decision.Options[last-1].Correct {
					t.Errorf("route %v reaches the best ending %q by a wrong last action", r.scenes, best)
				}
			}
			if os.Getenv("FRONTLINE_ROUTES") != "" {
				t.Logf("%d routes; the actions that were not recommended, by the ending they lead to:\n%s", len(routes), wrongTurns(s, routes))
			}
		})
	}
}

// TestScenarioTextForLearners checks what a learner reads in a bundled
// scenario: no internal file names of source documents, and no claim that a
// fact was checked, only a source and its date.
func TestScenarioTextForLearners(t *testing.T) {
	lib, _ := loader.Load(loader.Bundled())
	internal := regexp.MustCompile(`(?i)\b\d{3}_[0-9a-f]{16}\.txt\b|seed document`)
	stamp := regexp.MustCompile(`(?i)\bchecked,? (in )?20\d\d\b|verified 20\d\d`)
	for _, s := range lib.Scenarios {
		texts := append([]string{s.Title, s.Summary, s.Briefing, s.ContentNote}, s.Sources...)
		for _, sc := range s.Scenes {
			texts = append(texts, sc.Title, sc.Body)
			for _, q := range sc.Checkpoints {
				texts = append(texts, q.Text, q.Explanation)
				for _, o := range q.Options {
					texts = append(texts, o.Text, o.Feedback)
				}
			}
			if d := sc.Decision; d != nil {
				for _, o := range d.Options {
					texts = append(texts, o.Text, o.Feedback)
				}
			}
		}
		for _, text := range texts {
			if m := internal.FindString(text); m != "" {
				t.Errorf("%s: a learner would see the internal source name %q", s.ID, m)
			}
			if m := stamp.FindString(text); m != "" {
				t.Errorf("%s: %q claims a check; give the source and its date instead", s.ID, m)
			}
		}
		if strings.TrimSpace(s.ContentNote) == "" {
			t.Errorf("%s: no content note", s.ID)
		}
	}
}

// wrongTurns lists, for each ending, the actions that were not recommended on
// the routes that reach it: what its debrief has to speak to.
func wrongTurns(s *content.Scenario, routes []route) string {
	byEnding := map[string]map[string]bool{}
	var order []string
	for _, r := range routes {
		if byEnding[r.ending] == nil {
			byEnding[r.ending] = map[string]bool{}
			order = append(order, r.ending)
		}
		for i, a := range r.actions {
			sc, _ := s.Scene(r.scenes[i])
			if o := sc.Decision.Options[a-1]; !o.Correct {
				byEnding[r.ending][fmt.Sprintf("%s: %s", sc.ID, o.Text)] = true
			}
		}
	}
	var b strings.Builder
	for _, e := range order {
		fmt.Fprintf(&b, "%s\n", e)
		var turns []string
		for k := range byEnding[e] {
			turns = append(turns, k)
		}
		slices.Sort(turns)
		for _, k := range turns {
			fmt.Fprintf(&b, "    %s\n", k)
		}
	}
	return b.String()
}
