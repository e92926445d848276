package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// ClassFormats are the formats of a workshop room's results.
var ClassFormats = []string{"csv", "json", "md"}

// Trainee is one trainee of a workshop room, as its roster has them.
type Trainee struct {
	Profile progress.Profile
	Joined  time.Time
	// Removed is set when the trainer removed them from the room.
	Removed bool
}

// Activity kinds of a class's results.
const (
	KindPractice  = "practice"
	KindExam      = "exam"
	KindLed       = "led question"
	KindReview    = "review"
	KindCaseStudy = "case study"
	KindCompleted = "module completed"
)

// ClassRow is one thing a trainee did: a quiz, an exam, a question the
// trainer put to the room, a review, a case study, a module completed
// (read to the end, or its exam passed).
type ClassRow struct {
	Trainee string `json:"-"`
	Role    string `json:"-"`
	// Activity is one of the Kind constants; Item the module or scenario
	// id and Title its title.
	Activity string `json:"activity"`
	Item     string `json:"item"`
	Title    string `json:"title"`
	// Finished is false for an attempt or run still open.
	Finished bool      `json:"finished"`
	Started  time.Time `json:"started"`
	Ended    time.Time `json:"ended"`
	// Minutes is the wall time taken, for finished attempts and runs.
	Minutes float64 `json:"minutes"`
	// Score of Total points (quizzes and exams) and the percentage.
	Score   float64 `json:"score"`
	Total   int     `json:"total"`
	Percent float64 `json:"percent"`
	// Result is "pass" or "fail" for a finished exam; "" otherwise.
	Result   string `json:"result,omitempty"`
	PassMark int    `json:"pass_mark,omitempty"`
	// ExtraMinutes is extra time a trainer gave an exam.
	ExtraMinutes float64 `json:"extra_minutes,omitempty"`
	// Sealed is set for an exam sealed when it was submitted: signed with
	// the trainer's issuer key, or as a self-study statement (see
	// internal/certificate).
	Sealed bool `json:"sealed,omitempty"`
	// For a case study: the ending reached (a scene id, and its title),
	// the indicators spotted, missed (of those present) and the false
	// alarms raised (of the red herrings offered), and the decisions the
	// room took for the trainee in a case study the trainer led.
	Ending       string `json:"ending,omitempty"`
	EndingTitle  string `json:"ending_title,omitempty"`
	Spotted      int    `json:"indicators_spotted"`
	Missed       int    `json:"indicators_missed"`
	Present      int    `json:"indicators_present"`
	FalseAlarms  int    `json:"false_alarms"`
	RedHerrings  int    `json:"red_herrings"`
	RoomDecision int    `json:"room_decisions,omitempty"`
}

// CategoryRow is the class summary of one indicator category: how often
// the room recognised its indicators, missed them and raised a false
// alarm on a question or checkpoint about them.
type CategoryRow struct {
	Category    string `json:"category"`
	Recognised  int    `json:"recognised"`
	Missed      int    `json:"missed"`
	FalseAlarms int    `json:"false_alarms"`
}

// ClassTrainee is one trainee's part of the class's results.
type ClassTrainee struct {
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	Joined     time.Time  `json:"joined"`
	Removed    bool       `json:"removed,omitempty"`
	Activities []ClassRow `json:"activities"`
}

// Class is a workshop room's results: each trainee's activities, and the
// class summary per indicator category.
type Class struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Room     string         `json:"room"`
	Exported time.Time      `json:"exported_at"`
	Trainees []ClassTrainee `json:"trainees"`
	Summary  []CategoryRow  `json:"class_summary"`
	lib      *content.Library
}

