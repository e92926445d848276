package plain

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"frontline/internal/activity"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// menuItem is one numbered entry of a menu; a heading is printed as a plain
// line above the entries that follow it.
type menuItem struct {
	gap     bool // a blank line before the entry
	heading string
	// key, when set, is what the learner types for the entry instead of
	// a number ("c1", "v").
	key   string
	label string
	run   func() error
}

// keyed returns the entries chosen by key.
func keyed(items []menuItem) map[string]func() error {
	out := map[string]func() error{}
	for _, it := range items {
		if it.key != "" && it.run != nil {
			out[it.key] = it.run
		}
	}
	return out
}

// errLeave is what a menu entry returns to leave its menu.
var errLeave = errors.New("leave menu")

// showMenu prints a menu's headings and numbered entries and returns the
// entries that can be chosen, in number order.
func (s *Session) showMenu(items []menuItem) []menuItem {
	var out []menuItem
	for _, it := range items {
		if it.gap && it.heading == "" {
			s.blank()
		}
		if it.heading != "" {
			s.blank()
			s.say("%s", it.heading)
		}
		if it.label == "" {
			continue
		}
		if it.run == nil {
			s.say("  %s", it.label)
			continue
		}
		if it.key != "" {
			s.say("  %s. %s", it.key, it.label)
			continue
		}
		out = append(out, it)
		s.say("  %d. %s", len(out), it.label)
	}
	return out
}

// choosePrompt is the prompt of a menu of n entries, ending in what to
// type; back says what q does ("quit", "go back").
func choosePrompt(n int, back string) string {
	if n == 1 {
		return fmt.Sprintf("Type 1, or q to %s:", back)
	}
	return fmt.Sprintf("Choose a number from 1 to %d, or q to %s:", n, back)
}

// menuHint says in one line what to type at a menu of n entries, after a
// typo (text) or an empty Enter (text ""), instead of the menu again;
// extra names what else may be typed there.
func (s *Session) menuHint(text string, n int, back, extra string) {
	s.hint(text, n, "menu", back, extra)
}

// hint is menuHint for a list called what ("menu", "list").
func (s *Session) hint(text string, n int, what, back, extra string) {
	hint := fmt.Sprintf("Type a number from 1 to %d, r to repeat the %s%s, or q to %s.", n, what, extra, back)
	if text != "" {
		hint = fmt.Sprintf("Not understood: %q. %s", text, hint)
	}
	s.say("%s", hint)
}

// keyList names the keyed entries for a prompt: "c1 to c3 to continue, v
// for the review".
func keyList(keys map[string]func() error) string {
	var parts []string
	n := 0
	for k := range keys {
		if strings.HasPrefix(k, "c") {
			n++
		}
	}
	switch {
	case n == 1:
		parts = append(parts, "c1 to continue")
	case n == 2:
		parts = append(parts, "c1 or c2 to continue")
	case n > 2:
		parts = append(parts, fmt.Sprintf("c1 to c%d to continue", n))
	}
	if keys["v"] != nil {
		parts = append(parts, "v for the review")
	}
	return strings.Join(parts, ", ")
}

// isRepeat reports whether a typed line asks to hear the menu, page or
// question again.
func isRepeat(line string) bool {
	l := strings.ToLower(strings.TrimSpace(line))
	return l == "r" || l == "repeat"
}

// choose asks for a number from 1 to n. It returns the number; ErrQuit
// when the learner types q; io.EOF when input ends. Anything else typed is
// returned as text with the number 0, for the caller to handle.
func (s *Session) choose(prompt string, n int) (int, string, error) {
	line, err := s.ask(prompt)
	if err != nil {
		return 0, "", err
	}
	if isQuit(line) {
		return 0, "", ErrQuit
	}
	if k, err := strconv.Atoi(line); err == nil && k >= 1 && k <= n {
		return k, "", nil
	}
	return 0, line, nil
}

