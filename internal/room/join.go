package room

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/tui/common"
)

// joinPhase is where a trainee is on the join screen.
type joinPhase int

const (
	phaseName joinPhase = iota
	phaseRole
	phaseWord
	phaseWelcome
	phaseRefused
)

// maxWordTries is how many rejoin words a connection may try.
const maxWordTries = 3

// guard slows repeated wrong rejoin words from one address.
type guard interface {
	Delay() time.Duration
	Fail()
	Succeed()
}

// joinModel is the join screen: name, then role (a new trainee) or rejoin
// word (a name already in the room), then the new trainee's rejoin word.
// It ends with a seat (result) or without (left).
type joinModel struct {
	ctx    context.Context // the connection's
	room   *Room
	req    JoinRequest // Key and Term are set; the screen fills the rest
	guard  guard
	styles *common.Styles
	w, h   int

	phase  joinPhase
	name   textinput.Model
	word   textinput.Model
	cursor int
	msg    string // a problem, shown under the field
	busy   bool
	tries  int

	result Joined
	done   bool // result is set
	quick  bool
}

type lookedUpMsg struct {
	name              string
	known, keyMatches bool
}

type joinedMsg struct {
	j   Joined
	err error
}

func newJoinModel(ctx context.Context, r *Room, req JoinRequest, g guard, rend *lipgloss.Renderer, suggested string) *joinModel {
	theme := common.ChooseTheme(r.cfg.Theme, req.Term.Getenv)
	st := common.NewStyles(rend, theme)
	m := &joinModel{ctx: ctx, room: r, req: req, guard: g, styles: st, w: 80, h: 24}
	m.name = st.NewInput("Your name › ", "first name and surname, or as the trainer asks", maxName)
	m.word = st.NewInput("Rejoin word › ", "the word you were given, such as maple-123", 40)
	for _, ti := range []*textinput.Model{&m.name, &m.word} {
		_ = ti.Cursor.SetMode(cursor.CursorStatic)
	}
	if suggested != "" {
		if n, err := cleanName(suggested); err == nil {
			m.name.SetValue(n)
			m.name.CursorEnd()
		}
	}
	m.name.Focus()
	return m
}

func (m *joinModel) Init() tea.Cmd { return nil }

func (m *joinModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		return m, nil
	case noticeMsg:
		m.msg = msg.text
		return m, nil
	case endMsg:
		m.phase, m.msg = phaseRefused, msg.text
		return m, tea.Quit
	case lookedUpMsg:
		return m, m.lookedUp(msg)
	case joinedMsg:
		return m, m.joined(msg)
	case tea.KeyMsg:
		msg.Runes = slices.Clone(msg.Runes) // see seatModel.Update
		return m, m.key(msg)
	}
	return m, nil
}

func (m *joinModel) key(k tea.KeyMsg) tea.Cmd {
	switch k.String() {
	case "ctrl+x":
		m.quick = true
		return tea.Quit
	case "ctrl+c":
		return tea.Quit
	}
	if m.busy {
		return nil
	}
	switch m.phase {
	case phaseName:
		if k.Type == tea.KeyEnter {
			name, err := cleanName(m.name.Value())
			if err != nil {
				m.msg = upperFirst(err.Error()) + "."
				return nil
			}
			m.msg, m.busy = "", true
			r, key := m.room, m.req.Key
			return func() tea.Msg {
				known, match, canon := r.Known(name, key)
				if known {
					name = canon
				}
				return lookedUpMsg{name: name, known: known, keyMatches: match}
			}
		}
		var cmd tea.Cmd
		m.name, cmd = m.name.Update(k)
		return cmd
	case phaseRole:
		switch k.String() {
		case "up", "k":
			m.cursor = (m.cursor + len(content.Roles) - 1) % len(content.Roles)
		case "down", "j", "tab":
			m.cursor = (m.cursor + 1) % len(content.Roles)
		case "esc":
			m.phase, m.msg = phaseName, ""
			m.name.Focus()
		case "enter":
			req := m.req
			req.Name, req.Role = m.name.Value(), content.Roles[m.cursor]
			return m.joinCmd(req, false)
		default:
			if n := int(k.String()[0] - '1'); len(k.String()) == 1 && n >= 0 && n < len(content.Roles) {
				m.cursor = n
			}
		}
		return nil
	case phaseWord:
		switch k.Type {
		case tea.KeyEsc:
			m.phase, m.msg = phaseName, ""
			m.word.SetValue("")
			m.word.Blur()
			m.name.Focus()
			return nil
		case tea.KeyEnter:
			req := m.req
			req.Name, req.Word = m.name.Value(), m.word.Value()
			return m.joinCmd(req, true)
		}
		var cmd tea.Cmd
		m.word, cmd = m.word.Update(k)
		return cmd
	case phaseWelcome:
		if k.Type == tea.KeyEnter {
			m.done = true
			return tea.Quit
		}
	case phaseRefused:
		return tea.Quit
	}
	return nil
}

