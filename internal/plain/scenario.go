package plain

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
)

// Scenario plays a scenario: content note, briefing, then scenes with
// their checkpoints (which indicators do you notice?) and decisions, each
// followed by its consequence, and a debrief at the end. The run is stored
// after every step; quitting keeps it, and the next Scenario on the same id
// continues at the same scene.
func (s *Session) Scenario(id string) error {
	if s.Lib == nil {
		return errors.New("no content loaded")
	}
	sc, ok := s.Lib.Scenario(id)
	if !ok {
		return UnknownError("scenario", id, ScenarioIDs(s.Lib))
	}
	if engine.Current(sc, engine.StartRun(sc)) == nil {
		return fmt.Errorf("scenario %q has no start scene", id)
	}
	s.say("Scenario: %s", ToText(sc.Title))
	s.tellQuickExit()
	ok, err := s.contentNote("scenario", sc.ID, sc.ContentNote)
	if err != nil || !ok {
		return ignoreEOF(err)
	}
	run := s.learner().Run(sc)
	ctx, cancel := s.call()
	offer, perr := run.Prepare(ctx)
	cancel()
	if perr != nil {
		s.say("Note: %v.", perr)
	}
	if offer != nil {
		run.Resume()
		s.say("Continuing your run at scene: %s.", ToText(run.Current().Title))
	} else {
		if b := ToText(sc.Briefing); b != "" {
			s.blank()
			s.say("Briefing")
			s.say("%s", b)
		}
		s.blank()
		line, err := s.ask("Enter to begin, q to quit:")
		if err != nil || isQuit(line) {
			return ignoreEOF(err)
		}
		if err := s.save(run.Begin()); err != nil {
			s.notSaved(err)
		}
	}
	for !run.Ended() {
		err := s.playScene(run)
		if errors.Is(err, ErrQuit) || errors.Is(err, io.EOF) {
			s.say("Stopped. Your run is kept; play the scenario again to continue from this scene.")
			return nil
		}
		if err != nil {
			return err
		}
	}
	s.showScene(run.Current(), len(run.State().Path))
	s.say("This is where the scenario ends.")
	d, p := run.Finish()
	s.saved(p)
	s.debrief(sc, d)
	return nil
}

func (s *Session) showScene(scene *content.Scene, step int) {
	s.blank()
	s.say("Scene %d: %s", step, ToText(scene.Title))
	if b := ToText(scene.Body); b != "" {
		s.blank()
		s.say("%s", b)
	}
}

// playScene shows the current scene, asks its unanswered checkpoints, then
// its decision.
func (s *Session) playScene(run *activity.Run) error {
	sc, st := run.Scenario(), run.State()
	scene := run.Current()
	s.showScene(scene, len(st.Path))
	for i := range scene.Checkpoints {
		if engine.Answered(run.State(), i) {
			continue
		}
		q := &scene.Checkpoints[i]
		ask := func() {
			s.blank()
			s.say("Checkpoint %d of %d: %s (choose all that apply)", i+1, len(scene.Checkpoints), ToText(q.Text))
			if b := ToText(q.Body); b != "" {
				s.say("%s", b)
			}
			s.sayOptions(q, nil)
		}
		ask()
		chosen, err := s.askChoice(answerPrompt, len(q.Options), true, func() {
			s.showScene(scene, len(st.Path))
			ask()
		})
		if err != nil {
			return err
		}
		r, p, err := run.Answer(i, chosen)
		if err != nil {
			return fmt.Errorf("scenario %s: %w", sc.ID, err)
		}
		s.showFeedback(q, nil, r)
		s.say("Indicators spotted here: %d of %d. False alarms: %d of %d.", r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings)
		s.saved(p)
	}
	d := scene.Decision
	prompt := ToText(d.Prompt)
	if prompt == "" {
		prompt = "What do you do?"
	}
	decide := func() {
		s.blank()
		s.say("Decision: %s", prompt)
		s.say("%s:", activity.Count(len(d.Options), "action"))
		for j, o := range d.Options {
			s.say("  %d. %s", j+1, ToText(o.Text))
		}
	}
	decide()
	for {
		chosen, err := s.askChoice(fmt.Sprintf("Type an action's number from 1 to %d, r to repeat the scene, or q to quit:", len(d.Options)), len(d.Options), false, func() {
			s.showScene(scene, len(st.Path))
			decide()
		})
		if err != nil {
			return err
		}
		taken, p, err := run.Choose(chosen[0])
		if err != nil {
			s.say("That action cannot be taken: %v.", err)
			continue
		}
		s.blank()
		s.say("You chose: %s.", ToText(d.Options[taken.Option].Text))
		if fb := ToText(taken.Feedback); fb != "" {
			s.say("%s", fb)
		}
		s.saved(p)
		return nil
	}
}

func sceneTitle(sc *content.Scenario, id string) string {
	if scene, ok := sc.Scene(id); ok && scene.Title != "" {
		return ToText(scene.Title)
	}
	return id
}

func pathText(sc *content.Scenario, ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = sceneTitle(sc, id)
	}
	return strings.Join(names, ", then ")
}

// debrief prints the path taken beside the recommended one, every decision
// with its feedback, and the two recognition figures.
func (s *Session) debrief(sc *content.Scenario, d engine.Debrief) {
	s.blank()
	s.say("Debrief")
	s.say("Your path: %s.", pathText(sc, d.Taken))
	s.say("Recommended path: %s.", pathText(sc, d.Recommended))
	if len(d.Decisions) > 0 {
		s.say("Your decisions, %d:", len(d.Decisions))
	}
	for i, dt := range d.Decisions {
		scene, _ := sc.Scene(dt.Scene)
		if scene == nil || scene.Decision == nil {
			continue
		}
		chosen := ToText(scene.Decision.Options[dt.Option].Text)
		line := fmt.Sprintf("  %d. %s: you chose %q", i+1, sceneTitle(sc, dt.Scene), chosen)
		if dt.Recommended {
			line += ", the recommended action."
		} else if rec := scene.Decision.Recommended(); rec >= 0 {
			line += fmt.Sprintf("; the recommended action was %q.", ToText(scene.Decision.Options[rec].Text))
		} else {
			line += "."
		}
		if fb := ToText(dt.Feedback); fb != "" {
			line += " " + fb
		}
		s.say("%s", line)
	}
	s.say("Indicators spotted: %d of %d", d.Spotted, d.Present)
	s.say("False alarms: %d of %d", d.FalseAlarms, d.RedHerrings)
}