// after handles what an activity returned inside a menu: input that ended
// stops the menus, an error is shown and the menu goes on.
func (s *Session) after(err error) error {
	if s.eof {
		return io.EOF
	}
	if err != nil && !errors.Is(err, ErrQuit) && !errors.Is(err, errLeave) {
		s.say("Could not continue: %v.", err)
	}
	return nil
}

// Home is the line mode's home: it finds the learner (ProfileName, or a
// numbered picker that can create a profile), then offers what the
// full-screen app offers as numbered menus: continue where you left off,
// the review queue, the modules (read, practice quiz, exam) and case
// studies, the glossary and the progress dashboard. q goes back one menu
// and quits from home; when input ends, whatever is in progress is saved
// and Home returns nil.
func (s *Session) Home() error {
	if s.Lib == nil {
		return errors.New("no content loaded")
	}
	s.inHome = true
	defer func() { s.inHome = false }()
	if st := s.Store.Status(); st.ReadOnly {
		s.say("Note: progress cannot be saved (%s). You can still practise.", st.Reason)
	}
	if s.Profile.ID == 0 && s.Profile.Name == "" {
		if err := s.pickProfile(); err != nil {
			if errors.Is(err, ErrQuit) || errors.Is(err, io.EOF) {
				s.say("Goodbye.")
				return nil
			}
			return err
		}
	}
	s.tellQuickExit()
	var items []menuItem
	var keys map[string]func() error
	show := true
	for {
		if show {
			all := s.homeMenu()
			items, keys = s.showMenu(all), keyed(all)
			show = false
		}
		quit := len(items)
		prompt := choosePrompt(len(items), "quit")
		if len(keys) > 0 {
			prompt = fmt.Sprintf("Choose a number from 1 to %d, %s, or q to quit:", len(items), keyList(keys))
		}
		k, text, err := s.choose(prompt, len(items))
		switch {
		case errors.Is(err, ErrQuit), errors.Is(err, io.EOF), err == nil && k == quit:
			s.say("Goodbye.")
			return nil
		case err != nil:
			return err
		case k == 0:
			m, isModule := s.Lib.Module(text)
			sc, isScenario := s.Lib.Scenario(text)
			l := strings.ToLower(text)
			if l == "c" {
				l = "c1"
			}
			switch run, isKey := keys[l]; {
			case isRepeat(l):
				show = true
				continue
			case isKey:
				err = run()
			case isModule:
				err = s.moduleMenu(m)
			case isScenario:
				err = s.Scenario(sc.ID)
			case l == "review" || l == "v":
				err = s.Review()
			case l == "g" || l == "glossary":
				err = s.Glossary()
			case l == "p" || l == "progress":
				err = s.Progress()
			default:
				extra := ", g for the glossary, p for progress"
				if len(keys) > 0 {
					extra = ", " + keyList(keys) + extra
				}
				s.menuHint(text, len(items), "quit", extra)
				continue
			}
		default:
			err = items[k-1].run()
		}
		if s.after(err) != nil {
			s.say("Goodbye.")
			return nil
		}
		show = true
	}
}

// pickProfile sets s.Profile: the one named by ProfileName (created when
// new), or one the learner picks or creates.
func (s *Session) pickProfile() error {
	if s.ProfileName != "" {
		ctx, cancel := s.call()
		p, err := activity.Find(ctx, s.Store, s.ProfileName)
		cancel()
		if err == nil {
			s.Profile = p
			return nil
		}
		if !errors.Is(err, progress.ErrNotFound) {
			return err
		}
		return s.createProfile(s.ProfileName)
	}
	for {
		ctx, cancel := s.call()
		ps, err := s.Store.Profiles(ctx)
		cancel()
		if err != nil {
			s.say("Could not read the learner profiles: %v.", err)
		}
		if len(ps) == 0 {
			s.say("Welcome to frontline. No one has a learner profile on this computer yet; let us create yours.")
			return s.newProfile()
		}
		s.say("Who is learning? %s, then a new profile:", activity.Count(len(ps), "learner"))
		for i, p := range ps {
			s.say("  %d. %s (%s)", i+1, p.Name, p.Role.Label())
		}
		s.say("  %d. New profile", len(ps)+1)
		for {
			k, text, err := s.choose(choosePrompt(len(ps)+1, "quit"), len(ps)+1)
			if err != nil {
				return err
			}
			switch {
			case k == len(ps)+1:
				return s.newProfile()
			case k > 0:
				s.Profile = ps[k-1]
				return nil
			}
			for _, p := range ps {
				if strings.EqualFold(p.Name, text) {
					s.Profile = p
					return nil
				}
			}
			if isRepeat(text) {
				break
			}
			s.menuHint(text, len(ps)+1, "quit", "")
		}
	}
}

