package common

import (
	"testing"

	"github.com/muesli/termenv"
)

// TestRenderShareOneCachePerStyle: apps drawing with the same theme and
// colour profile get the same cache; others get their own.
func TestRenderShareOneCachePerStyle(t *testing.T) {
	s := NewRenderShare()
	dark, light := Theme{Dark: true}, Theme{}
	a := s.Cache(dark, glamourStyle(dark), termenv.ANSI256)
	if b := s.Cache(dark, glamourStyle(dark), termenv.ANSI256); b != a {
		t.Error("same theme and profile: different caches")
	}
	for _, c := range []*RenderCache{
		s.Cache(light, glamourStyle(light), termenv.ANSI256),
		s.Cache(dark, glamourStyle(dark), termenv.TrueColor),
		s.Cache(Theme{Dark: true, NoColor: true}, glamourStyle(dark), termenv.Ascii),
	} {
		if c == a {
			t.Error("a different theme or profile shares the cache")
		}
	}
	if a.Limit != 1024 {
		t.Errorf("shared cache limit %d", a.Limit)
	}
	lines, err := a.Render(RenderKey{Doc: "d", Width: 40}, "# Title\n\nSome text.")
	if err != nil || len(lines) == 0 {
		t.Fatalf("render: %v %v", lines, err)
	}
	if got, ok := s.Cache(dark, glamourStyle(dark), termenv.ANSI256).Get(RenderKey{Doc: "d", Width: 40}); !ok || len(got) != len(lines) {
		t.Error("a document rendered through one app is not cached for the others")
	}
}
