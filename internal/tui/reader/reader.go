// Package reader is the lesson reader: a module's pages rendered with
// glamour (in commands, cached per page and width) and scrolled by slicing
// the rendered lines. The root shows the module's content note first.
package reader

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/tui/common"
)

// ResizeDelay is how long the reader waits after the last resize before
// wrapping the page again.
const ResizeDelay = 120 * time.Millisecond

// Model is the reader screen.
type Model struct {
	c    *common.Common
	mod  *content.Module
	page int

	width, height int
	pager         common.Pager
	shown         common.RenderKey // what the pager holds
	want          int              // wrap width wanted for the current size
	gen           int
	err           error

	saving  bool
	saveErr error
	saved   bool
}

// RenderedMsg carries a rendered page.
type RenderedMsg struct {
	Key   common.RenderKey
	Lines []string
	Err   error
}

type resizeMsg struct{ gen int }

// New opens module m at page (clamped).
func New(c *common.Common, m *content.Module, page int) *Model {
	r := &Model{c: c, mod: m}
	r.page = max(0, min(page, len(m.Pages)-1))
	r.width, r.height = c.Width, c.Height
	r.want = common.ReadingWidth(r.width)
	return r
}

// Page is the index of the page shown.
func (r *Model) Page() int { return r.page }

// Init renders the first page.
func (r *Model) Init() tea.Cmd {
	return tea.Batch(r.renderCmd(r.page), r.bookmarkCmd())
}

func (r *Model) docKey(page int) common.RenderKey {
	return common.RenderKey{Doc: fmt.Sprintf("module:%s:%s:%d", r.mod.ID, r.mod.Fingerprint, page), Width: r.want}
}

func (r *Model) pageMarkdown(page int) string {
	p := r.mod.Pages[page]
	if p.Title == "" {
		return p.Body
	}
	return "# " + p.Title + "\n\n" + p.Body
}

// renderCmd renders page at the wanted width. A cached page is shown at
// once, without a command.
func (r *Model) renderCmd(page int) tea.Cmd {
	if len(r.mod.Pages) == 0 {
		return nil
	}
	k := r.docKey(page)
	if lines, ok := r.c.Render.Get(k); ok {
		if page == r.page {
			r.show(k, lines)
		}
		return r.prefetch()
	}
	md := r.pageMarkdown(page)
	cache := r.c.Render
	return func() tea.Msg {
		lines, err := cache.Render(k, md)
		return RenderedMsg{Key: k, Lines: lines, Err: err}
	}
}

// prefetch renders the next page in the background.
func (r *Model) prefetch() tea.Cmd {
	next := r.page + 1
	if next >= len(r.mod.Pages) {
		return nil
	}
	k := r.docKey(next)
	if _, ok := r.c.Render.Get(k); ok {
		return nil
	}
	md := r.pageMarkdown(next)
	cache := r.c.Render
	return func() tea.Msg {
		// Prefetch never renders a page that went over its budget before.
		err := cache.Prefetch(k, md)
		return RenderedMsg{Key: k, Err: err}
	}
}

func (r *Model) show(k common.RenderKey, lines []string) {
	keepTop := r.shown.Doc == k.Doc && r.pager.Offset > 0 && len(r.pager.Lines) > 0
	frac := 0.0
	if keepTop {
		frac = float64(r.pager.Offset) / float64(len(r.pager.Lines))
	}
	r.shown = k
	r.err = nil
	r.pager.SetLines(lines)
	if keepTop {
		r.pager.Offset = int(frac * float64(len(lines)))
		r.pager.Scroll(0)
	} else {
		r.pager.Top()
	}
}

func (r *Model) bookmarkCmd() tea.Cmd {
	l := r.c.Learner()
	if !l.Records() {
		return nil
	}
	r.saving = true
	kind, id, page := "module", r.mod.ID, r.page
	return r.c.SaveCmd("bookmark", func(ctx context.Context) error { return l.Visit(ctx, kind, id, page) })
}

// completeCmd records that the last page was reached (activity.Completion).
func (r *Model) completeCmd() tea.Cmd {
	l, mod := r.c.Learner(), r.mod
	if !l.Records() {
		return nil
	}
	return r.c.SaveCmd("complete", func(ctx context.Context) error { return l.ReadThrough(ctx, mod) })
}

// SetSize records the new size; the page is wrapped again after the
// resizes stop.
func (r *Model) SetSize(w, h int) {
	r.width, r.height = w, h
	r.pager.Height = r.bodyHeight()
	r.pager.Scroll(0)
}

func (r *Model) bodyHeight() int { return max(r.height-3, 1) }

// resize is called by Update on a window size change.
func (r *Model) resize() tea.Cmd {
	want := common.ReadingWidth(r.width)
	if want == r.want {
		return nil
	}
	r.want = want
	r.gen++
	gen := r.gen
	return tea.Tick(ResizeDelay, func(time.Time) tea.Msg { return resizeMsg{gen: gen} })
}