// newProfile asks for a name and creates the profile.
func (s *Session) newProfile() error {
	for {
		name, err := s.ask("Your name (as it should appear on certificates; q to quit):")
		if err != nil {
			return err
		}
		if isQuit(name) {
			return ErrQuit
		}
		checked, err := activity.CheckName(name)
		if err != nil {
			if name == "" || strings.TrimSpace(name) == "" {
				s.say("Type a name, for example Sam or Sam Jones.")
			} else {
				s.say("%s.", capitalise(err.Error()))
			}
			continue
		}
		ctx, cancel := s.call()
		_, err = activity.Find(ctx, s.Store, checked)
		cancel()
		if err == nil {
			s.say("A profile named %s already exists; choose another name, or q and pick it from the list.", checked)
			continue
		}
		return s.createProfile(checked)
	}
}

// createProfile creates a learner with NewRole, asking for the role when
// none was given. When the store cannot save it, the learner goes on
// unsaved.
func (s *Session) createProfile(name string) error {
	role := s.NewRole
	if role == "" {
		r, err := s.askRole()
		if err != nil {
			return err
		}
		role = r
	}
	ctx, cancel := s.call()
	p, err := activity.Create(ctx, s.Store, name, role)
	cancel()
	if errors.Is(err, progress.ErrExists) {
		s.say("A profile like %s already exists (names that look the same are the same learner); pick it from the list, or choose another name.", name)
		return s.newProfile()
	}
	if err != nil {
		s.notSaved(err)
		s.say("You can still practise as %s, but nothing will be recorded.", name)
		s.Profile = progress.Profile{Name: name, Role: role}
		return nil
	}
	s.Profile = p
	s.say("Profile created: %s (%s).", p.Name, p.Role.Label())
	return nil
}

// askRole asks which group the learner works in, from a numbered list.
func (s *Session) askRole() (content.Role, error) {
	list := func() {
		s.say("Which group do you work in? It decides what is suggested first. %s:", activity.Count(len(content.Roles), "group"))
		for i, r := range content.Roles {
			s.say("  %d. %s", i+1, r.Label())
		}
	}
	list()
	for {
		k, text, err := s.choose(choosePrompt(len(content.Roles), "quit"), len(content.Roles))
		if err != nil {
			return "", err
		}
		if k > 0 {
			return content.Roles[k-1], nil
		}
		if r, ok := content.ParseRole(text); ok {
			return r, nil
		}
		if isRepeat(text) {
			list()
			continue
		}
		s.menuHint(text, len(content.Roles), "quit", "")
	}
}

// homeData is what the home menu shows about the learner's progress.
type homeData struct {
	stats  map[string]progress.ModuleStat
	played map[string]bool // scenarios with a finished run
	due    int             // what a review session would ask now
	cont   []continueItem
}

// continueItem is one thing the learner left unfinished.
type continueItem struct {
	label string
	run   func() error
}

