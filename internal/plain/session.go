// Package plain is frontline's accessible line mode: the reader, practice
// quizzes, scenarios and exams as numbered prompts over an io.Reader and an
// io.Writer, with no cursor movement, no box drawing and no colour, so it
// works with a screen reader, over a dumb terminal, and scripted through
// stdin.
package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// ErrQuit means the learner typed q or input ended; the activity saved its
// position and stopped. Session methods return nil in that case; ErrQuit is
// used internally and by callers that build on readLine.
var ErrQuit = errors.New("quit")

// ErrQuickExit means the learner asked to leave at once (QuickExitHelp):
// the activity stops where it is, as when input ends (it wraps io.EOF), and
// nothing more is written.
var ErrQuickExit = fmt.Errorf("quick exit: %w", io.EOF)

// QuickExitHelp says how to leave the line mode at once. ctrl+x arrives
// over a line-buffered terminal as the byte 0x18 at the start of the line
// once Enter is pressed; "x!" is the same for a keyboard or a screen reader
// that makes ctrl+x awkward.
const QuickExitHelp = "To leave at once from any prompt, press ctrl+x then Enter, or type x! then Enter."

// isQuickExit reports whether a line asks to leave at once: it starts
// with ctrl+x (0x18), or is "x!".
func isQuickExit(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "\x18") || strings.TrimSpace(line) == "x!"
}

// Session runs activities for one learner over a pair of streams.
type Session struct {
	In      io.Reader
	Out     io.Writer
	Lib     *content.Library
	Store   progress.Store
	Profile progress.Profile
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Seed returns the seed for a new exam's draw; nil means one from the
	// clock. The seed is recorded with the attempt either way.
	Seed func() int64
	// Context is the session's context; nil means context.Background.
	Context context.Context
	// Seal, when set, seals finished exam attempts (activity.Sealer);
	// Signed says it signs them with an issuer key.
	Seal   activity.Sealer
	Signed bool

	// ProfileName names the learner Home uses when Profile is empty (from
	// --profile): an existing profile, or a new one with NewRole (asked for
	// when NewRole is empty). With neither, Home asks who is learning.
	ProfileName string
	// NewRole is the role of a profile Home creates.
	NewRole content.Role
	// Flags are the global flags a command printed for the learner must
	// repeat (activity.Learner.Flags).
	Flags []string

	lines chan lineMsg
	out   io.Writer
	// eof is set once input has ended, so the menus stop asking.
	eof bool
	// inHome is set while Home runs, so activities point at menu entries
	// instead of commands.
	inHome bool
	// quick is set once the learner used the quick exit.
	quick bool
	// told is set once the quick exit has been explained.
	told bool
	// noted are the question kinds whose scoring has been explained.
	noted map[content.QuestionKind]bool
}

// QuickExited reports whether the session ended with the quick exit: the
// caller then writes nothing more either.
func (s *Session) QuickExited() bool { return s.quick }

// tellQuickExit says once per session how to leave at once.
func (s *Session) tellQuickExit() {
	if !s.told {
		s.told = true
		s.say("%s", QuickExitHelp)
	}
}

type lineMsg struct {
	text string
	err  error
}

func (s *Session) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Session) ctx() context.Context {
	if s.Context != nil {
		return s.Context
	}
	return context.Background()
}

// w returns the output with control characters filtered out.
func (s *Session) w() io.Writer {
	if s.out == nil {
		s.out = textsafe.Writer(s.Out)
	}
	return s.out
}

func (s *Session) say(format string, args ...any) {
	fmt.Fprintf(s.w(), format+"\n", args...)
}

func (s *Session) blank() { fmt.Fprintln(s.w()) }

