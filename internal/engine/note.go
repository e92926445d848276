package engine

import "frontline/internal/content"

// ScoringNote is the one line that tells a learner how a question of the
// given kind is scored, to show with the question before they answer. It is
// empty for a kind it does not know.
func ScoringNote(kind content.QuestionKind) string {
	switch kind {
	case content.SingleChoice:
		return "Choose one answer: the best one scores the mark."
	case content.TrueFalse:
		return "Decide whether the statement is true or false."
	case content.MultipleChoice:
		return "Tick every option that applies. Each right tick adds to your mark and each wrong tick takes the same away (never below zero), so ticking everything earns little."
	case content.Ordering:
		return "Put the steps in order. Each pair of steps in the right order earns part of the mark, so one step out of place costs little and a reversed list earns nothing."
	}
	return ""
}
