package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"frontline/internal/activity"
	"frontline/internal/textsafe"
	"frontline/internal/workshop"
)

// ErrEndWorkshop is returned by RunConsole when the trainer ends the
// workshop (the command "end", confirmed).
var ErrEndWorkshop = errors.New("the trainer ended the workshop")

// ConsoleExtra is the extra time the console's command gives a trainee's
// exam.
const ConsoleExtra = 5 * time.Minute

// lineConsole is the trainer's console as numbered line commands.
type lineConsole struct {
	room  workshop.Console
	out   io.Writer
	mu    *sync.Mutex
	lines <-chan string
	menu  []workshop.Entry
}

// RunConsole runs the trainer's console as numbered line commands over in
// and out: for `frontline serve --plain`, a screen reader, or a server
// started without a terminal. It does what the full-screen console does
// (the roster, leading the room, the reveal, the room's decisions, free
// mode, an exam with extra time, removing a trainee, closing the room,
// the trainer notes, the export), one command a line. It returns nil when
// input ends (the room keeps running), ErrEndWorkshop when the trainer
// ends the workshop, or when ctx ends. Writes to out are made under mu,
// which the caller shares with whatever else writes there (the room's
// events).
func RunConsole(ctx context.Context, room workshop.Console, in io.Reader, out io.Writer, mu *sync.Mutex) error {
	if mu == nil {
		mu = &sync.Mutex{}
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	c := &lineConsole{room: room, out: out, mu: mu, lines: lines, menu: workshop.Menu(room.Library())}
	c.say("Trainer's console for room %s. Type a command's number (0 lists them).", room.Info().Name)
	c.commands()
	for {
		c.say("Command:")
		var line string
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l, ok := <-lines:
			if !ok {
				c.say("Input has ended: the room keeps running. Press ctrl+c to end the workshop.")
				return nil
			}
			line = l
		}
		if err := c.run(ctx, strings.TrimSpace(line)); err != nil {
			return err
		}
	}
}

func (c *lineConsole) say(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.out, textsafe.Text(fmt.Sprintf(format, args...)))
}

func (c *lineConsole) commands() {
	c.say("Commands:")
	for _, l := range []string{
		" 0  status and this list",
		" 1  roster",
		" 2  lead the room to something: 2 lists what; 2 N leads to number N; 2 WORD lists what matches",
		" 3  next page or question        4  previous page or question",
		" 5  reveal the answers",
		" 6  move the case study on by the room's majority",
		" 7  move it on by your choice: 7 N for action N",
		" 8  free mode (trainees go back to where they were)",
		" 9  start an exam for the room: 9 lists the modules; 9 N starts module N's",
		"10  give a trainee 5 more minutes for the exam: 10 N for trainee N",
		"11  remove a trainee: 11 N for trainee N",
		"12  close the room to newcomers, or open it again",
		"13  the trainer notes of what the room is on",
		"14  export the class's results",
		"end end the workshop",
	} {
		c.say("%s", l)
	}
}

// number reads the number after a command, 1-based, within n.
func number(arg string, n int, what string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(arg))
	if err != nil || v < 1 || v > n {
		return 0, fmt.Errorf("type the %s's number, from 1 to %d", what, n)
	}
	return v - 1, nil
}

