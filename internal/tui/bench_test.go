package tui

import (
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/loader"
	"frontline/internal/tui/common"
)

// page10KB is a lesson page of about 10 KB of typical Markdown.
func page10KB() string {
	var b strings.Builder
	for i := 0; b.Len() < 10*1024; i++ {
		fmt.Fprintf(&b, "## Section %d\n\nA worker may live where they work, with **no pay slips** and a debt to the recruiter that keeps growing. Look at the whole picture, not one sign on its own; ask open questions and listen.\n\n- long hours without rest days\n- documents held by the employer\n- transport controlled by someone else\n\n> [!NOTE]\n> Consent to a job is not consent to exploitation.\n\n", i)
	}
	return b.String()
}

// benchLibrary is the test library with a long page added to the first
// module, so the reader has something to scroll.
func benchLibrary() *content.Library {
	lib := testLibrary()
	lib.Modules[0].Pages = append([]content.Page{{Title: "Long page", Body: page10KB()}}, lib.Modules[0].Pages...)
	lib.Modules[0].ContentNote = ""
	return lib
}

// generatedLibrary has n modules with front matter only.
func generatedLibrary(n int) *content.Library {
	lib := testLibrary()
	for i := 0; i < n; i++ {
		lib.Modules = append(lib.Modules, &content.Module{Meta: content.Meta{
			ID: fmt.Sprintf("gen-%04d", i), Title: fmt.Sprintf("Generated module %04d", i),
			Summary: "A module generated for timing the library.", Level: content.LevelCore, Minutes: 20,
			Roles: []content.Role{content.Roles[i%len(content.Roles)]},
		}})
	}
	return lib
}

// benchKeys times Update+View per key press and reports the median and
// 95th percentile besides the mean.
func benchKeys(b *testing.B, d *driver, keys []tea.KeyMsg) {
	b.Helper()
	b.ReportAllocs()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		d.m.Update(keys[i%len(keys)])
		_ = d.m.View()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(times[len(times)*95/100].Microseconds()), "p95-µs")
	}
}

func BenchmarkKeyPress(b *testing.B) {
	down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
	j, k := keyMsgs("j")[0], keyMsgs("k")[0]
	scroll := []tea.KeyMsg{j, j, j, j, k, k, k, k}
	move := []tea.KeyMsg{down, down, up, up}
	screens := []struct {
		name, start string
		lib         func() *content.Library
		prep        []string
		keys        []tea.KeyMsg
	}{
		{"library", "", benchLibrary, nil, move},
		{"library1000", "", func() *content.Library { return generatedLibrary(1000) }, nil, move},
		{"reader", "module:labour", benchLibrary, nil, scroll},
		{"quiz", "quiz:labour", benchLibrary, []string{"down"}, move},
		{"scenario", "scenario:farm", benchLibrary, []string{"enter"}, move},
		{"glossary", "glossary", benchLibrary, nil, move},
		{"dashboard", "progress", benchLibrary, nil, scroll},
		{"exam", "exam:labour", benchLibrary, []string{"enter"}, move},
	}
	for _, sc := range screens {
		for _, sz := range [][2]int{{80, 24}, {200, 60}} {
			b.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz[0], sz[1]), func(b *testing.B) {
				d := newDriver(b, storeWithLearner(b), sc.lib(), "Sam", sc.start, sz[0], sz[1])
				d.keys(sc.prep...)
				benchKeys(b, d, sc.keys)
			})
		}
	}
}

// BenchmarkGlamour10KB renders a 10 KB page at width 80 (no cache hit).
func BenchmarkGlamour10KB(b *testing.B) {
	c := newCommon(storeWithLearner(b), testLibrary(), common.Theme{Dark: true}, 80, 24)
	md := page10KB()
	b.ReportAllocs()
	b.SetBytes(int64(len(md)))
	for i := 0; i < b.N; i++ {
		cache := common.NewRenderCache(c.Styles.Glamour, c.Render.Profile())
		if _, err := cache.Render(common.RenderKey{Doc: "page", Width: 80}, md); err != nil {
			b.Fatal(err)
		}
	}
}

// generatedFS is a content folder of n modules shaped like the bundled
// ones: six pages and a ten-question quiz each.
func generatedFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var body strings.Builder
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&body, "## Page %d\n\n%s\n\n", i, strings.Repeat("Some lesson text about indicators and safe responses. ", 20))
	}
	body.WriteString("## Quiz\n\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&body, "### Question %d? {#q%d}\n\n- [ ] Wrong\n  - Why.\n- [x] Right\n\n> Because.\n\n", i, i)
	}
	for i := 0; i < n; i++ {
		src := fmt.Sprintf("---\nid: gen-%04d\ntitle: Generated module %04d\nsummary: A module generated for timing.\nroles: [police]\nlevel: core\nminutes: 20\n---\n# Generated module %04d\n\nIntro.\n\n%s", i, i, i, body.String())
		fsys[fmt.Sprintf("modules/gen-%04d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// BenchmarkFirstFrame times what the app does before its first frame:
// index the content (front matter only, as the binary does), build the
// root model (which reads the learner's progress once) and draw. The full
// parse runs after the first frame; its cost is shown on its own.
func BenchmarkFirstFrame(b *testing.B) {
	b.Run("bundled", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			lib, _ := loader.Index(loader.Bundled())
			firstFrame(b, lib)
		}
	})
	b.Run("generated1000", func(b *testing.B) {
		src := loader.Source{Name: "gen", FS: generatedFS(1000)}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			lib, _ := loader.Index(loader.Bundled(), src)
			if len(lib.Modules) < 1000 {
				b.Fatalf("%d modules", len(lib.Modules))
			}
			firstFrame(b, lib)
		}
	})
	b.Run("generated1000-indexed", func(b *testing.B) {
		lib, _ := loader.Index(loader.Bundled(), loader.Source{Name: "gen", FS: generatedFS(1000)})
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			firstFrame(b, lib)
		}
	})
	b.Run("bundled-full-load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			loader.Load(loader.Bundled())
		}
	})
}

func firstFrame(b *testing.B, lib *content.Library) {
	c := newCommon(storeWithLearner(b), lib, common.Theme{Dark: true}, 80, 24)
	c.Partial = true
	m, err := newModel(c, "Sam", "", true)
	if err != nil {
		b.Fatal(err)
	}
	if m.View() == "" {
		b.Fatal("empty frame")
	}
}

// BenchmarkBaselineHash is a fixed workload so the other figures can be
// read as ratios on a noisy machine.
func BenchmarkBaselineHash(b *testing.B) {
	buf := make([]byte, 1<<20)
	b.SetBytes(int64(len(buf)))
	for i := 0; i < b.N; i++ {
		_ = sha256.Sum256(buf)
	}
}
