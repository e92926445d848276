package workshop

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"frontline/internal/content"
	"frontline/internal/engine"
)

// MinAnswers is the fewest answers a distribution is shown for: below
// it, one person's answer could be worked out from the counts.
const MinAnswers = 3

// PartKind is what a part of a led item asks.
type PartKind int

// Part kinds.
const (
	PartQuestion PartKind = iota
	PartCheckpoint
	PartDecision
)

// Part keys.
const (
	KeyQuestion = "question"
	KeyDecision = "decision"
)

// CheckpointKey is the key of checkpoint i (0-based) of a scene.
func CheckpointKey(i int) string { return "checkpoint:" + strconv.Itoa(i) }

// CheckpointIndex reads a checkpoint key; -1 for another key.
func CheckpointIndex(key string) int {
	rest, ok := strings.CutPrefix(key, "checkpoint:")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// Part is one thing the room answers at a led item: a quiz question, a
// scene's checkpoint, or its decision. The room counts the answers by
// option.
type Part struct {
	Key  string
	Kind PartKind
	Text string
	// Options are what is counted: the options of a choice question or
	// checkpoint, the actions of a decision, or, for an ordering question,
	// "in the right order" and "in another order".
	Options []string
	// Right marks the right options (a checkpoint's indicators, as
	// opposed to its red herrings) or a decision's recommended action.
	Right []bool
	Multi bool
}

func choicePart(key string, kind PartKind, q *content.Question) Part {
	p := Part{Key: key, Kind: kind, Text: q.Text, Multi: q.Kind == content.MultipleChoice}
	if q.Kind == content.Ordering {
		p.Options = []string{"In the right order", "In another order"}
		p.Right = []bool{true, false}
		return p
	}
	for _, o := range q.Options {
		p.Options = append(p.Options, o.Text)
		p.Right = append(p.Right, o.Correct)
	}
	return p
}

// Parts lists what the room answers at the item: nothing on a page, one
// part for a question, and a scene's checkpoints then its decision.
func Parts(lib *content.Library, it Item) []Part {
	r, err := Resolve(lib, it)
	if err != nil {
		return nil
	}
	switch {
	case r.Question != nil:
		return []Part{choicePart(KeyQuestion, PartQuestion, r.Question)}
	case r.Scene != nil:
		var out []Part
		for i := range r.Scene.Checkpoints {
			out = append(out, choicePart(CheckpointKey(i), PartCheckpoint, &r.Scene.Checkpoints[i]))
		}
		if d := r.Scene.Decision; d != nil {
			p := Part{Key: KeyDecision, Kind: PartDecision, Text: d.Prompt}
			if p.Text == "" {
				p.Text = "What do you do?"
			}
			for _, o := range d.Options {
				p.Options = append(p.Options, o.Text)
				p.Right = append(p.Right, o.Correct)
			}
			out = append(out, p)
		}
		return out
	}
	return nil
}

// question is the question a part asks (nil for a decision).
func question(lib *content.Library, it Item, key string) *content.Question {
	r, err := Resolve(lib, it)
	if err != nil {
		return nil
	}
	if r.Question != nil && key == KeyQuestion {
		return r.Question
	}
	if r.Scene != nil {
		if i := CheckpointIndex(key); i >= 0 && i < len(r.Scene.Checkpoints) {
			return &r.Scene.Checkpoints[i]
		}
	}
	return nil
}

// Bucket turns one answer (options chosen in module order; an ordering
// question's order) into the options it is counted under. It reports
// false for an answer that does not fit the part.
func Bucket(lib *content.Library, it Item, key string, chosen []int) ([]int, bool) {
	var n int
	for _, p := range Parts(lib, it) {
		if p.Key == key {
			n = len(p.Options)
		}
	}
	if n == 0 {
		return nil, false
	}
	if q := question(lib, it, key); q != nil && q.Kind == content.Ordering {
		if engine.Score(q, chosen).Correct {
			return []int{0}, true
		}
		return []int{1}, true
	}
	seen := map[int]bool{}
	var out []int
	for _, c := range chosen {
		if c < 0 || c >= n {
			return nil, false
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if key == KeyDecision && len(out) != 1 {
		return nil, false
	}
	return out, true
}

// Count is the room's answers to one part: how many answered, and how many
// chose each option. It never says who.
type Count struct {
	Part     Part
	Answered int
	Chosen   []int
}

// Shown reports whether the distribution may be shown: at least
// MinAnswers people answered.
func (c Count) Shown() bool { return c.Answered >= MinAnswers }

// Public is the count as it may leave the trainer's console: the number
// who answered, and the distribution only when it is Shown.
func (c Count) Public() Count {
	if c.Shown() {
		return c
	}
	c.Chosen = make([]int, len(c.Part.Options))
	return c
}

// Spotted is, for a checkpoint, how many times the room chose its
// indicators; Flagged how many times it chose its red herrings.
func (c Count) Spotted() (spotted, flagged int) {
	for i, n := range c.Chosen {
		if i < len(c.Part.Right) && c.Part.Right[i] {
			spotted += n
		} else {
			flagged += n
		}
	}
	return spotted, flagged
}

// Tally counts the room's answers to parts. answers holds, by trainee, the
// buckets (see Bucket) of each part they answered.
func Tally(parts []Part, answers map[string]map[string][]int) []Count {
	out := make([]Count, len(parts))
	for i, p := range parts {
		out[i] = Count{Part: p, Chosen: make([]int, len(p.Options))}
		for _, mine := range answers {
			b, ok := mine[p.Key]
			if !ok {
				continue
			}
			out[i].Answered++
			for _, o := range b {
				if o >= 0 && o < len(out[i].Chosen) {
					out[i].Chosen[o]++
				}
			}
		}
	}
	return out
}

// Errors Majority returns.
var (
	// ErrFewVotes: fewer than MinAnswers people chose.
	ErrFewVotes = errors.New("too few votes for a majority")
	// ErrTie: two or more actions have the most votes.
	ErrTie = errors.New("the votes are tied")
)

// Majority is the action most of the room chose at a decision. With fewer
// than MinAnswers votes, or a tie, there is none and the trainer chooses.
func Majority(c Count) (int, error) {
	if c.Part.Kind != PartDecision {
		return -1, fmt.Errorf("%q is not a decision", c.Part.Key)
	}
	if !c.Shown() {
		return -1, fmt.Errorf("%w (%d of the %d needed): choose the action", ErrFewVotes, c.Answered, MinAnswers)
	}
	best, top, tied := -1, -1, false
	for i, n := range c.Chosen {
		switch {
		case n > top:
			best, top, tied = i, n, false
		case n == top:
			tied = true
		}
	}
	if tied {
		return -1, fmt.Errorf("%w: choose the action", ErrTie)
	}
	return best, nil
}
