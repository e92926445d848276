package common

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"frontline/internal/textsafe"
)

// MaxNesting is how deeply block quotes and lists may be nested in a
// rendered document; deeper ones are flattened into their parent. It is
// the limit the content loader enforces (textsafe.MaxNesting), so content
// that passed validation is never changed.
const MaxNesting = textsafe.MaxNesting

// maxInlineNesting is how deeply emphasis, links and strikethrough may be
// nested before the inner ones are unwrapped into plain text.
const maxInlineNesting = 16

// RenderBudget bounds one render. A render that goes past any bound stops
// and returns an error wrapping ErrOverBudget.
type RenderBudget struct {
	// Time is the wall time a render may take (default 3 s).
	Time time.Duration
	// Memory is how much the Go heap may grow while rendering (default
	// 384 MiB). It is measured for the whole process, so renders running at
	// the same time share it.
	Memory uint64
	// Input is the largest Markdown document rendered, in bytes (default
	// 2 MiB; the loader's file limit is 1 MiB).
	Input int
	// Output is the largest rendered text, in bytes (default 32 MiB).
	Output int
}

// Default budget bounds.
const (
	DefaultRenderTime   = 3 * time.Second
	DefaultRenderMemory = 384 << 20
	DefaultRenderInput  = 2 << 20
	DefaultRenderOutput = 32 << 20
)

func (b RenderBudget) withDefaults() RenderBudget {
	if b.Time <= 0 {
		b.Time = DefaultRenderTime
	}
	if b.Memory == 0 {
		b.Memory = DefaultRenderMemory
	}
	if b.Input <= 0 {
		b.Input = DefaultRenderInput
	}
	if b.Output <= 0 {
		b.Output = DefaultRenderOutput
	}
	return b
}

// ErrOverBudget means a document could not be rendered within its budget
// of time or memory.
var ErrOverBudget = errors.New("over its rendering budget")

// budgetError says which bound a render went past, in words a learner can
// be shown.
type budgetError struct{ what string }

func (e *budgetError) Error() string {
	return "this page is too large or too deeply nested to show (" + e.what +
		"); please tell your trainer, who can check the file with 'frontline validate'"
}

func (e *budgetError) Unwrap() error { return ErrOverBudget }

// meter watches one render: the time, the heap, and a stop flag that the
// caller sets when it stops waiting.
type meter struct {
	b        RenderBudget
	start    time.Time
	heap0    uint64
	calls    int
	sample   []metrics.Sample
	stopped  atomic.Bool
	exceeded atomic.Pointer[budgetError]
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func newMeter(b RenderBudget) *meter {
	m := &meter{b: b, start: time.Now(), sample: []metrics.Sample{{Name: heapMetric}}}
	m.heap0 = m.heap()
	return m
}

func (m *meter) heap() uint64 {
	metrics.Read(m.sample)
	if m.sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m.sample[0].Value.Uint64()
}

// fail records the first bound passed.
func (m *meter) fail(what string) error {
	e := &budgetError{what: what}
	m.exceeded.CompareAndSwap(nil, e)
	return m.exceeded.Load()
}

// check is called at every node the renderer enters or leaves.
func (m *meter) check() error {
	if e := m.exceeded.Load(); e != nil {
		return e
	}
	if m.stopped.Load() {
		return m.fail(fmt.Sprintf("it took longer than %v", m.b.Time))
	}
	if time.Since(m.start) > m.b.Time {
		return m.fail(fmt.Sprintf("it took longer than %v", m.b.Time))
	}
	m.calls++
	if m.calls%32 == 0 {
		return m.checkHeap()
	}
	return nil
}

// checkHeap fails the render if the heap has grown past the budget.
func (m *meter) checkHeap() error {
	if h := m.heap(); h > m.heap0 && h-m.heap0 > m.b.Memory {
		return m.fail(fmt.Sprintf("it needed more than %d MiB of memory", m.b.Memory>>20))
	}
	return nil
}

// meteredRenderer wraps a node renderer so every node it renders first
// checks the meter.
type meteredRenderer struct {
	inner renderer.NodeRenderer
	m     *meter
}

type registerFunc func(gast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k gast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (r meteredRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	r.inner.RegisterFuncs(registerFunc(func(k gast.NodeKind, fn renderer.NodeRendererFunc) {
		reg.Register(k, func(w util.BufWriter, src []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
			if err := r.m.check(); err != nil {
				return gast.WalkStop, err
			}
			return fn(w, src, n, entering)
		})
	}))
}

// renderBounded renders md with glamour's ANSI renderer, as
// glamour.TermRenderer does, within the cache's budget. Nesting deeper than
// MaxNesting is flattened first. If the render runs past its time, the
// caller gets the error at once and the render stops at its next node.
func (c *RenderCache) renderBounded(md string, width int) (string, error) {
	b := c.Budget.withDefaults()
	if len(md) > b.Input {
		return "", &budgetError{what: fmt.Sprintf("it is %d KiB; the limit is %d KiB", len(md)>>10, b.Input>>10)}
	}
	if width < 10 {
		width = 10
	}
	m := newMeter(b)
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("render page: internal error: %v", p)}
			}
			done <- r
		}()
		r.out, r.err = c.glamour(md, width, m)
	}()
	timer := time.NewTimer(b.Time + 500*time.Millisecond)
	defer timer.Stop()
	select {
	case r := <-done:
		if e := m.exceeded.Load(); e != nil {
			return "", e
		}
		if r.err != nil {
			return "", r.err
		}
		if len(r.out) > b.Output {
			return "", &budgetError{what: fmt.Sprintf("the rendered page is over %d MiB", b.Output>>20)}
		}
		return r.out, nil
	case <-timer.C:
		m.stopped.Store(true)
		return "", m.fail(fmt.Sprintf("it took longer than %v", b.Time))
	}
}

