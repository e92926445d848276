package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// nanos stores a time as Unix nanoseconds; the zero time is 0.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromNanos is the inverse of nanos; times come back in UTC.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only plain slices of strings, ints and structs of them are stored.
		return "null"
	}
	return string(b)
}

func fromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode stored list: %w", err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// write runs fn in one immediate transaction and commits it. Any failure is
// reported as progress.ErrNotSaved (plus progress.ErrNotFound or
// progress.ErrExists when fn says so).
func (s *Store) write(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("%s: %w: %s", what, progress.ErrNotSaved, s.status.Reason)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w: %w", what, progress.ErrNotSaved, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("%s: %w: %w", what, progress.ErrNotSaved, err)
	}
	if err := tx.Commit(); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("%s: %w: %w", what, progress.ErrNotSaved, err)
	}
	s.committed()
	return nil
}

func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// Profiles lists every profile by name.
func (s *Store) Profiles(ctx context.Context) ([]progress.Profile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, role, created FROM profiles ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	defer rows.Close()
	var out []progress.Profile
	for rows.Next() {
		var p progress.Profile
		var role string
		var created int64
		if err := rows.Scan(&p.ID, &p.Name, &role, &created); err != nil {
			return nil, fmt.Errorf("list profiles: %w", err)
		}
		p.Role, p.Created = content.Role(role), fromNanos(created)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	return out, nil
}

// CreateProfile adds a learner. The name is checked and normalised by
// textsafe.Name (NFC, spaces trimmed and collapsed, at most 64 characters,
// no control, bidi or invisible characters): a name it refuses gives its
// error, which says what to change. Names are compared by their confusable
// skeleton (textsafe.Skeleton): a name that looks like an existing
// learner's ("ALICE", or "аlice" with a Cyrillic а, when "alice" exists) is
// refused with an error wrapping progress.ErrExists.
func (s *Store) CreateProfile(ctx context.Context, name string, role content.Role) (progress.Profile, error) {
	p := progress.Profile{Name: strings.TrimSpace(name), Role: role, Created: s.opts.clock().UTC()}
	clean, err := textsafe.Name(name)
	if err != nil {
		return p, fmt.Errorf("create profile: %w", err)
	}
	p.Name = clean
	key := textsafe.Skeleton(clean)
	var existing string
	err = s.write(ctx, "create profile "+clean, func(tx *sql.Tx) error {
		names, err := s.namesLike(ctx, tx, key)
		if err != nil {
			return err
		}
		if len(names) > 0 {
			existing = names[0]
			return progress.ErrExists
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO profiles (name, name_key, role, created) VALUES (?, ?, ?, ?)`, clean, key, string(role), nanos(p.Created))
		if isConstraint(err) {
			return progress.ErrExists
		}
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	})
	if errors.Is(err, progress.ErrExists) {
		if existing != "" && existing != clean {
			return p, fmt.Errorf("create profile %q: %w: it looks the same as the learner %q; choose a name that looks different, or pick %q", clean, progress.ErrExists, existing, existing)
		}
		return p, fmt.Errorf("create profile %q: %w", clean, progress.ErrExists)
	}
	return p, err
}

// querier is what namesLike needs from a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// namesLike returns the names of the profiles whose skeleton is key,
// oldest first.
func (s *Store) namesLike(ctx context.Context, q querier, key string) ([]string, error) {
	var names []string
	err := s.eachProfileLike(ctx, q, key, func(id int64, name, role string, created int64) {
		names = append(names, name)
	})
	return names, err
}

// eachProfileLike calls fn for each profile whose skeleton is key, oldest
// first. A database from before schema 4 (opened read-only, so never
// migrated) has no name_key: then the skeletons are computed here.
func (s *Store) eachProfileLike(ctx context.Context, q querier, key string, fn func(id int64, name, role string, created int64)) error {
	query := `SELECT id, name, role, created, name_key FROM profiles WHERE name_key = ? ORDER BY id`
	args := []any{key}
	if !s.hasNameKeys(ctx) {
		query, args = `SELECT id, name, role, created, '' FROM profiles ORDER BY id`, nil
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, created int64
		var name, role, k string
		if err := rows.Scan(&id, &name, &role, &created, &k); err != nil {
			return err
		}
		if k == "" {
			k = textsafe.Skeleton(name)
		}
		if k == key {
			fn(id, name, role, created)
		}
	}
	return rows.Err()
}

// hasNameKeys reports whether the database has the name_key column
// (schema 4 and later).
func (s *Store) hasNameKeys(ctx context.Context) bool {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('profiles') WHERE name = 'name_key'`).Scan(&n)
	return err == nil && n > 0
}

// ProfileByName finds a learner by name, compared as CreateProfile compares
// names: "ALICE" and "аlice" find "alice". If profiles made before names
// were compared this way look alike, the one whose name is exactly the
// given one is returned, else the oldest.
func (s *Store) ProfileByName(ctx context.Context, name string) (progress.Profile, error) {
	var p progress.Profile
	want := strings.TrimSpace(name)
	found := false
	err := s.eachProfileLike(ctx, s.db, textsafe.Skeleton(want), func(id int64, n, role string, created int64) {
		if !found || n == want && p.Name != want {
			p = progress.Profile{ID: id, Name: n, Role: content.Role(role), Created: fromNanos(created)}
			found = true
		}
	})
	if err != nil {
		return progress.Profile{}, fmt.Errorf("profile %q: %w", name, err)
	}
	if !found {
		return p, fmt.Errorf("profile %q: %w", name, progress.ErrNotFound)
	}
	return p, nil
}

const attemptCols = `id, profile_id, module_id, mode, fingerprint, version, seed, questions, option_order,
	current, flagged, time_limit, elapsed, started, finished, score, total, passed, pass_mark, seal, extension`

type scanner interface{ Scan(...any) error }

func scanAttempt(r scanner) (progress.Attempt, error) {
	var a progress.Attempt
	var mode, questions, order, flagged, seal string
	var limit, elapsed, started, finished, extension int64
	var passed int
	err := r.Scan(&a.ID, &a.ProfileID, &a.ModuleID, &mode, &a.Fingerprint, &a.Version, &a.Seed, &questions, &order,
		&a.Current, &flagged, &limit, &elapsed, &started, &finished, &a.Score, &a.Total, &passed, &a.PassMark, &seal, &extension)
	if err != nil {
		return a, err
	}
	a.Mode = progress.Mode(mode)
	a.TimeLimit, a.Elapsed, a.Extension = time.Duration(limit), time.Duration(elapsed), time.Duration(extension)
	a.Started, a.Finished = fromNanos(started), fromNanos(finished)
	a.Passed = passed != 0
	if seal != "" {
		a.Seal = []byte(seal)
	}
	if err := errors.Join(fromJSON(questions, &a.Questions), fromJSON(order, &a.OptionOrder), fromJSON(flagged, &a.Flagged)); err != nil {
		return a, err
	}
	return a, nil
}

// StartAttempt stores a new attempt and returns it with its ID.
func (s *Store) StartAttempt(ctx context.Context, a progress.Attempt) (progress.Attempt, error) {
	if a.Started.IsZero() {
		a.Started = s.opts.clock().UTC()
	}
	err := s.write(ctx, "start attempt at "+a.ModuleID, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO attempts (profile_id, module_id, mode, fingerprint, version, seed,
			questions, option_order, current, flagged, time_limit, elapsed, started, finished, score, total, passed, pass_mark, seal, extension)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ProfileID, a.ModuleID, string(a.Mode), a.Fingerprint, a.Version, a.Seed,
			toJSON(a.Questions), toJSON(a.OptionOrder), a.Current, toJSON(a.Flagged),
			int64(a.TimeLimit), int64(a.Elapsed), nanos(a.Started), nanos(a.Finished), a.Score, a.Total, boolInt(a.Passed), a.PassMark, string(a.Seal),
			int64(max(a.Extension, 0)))
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	return a, err
}

// SaveAttempt updates an attempt's position, flags, elapsed time and result.
// It keeps the stored seal when a.Seal is empty, and never lowers the
// stored extension.
func (s *Store) SaveAttempt(ctx context.Context, a progress.Attempt) error {
	return s.write(ctx, fmt.Sprintf("save attempt %d", a.ID), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE attempts SET questions = ?, option_order = ?, current = ?, flagged = ?,
			time_limit = ?, elapsed = ?, finished = ?, score = ?, total = ?, passed = ?, pass_mark = ?,
			seal = CASE WHEN ? = '' THEN seal ELSE ? END, extension = max(extension, ?) WHERE id = ?`,
			toJSON(a.Questions), toJSON(a.OptionOrder), a.Current, toJSON(a.Flagged),
			int64(a.TimeLimit), int64(a.Elapsed), nanos(a.Finished), a.Score, a.Total, boolInt(a.Passed), a.PassMark,
			string(a.Seal), string(a.Seal), int64(max(a.Extension, 0)), a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return progress.ErrNotFound
		}
		return nil
	})
}

// UnfinishedAttempt returns the newest unfinished attempt of a module in a
// mode, with its answers so far.
func (s *Store) UnfinishedAttempt(ctx context.Context, profileID int64, moduleID string, mode progress.Mode) (progress.Attempt, []progress.Answer, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts
		WHERE profile_id = ? AND module_id = ? AND mode = ? AND finished = 0 ORDER BY id DESC LIMIT 1`,
		profileID, moduleID, string(mode))
	a, err := scanAttempt(row)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, fmt.Errorf("unfinished %s attempt at %s: %w", mode, moduleID, progress.ErrNotFound)
	}
	if err != nil {
		return a, nil, fmt.Errorf("unfinished attempt at %s: %w", moduleID, err)
	}
	answers, err := s.answers(ctx, `WHERE a.attempt_id = ?`, a.ID)
	return a, answers, err
}

// Attempt returns one attempt and its answers.
func (s *Store) Attempt(ctx context.Context, id int64) (progress.Attempt, []progress.Answer, error) {
	a, err := scanAttempt(s.db.QueryRowContext(ctx, `SELECT `+attemptCols+` FROM attempts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, fmt.Errorf("attempt %d: %w", id, progress.ErrNotFound)
	}
	if err != nil {
		return a, nil, fmt.Errorf("attempt %d: %w", id, err)
	}
	answers, err := s.answers(ctx, `WHERE a.attempt_id = ?`, a.ID)
	return a, answers, err
}

// Attempts lists a learner's attempts at a module in a mode, newest first.
// An empty mode lists every mode.
func (s *Store) Attempts(ctx context.Context, profileID int64, moduleID string, mode progress.Mode) ([]progress.Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+attemptCols+` FROM attempts
		WHERE profile_id = ? AND module_id = ? AND (? = '' OR mode = ?) ORDER BY started DESC, id DESC`,
		profileID, moduleID, string(mode), string(mode))
	if err != nil {
		return nil, fmt.Errorf("attempts at %s: %w", moduleID, err)
	}
	defer rows.Close()
	var out []progress.Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("attempts at %s: %w", moduleID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("attempts at %s: %w", moduleID, err)
	}
	return out, nil
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// RecordAnswer commits one answer, its indicator hits and the review items
// it changes in one transaction. The answer comes back with its ID and Seq.
func (s *Store) RecordAnswer(ctx context.Context, a progress.Answer, reviews ...progress.ReviewItem) (progress.Answer, error) {
	if a.At.IsZero() {
		a.At = s.opts.clock().UTC()
	}
	err := s.write(ctx, "record answer to "+a.ModuleID+"/"+a.QuestionID, func(tx *sql.Tx) error {
		if a.AttemptID != 0 {
			var mode string
			err := tx.QueryRowContext(ctx, `SELECT mode FROM attempts WHERE id = ?`, a.AttemptID).Scan(&mode)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("attempt %d: %w", a.AttemptID, progress.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if progress.Mode(mode) == progress.ModeExam {
				if _, err := tx.ExecContext(ctx, `DELETE FROM answers WHERE attempt_id = ? AND question_id = ?`, a.AttemptID, a.QuestionID); err != nil {
					return err
				}
			}
		}
		if err := tx.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'answer_seq' RETURNING value`).Scan(&a.Seq); err != nil {
			return fmt.Errorf("next sequence number: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO answers (seq, profile_id, attempt_id, module_id, question_id, version,
			chosen, correct, score, time_taken, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Seq, a.ProfileID, nullID(a.AttemptID), a.ModuleID, a.QuestionID, a.Version,
			toJSON(a.Chosen), boolInt(a.Correct), a.Score, int64(a.TimeTaken), nanos(a.At))
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, h := range a.Indicators {
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_hits (profile_id, answer_id, indicator, hit) VALUES (?, ?, ?, ?)`,
				a.ProfileID, a.ID, h.Indicator, boolInt(h.Hit)); err != nil {
				return err
			}
		}
		return putReviews(ctx, tx, a.ProfileID, reviews)
	})
	return a, err
}

// putReviews stores review items as given; a zero ProfileID means the
// record's learner.
func putReviews(ctx context.Context, tx *sql.Tx, profileID int64, items []progress.ReviewItem) error {
	for _, r := range items {
		if r.ProfileID == 0 {
			r.ProfileID = profileID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_items (profile_id, kind, key, box, interval, due, lapses, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (profile_id, kind, key) DO UPDATE SET box = excluded.box, interval = excluded.interval,
				due = excluded.due, lapses = excluded.lapses, updated = excluded.updated`,
			r.ProfileID, string(r.Kind), r.Key, r.Box, int64(r.Interval), nanos(r.Due), r.Lapses, nanos(r.Updated)); err != nil {
			return fmt.Errorf("review item %s %s: %w", r.Kind, r.Key, err)
		}
	}
	return nil
}

const answerCols = `a.id, a.seq, a.profile_id, COALESCE(a.attempt_id, 0), a.module_id, a.question_id, a.version,
	a.chosen, a.correct, a.score, a.time_taken, a.answered_at`

// answers loads answers matching where (on table alias a), in seq order,
// with their indicator hits.
func (s *Store) answers(ctx context.Context, where string, args ...any) ([]progress.Answer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+answerCols+` FROM answers a `+where+` ORDER BY a.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("load answers: %w", err)
	}
	var out []progress.Answer
	index := map[int64]int{}
	for rows.Next() {
		var a progress.Answer
		var chosen string
		var correct int
		var taken, at int64
		if err := rows.Scan(&a.ID, &a.Seq, &a.ProfileID, &a.AttemptID, &a.ModuleID, &a.QuestionID, &a.Version,
			&chosen, &correct, &a.Score, &taken, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load answers: %w", err)
		}
		if err := fromJSON(chosen, &a.Chosen); err != nil {
			rows.Close()
			return nil, err
		}
		a.Correct, a.TimeTaken, a.At = correct != 0, time.Duration(taken), fromNanos(at)
		index[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load answers: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	hits, err := s.db.QueryContext(ctx, `SELECT h.answer_id, h.indicator, h.hit FROM indicator_hits h
		JOIN answers a ON a.id = h.answer_id `+where+` ORDER BY h.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("load answer indicators: %w", err)
	}
	defer hits.Close()
	for hits.Next() {
		var id int64
		var h progress.IndicatorHit
		var hit int
		if err := hits.Scan(&id, &h.Indicator, &hit); err != nil {
			return nil, fmt.Errorf("load answer indicators: %w", err)
		}
		h.Hit = hit != 0
		if i, ok := index[id]; ok {
			out[i].Indicators = append(out[i].Indicators, h)
		}
	}
	return out, hits.Err()
}

// Answers lists answers for export in recording (seq) order; profileID 0
// means every profile.
func (s *Store) Answers(ctx context.Context, profileID int64) ([]progress.Answer, error) {
	if profileID == 0 {
		return s.answers(ctx, ``)
	}
	return s.answers(ctx, `WHERE a.profile_id = ?`, profileID)
}

// StartRun stores a new scenario run and returns it with its ID.
func (s *Store) StartRun(ctx context.Context, r progress.Run) (progress.Run, error) {
	if r.Started.IsZero() {
		r.Started = s.opts.clock().UTC()
	}
	err := s.write(ctx, "start scenario "+r.ScenarioID, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (profile_id, scenario_id, fingerprint, started) VALUES (?, ?, ?, ?)`,
			r.ProfileID, r.ScenarioID, r.Fingerprint, nanos(r.Started))
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return saveRun(ctx, tx, r)
	})
	return r, err
}

// SaveRun stores the run's path, decisions, checkpoints, result and the
// review items it changes in one transaction.
func (s *Store) SaveRun(ctx context.Context, r progress.Run, reviews ...progress.ReviewItem) error {
	return s.write(ctx, fmt.Sprintf("save scenario run %d", r.ID), func(tx *sql.Tx) error {
		if err := saveRun(ctx, tx, r); err != nil {
			return err
		}
		return putReviews(ctx, tx, r.ProfileID, reviews)
	})
}

func saveRun(ctx context.Context, tx *sql.Tx, r progress.Run) error {
	res, err := tx.ExecContext(ctx, `UPDATE runs SET path = ?, decisions = ?, finished = ?, ending = ?,
		spotted = ?, present = ?, false_alarms = ?, red_herrings = ? WHERE id = ?`,
		toJSON(r.Path), toJSON(r.Decisions), nanos(r.Finished), r.Ending,
		r.Spotted, r.Present, r.FalseAlarms, r.RedHerrings, r.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("run %d: %w", r.ID, progress.ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM checkpoints WHERE run_id = ?`, r.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_hits WHERE run_id = ?`, r.ID); err != nil {
		return err
	}
	for i, c := range r.Checkpoints {
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (run_id, idx, scene, question, chosen, spotted, present,
			false_alarms, red_herrings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, i, c.Scene, c.Question, toJSON(c.Chosen), c.Spotted, c.Present, c.FalseAlarms, c.RedHerrings); err != nil {
			return err
		}
		for _, h := range c.Indicators {
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicator_hits (profile_id, run_id, checkpoint, indicator, hit)
				VALUES ((SELECT profile_id FROM runs WHERE id = ?), ?, ?, ?, ?)`, r.ID, r.ID, i, h.Indicator, boolInt(h.Hit)); err != nil {
				return err
			}
		}
	}
	return nil
}

