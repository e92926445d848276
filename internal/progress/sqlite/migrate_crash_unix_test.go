//go:build unix

package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontline/internal/progress"
)

// Environment switches for the migration crash test (R2).
const (
	migrateChildEnv = "FRONTLINE_MIGRATE_CHILD" // data folder; set only in the child
	migrateKillsEnv = "FRONTLINE_MIGRATE_KILLS" // kills (default 6)
	migrateRowsEnv  = "FRONTLINE_MIGRATE_ROWS"  // rows the test migration writes (default 2000)
)

// migrateFillRows sizes the test migration so that it takes a while (and,
// when large, spills uncommitted pages into the WAL) and a kill can land
// inside it. The child inherits the parent's setting.
func migrateFillRows() int {
	if n, err := strconv.Atoi(os.Getenv(migrateRowsEnv)); err == nil && n > 0 {
		return n
	}
	return 2000
}

// r2Migration is a schema change of every kind a real one makes: a new
// table filled with rows, a new index, a new column on a table with data,
// and an update of every existing row.
func r2Migration() string {
	return fmt.Sprintf(`
CREATE TABLE r2_fill (id INTEGER PRIMARY KEY, pad BLOB NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
INSERT INTO r2_fill SELECT i, randomblob(300) FROM n;
CREATE INDEX r2_fill_pad ON r2_fill (pad);
ALTER TABLE answers ADD COLUMN r2_note TEXT NOT NULL DEFAULT '';
UPDATE answers SET r2_note = 'migrated';
`, migrateFillRows())
}

// r2Undo turns a migrated database back into the embedded schema (the
// newest embedded migration) for the next round.
func r2Undo() string {
	return fmt.Sprintf(`
DROP INDEX r2_fill_pad;
DROP TABLE r2_fill;
ALTER TABLE answers DROP COLUMN r2_note;
PRAGMA user_version = %d;
`, latestMigration())
}

func withR2Migration() Option {
	return func(o *options) { o.testMigrations = []string{r2Migration()} }
}

// TestMigrateChild opens the store with the extra migration and reports.
func TestMigrateChild(t *testing.T) {
	dir := os.Getenv(migrateChildEnv)
	if dir == "" {
		t.Skip("runs only as the migration crash test's child")
	}
	fmt.Println("START")
	s, err := Open(dir, noBackups(), withR2Migration())
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	st := s.Status()
	fmt.Printf("OPENED readonly=%v moved=%q\n", st.ReadOnly, st.MovedAside)
	_ = s.Close()
	fmt.Println("DONE")
	os.Exit(0)
}

// schemaState reads a database after a kill without changing it and says
// whether its schema is wholly old (1: the embedded migrations), wholly new
// (2: with the test's extra migration), absent (0, for a database being
// created) or a mixture (an error).
func schemaState(path string, wantAnswers int) (int, error) {
	db, err := sql.Open("sqlite", dsn(path, SyncFull, true, false))
	if err != nil {
		return -1, err
	}
	defer db.Close()
	var version, appID int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return -1, fmt.Errorf("user_version: %w", err)
	}
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return -1, fmt.Errorf("application_id: %w", err)
	}
	if err := check(db, "PRAGMA integrity_check"); err != nil {
		return -1, err
	}
	var objects int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&objects); err != nil {
		return -1, err
	}
	if version == 0 {
		if objects != 0 || appID != 0 {
			return -1, fmt.Errorf("version 0 with %d schema objects and application id %#x", objects, appID)
		}
		return 0, nil
	}
	if appID != ApplicationID {
		return -1, fmt.Errorf("version %d without the application id", version)
	}
	has := func(typ, name string) bool {
		var n int
		_ = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?`, typ, name).Scan(&n)
		return n == 1
	}
	var col int
	if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info('answers') WHERE name = 'r2_note'`).Scan(&col); err != nil {
		return -1, err
	}
	var answers int
	if err := db.QueryRow(`SELECT count(*) FROM answers`).Scan(&answers); err != nil {
		return -1, err
	}
	if answers != wantAnswers {
		return -1, fmt.Errorf("version %d with %d answers, want %d", version, answers, wantAnswers)
	}
	table, index := has("table", "r2_fill"), has("index", "r2_fill_pad")
	switch base := latestMigration(); version {
	case base:
		if table || index || col != 0 {
			return -1, fmt.Errorf("version 1 with table=%v index=%v column=%v", table, index, col != 0)
		}
		return 1, nil
	case base + 1:
		if !table || !index || col != 1 {
			return -1, fmt.Errorf("version 2 with table=%v index=%v column=%v", table, index, col != 0)
		}
		var rows, notes int
		if err := db.QueryRow(`SELECT count(*) FROM r2_fill`).Scan(&rows); err != nil {
			return -1, err
		}
		if err := db.QueryRow(`SELECT count(*) FROM answers WHERE r2_note = 'migrated'`).Scan(&notes); err != nil {
			return -1, err
		}
		if rows != migrateFillRows() || notes != answers {
			return -1, fmt.Errorf("version 2 with %d filler rows (want %d) and %d of %d answers updated", rows, migrateFillRows(), notes, answers)
		}
		return 2, nil
	}
	return -1, fmt.Errorf("unexpected user_version %d", version)
}

