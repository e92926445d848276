package common

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

// TestRenderOnceForConcurrentCallers: callers asking for a document while
// it renders wait for that render instead of starting their own (the
// shape of Render: look in the cache, else render once).
func TestRenderOnceForConcurrentCallers(t *testing.T) {
	c := NewRenderCache(glamourStyle(Theme{Dark: true}), termenv.ANSI256)
	k := RenderKey{Doc: "page", Width: 80}
	var renders atomic.Int32
	release := make(chan struct{})
	get := func() []string {
		if l, ok := c.Get(k); ok {
			return l
		}
		l, _ := c.once(k, func() ([]string, error) {
			renders.Add(1)
			<-release
			c.mu.Lock()
			c.lines[k] = []string{"rendered"}
			c.mu.Unlock()
			return []string{"rendered"}, nil
		})
		return l
	}
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l := get(); len(l) != 1 || l[0] != "rendered" {
				t.Errorf("got %v", l)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("30 callers rendered %d times, want once", n)
	}
	if len(c.flights) != 0 {
		t.Errorf("%d renders left in flight", len(c.flights))
	}
}