const runCols = `id, profile_id, scenario_id, fingerprint, path, decisions, started, finished, ending,
	spotted, present, false_alarms, red_herrings`

// runs loads runs matching where, with checkpoints and their indicators.
func (s *Store) runs(ctx context.Context, where, order string, args ...any) ([]progress.Run, error) {
	out, err := s.runSummaries(ctx, where, order, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.loadCheckpoints(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// runSummaries loads runs matching where without their checkpoints.
func (s *Store) runSummaries(ctx context.Context, where, order string, args ...any) ([]progress.Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+runCols+` FROM runs `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("load runs: %w", err)
	}
	var out []progress.Run
	for rows.Next() {
		var r progress.Run
		var path, decisions string
		var started, finished int64
		if err := rows.Scan(&r.ID, &r.ProfileID, &r.ScenarioID, &r.Fingerprint, &path, &decisions, &started, &finished,
			&r.Ending, &r.Spotted, &r.Present, &r.FalseAlarms, &r.RedHerrings); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load runs: %w", err)
		}
		if err := errors.Join(fromJSON(path, &r.Path), fromJSON(decisions, &r.Decisions)); err != nil {
			rows.Close()
			return nil, err
		}
		r.Started, r.Finished = fromNanos(started), fromNanos(finished)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load runs: %w", err)
	}
	return out, nil
}

func (s *Store) loadCheckpoints(ctx context.Context, r *progress.Run) error {
	rows, err := s.db.QueryContext(ctx, `SELECT idx, scene, question, chosen, spotted, present, false_alarms, red_herrings
		FROM checkpoints WHERE run_id = ? ORDER BY idx`, r.ID)
	if err != nil {
		return fmt.Errorf("load checkpoints of run %d: %w", r.ID, err)
	}
	r.Checkpoints = nil
	for rows.Next() {
		var c progress.Checkpoint
		var idx int
		var chosen string
		if err := rows.Scan(&idx, &c.Scene, &c.Question, &chosen, &c.Spotted, &c.Present, &c.FalseAlarms, &c.RedHerrings); err != nil {
			rows.Close()
			return fmt.Errorf("load checkpoints of run %d: %w", r.ID, err)
		}
		if err := fromJSON(chosen, &c.Chosen); err != nil {
			rows.Close()
			return err
		}
		r.Checkpoints = append(r.Checkpoints, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load checkpoints of run %d: %w", r.ID, err)
	}
	if len(r.Checkpoints) == 0 {
		return nil
	}
	hits, err := s.db.QueryContext(ctx, `SELECT checkpoint, indicator, hit FROM indicator_hits WHERE run_id = ? ORDER BY id`, r.ID)
	if err != nil {
		return fmt.Errorf("load checkpoint indicators of run %d: %w", r.ID, err)
	}
	defer hits.Close()
	for hits.Next() {
		var idx, hit int
		var name string
		if err := hits.Scan(&idx, &name, &hit); err != nil {
			return fmt.Errorf("load checkpoint indicators of run %d: %w", r.ID, err)
		}
		if idx >= 0 && idx < len(r.Checkpoints) {
			r.Checkpoints[idx].Indicators = append(r.Checkpoints[idx].Indicators, progress.IndicatorHit{Indicator: name, Hit: hit != 0})
		}
	}
	return hits.Err()
}

// UnfinishedRun returns the newest unfinished run of a scenario.
func (s *Store) UnfinishedRun(ctx context.Context, profileID int64, scenarioID string) (progress.Run, error) {
	runs, err := s.runs(ctx, `WHERE profile_id = ? AND scenario_id = ? AND finished = 0`, `id DESC LIMIT 1`, profileID, scenarioID)
	if err != nil {
		return progress.Run{}, err
	}
	if len(runs) == 0 {
		return progress.Run{}, fmt.Errorf("unfinished run of %s: %w", scenarioID, progress.ErrNotFound)
	}
	return runs[0], nil
}

// Runs lists a learner's runs of a scenario, newest first. An empty
// scenarioID lists every scenario.
func (s *Store) Runs(ctx context.Context, profileID int64, scenarioID string) ([]progress.Run, error) {
	return s.runs(ctx, `WHERE profile_id = ? AND (? = '' OR scenario_id = ?)`, `started DESC, id DESC`, profileID, scenarioID, scenarioID)
}

// SetBookmark remembers where a learner stopped.
func (s *Store) SetBookmark(ctx context.Context, b progress.Bookmark) error {
	if b.Updated.IsZero() {
		b.Updated = s.opts.clock().UTC()
	}
	return s.write(ctx, "set bookmark in "+b.ItemID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO bookmarks (profile_id, kind, item_id, position, updated) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (profile_id, kind, item_id) DO UPDATE SET position = excluded.position, updated = excluded.updated`,
			b.ProfileID, b.Kind, b.ItemID, b.Position, nanos(b.Updated))
		return err
	})
}

// Bookmarks lists a learner's bookmarks, most recent first.
func (s *Store) Bookmarks(ctx context.Context, profileID int64) ([]progress.Bookmark, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT profile_id, kind, item_id, position, updated FROM bookmarks
		WHERE profile_id = ? ORDER BY updated DESC, kind, item_id`, profileID)
	if err != nil {
		return nil, fmt.Errorf("bookmarks: %w", err)
	}
	defer rows.Close()
	var out []progress.Bookmark
	for rows.Next() {
		var b progress.Bookmark
		var updated int64
		if err := rows.Scan(&b.ProfileID, &b.Kind, &b.ItemID, &b.Position, &updated); err != nil {
			return nil, fmt.Errorf("bookmarks: %w", err)
		}
		b.Updated = fromNanos(updated)
		out = append(out, b)
	}
	return out, rows.Err()
}

// Settings returns a learner's settings, name to value.
func (s *Store) Settings(ctx context.Context, profileID int64) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, value FROM settings WHERE profile_id = ?`, profileID)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return nil, fmt.Errorf("settings: %w", err)
		}
		out[name] = value
	}
	return out, rows.Err()
}

// SetSetting stores one of a learner's settings.
func (s *Store) SetSetting(ctx context.Context, profileID int64, name, value string) error {
	return s.write(ctx, "save the setting "+name, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (profile_id, name, value, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (profile_id, name) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
			profileID, name, value, nanos(s.opts.clock().UTC()))
		return err
	})
}

// NotesSeen lists the content notes a learner has read.
func (s *Store) NotesSeen(ctx context.Context, profileID int64) ([]progress.NoteSeen, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT profile_id, kind, item_id, note, seen FROM notes_seen
		WHERE profile_id = ? ORDER BY kind, item_id`, profileID)
	if err != nil {
		return nil, fmt.Errorf("notes seen: %w", err)
	}
	defer rows.Close()
	var out []progress.NoteSeen
	for rows.Next() {
		var n progress.NoteSeen
		var seen int64
		if err := rows.Scan(&n.ProfileID, &n.Kind, &n.ItemID, &n.Note, &seen); err != nil {
			return nil, fmt.Errorf("notes seen: %w", err)
		}
		n.Seen = fromNanos(seen)
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNoteSeen records that a learner read an item's content note.
func (s *Store) MarkNoteSeen(ctx context.Context, n progress.NoteSeen) error {
	if n.Seen.IsZero() {
		n.Seen = s.opts.clock().UTC()
	}
	return s.write(ctx, "remember the content note of "+n.ItemID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO notes_seen (profile_id, kind, item_id, note, seen) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (profile_id, kind, item_id) DO UPDATE SET note = excluded.note, seen = excluded.seen`,
			n.ProfileID, n.Kind, n.ItemID, n.Note, nanos(n.Seen))
		return err
	})
}

// MarkComplete records that a learner finished a module (the first time
// counts; later calls keep the first date).
func (s *Store) MarkComplete(ctx context.Context, profileID int64, moduleID string, at time.Time) error {
	if at.IsZero() {
		at = s.opts.clock().UTC()
	}
	return s.write(ctx, "mark "+moduleID+" complete", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO completions (profile_id, module_id, at) VALUES (?, ?, ?)
			ON CONFLICT (profile_id, module_id) DO NOTHING`, profileID, moduleID, nanos(at))
		return err
	})
}