// startReader reads lines from In in the background, so an exam can stop
// waiting when its time runs out.
func (s *Session) startReader() {
	if s.lines != nil {
		return
	}
	s.lines = make(chan lineMsg)
	go func(in io.Reader, ch chan<- lineMsg) {
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				ch <- lineMsg{text: strings.TrimRight(line, "\r\n")}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = io.EOF
				}
				for {
					ch <- lineMsg{err: err}
				}
			}
		}
	}(s.In, s.lines)
}

// ask prints prompt and reads one line. It returns io.EOF when input ends.
func (s *Session) ask(prompt string) (string, error) {
	line, _, err := s.askUntil(prompt, 0)
	return line, err
}

// askUntil is ask with a deadline: after d (if d > 0) it returns with
// timedOut set.
//
// A line asking for the quick exit (isQuickExit) returns ErrQuickExit, and
// from then on the session writes nothing and every ask returns
// ErrQuickExit at once.
func (s *Session) askUntil(prompt string, d time.Duration) (line string, timedOut bool, err error) {
	if s.quick {
		return "", false, ErrQuickExit
	}
	fmt.Fprint(s.w(), prompt+" ")
	s.startReader()
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case m := <-s.lines:
		if m.err != nil {
			if errors.Is(m.err, io.EOF) {
				s.eof = true
			}
			s.blank()
			return "", false, m.err
		}
		if isQuickExit(m.text) {
			s.quick, s.eof = true, true
			s.out = io.Discard
			return "", false, ErrQuickExit
		}
		return strings.TrimSpace(m.text), false, nil
	case <-timeout:
		s.blank()
		return "", true, nil
	}
}

// isQuit reports whether a typed line asks to quit.
func isQuit(line string) bool {
	l := strings.ToLower(line)
	return l == "q" || l == "quit"
}

// notSaved reports a failed write; the activity carries on.
func (s *Session) notSaved(err error) {
	s.say("NOT SAVED: %s", reason(err))
}

// reason is a store error as the learner reads it (activity.Reason).
func reason(err error) string { return activity.Reason(err) }

// contentNote shows the content note of an item (kind "module" or
// "scenario", its id) and asks whether to go on. It returns false when the
// learner skips, goes back or quits. A note the learner has read is not
// shown again, unless they chose to see notes every time or it changed.
func (s *Session) contentNote(kind, id, note string) (bool, error) {
	ctx, cancel := s.call()
	due := s.learner().NoteDue(ctx, kind, id, note)
	cancel()
	if !due {
		return true, nil
	}
	s.say("Content note: %s", ToText(note))
	for {
		line, err := s.ask(fmt.Sprintf("Enter to continue, s to skip this %s, b to go back, r to repeat the note:", kind))
		if err != nil {
			return false, err
		}
		if isRepeat(line) {
			s.say("Content note: %s", ToText(note))
			continue
		}
		switch strings.ToLower(line) {
		case "", "c", "continue", "y", "yes":
			s.blank()
			if err := s.save(s.learner().NoteRead(kind, id, note)); err != nil {
				s.notSaved(err)
			}
			return true, nil
		case "s", "skip":
			s.say("Skipped.")
			return false, nil
		case "b", "back", "q", "quit":
			return false, nil
		}
		s.say("Not understood: %q. Type Enter to continue, s to skip, b to go back, or r to repeat the note.", line)
	}
}

func (s *Session) module(id string) (*content.Module, error) {
	if s.Lib == nil {
		return nil, errors.New("no content loaded")
	}
	m, ok := s.Lib.Module(id)
	if !ok {
		return nil, UnknownError("module", id, ModuleIDs(s.Lib))
	}
	return m, nil
}

// closed says so and reports true when m is closed because an exam on it
// is open.
func (s *Session) closed(m *content.Module) bool {
	ctx, cancel := s.call()
	defer cancel()
	err := s.learner().CheckOpen(ctx, m)
	switch {
	case errors.Is(err, activity.ErrExamOpen):
		s.say("%s.", capitalise(strings.TrimPrefix(err.Error(), activity.ErrExamOpen.Error()+": ")))
		return true
	case err != nil:
		s.say("Note: %v.", err)
	}
	return false
}

