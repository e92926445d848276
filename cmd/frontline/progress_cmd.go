package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// OpenStore opens the learner's progress store: --data, then
// FRONTLINE_DATA, then the platform's data folder. A damaged or read-only
// store still opens (read-only or in memory); Status says why, and the
// caller shows it.
func (e *Env) OpenStore() (progress.Store, error) {
	dir, err := progress.DataDir(e.DataDir)
	if err != nil {
		return nil, fmt.Errorf("--data: %w", err)
	}
	st, err := sqlite.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("open progress in %s: %w", dir, err)
	}
	return st, nil
}

// reportStatus tells the user, on Stderr, about anything unusual the store
// found when it opened.
func reportStatus(w io.Writer, st progress.Status) {
	if st.MovedAside != "" {
		fmt.Fprintf(w, "frontline: the progress database was damaged or not frontline's; it was moved to %s and a new one started\n", st.MovedAside)
		if st.Backup != "" {
			fmt.Fprintf(w, "frontline: the newest good backup is %s (restore it from the app)\n", st.Backup)
		}
	}
	if st.ReadOnly {
		fmt.Fprintf(w, "frontline: progress is read-only: %s\n", st.Reason)
	}
}

func runProgress(env *Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runProgressExport(env, args[1:])
		case "delete":
			return runProgressDelete(env, args[1:])
		}
	}
	return runProgressShow(env, args)
}

// openForProgress opens the store and reports its status; the caller closes it.
func openForProgress(env *Env) (progress.Store, bool) {
	store, err := env.OpenStore()
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: open progress: %v\n", err)
		return nil, false
	}
	reportStatus(env.Stderr, store.Status())
	return store, true
}

// pickProfile returns the profile named by --profile or, with no name, the
// only profile there is. The int is the exit code when it fails.
func pickProfile(ctx context.Context, env *Env, store progress.Store) (progress.Profile, int) {
	if env.Profile != "" {
		p, err := store.ProfileByName(ctx, env.Profile)
		if errors.Is(err, progress.ErrNotFound) {
			fmt.Fprintf(env.Stderr, "frontline: --profile: no profile named %q\n", env.Profile)
			return p, exitFailure
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline: --profile %s: %v\n", env.Profile, err)
			return p, exitFailure
		}
		return p, exitOK
	}
	list, err := store.Profiles(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: list profiles: %v\n", err)
		return progress.Profile{}, exitFailure
	}
	switch len(list) {
	case 0:
		fmt.Fprintln(env.Stderr, "frontline: no profiles yet; start frontline to create one")
		return progress.Profile{}, exitFailure
	case 1:
		return list[0], exitOK
	}
	var names []string
	for _, p := range list {
		names = append(names, p.Name)
	}
	fmt.Fprintf(env.Stderr, "frontline: several profiles (%s): choose one with --profile NAME\n", strings.Join(names, ", "))
	return progress.Profile{}, exitUsage
}

func runProgressShow(env *Env, args []string) int {
	fs := newFlagSet(env, "progress", "progress [--profile NAME]\n       frontline progress export --format csv|json [--profile NAME | --all] [-o FILE]\n       frontline progress delete --profile NAME [--yes]")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "frontline: progress: unknown subcommand %q (want export or delete)\n", fs.Arg(0))
		return exitUsage
	}
	store, ok := openForProgress(env)
	if !ok {
		return exitFailure
	}
	defer store.Close()
	ctx := context.Background()
	p, code := pickProfile(ctx, env, store)
	if code != exitOK {
		return code
	}
	d, err := store.Dashboard(ctx, p.ID)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: progress of %s: %v\n", p.Name, err)
		return exitFailure
	}
	lib := env.Library
	if lib == nil {
		if l, err := env.LoadLibrary(); err == nil {
			lib = l
		} else {
			fmt.Fprintf(env.Stderr, "frontline: content: %v (showing ids instead of titles)\n", err)
		}
	}
	writeDashboard(env.Stdout, p, d, lib, env.Plain)
	if n := orphanAnswers(ctx, store, p.ID, lib); n > 0 {
		fmt.Fprintf(env.Stdout, "\nKept: %d answer%s to questions that are no longer in the loaded content (they stay in exports).\n", n, plural(n))
	}
	return exitOK
}