// Update handles keys and rendered pages.
func (r *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := r.c.Keys
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return r, r.resize()
	case resizeMsg:
		if msg.gen != r.gen {
			return r, nil
		}
		return r, r.renderCmd(r.page)
	case RenderedMsg:
		if msg.Key == r.docKey(r.page) {
			if msg.Err != nil {
				r.err = msg.Err
				return r, nil
			}
			r.show(msg.Key, msg.Lines)
			return r, r.prefetch()
		}
		return r, nil
	case common.SavedMsg:
		if msg.Tag == "bookmark" || msg.Tag == "complete" {
			r.saving, r.saveErr, r.saved = false, msg.Err, msg.Err == nil
		}
		return r, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Back):
			return r, common.Cmd(common.BackMsg{})
		case key.Matches(msg, k.PageDown) && r.pager.AtBottom():
			return r, r.next()
		case r.pager.HandleKey(k, msg):
		case key.Matches(msg, k.Top):
			r.pager.Top()
		case key.Matches(msg, k.Bottom):
			r.pager.Bottom()
		case key.Matches(msg, k.Next), msg.String() == "n", key.Matches(msg, k.Continue):
			return r, r.next()
		case key.Matches(msg, k.Prev), msg.String() == "p":
			if r.page > 0 {
				r.page--
				return r, tea.Batch(r.renderCmd(r.page), r.bookmarkCmd())
			}
		case key.Matches(msg, k.Quiz):
			if len(r.mod.Questions) > 0 {
				return r, common.Cmd(r.quizMsg())
			}
		case key.Matches(msg, k.Glossary):
			return r, common.Cmd(common.OpenGlossaryMsg{})
		}
	}
	return r, nil
}

// quizMsg opens the module's quiz; the learner has had the content note.
func (r *Model) quizMsg() common.OpenQuizMsg {
	return common.OpenQuizMsg{ModuleID: r.mod.ID, Mode: progress.ModePractice, NoteSeen: true}
}

// next moves to the next page; past the last it marks the module read and
// offers the quiz.
func (r *Model) next() tea.Cmd {
	if r.page+1 < len(r.mod.Pages) {
		r.page++
		return tea.Batch(r.renderCmd(r.page), r.bookmarkCmd())
	}
	if len(r.mod.Questions) > 0 {
		return tea.Batch(r.completeCmd(), common.Cmd(r.quizMsg()))
	}
	return tea.Batch(r.completeCmd(), common.Cmd(common.BackMsg{}))
}

// View lays out what is ready; it never renders Markdown.
func (r *Model) View() string {
	s := r.c.Styles
	w := r.width
	n := len(r.mod.Pages)
	title := r.mod.Title
	if n > 0 && r.mod.Pages[r.page].Title != "" && r.mod.Pages[r.page].Title != r.mod.Title {
		title += " › " + r.mod.Pages[r.page].Title
	}
	head := common.SpreadLine(s.Title.Render(common.Truncate(title, max(w-16, 10))), s.Subtle.Render(fmt.Sprintf("page %d of %d", r.page+1, max(n, 1))), w)
	var body string
	switch {
	case n == 0:
		body = common.FitLines([]string{s.Subtle.Render("This module has no pages.")}, r.pager.Height)
	case r.err != nil:
		body = common.FitLines(append([]string{s.Wrong.Render(s.Symbols.Wrong + " This page could not be shown.")},
			common.WrapLines(r.err.Error(), w, "", "")...), r.pager.Height)
	case r.shown.Doc != r.docKey(r.page).Doc:
		body = common.FitLines([]string{s.Subtle.Render("Loading…")}, r.pager.Height)
	case r.shown.Width > w:
		// Narrowed and waiting for the new wrap: cut lines so nothing wraps.
		end := min(r.pager.Offset+r.pager.Height, len(r.pager.Lines))
		cut := make([]string, 0, r.pager.Height)
		for _, l := range r.pager.Lines[r.pager.Offset:end] {
			cut = append(cut, common.Truncate(l, w))
		}
		body = common.FitLines(cut, r.pager.Height)
	default:
		body = r.pager.View()
	}
	frac := 0.0
	if n > 0 {
		frac = (float64(r.page) + r.pager.Percent()) / float64(n)
	}
	status := ""
	if r.saveErr != nil {
		status = common.SaveText(s, r.saveErr, false)
	}
	hint := ""
	if r.pager.AtBottom() && n > 0 {
		switch {
		case r.page+1 < n:
			hint = "→ next page"
		case len(r.mod.Questions) > 0:
			hint = "→ take the quiz"
		default:
			hint = "→ finish"
		}
	}
	right := fmt.Sprintf("%3.0f%%", frac*100)
	if hint != "" {
		right = s.Key.Render(hint) + "  " + right
	}
	if status != "" {
		right = status + "  " + right
	}
	barW := max(w-common.Width(right)-2, 4)
	foot := s.Bar(barW, frac) + "  " + right
	return head + "\n\n" + body + "\n" + foot
}

// ShortHelp lists the main keys.
func (r *Model) ShortHelp() []key.Binding {
	k := r.c.Keys
	return []key.Binding{k.Down, k.Next, k.Quiz, k.Back, k.Help, k.QuickExit}
}

// FullHelp lists every key.
func (r *Model) FullHelp() [][]key.Binding {
	k := r.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Prev, k.Next, k.Quiz, k.Glossary},
		{k.Back, k.Quit, k.QuickExit, k.Help},
	}
}