// learnerPages are the pages a learner sees: trainer notes are left out.
func learnerPages(m *content.Module) []content.Page {
	var out []content.Page
	for _, p := range m.Pages {
		if strings.EqualFold(strings.TrimSpace(p.Title), "trainer notes") {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Read shows a module's pages in order, from the learner's bookmark if
// there is one. Reaching the end marks the module's reading as done.
func (s *Session) Read(moduleID string) error {
	m, err := s.module(moduleID)
	if err != nil {
		return err
	}
	pages := learnerPages(m)
	s.say("%s", titleLine(m))
	s.tellQuickExit()
	if closed := s.closed(m); closed {
		return nil
	}
	ok, err := s.contentNote("module", m.ID, m.ContentNote)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if !ok {
		return nil
	}
	if len(pages) == 0 {
		s.say("This module has no pages to read.")
		return nil
	}
	pos := s.bookmark("module", m.ID)
	if pos >= len(pages) || pos < 0 {
		pos = 0
	}
	if pos > 0 {
		s.say("Continuing at page %d of %d.", pos+1, len(pages))
	}
	show := true
	for {
		if show {
			p := pages[pos]
			s.blank()
			s.say("Page %d of %d: %s", pos+1, len(pages), ToText(p.Title))
			s.blank()
			if body := ToText(p.Body); body != "" {
				s.say("%s", body)
				s.blank()
			}
			s.setBookmark("module", m.ID, pos)
			show = false
		}
		last := pos == len(pages)-1
		prompt := "Enter for the next page, b for back, r to repeat this page, q to quit:"
		if last {
			prompt = "Enter to finish, b for back, r to repeat this page, q to quit:"
		}
		line, err := s.ask(prompt)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch l := strings.ToLower(line); {
		case l == "":
			if last {
				s.say("You have read all of %s.", ToText(m.Title))
				ctx, cancel := s.call()
				err := s.learner().ReadThrough(ctx, m)
				cancel()
				if err != nil {
					s.notSaved(err)
				}
				switch {
				case len(m.Questions) == 0:
				case s.inHome:
					s.say("Its quiz has %s: choose Practice quiz in the module's menu to take it.", activity.Count(len(m.Questions), "question"))
				default:
					s.say("Its quiz has %s: to take it, run %s", activity.Count(len(m.Questions), "question"), s.learner().Command("quiz", m.ID, "--profile", s.Profile.Name))
				}
				return nil
			}
			pos++
			show = true
		case l == "b" || l == "p" || l == "back":
			if pos == 0 {
				s.say("This is the first page. Type Enter for the next page, or q to quit.")
			} else {
				pos--
				show = true
			}
		case isRepeat(l):
			show = true
		case isQuit(l):
			s.say("Stopped at page %d of %d; you will continue there next time.", pos+1, len(pages))
			return nil
		default:
			var n int
			if _, err := fmt.Sscanf(l, "%d", &n); err == nil && fmt.Sprint(n) == l && n >= 1 && n <= len(pages) {
				pos = n - 1
				show = true
				continue
			}
			s.say("Not understood: %q. Type Enter for the next page, b for back, r to repeat this page, a page number from 1 to %d, or q to quit.", line, len(pages))
		}
	}
}

func titleLine(m *content.Module) string {
	t := ToText(m.Title)
	if m.Version != "" {
		t += " (version " + m.Version + ")"
	}
	return t
}

// bookmark returns the saved position of an item, or 0.
func (s *Session) bookmark(kind, id string) int {
	ctx, cancel := s.call()
	defer cancel()
	return s.learner().Bookmark(ctx, kind, id)
}

func (s *Session) setBookmark(kind, id string, pos int) {
	ctx, cancel := s.call()
	defer cancel()
	if err := s.learner().Visit(ctx, kind, id, pos); err != nil {
		s.notSaved(err)
	}
}