// orphanAnswers counts a learner's answers to questions that the loaded
// content no longer has, in modules it still has (answers to whole modules
// that are gone are listed with the modules).
func orphanAnswers(ctx context.Context, store progress.Store, profileID int64, lib *content.Library) int {
	if lib == nil {
		return 0
	}
	answers, err := store.Answers(ctx, profileID)
	if err != nil {
		return 0
	}
	n := 0
	for _, a := range answers {
		if m, ok := lib.Module(a.ModuleID); ok {
			if _, ok := m.Question(a.QuestionID); !ok {
				n++
			}
		}
	}
	return n
}

// writeDashboard prints the text dashboard.
func writeDashboard(w io.Writer, p progress.Profile, d progress.Dashboard, lib *content.Library, plain bool) {
	if lib == nil {
		lib = &content.Library{}
	}
	fmt.Fprintf(w, "Progress of %s (%s)\n", p.Name, p.Role.Label())
	fmt.Fprintf(w, "Answers recorded: %d    Review: %d due\n", d.Answers, d.ReviewDue)

	fmt.Fprintln(w, "\nModules")
	stats := map[string]progress.ModuleStat{}
	for _, m := range d.Modules {
		stats[m.ModuleID] = m
	}
	line := func(title string, st progress.ModuleStat, note string) {
		mark, state := "-", "not started"
		switch {
		case st.Completed:
			mark, state = "✓", "done"
		case st.Attempts > 0:
			mark, state = "~", "in progress"
		}
		if plain && mark == "✓" {
			mark = "+"
		}
		best := "best  -  "
		if st.Attempts > 0 {
			best = fmt.Sprintf("best %3.0f%%", st.Best)
		}
		fmt.Fprintf(w, "  %s %-40s %-11s  %s  %d attempt%s%s\n", mark, clip(title, 40), state, best, st.Attempts, plural(st.Attempts), note)
	}
	seen := map[string]bool{}
	for _, m := range lib.Modules {
		seen[m.ID] = true
		line(m.Title, stats[m.ID], "")
	}
	for _, m := range d.Modules {
		if !seen[m.ModuleID] {
			line(m.ModuleID, m, "  (not in the loaded content)")
		}
	}
	if len(lib.Modules) == 0 && len(d.Modules) == 0 {
		fmt.Fprintln(w, "  none yet")
	}

	fmt.Fprintln(w, "\nIndicator recognition by category")
	cats := categoryMastery(d.Indicators, lib.Catalogue)
	if len(cats) == 0 {
		fmt.Fprintln(w, "  no indicators answered yet")
	}
	for _, c := range cats {
		total := c.hits + c.misses
		pct := 100 * float64(c.hits) / float64(total)
		fmt.Fprintf(w, "  %-32s %s %3.0f%%  (%d of %d recognised)\n", clip(c.name, 32), bar(pct, 20, plain), pct, c.hits, total)
	}

	fmt.Fprintln(w, "\nScenarios")
	if len(d.Runs) == 0 {
		fmt.Fprintln(w, "  no scenario finished yet")
	}
	byScenario := map[string][]progress.Run{}
	var order []string
	for _, r := range d.Runs {
		if _, ok := byScenario[r.ScenarioID]; !ok {
			order = append(order, r.ScenarioID)
		}
		byScenario[r.ScenarioID] = append(byScenario[r.ScenarioID], r)
	}
	for _, id := range order {
		runs := byScenario[id]
		last := runs[len(runs)-1]
		title := id
		if s, ok := lib.Scenario(id); ok {
			title = s.Title
		}
		fmt.Fprintf(w, "  %-40s %d run%s; latest: spotted %d of %d, %d false alarm%s", clip(title, 40), len(runs), plural(len(runs)),
			last.Spotted, last.Present, last.FalseAlarms, plural(last.FalseAlarms))
		if len(runs) > 1 {
			fmt.Fprintf(w, " (first run: spotted %d of %d)", runs[0].Spotted, runs[0].Present)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, "\nRecent activity")
	if len(d.Recent) == 0 {
		fmt.Fprintln(w, "  nothing yet")
	}
	for _, a := range d.Recent {
		title := a.ItemID
		if m, ok := lib.Module(a.ItemID); ok && a.Kind != "run" {
			title = m.Title
		} else if s, ok := lib.Scenario(a.ItemID); ok && a.Kind == "run" {
			title = s.Title
		}
		fmt.Fprintf(w, "  %s  %s: %s\n", a.At.Local().Format("2006-01-02 15:04"), title, a.Detail)
	}
}

type catStat struct {
	name         string
	hits, misses int
}

// categoryMastery sums indicator hits and misses per catalogue category, in
// catalogue order; indicators the catalogue does not know go under "Other".
func categoryMastery(stats []progress.IndicatorStat, cat *content.Catalogue) []catStat {
	idx := map[string]int{}
	var out []catStat
	if cat != nil {
		for _, c := range cat.Categories {
			idx[c.Name] = len(out)
			out = append(out, catStat{name: c.Name})
		}
	}
	for _, s := range stats {
		name := cat.CategoryOf(s.Indicator)
		if name == "" {
			name = "Other"
		}
		i, ok := idx[name]
		if !ok {
			idx[name] = len(out)
			i = len(out)
			out = append(out, catStat{name: name})
		}
		out[i].hits += s.Hits
		out[i].misses += s.Misses
	}
	var kept []catStat
	for _, c := range out {
		if c.hits+c.misses > 0 {
			kept = append(kept, c)
		}
	}
	return kept
}

// bar draws a text bar; plain mode uses ASCII so screen readers stay quiet.
func bar(pct float64, width int, plain bool) string {
	full := int(pct/100*float64(width) + 0.5)
	full = max(0, min(width, full))
	on, off := "█", "░"
	if plain {
		on, off = "#", "-"
	}
	return "[" + strings.Repeat(on, full) + strings.Repeat(off, width-full) + "]"
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// csvHeader lists the export's CSV columns; see docs/progress.md.
var csvHeader = []string{"profile", "role", "module", "question", "content_version", "chosen", "correct", "score", "time_taken_ms", "answered_at", "seq"}

func runProgressExport(env *Env, args []string) int {
	fs := newFlagSet(env, "progress export", "progress export --format csv|json [--profile NAME | --all] [-o FILE]")
	format := fs.String("format", "csv", "`FORMAT` of the export: csv or json")
	all := fs.Bool("all", false, "export every profile")
	out := fs.String("o", "", "write to `FILE` (atomically, mode 0600) instead of standard output")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "frontline: progress export: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *format != "csv" && *format != "json" {
		fmt.Fprintf(env.Stderr, "frontline: --format %q: want csv or json\n", *format)
		return exitUsage
	}
	if *all && env.Profile != "" {
		fmt.Fprintln(env.Stderr, "frontline: --all and --profile cannot be used together")
		return exitUsage
	}
	store, ok := openForProgress(env)
	if !ok {
		return exitFailure
	}
	defer store.Close()
	ctx := context.Background()
	var profiles []progress.Profile
	if *all {
		list, err := store.Profiles(ctx)
		if err != nil {
			fmt.Fprintf(env.Stderr, "frontline: list profiles: %v\n", err)
			return exitFailure
		}
		profiles = list
	} else {
		p, code := pickProfile(ctx, env, store)
		if code == exitUsage {
			fmt.Fprintln(env.Stderr, "frontline: or export everyone with --all")
		}
		if code != exitOK {
			return code
		}
		profiles = []progress.Profile{p}
	}
	write := func(w io.Writer) error {
		if *format == "csv" {
			return exportCSV(ctx, w, store, profiles, *all)
		}
		return exportJSON(ctx, w, store, profiles)
	}
	if *out == "" {
		if err := write(env.Stdout); err != nil {
			fmt.Fprintf(env.Stderr, "frontline: export: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	if err := writeExportAtomic(*out, write); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: -o %s: %v\n", *out, err)
		return exitFailure
	}
	fmt.Fprintf(env.Stderr, "frontline: wrote %s\n", *out)
	return exitOK
}

// safeCell keeps a spreadsheet from reading a learner-typed value (such as
// a profile name starting with "=") as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func chosenText(chosen []int) string {
	parts := make([]string, len(chosen))
	for i, c := range chosen {
		parts[i] = strconv.Itoa(c + 1)
	}
	return strings.Join(parts, ";")
}

func exportCSV(ctx context.Context, w io.Writer, store progress.Store, profiles []progress.Profile, all bool) error {
	byID := map[int64]progress.Profile{}
	for _, p := range profiles {
		byID[p.ID] = p
	}
	var answers []progress.Answer
	if all {
		list, err := store.Answers(ctx, 0)
		if err != nil {
			return err
		}
		answers = list
	} else {
		list, err := store.Answers(ctx, profiles[0].ID)
		if err != nil {
			return err
		}
		answers = list
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, a := range answers {
		p := byID[a.ProfileID]
		if err := cw.Write([]string{
			safeCell(p.Name), string(p.Role), safeCell(a.ModuleID), safeCell(a.QuestionID), safeCell(a.Version),
			chosenText(a.Chosen), strconv.FormatBool(a.Correct), strconv.FormatFloat(a.Score, 'f', -1, 64),
			strconv.FormatInt(a.TimeTaken.Milliseconds(), 10), a.At.UTC().Format(time.RFC3339), strconv.FormatInt(a.Seq, 10),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonIndicator struct {
	Indicator string `json:"indicator"`
	Hit       bool   `json:"hit"`
}

type jsonAnswer struct {
	Module         string          `json:"module"`
	Question       string          `json:"question"`
	ContentVersion string          `json:"content_version"`
	Chosen         []int           `json:"chosen"`
	Correct        bool            `json:"correct"`
	Score          float64         `json:"score"`
	TimeTakenMS    int64           `json:"time_taken_ms"`
	AnsweredAt     string          `json:"answered_at"`
	Seq            int64           `json:"seq"`
	Indicators     []jsonIndicator `json:"indicators,omitempty"`
}

type jsonModule struct {
	Module    string  `json:"module"`
	Completed bool    `json:"completed"`
	Attempts  int     `json:"attempts"`
	Best      float64 `json:"best_percent"`
}

type jsonRun struct {
	Scenario    string `json:"scenario"`
	Finished    string `json:"finished"`
	Ending      string `json:"ending"`
	Spotted     int    `json:"spotted"`
	Present     int    `json:"present"`
	FalseAlarms int    `json:"false_alarms"`
	RedHerrings int    `json:"red_herrings"`
}

type jsonProfile struct {
	Name    string       `json:"name"`
	Role    string       `json:"role"`
	Created string       `json:"created"`
	Modules []jsonModule `json:"modules"`
	Runs    []jsonRun    `json:"scenario_runs"`
	Answers []jsonAnswer `json:"answers"`
}

type jsonExport struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	ExportedAt string        `json:"exported_at"`
	Profiles   []jsonProfile `json:"profiles"`
}

func exportJSON(ctx context.Context, w io.Writer, store progress.Store, profiles []progress.Profile) error {
	doc := jsonExport{Format: "frontline-progress", Version: 1, ExportedAt: time.Now().UTC().Format(time.RFC3339), Profiles: []jsonProfile{}}
	for _, p := range profiles {
		jp := jsonProfile{Name: p.Name, Role: string(p.Role), Created: p.Created.UTC().Format(time.RFC3339),
			Modules: []jsonModule{}, Runs: []jsonRun{}, Answers: []jsonAnswer{}}
		d, err := store.Dashboard(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, m := range d.Modules {
			jp.Modules = append(jp.Modules, jsonModule{m.ModuleID, m.Completed, m.Attempts, m.Best})
		}
		for _, r := range d.Runs {
			jp.Runs = append(jp.Runs, jsonRun{r.ScenarioID, r.Finished.UTC().Format(time.RFC3339), r.Ending, r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings})
		}
		answers, err := store.Answers(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, a := range answers {
			ja := jsonAnswer{Module: a.ModuleID, Question: a.QuestionID, ContentVersion: a.Version, Chosen: []int{},
				Correct: a.Correct, Score: a.Score, TimeTakenMS: a.TimeTaken.Milliseconds(), AnsweredAt: a.At.UTC().Format(time.RFC3339), Seq: a.Seq}
			for _, c := range a.Chosen {
				ja.Chosen = append(ja.Chosen, c+1)
			}
			for _, h := range a.Indicators {
				ja.Indicators = append(ja.Indicators, jsonIndicator{h.Indicator, h.Hit})
			}
			jp.Answers = append(jp.Answers, ja)
		}
		doc.Profiles = append(doc.Profiles, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeExportAtomic writes path with atomicfile (a temp file in the same
// folder, fsynced and renamed; the folder fsynced): readers see the old file
// or the complete new one, never a partial one. The file is 0600. Temp
// files that a killed export left in that folder are removed first.
func writeExportAtomic(path string, write func(io.Writer) error) error {
	_, _ = atomicfile.Clean(filepath.Dir(path), atomicfile.TempPattern)
	return atomicfile.Write(path, 0o600, write)
}

func runProgressDelete(env *Env, args []string) int {
	fs := newFlagSet(env, "progress delete", "progress delete --profile NAME [--yes]")
	yes := fs.Bool("yes", false, "do not ask for confirmation (for scripts)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "frontline: progress delete: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if env.Profile == "" {
		fmt.Fprintln(env.Stderr, "frontline: progress delete: --profile NAME is required")
		return exitUsage
	}
	store, ok := openForProgress(env)
	if !ok {
		return exitFailure
	}
	defer store.Close()
	ctx := context.Background()
	p, code := pickProfile(ctx, env, store)
	if code != exitOK {
		return code
	}
	if !*yes {
		d, _ := store.Dashboard(ctx, p.ID)
		fmt.Fprintf(env.Stdout, "This erases every record of %q (%d answers) for good, from the database and its backups.\n", p.Name, d.Answers)
		fmt.Fprint(env.Stdout, "Type the profile name to confirm: ")
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintf(env.Stderr, "frontline: read confirmation: %v\n", err)
			return exitFailure
		}
		if strings.TrimSpace(line) != p.Name {
			fmt.Fprintln(env.Stdout)
			fmt.Fprintf(env.Stderr, "frontline: the name did not match; %q was NOT deleted\n", p.Name)
			return exitFailure
		}
	}
	if err := store.DeleteProfile(ctx, p.ID); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: delete %q: %v\n", p.Name, err)
		return exitFailure
	}
	fmt.Fprintf(env.Stdout, "Deleted %q and every record of their progress.\n", p.Name)
	// Files moved aside earlier are never opened or changed by frontline;
	// they may still hold this learner, so say where they are.
	if dir := filepath.Dir(store.Status().Path); dir != "." {
		var aside []string
		for _, pat := range []string{sqlite.FileName + ".damaged-*", sqlite.FileName + ".replaced-*"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			aside = append(aside, m...)
		}
		sort.Strings(aside)
		if len(aside) > 0 {
			fmt.Fprintln(env.Stdout, "These older database files were set aside earlier and may still hold their records; delete them if so:")
			for _, f := range aside {
				fmt.Fprintln(env.Stdout, "  "+f)
			}
		}
	}
	return exitOK
}