// BuildClass reads the class's results from the room's store.
func BuildClass(ctx context.Context, store progress.Store, lib *content.Library, room string, trainees []Trainee, now time.Time) (*Class, error) {
	c := &Class{Format: "frontline-class", Version: 1, Room: room, Exported: now.UTC(), Trainees: []ClassTrainee{}, lib: lib}
	cats := newTally(lib)
	for _, t := range trainees {
		p := t.Profile
		ct := ClassTrainee{Name: p.Name, Role: string(p.Role), Joined: t.Joined.UTC(), Removed: t.Removed, Activities: []ClassRow{}}
		d, err := store.Dashboard(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("read progress of %s: %w", p.Name, err)
		}
		modules := map[string]bool{}
		for _, m := range d.Modules {
			modules[m.ModuleID] = true
			if m.Completed {
				ct.Activities = append(ct.Activities, ClassRow{Activity: KindCompleted, Item: m.ModuleID, Title: c.moduleTitle(m.ModuleID),
					Finished: true, Ended: m.LastAt.UTC()})
			}
		}
		if lib != nil {
			for _, m := range lib.Modules {
				modules[m.ID] = true
			}
		}
		ids := make([]string, 0, len(modules))
		for id := range modules {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			atts, err := store.Attempts(ctx, p.ID, id, "")
			if err != nil {
				return nil, fmt.Errorf("read attempts of %s: %w", p.Name, err)
			}
			for _, a := range atts {
				ct.Activities = append(ct.Activities, c.attemptRow(a))
			}
		}
		runs, err := store.Runs(ctx, p.ID, "")
		if err != nil {
			return nil, fmt.Errorf("read case studies of %s: %w", p.Name, err)
		}
		for _, r := range runs {
			ct.Activities = append(ct.Activities, c.runRow(r))
			for _, cp := range r.Checkpoints {
				cats.add(cp.Indicators, cp.FalseAlarms > 0)
			}
		}
		answers, err := store.Answers(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("read answers of %s: %w", p.Name, err)
		}
		for _, a := range answers {
			cats.add(a.Indicators, c.falseAlarm(a))
		}
		sort.SliceStable(ct.Activities, func(i, j int) bool { return rowTime(ct.Activities[i]).Before(rowTime(ct.Activities[j])) })
		for i := range ct.Activities {
			ct.Activities[i].Trainee, ct.Activities[i].Role = p.Name, string(p.Role)
		}
		c.Trainees = append(c.Trainees, ct)
	}
	c.Summary = cats.rows()
	return c, nil
}

func rowTime(r ClassRow) time.Time {
	if !r.Started.IsZero() {
		return r.Started
	}
	return r.Ended
}

func (c *Class) moduleTitle(id string) string {
	if c.lib != nil {
		if m, ok := c.lib.Module(id); ok {
			return m.Title
		}
	}
	return id
}

// minutes is d in minutes, to a hundredth.
func minutes(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Minute)*100) / 100
}

func (c *Class) attemptRow(a progress.Attempt) ClassRow {
	r := ClassRow{Item: a.ModuleID, Title: c.moduleTitle(a.ModuleID), Finished: a.Done(), Started: a.Started.UTC(),
		Score: a.Score, Total: a.Total}
	switch a.Mode {
	case progress.ModeExam:
		r.Activity, r.PassMark, r.Sealed = KindExam, a.PassMark, len(a.Seal) > 0
		r.ExtraMinutes = minutes(a.Extension)
		if a.Total == 0 {
			r.Total = len(a.Questions)
		}
	case progress.ModeLed:
		r.Activity = KindLed
	case progress.ModeReview:
		r.Activity = KindReview
	default:
		r.Activity = KindPractice
	}
	if a.Done() {
		r.Ended = a.Finished.UTC()
		r.Minutes = minutes(a.Elapsed)
		r.Percent = a.Percent()
		if a.Mode == progress.ModeExam {
			r.Result = "fail"
			if a.Passed {
				r.Result = "pass"
			}
		}
	}
	return r
}

func (c *Class) runRow(run progress.Run) ClassRow {
	r := ClassRow{Activity: KindCaseStudy, Item: run.ScenarioID, Title: run.ScenarioID, Finished: run.Done(), Started: run.Started.UTC(),
		Spotted: run.Spotted, Present: run.Present, Missed: max(run.Present-run.Spotted, 0), FalseAlarms: run.FalseAlarms,
		RedHerrings: run.RedHerrings, Ending: run.Ending}
	var sc *content.Scenario
	if c.lib != nil {
		if s, ok := c.lib.Scenario(run.ScenarioID); ok {
			sc = s
			r.Title = s.Title
		}
	}
	if run.Done() {
		r.Ended = run.Finished.UTC()
		r.Minutes = minutes(run.Finished.Sub(run.Started))
		r.EndingTitle = run.Ending
		if sc != nil {
			if s, ok := sc.Scene(run.Ending); ok && s.Title != "" {
				r.EndingTitle = s.Title
			}
		}
	}
	for _, d := range run.Decisions {
		if d.By != "" {
			r.RoomDecision++
		}
	}
	return r
}