func (c *lineConsole) run(ctx context.Context, line string) error {
	cmd, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	room := c.room
	report := func(done string, err error) {
		if err != nil {
			c.say("Not done: %s.", strings.TrimSuffix(err.Error(), "."))
			return
		}
		c.say("%s", done)
	}
	switch strings.ToLower(cmd) {
	case "", "0", "?", "help":
		c.status()
		c.commands()
	case "1":
		c.roster()
	case "2":
		if _, err := strconv.Atoi(arg); err == nil {
			i, err := number(arg, len(c.menu), "item")
			if err != nil {
				report("", err)
				return nil
			}
			it := c.menu[i].Item
			report("Led to "+workshop.Title(room.Library(), it)+".", room.Lead(it))
			c.status()
			return nil
		}
		c.listMenu(arg)
	case "3", "4":
		d := 1
		if cmd == "4" {
			d = -1
		}
		st := room.Status()
		next, ok := workshop.Step(room.Library(), st.Item, d)
		if !ok {
			report("", errors.New("there is nothing further that way (a case study moves on by a decision: 6 or 7)"))
			return nil
		}
		report("Led to "+workshop.Title(room.Library(), next)+".", room.Lead(next))
		c.status()
	case "5":
		report("Revealed: trainees see their own feedback and the room's answers.", room.Reveal())
		c.status()
	case "6":
		report("Moved on by the room's majority.", room.Follow(-1))
		c.status()
	case "7":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			report("", errors.New("type 7 and the action's number, such as 7 2"))
			return nil
		}
		report(fmt.Sprintf("Moved on by your choice: action %d.", n), room.Follow(n-1))
		c.status()
	case "8":
		report("Free mode: trainees are back where they were.", room.Release())
	case "9":
		mods := workshop.ExamModules(room.Library())
		if arg == "" {
			for i, m := range mods {
				set := m.Exam.WithDefaults(len(m.Questions))
				c.say("  %d. %s: %s, %s, pass mark %d%%", i+1, m.Title, activity.Count(set.Questions, "question"), activity.Spoken(set.TimeLimit), set.PassMark)
			}
			c.say("Type 9 and a number to start that exam for the whole room.")
			return nil
		}
		i, err := number(arg, len(mods), "module")
		if err != nil {
			report("", err)
			return nil
		}
		report("The exam on "+mods[i].Title+" has started for the whole room, with one deadline.", room.StartExam(mods[i].ID, 0, 0))
		c.status()
	case "10", "11":
		r := room.Roster()
		i, err := number(arg, len(r), "trainee (see 1)")
		if err != nil {
			report("", err)
			return nil
		}
		name := r[i].Name
		if cmd == "10" {
			report(fmt.Sprintf("Gave %s %s more for the exam (recorded with the attempt).", name, activity.Spoken(ConsoleExtra)), room.Extend(name, ConsoleExtra))
			return nil
		}
		c.say("Remove %s from the room? Their app ends and they cannot come back; their answers are kept. Type yes to remove.", name)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l, ok := <-c.lines:
			if !ok || !strings.EqualFold(strings.TrimSpace(l), "yes") {
				c.say("Not removed.")
				return nil
			}
		}
		report(name+" was removed.", room.Remove(name))
	case "12":
		closed := !room.Closed()
		room.SetClosed(closed)
		if closed {
			c.say("The room is closed to new trainees; those on the list can still come back.")
		} else {
			c.say("The room is open to new trainees.")
		}
	case "13":
		st := room.Status()
		notes := workshop.Notes(room.Library(), st.Item)
		if len(notes) == 0 {
			c.say("No trainer notes for what the room is on.")
			return nil
		}
		for _, p := range notes {
			if p.Title != "" {
				c.say("%s", p.Title)
			}
			c.say("%s", ToText(p.Body))
		}
	case "14":
		out, err := room.Export()
		report("Wrote the class's results: "+strings.Join(out.Files, ", ")+".", err)
	case "end", "q", "quit":
		c.say("End the workshop? Every trainee is told; their progress is saved. Type yes to end.")
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l, ok := <-c.lines:
			if ok && strings.EqualFold(strings.TrimSpace(l), "yes") {
				return ErrEndWorkshop
			}
		}
		c.say("The workshop goes on.")
	default:
		c.say("%q is not a command; 0 lists them.", line)
	}
	return nil
}

// listMenu lists what the room can be led to (matching word, if given).
func (c *lineConsole) listMenu(word string) {
	word = strings.ToLower(word)
	group := ""
	shown := 0
	for i, e := range c.menu {
		if word != "" && !strings.Contains(strings.ToLower(e.Group+" "+e.Label), word) {
			continue
		}
		if e.Group != group {
			group = e.Group
			c.say("%s:", group)
		}
		c.say("  %d. %s", i+1, e.Label)
		shown++
	}
	if shown == 0 {
		c.say("Nothing matches %q.", word)
		return
	}
	c.say("Type 2 and a number to lead the room there.")
}

