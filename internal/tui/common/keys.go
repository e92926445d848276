package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds every key binding of the app. Screens pick the bindings they
// use for their help; the help bar is generated from these, so it always
// matches what the keys do.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Prev, Next                              key.Binding
	Select, Toggle, Submit                  key.Binding
	Back, Quit, QuickExit, Help             key.Binding
	Search, Role, Quiz, Exam, Glossary      key.Binding
	Progress, Profile, Flag, Unanswered     key.Binding
	Retry, Skip, Continue, Yes, No          key.Binding
	Indicators, Finish, Move                key.Binding
	Resume, Again, Restore                  key.Binding
	Grab, ItemUp, ItemDown                  key.Binding
	AlwaysNotes                             key.Binding
}

// DefaultKeyMap returns the app's key bindings.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		PageUp:      b("pgup/b", "page up", "pgup", "b"),
		PageDown:    b("pgdn/space", "page down", "pgdown", " "),
		Top:         b("home/g", "top", "home", "g"),
		Bottom:      b("end/G", "bottom", "end", "G"),
		Prev:        b("←/h", "back", "left", "h"),
		Next:        b("→/l", "next", "right", "l"),
		Select:      b("enter", "open", "enter"),
		Toggle:      b("space/1-9", "choose", " "),
		Submit:      b("enter", "submit", "enter"),
		Back:        b("esc", "back", "esc"),
		Quit:        b("q", "quit", "q"),
		QuickExit:   b("ctrl+x", "exit now", "ctrl+x"),
		Help:        b("?", "help", "?"),
		Search:      b("/", "search", "/"),
		Role:        b("r", "role filter", "r"),
		Quiz:        b("t", "test (quiz)", "t"),
		Exam:        b("e", "exam", "e"),
		Glossary:    b("i", "glossary", "i"),
		Progress:    b("p", "progress", "p"),
		Profile:     b("s", "switch learner", "s"),
		Flag:        b("f", "flag", "f"),
		Unanswered:  b("o", "overview", "o"),
		Retry:       b("r", "retry missed", "r"),
		Skip:        b("s", "skip", "s"),
		Continue:    b("enter", "continue", "enter"),
		Yes:         b("y", "yes", "y", "Y"),
		No:          b("n", "no", "n", "N"),
		Indicators:  b("i", "indicators", "i"),
		Finish:      b("S", "submit exam", "S"),
		Move:        b("↑/↓", "move", "up", "down"),
		Resume:      b("enter", "resume", "enter"),
		Again:       b("a", "start again", "a"),
		Restore:     b("ctrl+r", "restore backup", "ctrl+r"),
		Grab:        b("space", "pick up/put down", " "),
		ItemUp:      b("shift+↑/K", "move step up", "shift+up", "K"),
		ItemDown:    b("shift+↓/J", "move step down", "shift+down", "J"),
		AlwaysNotes: b("a", "notes every time", "a"),
	}
}

func matches(msg tea.KeyMsg, b key.Binding) bool { return key.Matches(msg, b) }

// WithHelp returns binding b described as desc in the help bar.
func WithHelp(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// TypingHelp is the help bar while a search field has the keys.
func TypingHelp(k KeyMap) []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		k.QuickExit,
	}
}
