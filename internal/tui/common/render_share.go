package common

import (
	"sync"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/muesli/termenv"
)

// RenderShare hands out one RenderCache per theme and colour profile, so
// every app drawing with the same style shares its rendered documents: in
// a workshop room, thirty trainees reading the same page at the same width
// render it once (the cache makes callers asking for a document while it
// renders wait for that render). It is safe for concurrent use.
type RenderShare struct {
	mu     sync.Mutex
	caches map[renderShareKey]*RenderCache
	// Limit bounds each cache's documents (0 means 1024: many trainees
	// read at several widths).
	Limit int
}

type renderShareKey struct {
	theme   string
	profile termenv.Profile
}

// NewRenderShare returns an empty share.
func NewRenderShare() *RenderShare {
	return &RenderShare{caches: map[renderShareKey]*RenderCache{}}
}

// Cache returns the cache for theme t and colour profile p, creating it
// with style (the theme's glamour style) on first use.
func (s *RenderShare) Cache(t Theme, style ansi.StyleConfig, p termenv.Profile) *RenderCache {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := renderShareKey{theme: t.String(), profile: p}
	if c, ok := s.caches[k]; ok {
		return c
	}
	c := NewRenderCache(style, p)
	c.Limit = s.Limit
	if c.Limit <= 0 {
		c.Limit = 1024
	}
	s.caches[k] = c
	return c
}
