package tui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testNow is the fixed clock of every screen test.
var testNow = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// newCommon builds a Common for tests: fixed clock, no terminal queries.
func newCommon(store progress.Store, lib *content.Library, theme common.Theme, w, h int) *common.Common {
	r := lipgloss.NewRenderer(&strings.Builder{})
	st := common.NewStyles(r, theme)
	profile := r.ColorProfile()
	if theme.NoColor {
		profile = theme.Profile(profile)
	}
	clock := testNow
	return &common.Common{
		Width: w, Height: h, Renderer: r, Styles: st, Keys: common.DefaultKeyMap(),
		Render: common.NewRenderCache(st.Glamour, profile), Store: store, Library: lib,
		Now: func() time.Time { return clock },
	}
}

// driver feeds messages to the root model and runs the commands they
// return, synchronously; commands that wait (ticks, cursor blinks) are
// dropped after a short while.
type driver struct {
	t    testing.TB
	m    *Model
	quit bool
	wait time.Duration
}

func newDriver(t testing.TB, store progress.Store, lib *content.Library, profile, start string, w, h int) *driver {
	t.Helper()
	c := newCommon(store, lib, common.Theme{Dark: true}, w, h)
	m, err := newModel(c, profile, start, false)
	if err != nil {
		t.Fatalf("new model: %v", err)
	}
	d := &driver{t: t, m: m, wait: 200 * time.Millisecond}
	d.run(m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	for _, msg := range d.exec(cmd) {
		d.send(msg)
	}
}

// sequence returns the commands of a tea.Sequence message.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().String() != "tea.sequenceMsg" {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// exec runs cmd (and batches) with a timeout and returns the messages.
func (d *driver) exec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(d.wait):
		return nil
	}
	if cmds, ok := sequence(msg); ok {
		// In order: each command's messages are handled before the next
		// command runs, as the program does.
		for _, c := range cmds {
			for _, m := range d.exec(c) {
				d.send(m)
			}
		}
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.QuitMsg:
		d.quit = true
		return nil
	case tea.BatchMsg:
		var mu sync.Mutex
		var wg sync.WaitGroup
		results := make([][]tea.Msg, len(msg))
		for i, c := range msg {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := d.exec(c)
				mu.Lock()
				results[i] = r
				mu.Unlock()
			}()
		}
		wg.Wait()
		var out []tea.Msg
		for _, r := range results {
			out = append(out, r...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// keys sends key presses: named keys ("enter", "esc", "up", "down",
// "left", "right", "space", "ctrl+x", "ctrl+c") or text typed rune by rune.
func (d *driver) keys(ks ...string) {
	for _, k := range ks {
		for _, msg := range keyMsgs(k) {
			d.send(msg)
		}
	}
}

func keyMsgs(k string) []tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "space": tea.KeySpace, "ctrl+x": tea.KeyCtrlX,
		"ctrl+c": tea.KeyCtrlC, "ctrl+r": tea.KeyCtrlR, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "backspace": tea.KeyBackspace,
	}
	if t, ok := named[k]; ok {
		if t == tea.KeySpace {
			return []tea.KeyMsg{{Type: tea.KeySpace, Runes: []rune{' '}}}
		}
		return []tea.KeyMsg{{Type: t}}
	}
	var out []tea.KeyMsg
	for _, r := range k {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// frame is the ANSI-stripped view with trailing spaces removed.
func (d *driver) frame() string {
	v := ansi.Strip(d.m.View())
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// snapshots collects named frames for one golden file.
type snapshots struct {
	b strings.Builder
}

func (s *snapshots) add(name string, d *driver) {
	f := d.frame()
	if n := strings.Count(f, "\n") + 1; n > d.m.c.Height {
		d.t.Errorf("%s: frame has %d lines, screen has %d", name, n, d.m.c.Height)
	}
	for i, l := range strings.Split(f, "\n") {
		if w := ansi.StringWidth(l); w > d.m.c.Width {
			d.t.Errorf("%s: line %d is %d columns wide, screen has %d: %q", name, i+1, w, d.m.c.Width, l)
		}
	}
	s.b.WriteString("=== " + name + "\n" + f + "\n")
}

func (s *snapshots) check(t *testing.T, file string) {
	t.Helper()
	path := filepath.Join("testdata", file+".golden")
	got := s.b.String()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./internal/tui -update to accept):\n%s", path, diff(string(want), got))
	}
}

// diff shows the first differing lines.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	n := 0
	for i := 0; i < max(len(al), len(bl)) && n < 12; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out.WriteString("- " + x + "\n+ " + y + "\n")
			n++
		}
	}
	return out.String()
}

var sizes = [][2]int{{80, 24}, {120, 40}}
