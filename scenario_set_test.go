package frontline_test

import (
	"regexp"
	"strings"
	"testing"

	"frontline/internal/content"
	"frontline/internal/loader"
)

// TestScenarioSet checks what the bundled case studies promise as a set:
// enough cases for every role, the cases the second edition added, and a
// debrief that cites its sources at every ending.
func TestScenarioSet(t *testing.T) {
	lib, _ := loader.Load(loader.Bundled())
	if n := len(lib.Scenarios); n < 15 {
		t.Errorf("%d scenarios, want at least 15", n)
	}
	roles := map[content.Role]int{}
	for _, s := range lib.Scenarios {
		for _, r := range s.Roles {
			roles[r]++
		}
	}
	for _, r := range content.Roles {
		if roles[r] < 3 {
			t.Errorf("role %s has %d scenarios, want at least 3", r, roles[r])
		}
	}
	// The second edition's cases: a false alarm, a UK national in county
	// lines, care-sector exploitation on a sponsored visa, and online
	// recruitment.
	for _, id := range []string{"minibus-at-dawn", "harbour-road", "night-rounds", "online-offer"} {
		if _, ok := lib.Scenario(id); !ok {
			t.Errorf("scenario %s is missing", id)
		}
	}
	// A debrief names its sources: each ending cites at least one, in
	// parentheses, by organisation or with a year.
	citation := regexp.MustCompile(`\([^)]*(\b(19|20)\d\d\b|IOM|ILO|UNODC|WHO|DHSC|GLAA|Home Office|College of Policing|Care Act|PACE|Polaris|UN Trafficking Protocol)[^)]*\)`)
	for _, s := range lib.Scenarios {
		if len(s.Sources) < 3 {
			t.Errorf("%s lists %d sources, want at least 3", s.ID, len(s.Sources))
		}
		for _, src := range s.Sources {
			if strings.HasPrefix(strings.TrimSpace(src), "http") {
				t.Errorf("%s: source %q has no title", s.ID, src)
			}
		}
		for _, e := range s.Endings() {
			if !citation.MatchString(e.Body) {
				t.Errorf("%s: ending %s cites no source", s.ID, e.ID)
			}
		}
	}
}

// TestScenarioItemBalance checks the decisions of all bundled scenarios
// together, where the per-file checks of 'frontline validate' cannot see: the
// recommended action must not be the longest, or the one with the
// safe-practice words, or in one position, much more often than chance.
func TestScenarioItemBalance(t *testing.T) {
	lib, _ := loader.Load(loader.Bundled())
	var decisions, keyLongest, keyCue, others, otherCue int
	positions := map[int][]int{} // number of actions -> count of keys per position
	for _, s := range lib.Scenarios {
		for _, sc := range s.Scenes {
			d := sc.Decision
			if d == nil {
				continue
			}
			key := d.Recommended()
			decisions++
			longest := true
			for i, o := range d.Options {
				if i == key {
					if len(loader.ScenarioCueWords(o.Text)) > 0 {
						keyCue++
					}
					continue
				}
				others++
				if len(loader.ScenarioCueWords(o.Text)) > 0 {
					otherCue++
				}
				if len([]rune(o.Text)) >= len([]rune(d.Options[key].Text)) {
					longest = false
				}
			}
			if longest {
				keyLongest++
			}
			n := len(d.Options)
			if positions[n] == nil {
				positions[n] = make([]int, n)
			}
			positions[n][key]++
		}
	}
	if decisions == 0 {
		t.Fatal("no decisions")
	}
	if share := float64(keyLongest) / float64(decisions); share > 0.35 {
		t.Errorf("the recommended action is the longest in %d of %d decisions (%.0f%%), want at most 35%%", keyLongest, decisions, share*100)
	}
	keyShare := float64(keyCue) / float64(decisions)
	otherShare := float64(otherCue) / float64(others)
	if keyShare-otherShare > 0.25 {
		t.Errorf("safe-practice words in %.0f%% of recommended actions against %.0f%% of others; want a gap of at most 25 points", keyShare*100, otherShare*100)
	}
	for n, counts := range positions {
		total := 0
		for _, c := range counts {
			total += c
		}
		if total < 10 {
			continue
		}
		for pos, c := range counts {
			// At least two thirds of what chance would give each position.
			if float64(c) < float64(total)/float64(n)*2/3 {
				t.Errorf("in %d-action decisions the recommended action is option %d in only %d of %d", n, pos+1, c, total)
			}
		}
	}
	t.Logf("%d decisions: key longest in %d; safe-practice words in %d of %d keys and %d of %d other actions; key positions %v",
		decisions, keyLongest, keyCue, decisions, otherCue, others, positions)
}
