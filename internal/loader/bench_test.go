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