func (s *Store) reviewItems(ctx context.Context, where string, args ...any) ([]progress.ReviewItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT profile_id, kind, key, box, interval, due, lapses, updated
		FROM review_items `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("review items: %w", err)
	}
	defer rows.Close()
	var out []progress.ReviewItem
	for rows.Next() {
		var r progress.ReviewItem
		var kind string
		var interval, due, updated int64
		if err := rows.Scan(&r.ProfileID, &kind, &r.Key, &r.Box, &interval, &due, &r.Lapses, &updated); err != nil {
			return nil, fmt.Errorf("review items: %w", err)
		}
		r.Kind, r.Interval, r.Due, r.Updated = progress.ReviewKind(kind), time.Duration(interval), fromNanos(due), fromNanos(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewItems lists a learner's whole review queue, earliest due first.
func (s *Store) ReviewItems(ctx context.Context, profileID int64) ([]progress.ReviewItem, error) {
	return s.reviewItems(ctx, `WHERE profile_id = ? ORDER BY due, kind, key`, profileID)
}

// ReviewDue lists items due at or before now, earliest first.
func (s *Store) ReviewDue(ctx context.Context, profileID int64, now time.Time) ([]progress.ReviewItem, error) {
	return s.reviewItems(ctx, `WHERE profile_id = ? AND due <= ? ORDER BY due, kind, key`, profileID, nanos(now))
}