// joinCmd asks the room for a seat; a rejoin word waits out the address's
// delay first.
func (m *joinModel) joinCmd(req JoinRequest, word bool) tea.Cmd {
	m.busy, m.msg = true, ""
	ctx, r, g := m.ctx, m.room, m.guard
	return func() tea.Msg {
		if word && g != nil {
			if d := g.Delay(); d > 0 {
				t := time.NewTimer(d)
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
					return joinedMsg{err: ctx.Err()}
				}
			}
		}
		j, err := r.Join(ctx, req)
		return joinedMsg{j: j, err: err}
	}
}

func (m *joinModel) lookedUp(msg lookedUpMsg) tea.Cmd {
	m.busy = false
	m.name.SetValue(msg.name)
	switch {
	case msg.keyMatches:
		req := m.req
		req.Name = msg.name
		return m.joinCmd(req, false)
	case msg.known:
		m.phase = phaseWord
		m.name.Blur()
		m.word.Focus()
	default:
		m.phase = phaseRole
		m.name.Blur()
	}
	return nil
}

func (m *joinModel) joined(msg joinedMsg) tea.Cmd {
	m.busy = false
	err := msg.err
	switch {
	case err == nil:
		if m.guard != nil && m.phase == phaseWord {
			m.guard.Succeed()
		}
		m.result = msg.j
		if msg.j.Word != "" {
			m.phase = phaseWelcome
			return nil
		}
		m.done = true
		return tea.Quit
	case errors.Is(err, ErrWrongWord):
		m.tries++
		if m.guard != nil {
			m.guard.Fail()
		}
		if m.tries >= maxWordTries {
			m.phase, m.msg = phaseRefused, "That was not the rejoin word three times. Ask the trainer for help; press any key to leave."
			return nil
		}
		m.msg = fmt.Sprintf("That is not the rejoin word for %s (%s left).", m.name.Value(), activity.CountAs(maxWordTries-m.tries, "try", "tries"))
		m.word.SetValue("")
	case errors.Is(err, ErrNameTaken) && err != ErrNameTaken:
		m.phase, m.msg = phaseName, upperFirst(err.Error())+"."
		m.name.Focus()
	case errors.Is(err, ErrNameTaken):
		m.phase, m.msg = phaseName, "Someone has just joined with that name (or one that looks the same). Add an initial or a surname."
		m.name.Focus()
	case errors.Is(err, ErrRoomFull):
		m.phase, m.msg = phaseRefused, fmt.Sprintf("The room is full (%d places). Ask the trainer; press any key to leave.", m.room.cfg.MaxSeats)
	case errors.Is(err, ErrRoomClosed):
		m.phase, m.msg = phaseRefused, "The trainer has closed the room to new trainees. Press any key to leave."
	case errors.Is(err, ErrEnded):
		m.phase, m.msg = phaseRefused, "The workshop has ended. Press any key to leave."
	default:
		m.msg = upperFirst(err.Error()) + "."
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (m *joinModel) View() string {
	if m.quick {
		return ""
	}
	s := m.styles
	w := max(m.w-2, 20)
	var b []string
	add := func(text string) { b = append(b, common.WrapLines(text, w, " ", " ")...) }
	b = append(b, " "+s.Title.Render("frontline")+s.Subtle.Render(" · workshop room ")+s.Bold.Render(m.room.cfg.Name), "")
	switch m.phase {
	case phaseName:
		add("Welcome. Type your name as the trainer should see it and press enter.")
		add("If you were here before and lost your connection, type the same name: you will be asked for your rejoin word.")
		b = append(b, "", " "+m.name.View())
	case phaseRole:
		add("Hello, " + m.name.Value() + ". Which group do you work in?")
		b = append(b, "")
		for i, r := range content.Roles {
			mark := "  "
			label := fmt.Sprintf("%d. %s", i+1, r.Label())
			if i == m.cursor {
				mark = s.Cursor.Render(s.Symbols.Cursor + " ")
				label = s.Selected.Render(label)
			}
			b = append(b, " "+mark+label)
		}
	case phaseWord:
		add("Someone called " + m.name.Value() + " has already joined this room. If that is you, type the rejoin word you were given when you joined.")
		b = append(b, "", " "+m.word.View())
	case phaseWelcome:
		add("You are in, " + m.result.Name + ".")
		b = append(b, "", "   Your rejoin word:  "+s.Selected.Render(m.result.Word), "")
		add("Write it down. If your connection drops, type the same ssh command again, then your name and this word, and you are back exactly where you were.")
		add("Your answers are kept on the trainer's computer, for this workshop.")
	case phaseRefused:
	}
	if m.busy {
		b = append(b, "", " "+s.Subtle.Render("one moment…"))
	}
	if m.msg != "" {
		b = append(b, "")
		for _, l := range common.WrapLines(m.msg, w, " ", " ") {
			b = append(b, s.Warning.Render(l))
		}
	}
	help := map[joinPhase]string{
		phaseName:    "enter continue • ctrl+c leave • ctrl+x exit now",
		phaseRole:    "↑/↓ choose • enter join • esc back • ctrl+x exit now",
		phaseWord:    "enter rejoin • esc another name • ctrl+x exit now",
		phaseWelcome: "enter start • ctrl+x exit now",
		phaseRefused: "any key leave",
	}[m.phase]
	body := common.FitLines(b, max(m.h-2, 1))
	return body + "\n\n" + s.Subtle.Render(common.Truncate(help, max(m.w, 1)))
}
