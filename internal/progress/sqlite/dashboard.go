package sqlite

import (
	"context"
	"fmt"
	"time"

	"frontline/internal/progress"
)

// recentLimit is how many lines of recent activity the dashboard shows.
const recentLimit = 10

// Dashboard summarises a learner's progress. Every query is served by an
// index on profile_id, so it stays fast at 100,000 answers.
func (s *Store) Dashboard(ctx context.Context, profileID int64) (progress.Dashboard, error) {
	var d progress.Dashboard
	var err error
	if d.Modules, err = s.moduleStats(ctx, profileID); err != nil {
		return d, err
	}
	if d.Indicators, err = s.indicatorStats(ctx, profileID); err != nil {
		return d, err
	}
	if d.Runs, err = s.runSummaries(ctx, `WHERE profile_id = ? AND finished > 0`, `finished, id`, profileID); err != nil {
		return d, err
	}
	if d.Recent, err = s.recent(ctx, profileID); err != nil {
		return d, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM review_items WHERE profile_id = ? AND due <= ?`,
		profileID, nanos(s.opts.clock())).Scan(&d.ReviewDue); err != nil {
		return d, fmt.Errorf("dashboard review count: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE((SELECT answers FROM answer_totals WHERE profile_id = ?), 0)`, profileID).Scan(&d.Answers); err != nil {
		return d, fmt.Errorf("dashboard answer count: %w", err)
	}
	return d, nil
}

// moduleStats counts finished practice and exam attempts per module, with
// the best percentage, joined with completions.
func (s *Store) moduleStats(ctx context.Context, profileID int64) ([]progress.ModuleStat, error) {
	rows, err := s.db.QueryContext(ctx, `
		WITH comp AS (
			SELECT module_id, at FROM completions WHERE profile_id = ?
		), att AS (
			SELECT module_id, attempts AS n, best, last FROM module_totals WHERE profile_id = ?
		), ids AS (
			SELECT module_id FROM att UNION SELECT module_id FROM comp
		)
		SELECT ids.module_id, comp.at IS NOT NULL, COALESCE(att.n, 0), COALESCE(att.best, 0),
			max(COALESCE(att.last, 0), COALESCE(comp.at, 0))
		FROM ids
		LEFT JOIN att ON att.module_id = ids.module_id
		LEFT JOIN comp ON comp.module_id = ids.module_id
		ORDER BY ids.module_id`, profileID, profileID)
	if err != nil {
		return nil, fmt.Errorf("dashboard modules: %w", err)
	}
	defer rows.Close()
	var out []progress.ModuleStat
	for rows.Next() {
		var m progress.ModuleStat
		var last int64
		if err := rows.Scan(&m.ModuleID, &m.Completed, &m.Attempts, &m.Best, &last); err != nil {
			return nil, fmt.Errorf("dashboard modules: %w", err)
		}
		m.LastAt = fromNanos(last)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) indicatorStats(ctx context.Context, profileID int64) ([]progress.IndicatorStat, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT indicator, hits, misses FROM indicator_totals
		WHERE profile_id = ? AND hits + misses > 0 ORDER BY indicator`, profileID)
	if err != nil {
		return nil, fmt.Errorf("dashboard indicators: %w", err)
	}
	defer rows.Close()
	var out []progress.IndicatorStat
	for rows.Next() {
		var st progress.IndicatorStat
		if err := rows.Scan(&st.Indicator, &st.Hits, &st.Misses); err != nil {
			return nil, fmt.Errorf("dashboard indicators: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// recent merges finished attempts, finished runs and module completions,
// newest first.
func (s *Store) recent(ctx context.Context, profileID int64) ([]progress.Activity, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT at, kind, item, mode, a, b, passed FROM (
			SELECT * FROM (SELECT finished AS at, 'attempt' AS kind, module_id AS item, mode,
					score AS a, total AS b, passed
				FROM attempts WHERE profile_id = ? AND finished > 0 ORDER BY finished DESC LIMIT ?)
			UNION ALL
			SELECT * FROM (SELECT finished, 'run', scenario_id, ending, spotted, present, false_alarms
				FROM runs WHERE profile_id = ? AND finished > 0 ORDER BY finished DESC LIMIT ?)
			UNION ALL
			SELECT * FROM (SELECT at, 'completion', module_id, '', 0, 0, 0
				FROM completions WHERE profile_id = ? ORDER BY at DESC LIMIT ?)
		) ORDER BY at DESC LIMIT ?`,
		profileID, recentLimit, profileID, recentLimit, profileID, recentLimit, recentLimit)
	if err != nil {
		return nil, fmt.Errorf("dashboard recent activity: %w", err)
	}
	defer rows.Close()
	var out []progress.Activity
	for rows.Next() {
		var at int64
		var kind, item, mode string
		var a, b float64
		var c int
		if err := rows.Scan(&at, &kind, &item, &mode, &a, &b, &c); err != nil {
			return nil, fmt.Errorf("dashboard recent activity: %w", err)
		}
		act := progress.Activity{At: fromNanos(at), Kind: kind, ItemID: item}
		switch kind {
		case "attempt":
			act.Mode, act.Score, act.Total, act.Passed = progress.Mode(mode), a, int(b), c != 0
		case "run":
			act.Spotted, act.Present, act.FalseAlarms, act.Ending = int(a), int(b), c, mode
		}
		out = append(out, act)
	}
	return out, rows.Err()
}

// now is the store's clock, in UTC.
func (s *Store) now() time.Time { return s.opts.clock().UTC() }
