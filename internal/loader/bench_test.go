package loader

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// generated returns a content folder of n modules shaped like the bundled
// ones (pages plus a 10-question quiz).
func generated(n int) fstest.MapFS {
	fsys := fstest.MapFS{"modules/indicators.md": {Data: []byte(catalogue)}}
	var page strings.Builder
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&page, "## Page %d\n\n%s\n\n", i, strings.Repeat("Some lesson text about indicators and safe responses. ", 20))
	}
	var quiz strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&quiz, "### Question %d? {#q%d}\n\nIndicators: retained-documents\n\n- [ ] Wrong\n  - Why.\n- [x] Right\n\n> Because.\n\n", i, i)
	}
	for i := 0; i < n; i++ {
		src := fmt.Sprintf("---\nid: m%04d\ntitle: Module %d\nsummary: Generated.\nroles: [police]\nlevel: core\nminutes: 20\n---\n# Module %d\n\nIntro.\n\n%s## Quiz\n\n%s", i, i, i, page.String(), quiz.String())
		fsys[fmt.Sprintf("modules/m%04d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func BenchmarkLoadBundled(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Load(Bundled())
	}
}

func BenchmarkLoad1000Modules(b *testing.B) {
	fsys := generated(1000)
	b.ReportAllocs()
	for b.Loop() {
		lib, ps := Load(Source{Name: "gen", FS: fsys})
		if len(lib.Modules) != 1000 || len(ps) != 0 {
			b.Fatalf("%d modules, %v", len(lib.Modules), ps)
		}
	}
}

func BenchmarkIndexBundled(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Index(Bundled())
	}
}

func BenchmarkIndex1000Modules(b *testing.B) {
	fsys := generated(1000)
	b.ReportAllocs()
	for b.Loop() {
		lib, ps := Index(Source{Name: "gen", FS: fsys})
		if len(lib.Modules) != 1000 || len(ps) != 0 {
			b.Fatalf("%d modules, %v", len(lib.Modules), ps)
		}
	}
}

// chainScenario returns the review's stalling scenario: n scenes in a
// chain, each with a two-option decision to the next (about 1 MiB at
// 18,000 scenes). The last scene is an ending.
func chainScenario(n int) []byte {
	var b strings.Builder
	b.WriteString("---\nid: w\ntitle: Chain\nroles: [police]\n---\n# Chain\n\nBriefing.\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "## a {#%x}\n", i)
		if i+1 < n {
			fmt.Fprintf(&b, "### d {#q}\n- [x] [a](#%x)\n- [ ] [b](#%x)\n", i+1, i+1)
		}
	}
	return []byte(b.String())
}

// BenchmarkLoadScenario18000 loads one scenario of 18,000 scenes, the size
// that took 19 s to validate when the graph checks were quadratic. Target:
// under 1 s.
func BenchmarkLoadScenario18000(b *testing.B) {
	src := chainScenario(18000)
	if len(src) > MaxFileSize {
		b.Fatalf("%d bytes is over the file limit", len(src))
	}
	fsys := fstest.MapFS{"scenarios/w.md": {Data: src}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lib, ps := Load(Source{Name: "gen", FS: fsys})
		if len(lib.Scenarios) != 1 || len(lib.Scenarios[0].Scenes) != 18000 {
			b.Fatalf("%d scenarios; %d problems, first %v", len(lib.Scenarios), len(ps), ps[:min(len(ps), 1)])
		}
	}
}

// nestedModule is a module whose one page is the review's nesting payload.
func nestedModule(body string) fstest.MapFS {
	src := "---\nid: h3\ntitle: Deep\nsummary: test\n---\n# Deep\n\n## P\n\n" + body + "\n"
	return fstest.MapFS{"modules/h3.md": {Data: []byte(src)}}
}

func benchRefused(b *testing.B, fsys fstest.MapFS) {
	b.ReportAllocs()
	for b.Loop() {
		_, ps := Load(Source{Name: "gen", FS: fsys})
		if errs, _ := Count(ps); errs == 0 {
			b.Fatal("the nesting was not refused")
		}
	}
}

// BenchmarkLoadQuotes500 validates a page of 500 nested block quotes (612
// bytes that took more than 6 GB to render): refused with an error.
func BenchmarkLoadQuotes500(b *testing.B) {
	benchRefused(b, nestedModule(strings.Repeat(">", 500)+" deep"))
}

// BenchmarkLoadList400 validates a page of a list nested 400 deep (161 KB).
func BenchmarkLoadList400(b *testing.B) {
	benchRefused(b, nestedModule(nestedList(400)))
}