// glamour parses md with the same extensions as glamour.TermRenderer, limits
// nesting, and renders through glamour's ANSI renderer wrapped in the meter.
func (c *RenderCache) glamour(md string, width int, m *meter) (string, error) {
	md = BreakLongWords(JoinListLines(RewriteAlerts(md)), maxWord)
	held := holdHyphens(md)
	restore := held != md
	md = held
	conv := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(nestingLimit{}, 0)),
		),
	)
	ar := ansi.NewRenderer(ansi.Options{WordWrap: width, ColorProfile: c.profile, Styles: c.style})
	conv.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(meteredRenderer{ar, m}, 1000))))
	var buf bytes.Buffer
	if err := conv.Convert([]byte(md), &buf); err != nil {
		if errors.Is(err, ErrOverBudget) {
			return "", err
		}
		return "", fmt.Errorf("render page: %w", err)
	}
	// The last node's work (the whole document put together) comes after
	// the last check.
	if err := m.checkHeap(); err != nil {
		return "", err
	}
	if restore {
		return strings.ReplaceAll(buf.String(), nbHyphen, "-"), nil
	}
	return buf.String(), nil
}

// maxWord is the longest run of characters without a space or hyphen that
// reaches the renderer: glamour's word wrap takes time proportional to the
// square of a word's length, so a longer run is cut with a space.
const maxWord = 200

// BreakLongWords inserts a space into every run of more than max bytes
// that holds no space, tab, line break or hyphen, at a character boundary.
// Real text never has such runs (the longest English word is 45 letters);
// without the cut, one 1 MiB "word" would keep glamour's word wrap busy for
// hours.
func BreakLongWords(md string, max int) string {
	run, cut := 0, false
	for i := 0; i < len(md); i++ {
		switch c := md[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
			run = 0
		case c&0xc0 == 0x80: // inside a UTF-8 sequence
		default:
			run++
			if run > max {
				cut = true
			}
		}
		if cut {
			break
		}
	}
	if !cut {
		return md
	}
	var b strings.Builder
	b.Grow(len(md) + len(md)/max + 1)
	run = 0
	for i := 0; i < len(md); i++ {
		switch c := md[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
			run = 0
		case c&0xc0 == 0x80:
		default:
			if run >= max {
				b.WriteByte(' ')
				run = 0
			}
			run++
		}
		b.WriteByte(md[i])
	}
	return b.String()
}

// nestingLimit is a parser transformer that flattens block quotes and lists
// nested deeper than MaxNesting, and emphasis, links and strikethrough
// nested deeper than maxInlineNesting.
type nestingLimit struct{}

func (nestingLimit) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	FlattenNesting(doc, MaxNesting)
}

// FlattenNesting rewrites the tree under n so no block quote or list lies
// inside more than max others: a deeper one is replaced by its content (a
// list's items become paragraphs). Inline emphasis,
// links and strikethrough nested more than 16 deep are unwrapped. It
// reports whether anything changed. It runs in time linear in the size of
// the tree.
func FlattenNesting(n gast.Node, max int) bool {
	return flattenBlocks(n, 0, max)
}