func (s *Session) loadHome() homeData {
	d := homeData{stats: map[string]progress.ModuleStat{}, played: map[string]bool{}}
	if dash, err := s.Store.Dashboard(s.ctx(), s.Profile.ID); err == nil {
		for _, m := range dash.Modules {
			d.stats[m.ModuleID] = m
		}
		for _, r := range dash.Runs {
			d.played[r.ScenarioID] = true
		}
	}
	ctx, cancel := s.call()
	if due, err := s.learner().ReviewDue(ctx); err == nil {
		d.due = activity.PlanReview(s.Lib, due).Size()
	}
	cancel()
	d.cont = s.unfinished()
	return d
}

// unfinished lists pages being read, quizzes and exams not finished and
// scenario runs not ended: open exams first, then the most recent
// (activity.Learner.Unfinished).
func (s *Session) unfinished() []continueItem {
	ctx, cancel := s.call()
	list, err := s.learner().Unfinished(ctx, s.Lib)
	cancel()
	if err != nil {
		s.say("Note: %v.", err)
	}
	var out []continueItem
	for _, u := range list {
		switch u.Kind {
		case activity.UnfinishedReading:
			m := u.Module
			out = append(out, continueItem{
				label: fmt.Sprintf("Reading: %s, page %d of %d", ToText(m.Title), u.Page+1, len(learnerPages(m))),
				run:   func() error { return s.Read(m.ID) },
			})
		case activity.UnfinishedQuiz:
			m := u.Module
			out = append(out, continueItem{
				label: fmt.Sprintf("Practice quiz: %s, question %d of %d", ToText(m.Title), u.At, u.Of),
				run:   func() error { return s.Quiz(m.ID) },
			})
		case activity.UnfinishedExam:
			m := u.Module
			left := ""
			if d := u.Left(s.now()); d >= 0 {
				left = ", " + activity.Spoken(d) + " left, until " + u.Deadline.Local().Format("15:04")
			}
			out = append(out, continueItem{
				label: fmt.Sprintf("Exam: %s, question %d of %d%s", ToText(m.Title), u.At, u.Of, left),
				run:   func() error { return s.Exam(m.ID, m.Exam) },
			})
		case activity.UnfinishedScenario:
			sc := u.Scenario
			where := "the start"
			if u.Scene != nil {
				where = ToText(u.Scene.Title)
			}
			out = append(out, continueItem{
				label: fmt.Sprintf("Case study: %s, at %s", ToText(sc.Title), where),
				run:   func() error { return s.Scenario(sc.ID) },
			})
		}
	}
	return out
}

// levelText is "Core, 25 minutes", leaving out what the item does not say.
func levelText(m content.Meta) string {
	var parts []string
	if m.Level != "" {
		l := string(m.Level)
		parts = append(parts, strings.ToUpper(l[:1])+l[1:])
	}
	if m.Minutes > 0 {
		parts = append(parts, activity.Count(m.Minutes, "minute"))
	}
	return strings.Join(parts, ", ")
}

// moduleState is "done, best score 67%", "started, best score 40%" or
// "not started". A module is done when its pages are read or its exam
// passed (activity.Completion); a learner with every answer right in
// practice but pages still to read is told just that, never "started".
func moduleState(st progress.ModuleStat) string {
	best := ""
	if st.Attempts > 0 {
		best = ", best score " + activity.Percent(st.Best)
	}
	switch {
	case st.Completed:
		return "done" + best
	case st.Attempts > 0 && activity.PercentValue(st.Best) >= 100:
		return "every answer right, best score 100%; read to the last page to complete it"
	case st.Attempts > 0:
		return "started" + best
	}
	return "not started"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence joins non-empty parts as sentences.
func sentence(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, capital(p)+".")
		}
	}
	return strings.Join(kept, " ")
}

