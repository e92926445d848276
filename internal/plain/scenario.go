package plain

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
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
	ok, err := s.contentNote("scenario", sc.ContentNote)
	if err != nil || !ok {
		return ignoreEOF(err)
	}
	rq := s.loadReviews()
	run, st, resumed := s.resumeRun(sc)
	if !resumed {
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
		st = engine.StartRun(sc)
		run = progress.Run{ProfileID: s.Profile.ID, ScenarioID: sc.ID, Fingerprint: sc.Fingerprint, Started: s.now()}
		fillRun(sc, st, &run)
		if stored, err := s.Store.StartRun(s.ctx(), run); err != nil {
			s.notSaved(err)
		} else {
			run = stored
		}
	}
	for !engine.Ended(sc, st) {
		var err error
		st, err = s.playScene(sc, st, &run, rq)
		if errors.Is(err, ErrQuit) || errors.Is(err, io.EOF) {
			s.say("Stopped. Your run is kept; play the scenario again to continue from this scene.")
			return nil
		}
		if err != nil {
			return err
		}
	}
	end := engine.Current(sc, st)
	s.showScene(end, len(st.Path))
	s.say("This is where the scenario ends.")
	d := engine.MakeDebrief(sc, st)
	run.Finished = s.now()
	run.Ending = d.Ending
	s.saveRun(sc, st, &run)
	s.debrief(sc, d)
	return nil
}

// resumeRun returns the learner's unfinished run of sc replayed into a
// state, if there is one that still fits the scenario.
func (s *Session) resumeRun(sc *content.Scenario) (progress.Run, engine.RunState, bool) {
	run, err := s.Store.UnfinishedRun(s.ctx(), s.Profile.ID, sc.ID)
	if err != nil {
		if !errors.Is(err, progress.ErrNotFound) {
			s.say("Could not read your unfinished run (%v); starting again.", err)
		}
		return progress.Run{}, engine.RunState{}, false
	}
	st, err := replay(sc, run)
	if err != nil {
		s.say("The scenario has changed since your last run (%v); starting again.", err)
		return progress.Run{}, engine.RunState{}, false
	}
	sc2 := engine.Current(sc, st)
	s.say("Continuing your run at scene: %s.", ToText(sc2.Title))
	return run, st, true
}

// replay rebuilds a run's state by taking its recorded steps again.
func replay(sc *content.Scenario, run progress.Run) (engine.RunState, error) {
	rec := engine.Recorded{Path: run.Path}
	for _, d := range run.Decisions {
		rec.Choices = append(rec.Choices, d.Option)
	}
	for _, c := range run.Checkpoints {
		rec.Checkpoints = append(rec.Checkpoints, engine.RecordedCheckpoint{Scene: c.Scene, Question: c.Question, Chosen: c.Chosen})
	}
	return engine.Replay(sc, rec)
}

func checkpointKey(scene *content.Scene, idx int) string { return engine.CheckpointKey(scene, idx) }

// fillRun copies the state into the stored run record.
func fillRun(sc *content.Scenario, st engine.RunState, run *progress.Run) {
	run.Path = append([]string(nil), st.Path...)
	run.Decisions = nil
	for _, d := range st.Decisions {
		run.Decisions = append(run.Decisions, progress.Decision{Scene: d.Scene, Option: d.Option, Target: d.Target, Recommended: d.Recommended})
	}
	run.Checkpoints = nil
	run.Spotted, run.Present, run.FalseAlarms, run.RedHerrings = 0, 0, 0, 0
	for _, c := range st.Checkpoints {
		scene, _ := sc.Scene(c.Scene)
		key := strconv.Itoa(c.Question)
		if scene != nil {
			key = checkpointKey(scene, c.Question)
		}
		run.Checkpoints = append(run.Checkpoints, progress.Checkpoint{
			Scene: c.Scene, Question: key, Chosen: c.Chosen,
			Spotted: c.Result.Spotted, Present: c.Result.Present,
			FalseAlarms: c.Result.FalseAlarms, RedHerrings: c.Result.RedHerrings,
			Indicators: hits(c.Result),
		})
		run.Spotted += c.Result.Spotted
		run.Present += c.Result.Present
		run.FalseAlarms += c.Result.FalseAlarms
		run.RedHerrings += c.Result.RedHerrings
	}
}

// saveRun stores the run; it reports whether the store took it.
func (s *Session) saveRun(sc *content.Scenario, st engine.RunState, run *progress.Run, reviews ...progress.ReviewItem) bool {
	fillRun(sc, st, run)
	if run.ID == 0 {
		s.say("NOT SAVED: this run could not be stored.")
		return false
	}
	if err := s.Store.SaveRun(s.ctx(), *run, reviews...); err != nil {
		s.notSaved(err)
		return false
	}
	s.say("Saved.")
	return true
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
// its decision, and returns the state after the decision.
func (s *Session) playScene(sc *content.Scenario, st engine.RunState, run *progress.Run, rq reviewQueue) (engine.RunState, error) {
	scene := engine.Current(sc, st)
	s.showScene(scene, len(st.Path))
	for i := range scene.Checkpoints {
		if engine.Answered(st, i) {
			continue
		}
		q := &scene.Checkpoints[i]
		s.blank()
		s.say("Checkpoint %d of %d: %s (choose all that apply)", i+1, len(scene.Checkpoints), ToText(q.Text))
		if b := ToText(q.Body); b != "" {
			s.say("%s", b)
		}
		for j, o := range q.Options {
			s.say("  %d. %s", j+1, ToText(o.Text))
		}
		chosen, err := s.askChoice(answerPrompt, len(q.Options), true)
		if err != nil {
			return st, err
		}
		next, r, err := engine.AnswerCheckpoint(sc, st, i, chosen)
		if err != nil {
			return st, fmt.Errorf("scenario %s: %w", sc.ID, err)
		}
		st = next
		s.showFeedback(q, nil, r)
		s.say("Indicators spotted here: %d of %d. False alarms: %d of %d.", r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings)
		reviews := s.reviewsFor(rq, "", q, r, s.now())
		if s.saveRun(sc, st, run, reviews...) {
			rq.commit(reviews)
		}
	}
	d := scene.Decision
	s.blank()
	prompt := ToText(d.Prompt)
	if prompt == "" {
		prompt = "What do you do?"
	}
	s.say("Decision: %s", prompt)
	for j, o := range d.Options {
		s.say("  %d. %s", j+1, ToText(o.Text))
	}
	for {
		chosen, err := s.askChoice("Action (type its number; q to quit):", len(d.Options), false)
		if err != nil {
			return st, err
		}
		next, taken, err := engine.Choose(sc, st, chosen[0])
		if err != nil {
			s.say("That action cannot be taken: %v.", err)
			continue
		}
		st = next
		s.blank()
		s.say("You chose: %s.", ToText(d.Options[taken.Option].Text))
		if fb := ToText(taken.Feedback); fb != "" {
			s.say("%s", fb)
		}
		s.saveRun(sc, st, run)
		return st, nil
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
		s.say("Your decisions:")
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
