package engine

import (
	"testing"

	"frontline/internal/content"
)

func TestSuggest(t *testing.T) {
	mk := func(id, title string, level content.Level, roles []content.Role, requires ...string) *content.Module {
		return &content.Module{Meta: content.Meta{ID: id, Title: title, Level: level, Roles: roles, Requires: requires}}
	}
	police := []content.Role{content.RolePolice}
	health := []content.Role{content.RoleHealth}
	mods := []*content.Module{
		mk("adv", "Advanced", content.LevelAdvanced, police, "found"),
		mk("found", "Foundations", content.LevelIntro, nil),
		mk("health", "Health core", content.LevelCore, health),
		mk("core-b", "B core", content.LevelCore, police),
		mk("core-a", "A core", content.LevelCore, police),
		mk("blocked", "Blocked", content.LevelIntro, police, "core-a"),
	}
	got := ids(Suggest(mods, map[string]bool{"found": true}, content.RolePolice))
	want := "core-a core-b adv health blocked found"
	if got != want {
		t.Errorf("Suggest = %s, want %s", got, want)
	}
	got = ids(Suggest(mods, nil, ""))
	want = "found core-a core-b health blocked adv"
	if got != want {
		t.Errorf("Suggest no role = %s, want %s", got, want)
	}
	if mods[0].ID != "adv" {
		t.Error("Suggest reordered its input")
	}
}

func ids(ms []*content.Module) string {
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += " "
		}
		s += m.ID
	}
	return s
}

// TestCurriculumIsTheSameForEveryone checks that the order modules are
// numbered in does not depend on role or progress: level, then
// prerequisites first, then title.
func TestCurriculumIsTheSameForEveryone(t *testing.T) {
	mk := func(id, title string, level content.Level, roles []content.Role, requires ...string) *content.Module {
		return &content.Module{Meta: content.Meta{ID: id, Title: title, Level: level, Roles: roles, Requires: requires}}
	}
	police := []content.Role{content.RolePolice}
	mods := []*content.Module{
		mk("adv", "Advanced", content.LevelAdvanced, police, "found"),
		mk("found", "Foundations", content.LevelIntro, nil),
		mk("zeta", "Zeta intro", content.LevelIntro, nil, "found"),
		mk("health", "Health core", content.LevelCore, []content.Role{content.RoleHealth}),
		mk("core-a", "A core", content.LevelCore, police),
		mk("loop-a", "Loop A", content.LevelCore, nil, "loop-b"),
		mk("loop-b", "Loop B", content.LevelCore, nil, "loop-a"),
	}
	want := "found zeta core-a health loop-b loop-a adv"
	if got := ids(Curriculum(mods)); got != want {
		t.Errorf("Curriculum = %s, want %s", got, want)
	}
	// Reversed input, the same order.
	rev := append([]*content.Module(nil), mods...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if got := ids(Curriculum(rev)); got != want {
		t.Errorf("Curriculum of the reversed list = %s, want %s", got, want)
	}
	if mods[0].ID != "adv" {
		t.Error("Curriculum reordered its input")
	}
}