// homeMenu builds the home menu from the learner's progress.
func (s *Session) homeMenu() []menuItem {
	d := s.loadHome()
	s.blank()
	s.say("Home: %s", who(s.Profile))
	var items []menuItem
	// What changes from one visit to the next is chosen by letter, so the
	// numbers of modules and case studies stay the same for everyone.
	for i, c := range d.cont {
		it := menuItem{key: fmt.Sprintf("c%d", i+1), label: c.label, run: c.run}
		if i == 0 {
			it.heading = fmt.Sprintf("Continue where you left off: %d. Type c1 for the first.", len(d.cont))
		}
		items = append(items, it)
	}
	if n := d.due; n > 0 {
		items = append(items, menuItem{gap: true, key: "v", label: fmt.Sprintf("Review: %d due", n), run: s.Review})
	} else {
		items = append(items, menuItem{gap: true, label: "Review: nothing due today."})
	}
	done := map[string]bool{}
	for id, st := range d.stats {
		done[id] = st.Completed
	}
	mods := engine.Curriculum(s.Lib.Modules)
	for i, m := range mods {
		it := menuItem{
			label: ToText(m.Title) + ". " + sentence(levelText(m.Meta), moduleState(d.stats[m.ID])),
			run:   func() error { return s.moduleMenu(m) },
		}
		if i == 0 {
			it.heading = fmt.Sprintf("Modules: %d.", len(mods))
		}
		items = append(items, it)
	}
	if next := engine.Suggest(s.Lib.Modules, done, s.Profile.Role); len(next) > 0 && !done[next[0].ID] {
		for i, m := range mods {
			if m == next[0] {
				items = append(items, menuItem{label: fmt.Sprintf("Suggested next for you: %d, %s.", i+1, ToText(m.Title))})
			}
		}
	}
	scs := engine.CurriculumScenarios(s.Lib.Scenarios)
	for i, sc := range scs {
		state := "not played"
		if d.played[sc.ID] {
			state = "done"
		}
		it := menuItem{
			label: ToText(sc.Title) + ". " + sentence(levelText(sc.Meta), state),
			run:   func() error { return s.Scenario(sc.ID) },
		}
		if i == 0 {
			it.heading = fmt.Sprintf("Case studies: %d.", len(scs))
		}
		items = append(items, it)
	}
	items = append(items,
		menuItem{gap: true, label: "Glossary", run: s.Glossary},
		menuItem{label: "Progress", run: s.Progress},
		menuItem{label: s.notesLabel(), run: s.toggleNotes},
		menuItem{label: "Quit", run: func() error { return errLeave }},
	)
	return items
}

// notesLabel is the home entry for when content notes are shown.
func (s *Session) notesLabel() string {
	ctx, cancel := s.call()
	defer cancel()
	if s.learner().AlwaysShowNotes(ctx) {
		return "Content notes: shown every time (choose to show each note once)"
	}
	return "Content notes: shown once for each item (choose to show them every time)"
}

// toggleNotes switches between content notes every time and once per
// item, and says which it is now.
func (s *Session) toggleNotes() error {
	ctx, cancel := s.call()
	defer cancel()
	l := s.learner()
	always := !l.AlwaysShowNotes(ctx)
	if err := l.SetAlwaysShowNotes(ctx, always); err != nil {
		s.notSaved(err)
		return nil
	}
	if always {
		s.say("Content notes will be shown every time you open an item.")
	} else {
		s.say("Each content note will be shown once, and again if it changes.")
	}
	return nil
}

// moduleMenu offers a module's reading, practice quiz and exam.
func (s *Session) moduleMenu(m *content.Module) error {
	for {
		shown := s.showModule(m)
		for {
			k, text, err := s.choose(choosePrompt(len(shown), "go back"), len(shown))
			switch {
			case errors.Is(err, ErrQuit):
				return nil
			case err != nil:
				return err
			case k == 0 && isRepeat(text):
			case k == 0:
				s.menuHint(text, len(shown), "go back", "")
				continue
			default:
				err = shown[k-1].run()
				if errors.Is(err, errLeave) {
					return nil
				}
				if err := s.after(err); err != nil {
					return err
				}
			}
			break
		}
	}
}

