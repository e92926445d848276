package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/progress"
	"frontline/internal/progress/progresstest"
	"frontline/internal/tui/common"
	"frontline/internal/tui/profiles"
)

// TestLockedApp: an app locked to one learner (a trainee in a workshop
// room) never opens the learner picker, never offers a restore, and never
// shows where the progress file is; its store calls end with its context.
func TestLockedApp(t *testing.T) {
	st := progresstest.WithStatus(storeWithLearner(t), progress.Status{Backup: "/home/trainer/backups/x.db", MovedAside: "/home/trainer/old.db"})
	progresstest.Learner(t, st, "Kim", "police")
	lib := testLibrary()
	ctx, cancel := context.WithCancel(context.Background())
	m, err := New(Options{
		Library: lib, Store: st, Profile: "Sam", Theme: "dark", Out: &strings.Builder{},
		Getenv: func(string) string { return "" }, Locked: true, Context: ctx,
		Restore: func(string) (progress.Store, string, error) { t.Fatal("restore called"); return nil, "", nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	v := m.View()
	for _, leak := range []string{"/home/trainer", "backup", "Kim", "ctrl+r"} {
		if strings.Contains(v, leak) {
			t.Errorf("locked home screen shows %q:\n%s", leak, v)
		}
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("s")}, {Type: tea.KeyCtrlR}} {
		_, cmd := m.Update(k)
		if cmd != nil {
			if msg := cmd(); msg != nil {
				m.Update(msg)
			}
		}
	}
	m.Update(common.OpenProfilesMsg{})
	if _, ok := m.top().(*profiles.Model); ok || m.asking {
		t.Error("a locked app opened the learner picker or asked to restore")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if v := m.View(); strings.Contains(v, "switch learner") || strings.Contains(v, "restore") {
		t.Errorf("locked help offers switching or restoring:\n%s", v)
	}
	c, done := m.c.Ctx()
	cancel()
	<-c.Done()
	done()

	for _, bad := range []Options{
		{Library: lib, Store: st, Locked: true},
		{Library: lib, Store: st, Locked: true, Profile: "Nobody"},
	} {
		if _, err := New(bad); err == nil {
			t.Errorf("locked app for %q started", bad.Profile)
		}
	}
}
