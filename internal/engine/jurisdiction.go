package engine

import "frontline/internal/content"

// Eligible returns the indexes, in module order, of the questions of m
// that hold in the place its exam is for (m.Exam.Jurisdiction): those with
// no jurisdiction and those tagged for that place or for the country it is
// part of. When the exam names no place, every question is eligible.
func Eligible(m *content.Module) []int {
	out := make([]int, 0, len(m.Questions))
	for i := range m.Questions {
		if content.AppliesIn(m.Questions[i].Jurisdiction, m.Exam.Jurisdiction) {
			out = append(out, i)
		}
	}
	return out
}
