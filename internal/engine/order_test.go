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