// falseAlarm reports whether an answer chose an option that is wrong, by
// scoring it again against the question (when the content still has it).
func (c *Class) falseAlarm(a progress.Answer) bool {
	if c.lib == nil || len(a.Chosen) == 0 {
		return false
	}
	m, ok := c.lib.Module(a.ModuleID)
	if !ok {
		return false
	}
	q, ok := m.Question(a.QuestionID)
	if !ok || q.Kind == content.Ordering {
		return false
	}
	return engine.Score(q, a.Chosen).FalseAlarms > 0
}

// tally counts, per indicator category, recognitions, misses and false
// alarms.
type tally struct {
	lib   *content.Library
	by    map[string]*CategoryRow
	order map[string]int
}

func newTally(lib *content.Library) *tally {
	t := &tally{lib: lib, by: map[string]*CategoryRow{}, order: map[string]int{}}
	if lib != nil && lib.Catalogue != nil {
		for i, c := range lib.Catalogue.Categories {
			t.order[c.Name] = i + 1
		}
	}
	return t
}

func (t *tally) row(cat string) *CategoryRow {
	r := t.by[cat]
	if r == nil {
		r = &CategoryRow{Category: cat}
		t.by[cat] = r
	}
	return r
}

// add counts one answer or checkpoint: each indicator it tags as
// recognised or missed in its category, and, when it raised a false
// alarm, one false alarm in each category it touches.
func (t *tally) add(hits []progress.IndicatorHit, falseAlarm bool) {
	seen := map[string]bool{}
	for _, h := range hits {
		cat := ""
		if t.lib != nil {
			cat = t.lib.Catalogue.CategoryOf(h.Indicator)
		}
		if cat == "" {
			cat = engine.OtherCategory
		}
		r := t.row(cat)
		if h.Hit {
			r.Recognised++
		} else {
			r.Missed++
		}
		if falseAlarm && !seen[cat] {
			r.FalseAlarms++
		}
		seen[cat] = true
	}
}

func (t *tally) rows() []CategoryRow {
	out := []CategoryRow{}
	for _, r := range t.by {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		oi, oj := t.order[out[i].Category], t.order[out[j].Category]
		if oi == 0 {
			oi = 1 << 30
		}
		if oj == 0 {
			oj = 1 << 30
		}
		if oi != oj {
			return oi < oj
		}
		return out[i].Category < out[j].Category
	})
	return out
}

// ClassCSVHeader lists the columns of a class's CSV; docs/workshop.md says
// what each holds.
var ClassCSVHeader = []string{"record", "trainee", "role", "activity", "item", "title", "finished", "started", "ended", "minutes",
	"score", "total", "percent", "result", "pass_mark", "extra_minutes", "sealed", "ending", "indicators_spotted", "indicators_missed",
	"indicators_present", "false_alarms", "red_herrings", "room_decisions"}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteCSV writes one row per activity (record "activity"), then one per