func isNestingBlock(n gast.Node) bool {
	k := n.Kind()
	return k == gast.KindBlockquote || k == gast.KindList
}

func flattenBlocks(parent gast.Node, depth, max int) bool {
	if f := parent.FirstChild(); f != nil && f.Type() == gast.TypeInline {
		return flattenInline(parent, 0)
	}
	changed := false
	for c := parent.FirstChild(); c != nil; {
		if isNestingBlock(c) && depth >= max {
			c = hoist(parent, c)
			changed = true
			continue
		}
		d := depth
		if isNestingBlock(c) {
			d++
		}
		changed = flattenBlocks(c, d, max) || changed
		// Read after the walk: hoisting may have added items after c.
		c = c.NextSibling()
	}
	return changed
}

// flattenInline unwraps inline containers nested too deeply inside n and
// merges runs of adjacent text: glamour styles every text node on its own,
// and a run of thousands of one-character nodes ("[[[[...") would
// otherwise make one word thousands of escape sequences long.
func flattenInline(n gast.Node, depth int) bool {
	changed := false
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if t, ok := c.(*gast.Text); ok {
			for mergeable(t, next) {
				nt := next.(*gast.Text)
				t.Segment = t.Segment.WithStop(nt.Segment.Stop)
				t.SetSoftLineBreak(nt.SoftLineBreak())
				t.SetHardLineBreak(nt.HardLineBreak())
				after := next.NextSibling()
				n.RemoveChild(n, next)
				next = after
				changed = true
			}
		}
		if c.HasChildren() {
			if depth >= maxInlineNesting {
				next = hoist(n, c)
				changed = true
			} else {
				changed = flattenInline(c, depth+1) || changed
			}
		}
		c = next
	}
	return changed
}

// mergeable reports whether next is text that directly follows t in the
// source, so the two can be one node.
func mergeable(t *gast.Text, next gast.Node) bool {
	nt, ok := next.(*gast.Text)
	return ok && !t.SoftLineBreak() && !t.HardLineBreak() && !t.IsRaw() && !nt.IsRaw() &&
		t.Segment.Padding == 0 && nt.Segment.Padding == 0 && t.Segment.Stop == nt.Segment.Start
}

// hoist replaces n, a block quote or list inside parent, by its content
// and returns the node of parent to go on with. Inside a list item, the
// content becomes items of that item's list, after it: a deeper list's own
// items, or one item for each block of a quote (glamour runs the
// paragraphs of one item together). Anywhere else the content takes n's
// place: a quote's blocks, or a list's items' blocks, each item's text a
// paragraph of its own.
func hoist(parent, n gast.Node) gast.Node {
	next := n.NextSibling()
	parent.RemoveChild(parent, n)
	if list := parent.Parent(); parent.Kind() == gast.KindListItem && list != nil && list.Kind() == gast.KindList {
		after := parent
		for c := n.FirstChild(); c != nil; {
			cn := c.NextSibling()
			n.RemoveChild(n, c)
			item := c
			if c.Kind() != gast.KindListItem {
				item = gast.NewListItem(0)
				item.AppendChild(item, c)
			}
			list.InsertAfter(list, after, item)
			after = item
			c = cn
		}
		return next
	}
	var first gast.Node
	add := func(c gast.Node) {
		if next != nil {
			parent.InsertBefore(parent, next, c)
		} else {
			parent.AppendChild(parent, c)
		}
		if first == nil {
			first = c
		}
	}
	move := func(from gast.Node) {
		for c := from.FirstChild(); c != nil; {
			cn := c.NextSibling()
			from.RemoveChild(from, c)
			if c.Kind() == gast.KindTextBlock {
				p := gast.NewParagraph()
				p.SetLines(c.Lines())
				for t := c.FirstChild(); t != nil; {
					tn := t.NextSibling()
					c.RemoveChild(c, t)
					p.AppendChild(p, t)
					t = tn
				}
				c = p
			}
			add(c)
			c = cn
		}
	}
	if n.Kind() == gast.KindList {
		for item := n.FirstChild(); item != nil; {
			in := item.NextSibling()
			move(item)
			item = in
		}
	} else {
		move(n)
	}
	if first == nil {
		return next
	}
	return first
}
