package activity

import (
	"fmt"

	"frontline/internal/content"
	"frontline/internal/progress"
)

// ItemTitle is the title of the module or scenario an activity names, or
// its id when the loaded content no longer has it.
func ItemTitle(lib *content.Library, a progress.Activity) string {
	if lib != nil {
		if a.Kind == "run" {
			if sc, ok := lib.Scenario(a.ItemID); ok && sc.Title != "" {
				return sc.Title
			}
		} else if m, ok := lib.Module(a.ItemID); ok && m.Title != "" {
			return m.Title
		}
	}
	return a.ItemID
}

// Describe words one event of recent activity, without its item: "exam
// finished: 79%, not passed", "case study finished: spotted 3 of 5
// indicators, 1 false alarm; it ended at “A safe place”".
func Describe(lib *content.Library, a progress.Activity) string {
	switch a.Kind {
	case "attempt":
		what := "practice quiz"
		switch a.Mode {
		case progress.ModeExam:
			what = "exam"
		case progress.ModeReview:
			what = "review"
		case progress.ModeLed:
			what = "question with the room"
		}
		s := fmt.Sprintf("%s finished: %s", what, PercentOf(a.Score, a.Total))
		if a.Mode == progress.ModeExam && a.Passed {
			s += ", passed"
		} else if a.Mode == progress.ModeExam {
			s += ", not passed"
		}
		return s
	case "run":
		s := fmt.Sprintf("case study finished: spotted %d of %d indicators, %s", a.Spotted, a.Present, Count(a.FalseAlarms, "false alarm"))
		if a.Ending != "" {
			s += "; it ended at “" + sceneTitle(lib, a.ItemID, a.Ending) + "”"
		}
		return s
	case "completion":
		return "module completed"
	}
	return a.Kind
}

// sceneTitle is a scene's title, or its id when the scenario no longer has
// it.
func sceneTitle(lib *content.Library, scenario, scene string) string {
	if lib != nil {
		if sc, ok := lib.Scenario(scenario); ok {
			if s, ok := sc.Scene(scene); ok && s.Title != "" {
				return s.Title
			}
		}
	}
	return scene
}