// indicator category (record "category": the class summary, with
// recognised, missed and false alarms in the indicators_spotted,
// indicators_missed and false_alarms columns). Every cell a person or a
// content file wrote is made safe for a spreadsheet.
func (c *Class) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ClassCSVHeader); err != nil {
		return err
	}
	for _, t := range c.Trainees {
		for _, r := range t.Activities {
			result := r.Result
			pm := ""
			if r.PassMark > 0 {
				pm = strconv.Itoa(r.PassMark)
			}
			// Columns that do not apply to the activity stay empty.
			score, total, pct, extra, sealed := fmtFloat(r.Score), strconv.Itoa(r.Total), fmtFloat(r.Percent), "", ""
			spotted, missed, present, fa, rh, rd := "", "", "", "", "", ""
			mins := ""
			if r.Finished && r.Activity != KindCompleted {
				mins = fmtFloat(r.Minutes)
			}
			switch r.Activity {
			case KindCaseStudy:
				score, total, pct = "", "", ""
				spotted, missed, present = strconv.Itoa(r.Spotted), strconv.Itoa(r.Missed), strconv.Itoa(r.Present)
				fa, rh, rd = strconv.Itoa(r.FalseAlarms), strconv.Itoa(r.RedHerrings), strconv.Itoa(r.RoomDecision)
			case KindCompleted:
				score, total, pct = "", "", ""
			case KindExam:
				extra, sealed = fmtFloat(r.ExtraMinutes), strconv.FormatBool(r.Sealed)
			}
			if !r.Finished {
				pct = ""
			}
			rec := []string{"activity", textsafe.CSVCell(t.Name), textsafe.CSVCell(t.Role), r.Activity, textsafe.CSVCell(r.Item), textsafe.CSVCell(r.Title),
				strconv.FormatBool(r.Finished), fmtTime(r.Started), fmtTime(r.Ended), mins,
				score, total, pct, result, pm, extra, sealed,
				textsafe.CSVCell(r.EndingTitle), spotted, missed, present, fa, rh, rd}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	for _, s := range c.Summary {
		rec := make([]string, len(ClassCSVHeader))
		rec[0], rec[3], rec[4] = "category", "class summary", textsafe.CSVCell(s.Category)
		rec[18], rec[19], rec[21] = strconv.Itoa(s.Recognised), strconv.Itoa(s.Missed), strconv.Itoa(s.FalseAlarms)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the class as one JSON document (format
// "frontline-class", version 1), escaped so no control character reaches
// a terminal that shows it.
func (c *Class) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(textsafe.JSON(b), '\n'))
	return err
}

// mdCell makes text safe in a Markdown table cell.
func mdCell(s string) string {
	s = textsafe.Text(s)
	s = strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;", "`", "'").Replace(s)
	for _, p := range []string{"#", "*", "_", "[", "]"} {
		s = strings.ReplaceAll(s, p, "\\"+p)
	}
	return s
}

// WriteMarkdown writes a printable summary for the trainer's report: the
// room, each trainee's exams, case studies and led questions in brief,
// and the class summary per indicator category.
func (c *Class) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Workshop room %s: the class's results\n\n", mdCell(c.Room))
	fmt.Fprintf(&b, "Exported %s. %s.\n\n", c.Exported.Format("2 January 2006, 15:04 MST"), plural(len(c.Trainees), "trainee"))
	b.WriteString("## Trainees\n\n")
	b.WriteString("| Trainee | Role | Exams | Case studies | Questions with the room | Modules completed |\n|---|---|---|---|---|---|\n")
	for _, t := range c.Trainees {
		var exams, cases []string
		led, ledRight, done := 0, 0, 0
		for _, r := range t.Activities {
			switch r.Activity {
			case KindExam:
				if r.Finished {
					exams = append(exams, fmt.Sprintf("%s: %s, %d%%", mdCell(r.Title), r.Result, int(r.Percent+0.5)))
				} else {
					exams = append(exams, mdCell(r.Title)+" not submitted")
				}
			case KindCaseStudy:
				if r.Finished {
					cases = append(cases, fmt.Sprintf("%s: ended at %s; spotted %d of %d, %s", mdCell(r.Title), mdCell(r.EndingTitle), r.Spotted, r.Present, plural(r.FalseAlarms, "false alarm")))
				}
			case KindLed:
				if r.Finished {
					led++
					if r.Score >= float64(r.Total) && r.Total > 0 {
						ledRight++
					}
				}
			case KindCompleted:
				done++
			}
		}
		name := mdCell(t.Name)
		if t.Removed {
			name += " (removed)"
		}
		ledText := "—"
		if led > 0 {
			ledText = fmt.Sprintf("%d of %d right", ledRight, led)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d |\n", name, mdCell(roleLabel(t.Role)), orDash(strings.Join(exams, "; ")),
			orDash(strings.Join(cases, "; ")), ledText, done)
	}
	b.WriteString("\n## The class by indicator category\n\n")
	if len(c.Summary) == 0 {
		b.WriteString("No answers touched an indicator.\n")
	} else {
		b.WriteString("How often the room recognised the indicators of each category, missed them, and raised a false alarm on a question or checkpoint about them.\n\n")
		b.WriteString("| Category | Recognised | Missed | False alarms |\n|---|---:|---:|---:|\n")
		for _, s := range c.Summary {
			fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", mdCell(s.Category), s.Recognised, s.Missed, s.FalseAlarms)
		}
	}
	b.WriteString("\nThis summary is personal data about the trainees: keep it as your organisation keeps training records.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + one + "s"
}

func roleLabel(r string) string { return content.Role(r).Label() }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Write writes the class in format: "csv", "json" or "md".
func (c *Class) Write(w io.Writer, format string) error {
	switch format {
	case "csv":
		return c.WriteCSV(w)
	case "json":
		return c.WriteJSON(w)
	case "md", "markdown":
		return c.WriteMarkdown(w)
	}
	return fmt.Errorf("unknown format %q (want csv, json or md)", format)
}