// TestMigrationKill9 (R2) kills a process with SIGKILL at random moments
// while it applies a migration, and checks after each kill that the schema
// is wholly old or wholly new and that the store then opens cleanly (not
// moved aside, not read-only). Four kills in five interrupt an upgrade of a
// database holding answers; one in five (the first among them) interrupts
// the creation of a new database. scripts/reliability.sh runs it with 200 kills.
func TestMigrationKill9(t *testing.T) {
	if os.Getenv(migrateChildEnv) != "" {
		t.Skip("child")
	}
	kills := envInt(t, migrateKillsEnv, 6)
	root := privateDir(t)
	dir := filepath.Join(root, "upgrade")
	const answers = 300
	s := openT(t, dir)
	p := mustProfile(t, s, "Ana")
	for i := 0; i < answers; i++ {
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q" + strconv.Itoa(i)})
	}
	s.Close()

	// Time one undisturbed upgrade and one creation, from the child's
	// START to its DONE, so kills are spread over the whole of it.
	timeRun := func(d string) time.Duration {
		c := startChild(t, "TestMigrateChild", migrateChildEnv+"="+d)
		var start time.Time
		for l := range c.lines {
			switch {
			case l == "START":
				start = time.Now()
			case l == "DONE":
				d := time.Since(start)
				c.wait()
				return d
			case strings.HasPrefix(l, "OPENED") && l != `OPENED readonly=false moved=""`:
				t.Fatalf("undisturbed run: %s", l)
			case strings.HasPrefix(l, "ERR"):
				t.Fatalf("undisturbed run: %s", l)
			}
		}
		t.Fatal("the child ended without DONE")
		return 0
	}
	undo := func() {
		db, err := sql.Open("sqlite", dsn(filepath.Join(dir, FileName), SyncFull, false, false))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(r2Undo()); err != nil {
			t.Fatalf("undo the test migration: %v", err)
		}
	}
	upgradeTime := timeRun(dir)
	undo()
	createTime := timeRun(filepath.Join(root, "create-timing"))

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	outcome := map[string]int{}
	started := time.Now()
	for k := 0; k < kills; k++ {
		create := k%5 == 0
		d, window, wantAnswers := dir, upgradeTime, answers
		if create {
			d, window, wantAnswers = filepath.Join(root, "create-"+strconv.Itoa(k)), createTime, 0
		}
		c := startChild(t, "TestMigrateChild", migrateChildEnv+"="+d)
		select {
		case l := <-c.lines:
			if l != "START" {
				t.Fatalf("kill %d: child says %q", k, l)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("kill %d: the child did not start", k)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(window) + 1)))
		_ = c.cmd.Process.Signal(syscall.SIGKILL)
		finished := false
		for _, l := range c.wait() {
			if l == "DONE" {
				finished = true
			}
			if strings.HasPrefix(l, "ERR") || (strings.HasPrefix(l, "OPENED") && l != `OPENED readonly=false moved=""`) {
				t.Fatalf("kill %d: child says %s", k, l)
			}
		}

		path := filepath.Join(d, FileName)
		state := -1
		if _, err := os.Lstat(path); os.IsNotExist(err) {
			state = 0
		} else if state, err = schemaState(path, wantAnswers); err != nil {
			t.Fatalf("kill %d (create=%v): %v", k, create, err)
		}
		name := map[int]string{0: "absent", 1: "old", 2: "new"}[state]
		if create {
			name = "create/" + name
		} else {
			name = "upgrade/" + name
		}
		if finished {
			name += " (finished before the kill)"
		}
		outcome[name]++

		// The app starts: cleanly, with the new schema and every answer.
		s, err := Open(d, noBackups(), withR2Migration())
		if err != nil {
			t.Fatalf("kill %d: Open: %v", k, err)
		}
		st := s.Status()
		s.Close()
		if st.ReadOnly || st.MovedAside != "" {
			t.Fatalf("kill %d (create=%v, state %s): the store did not open cleanly: %+v", k, create, name, st)
		}
		if got, err := schemaState(path, wantAnswers); err != nil || got != 2 {
			t.Fatalf("kill %d: after reopening: state %d, %v", k, got, err)
		}
		if !create {
			undo()
		}
	}
	t.Logf("R2 kills=%d rows=%d outcomes=%v opened-cleanly=%d/%d upgrade-time=%v create-time=%v total=%v",
		kills, migrateFillRows(), outcome, kills, kills, upgradeTime.Round(time.Millisecond), createTime.Round(time.Millisecond),
		time.Since(started).Round(time.Millisecond))
}