// roster lists the trainees, numbered.
func (c *lineConsole) roster() {
	r := c.room.Roster()
	st := c.room.Status()
	if len(r) == 0 {
		c.say("Nobody has joined yet.")
		return
	}
	parts := len(workshop.Parts(c.room.Library(), st.Item))
	for i, t := range r {
		state := t.State.String()
		if t.Removed {
			state = "removed"
		}
		line := fmt.Sprintf("%d. %s, %s, %s", i+1, t.Name, t.Role.Label(), state)
		switch {
		case st.Mode == workshop.ModeLed && parts > 0:
			line += fmt.Sprintf("; answered %d of %d", t.LedAnswered, parts)
		case st.Mode == workshop.ModeExam && t.Exam != nil:
			e := t.Exam
			switch {
			case e.Finished:
				line += fmt.Sprintf("; exam submitted, %s", activity.Percent(e.Percent))
			case !e.Begun:
				line += "; exam not begun"
			default:
				line += fmt.Sprintf("; exam: %d of %d answered, %s left", e.Answered, e.Of, activity.Spoken(max(e.Left(time.Now()), 0)))
				if e.Extension > 0 {
					line += " (with " + activity.Spoken(e.Extension) + " extra)"
				}
			}
		case !t.Last.At.IsZero():
			verdict := "wrong"
			if t.Last.Correct {
				verdict = "right"
			}
			line += fmt.Sprintf("; %s, %d right; last %s", activity.Count(t.Answers, "answer"), t.Correct, verdict)
		}
		c.say("%s", line)
	}
}

// status says how the room is led and, in led mode, how it answered so
// far (counts only from workshop.MinAnswers answers).
func (c *lineConsole) status() {
	st := c.room.Status()
	door := "open to newcomers"
	if c.room.Closed() {
		door = "closed to newcomers"
	}
	in := 0
	for _, t := range c.room.Roster() {
		if t.State == workshop.Connected {
			in++
		}
	}
	c.say("Room %s: %s mode; %d in; %s.", c.room.Info().Name, st.Mode, in, door)
	lib := c.room.Library()
	switch st.Mode {
	case workshop.ModeExam:
		if st.Exam != nil {
			left := "no time limit"
			if !st.Exam.Deadline.IsZero() {
				left = "ends at " + st.Exam.Deadline.Local().Format("15:04")
			}
			c.say("Exam on %s; %s. 1 lists each trainee's progress.", st.Exam.Module, left)
		}
		return
	case workshop.ModeFree:
		return
	}
	c.say("Now: %s.", workshop.Title(lib, st.Item))
	if mv, ok := st.Came(); ok {
		who := "your choice"
		if mv.By == workshop.ByMajority {
			who = "the room's majority"
		}
		c.say("The room came here by %s (action %d).", who, mv.Option+1)
	}
	for _, cnt := range st.Counts {
		c.say("  %s (%d answered): %s", partName(cnt.Part), cnt.Answered, cnt.Part.Text)
		if !cnt.Shown() {
			c.say("    hidden until %d have answered.", workshop.MinAnswers)
			continue
		}
		for i, o := range cnt.Part.Options {
			note := ""
			if i < len(cnt.Part.Right) && cnt.Part.Right[i] {
				switch cnt.Part.Kind {
				case workshop.PartCheckpoint:
					note = " (an indicator)"
				case workshop.PartDecision:
					note = " (recommended)"
				default:
					note = " (right)"
				}
			}
			c.say("    %d. %s: %d%s", i+1, o, cnt.Chosen[i], note)
		}
		if cnt.Part.Kind == workshop.PartDecision {
			if opt, err := workshop.Majority(cnt); err == nil {
				c.say("    The majority chose action %d: 6 follows it.", opt+1)
			}
		}
	}
	if len(st.Counts) > 0 && !st.Revealed {
		c.say("5 reveals the answers to the room.")
	}
}

func partName(p workshop.Part) string {
	switch p.Kind {
	case workshop.PartCheckpoint:
		return "Checkpoint " + strconv.Itoa(workshop.CheckpointIndex(p.Key)+1)
	case workshop.PartDecision:
		return "Decision"
	}
	return "Question"
}