// showModule says what a module is and how far the learner is, and lists
// its menu: reading, practice quiz, exam and back.
func (s *Session) showModule(m *content.Module) []menuItem {
	st := progress.ModuleStat{}
	done := map[string]bool{}
	if dash, err := s.Store.Dashboard(s.ctx(), s.Profile.ID); err == nil {
		for _, ms := range dash.Modules {
			done[ms.ModuleID] = ms.Completed
			if ms.ModuleID == m.ID {
				st = ms
			}
		}
	}
	s.blank()
	s.say("Module: %s", ToText(m.Title))
	if sum := ToText(m.Summary); sum != "" {
		s.say("%s", sum)
	}
	state := moduleState(st)
	if st.Attempts > 0 {
		state += ", " + activity.Count(st.Attempts, "attempt")
	}
	s.say("%s", sentence(levelText(m.Meta), rolesLine(m.Roles), state))
	var first []string
	for _, r := range m.Requires {
		if !done[r] {
			if rm, ok := s.Lib.Module(r); ok {
				first = append(first, ToText(rm.Title))
			}
		}
	}
	if len(first) > 0 {
		s.say("Suggested first: %s.", strings.Join(first, "; "))
	}
	pages := len(learnerPages(m))
	read := fmt.Sprintf("Read the pages (%d)", pages)
	if pos := s.bookmark("module", m.ID); pos > 0 && pos < pages {
		read = fmt.Sprintf("Read the pages (%d; continue at page %d)", pages, pos+1)
	}
	items := []menuItem{{label: read, run: func() error { return s.Read(m.ID) }}}
	if n := len(m.Questions); n > 0 {
		quiz := fmt.Sprintf("Practice quiz (%s)", activity.Count(n, "question"))
		if a, _, err := s.Store.UnfinishedAttempt(s.ctx(), s.Profile.ID, m.ID, progress.ModePractice); err == nil && len(a.Questions) > 0 {
			quiz = fmt.Sprintf("Practice quiz (%s; continue at question %d)", activity.Count(len(a.Questions), "question"), min(a.Current+1, len(a.Questions)))
		}
		ex := m.Exam.WithDefaults(n)
		exam := fmt.Sprintf("Exam (%s, %s, pass mark %d%%)", activity.Count(ex.Questions, "question"), activity.Spoken(ex.TimeLimit), ex.PassMark)
		if ex.TimeLimit <= 0 {
			exam = fmt.Sprintf("Exam (%s, no time limit, pass mark %d%%)", activity.Count(ex.Questions, "question"), ex.PassMark)
		}
		if _, _, err := s.Store.UnfinishedAttempt(s.ctx(), s.Profile.ID, m.ID, progress.ModeExam); err == nil {
			exam = "Exam (in progress; continue it)"
		}
		items = append(items,
			menuItem{label: quiz, run: func() error { return s.Quiz(m.ID) }},
			menuItem{label: exam, run: func() error { return s.Exam(m.ID, m.Exam) }},
		)
	}
	items = append(items, menuItem{label: "Back", run: func() error { return errLeave }})
	s.say("%s:", activity.Count(len(items), "choice"))
	return s.showMenu(items)
}

// rolesLine says which roles an item is for.
func rolesLine(rs []content.Role) string {
	if len(rs) == 0 || len(rs) >= len(content.Roles) {
		return "for every role"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Label()
	}
	return "for " + strings.Join(parts, ", ")
}

// Progress prints the learner's progress dashboard (WriteDashboard) and
// waits for Enter.
func (s *Session) Progress() error {
	ctx, cancel := s.call()
	d, err := s.learner().Dashboard(ctx)
	cancel()
	if err != nil {
		s.say("Could not read your progress: %v.", err)
		return nil
	}
	s.blank()
	WriteDashboard(s.w(), s.Profile, d, s.Lib, 0)
	s.blank()
	_, err = s.ask("Enter to go back:")
	return ignoreEOF(err)
}
