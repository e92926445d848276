// Package export writes a learner's progress records as CSV or JSON: the
// data contract described in docs/progress.md. Exports are personal data;
// the caller writes them to standard output or, atomically and private
// (0600), to a file (ToFile).
package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"frontline/internal/atomicfile"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// CSVHeader lists the CSV columns; see docs/progress.md.
var CSVHeader = []string{"profile", "role", "module", "question", "content_version", "chosen", "correct", "score", "time_taken_ms", "answered_at", "seq"}

// Formats are the export formats.
var Formats = []string{"csv", "json"}

// Write writes the answers of profiles in format ("csv" or "json"). With
// all set, profiles are every learner (CSV reads every answer at once).
func Write(ctx context.Context, w io.Writer, format string, store progress.Store, profiles []progress.Profile, all bool, now time.Time) error {
	switch format {
	case "csv":
		return CSV(ctx, w, store, profiles, all)
	case "json":
		return JSON(ctx, w, store, profiles, now)
	}
	return fmt.Errorf("unknown export format %q (want csv or json)", format)
}

// chosenText writes chosen option indexes 1-based, separated by ";".
func chosenText(chosen []int) string {
	parts := make([]string, len(chosen))
	for i, c := range chosen {
		parts[i] = strconv.Itoa(c + 1)
	}
	return strings.Join(parts, ";")
}

// CSV writes one row per answer, in recording order.
func CSV(ctx context.Context, w io.Writer, store progress.Store, profiles []progress.Profile, all bool) error {
	byID := map[int64]progress.Profile{}
	for _, p := range profiles {
		byID[p.ID] = p
	}
	var answers []progress.Answer
	var err error
	switch {
	case all:
		answers, err = store.Answers(ctx, 0)
	case len(profiles) > 0:
		answers, err = store.Answers(ctx, profiles[0].ID)
	}
	if err != nil {
		return fmt.Errorf("read answers: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, a := range answers {
		p := byID[a.ProfileID]
		if err := cw.Write([]string{
			textsafe.CSVCell(p.Name), string(p.Role), textsafe.CSVCell(a.ModuleID), textsafe.CSVCell(a.QuestionID), textsafe.CSVCell(a.Version),
			chosenText(a.Chosen), strconv.FormatBool(a.Correct), strconv.FormatFloat(a.Score, 'f', -1, 64),
			strconv.FormatInt(a.TimeTaken.Milliseconds(), 10), a.At.UTC().Format(time.RFC3339), strconv.FormatInt(a.Seq, 10),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// IndicatorRecord is one indicator an answer recognised or missed.
type IndicatorRecord struct {
	Indicator string `json:"indicator"`
	Hit       bool   `json:"hit"`
}

// AnswerRecord is one answer in the JSON export.
type AnswerRecord struct {
	Module         string            `json:"module"`
	Question       string            `json:"question"`
	ContentVersion string            `json:"content_version"`
	Chosen         []int             `json:"chosen"`
	Correct        bool              `json:"correct"`
	Score          float64           `json:"score"`
	TimeTakenMS    int64             `json:"time_taken_ms"`
	AnsweredAt     string            `json:"answered_at"`
	Seq            int64             `json:"seq"`
	Indicators     []IndicatorRecord `json:"indicators,omitempty"`
}

// ModuleRecord is a learner's standing in one module.
type ModuleRecord struct {
	Module    string  `json:"module"`
	Completed bool    `json:"completed"`
	Attempts  int     `json:"attempts"`
	Best      float64 `json:"best_percent"`
}

// RunRecord is one finished scenario run.
type RunRecord struct {
	Scenario    string `json:"scenario"`
	Finished    string `json:"finished"`
	Ending      string `json:"ending"`
	Spotted     int    `json:"spotted"`
	Present     int    `json:"present"`
	FalseAlarms int    `json:"false_alarms"`
	RedHerrings int    `json:"red_herrings"`
}

// ProfileRecord is one learner with their records.
type ProfileRecord struct {
	Name    string         `json:"name"`
	Role    string         `json:"role"`
	Created string         `json:"created"`
	Modules []ModuleRecord `json:"modules"`
	Runs    []RunRecord    `json:"scenario_runs"`
	Answers []AnswerRecord `json:"answers"`
}

// Document is the JSON export (format "frontline-progress", version 1).
type Document struct {
	Format     string          `json:"format"`
	Version    int             `json:"version"`
	ExportedAt string          `json:"exported_at"`
	Profiles   []ProfileRecord `json:"profiles"`
}

// JSON writes each profile with its modules, scenario runs and answers.
func JSON(ctx context.Context, w io.Writer, store progress.Store, profiles []progress.Profile, now time.Time) error {
	doc := Document{Format: "frontline-progress", Version: 1, ExportedAt: now.UTC().Format(time.RFC3339), Profiles: []ProfileRecord{}}
	for _, p := range profiles {
		jp := ProfileRecord{Name: p.Name, Role: string(p.Role), Created: p.Created.UTC().Format(time.RFC3339),
			Modules: []ModuleRecord{}, Runs: []RunRecord{}, Answers: []AnswerRecord{}}
		d, err := store.Dashboard(ctx, p.ID)
		if err != nil {
			return fmt.Errorf("read progress of %s: %w", p.Name, err)
		}
		for _, m := range d.Modules {
			jp.Modules = append(jp.Modules, ModuleRecord{m.ModuleID, m.Completed, m.Attempts, m.Best})
		}
		for _, r := range d.Runs {
			jp.Runs = append(jp.Runs, RunRecord{r.ScenarioID, r.Finished.UTC().Format(time.RFC3339), r.Ending, r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings})
		}
		answers, err := store.Answers(ctx, p.ID)
		if err != nil {
			return fmt.Errorf("read answers of %s: %w", p.Name, err)
		}
		for _, a := range answers {
			ja := AnswerRecord{Module: a.ModuleID, Question: a.QuestionID, ContentVersion: a.Version, Chosen: []int{},
				Correct: a.Correct, Score: a.Score, TimeTakenMS: a.TimeTaken.Milliseconds(), AnsweredAt: a.At.UTC().Format(time.RFC3339), Seq: a.Seq}
			for _, c := range a.Chosen {
				ja.Chosen = append(ja.Chosen, c+1)
			}
			for _, h := range a.Indicators {
				ja.Indicators = append(ja.Indicators, IndicatorRecord{h.Indicator, h.Hit})
			}
			jp.Answers = append(jp.Answers, ja)
		}
		doc.Profiles = append(doc.Profiles, jp)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(textsafe.JSON(b), '\n'))
	return err
}

// ToFile writes path atomically (a temp file in the same folder, fsynced
// and renamed; the folder fsynced): readers see the old file or the
// complete new one, never a partial one. The file is 0600. Temp files that
// a killed export left in that folder are removed first.
func ToFile(path string, write func(io.Writer) error) error {
	_, _ = atomicfile.Clean(filepath.Dir(path), atomicfile.TempPattern)
	return atomicfile.Write(path, 0o600, write)
}
