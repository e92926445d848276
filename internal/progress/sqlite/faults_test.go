package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontline/internal/progress"
)

// makeStore writes a frontline database with one learner and one answer,
// plus a backup, and returns the folder.
func makeStore(t *testing.T) (dir, backup string) {
	t.Helper()
	dir = privateDir(t)
	s := openT(t, dir)
	p := mustProfile(t, s, "Ana")
	for i := 0; i < 200; i++ {
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: strings.Repeat("q", 50)})
	}
	b, err := s.Backup(bg())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, b
}

func TestDamagedFilesAreMovedAsideNeverOverwritten(t *testing.T) {
	foreign := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('someone else''s data')`); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name    string
		damage  func(t *testing.T, path string)
		offered bool
	}{
		{"zero bytes", func(t *testing.T, p string) { write(t, p, nil) }, true},
		{"random bytes", func(t *testing.T, p string) {
			b := make([]byte, 8192)
			rand.New(rand.NewSource(1)).Read(b)
			write(t, p, b)
		}, true},
		{"truncated", func(t *testing.T, p string) { write(t, p, read(t, p)[:3*4096+100]) }, true},
		{"truncated header", func(t *testing.T, p string) { write(t, p, read(t, p)[:60]) }, true},
		{"flipped bytes", func(t *testing.T, p string) {
			b := read(t, p)
			// The b-tree page headers of pages 3 to 5 (page type, cell count).
			for _, off := range []int{2 * 4096, 3*4096 + 3, 4*4096 + 4} {
				b[off] ^= 0x5a
			}
			write(t, p, b)
		}, true},
		{"foreign sqlite", func(t *testing.T, p string) { os.Remove(p); foreign(t, p) }, true},
		{"not a file", func(t *testing.T, p string) { os.Remove(p); os.Mkdir(p, 0o700) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, backup := makeStore(t)
			path := filepath.Join(dir, FileName)
			c.damage(t, path)
			var before []byte
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				before = read(t, path)
			}
			s := openT(t, dir)
			st := s.Status()
			if st.MovedAside == "" || st.ReadOnly {
				t.Fatalf("status = %+v, want moved aside and writable", st)
			}
			if before != nil && !bytes.Equal(read(t, st.MovedAside), before) {
				t.Error("the damaged file was changed")
			}
			if c.offered && st.Backup != backup {
				t.Errorf("Backup offered = %q, want %q", st.Backup, backup)
			}
			// A fresh store works.
			p := mustProfile(t, s, "Bo")
			mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q"})
			s.Close()

			// Restoring the offered backup brings the learner back and keeps
			// the fresh database aside.
			aside, err := Restore(dir, st.Backup)
			if err != nil || aside == "" {
				t.Fatalf("Restore = %q, %v", aside, err)
			}
			r := openT(t, dir)
			if r.Status().MovedAside != "" {
				t.Fatalf("restored store moved aside: %+v", r.Status())
			}
			if _, err := r.ProfileByName(bg(), "Ana"); err != nil {
				t.Errorf("after restore: %v", err)
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
				t.Errorf("restored file mode %v", fi.Mode())
			}
		})
	}
}

func TestQuickCheckCatchesFlippedIndexBytes(t *testing.T) {
	// Flipped bytes that ordinary queries do not notice still fail quick_check.
	dir, _ := makeStore(t)
	path := filepath.Join(dir, FileName)
	if v, _, _ := inspect(path, latestMigration()); v != verdictOK {
		t.Fatalf("clean file verdict = %v", v)
	}
	b := read(t, path)
	last := len(b) - 4096 // the last page's header
	b[last+3] ^= 0x55
	b[last+4] ^= 0x55
	write(t, path, b)
	// An ordinary query may still succeed; quick_check must not.
	if v, reason, err := inspect(path, latestMigration()); v != verdictDamaged {
		t.Errorf("verdict = %v (%s, %v), want damaged", v, reason, err)
	}
}

func TestRestoreRejectsBadBackup(t *testing.T) {
	dir := privateDir(t)
	bad := filepath.Join(dir, "bad.db")
	write(t, bad, []byte("not a database at all, not even close......................................................"))
	if _, err := Restore(dir, bad); err == nil {
		t.Error("Restore accepted garbage")
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed restore created a database")
	}
}

func TestUnusableFolderRunsInMemory(t *testing.T) {
	// A folder that cannot be created (its parent is a file) stands in for a
	// read-only disk even when the tests run as root.
	parent := filepath.Join(privateDir(t), "file")
	write(t, parent, []byte("x"))
	s := openT(t, filepath.Join(parent, "data"))
	st := s.Status()
	if !st.ReadOnly || !strings.Contains(st.Reason, "NOT being saved") {
		t.Fatalf("status = %+v", st)
	}
	if ps, err := s.Profiles(bg()); err != nil || len(ps) != 0 {
		t.Errorf("Profiles in memory = %v, %v", ps, err)
	}
	checkAllWritesRefused(t, s, 1)
}

func TestReadOnlyFolderWithPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file modes; TestReadOnlyRefusesWrites and TestUnusableFolderRunsInMemory cover the read-only paths")
	}
	dir, _ := makeStore(t)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	s := openT(t, dir)
	st := s.Status()
	if !st.ReadOnly || st.Reason == "" || st.MovedAside != "" {
		t.Fatalf("status = %+v", st)
	}
	if _, err := s.ProfileByName(bg(), "Ana"); err != nil {
		t.Errorf("read in read-only folder: %v (status %+v)", err, st)
	}
	checkAllWritesRefused(t, s, 1)
}

func TestDeleteProfileErasesFileWALAndBackups(t *testing.T) {
	dir := privateDir(t)
	s := openT(t, dir)
	const secret = "Zebulon-Quixotic-Learner"
	gone := mustProfile(t, s, secret)
	kept := mustProfile(t, s, "Keeper")
	a, _ := s.StartAttempt(bg(), progress.Attempt{ProfileID: gone.ID, ModuleID: "m", Mode: progress.ModeExam})
	for i := 0; i < 50; i++ {
		mustAnswer(t, s, progress.Answer{ProfileID: gone.ID, AttemptID: a.ID, ModuleID: "m", QuestionID: secret + "-q" + string(rune('a'+i%26)),
			Indicators: []progress.IndicatorHit{{Indicator: secret + "-ind", Hit: true}}},
			progress.ReviewItem{Kind: progress.ReviewQuestion, Key: secret + "/key", Box: 1, Due: time.Now()})
	}
	r, _ := s.StartRun(bg(), progress.Run{ProfileID: gone.ID, ScenarioID: secret + "-scn"})
	r.Checkpoints = []progress.Checkpoint{{Scene: secret, Question: "c", Indicators: []progress.IndicatorHit{{Indicator: "x", Hit: true}}}}
	_ = s.SaveRun(bg(), r)
	_ = s.SetBookmark(bg(), progress.Bookmark{ProfileID: gone.ID, Kind: "module", ItemID: secret})
	_ = s.MarkComplete(bg(), gone.ID, secret, time.Time{})
	mustAnswer(t, s, progress.Answer{ProfileID: kept.ID, ModuleID: "m", QuestionID: "kept-q"})
	if _, err := s.Backup(bg()); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteProfile(bg(), gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProfile(bg(), gone.ID); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if ans, _ := s.Answers(bg(), 0); len(ans) != 1 || ans[0].QuestionID != "kept-q" {
		t.Errorf("answers left = %+v", ans)
	}
	for _, q := range []string{
		"SELECT count(*) FROM attempts WHERE profile_id = ?", "SELECT count(*) FROM answers WHERE profile_id = ?",
		"SELECT count(*) FROM runs WHERE profile_id = ?", "SELECT count(*) FROM indicator_hits WHERE profile_id = ?",
		"SELECT count(*) FROM bookmarks WHERE profile_id = ?", "SELECT count(*) FROM completions WHERE profile_id = ?",
		"SELECT count(*) FROM review_items WHERE profile_id = ?", "SELECT count(*) FROM checkpoints WHERE run_id = " + fmt.Sprint(r.ID) + " OR ? = 0",
	} {
		var n int
		if err := s.db.QueryRow(q, gone.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows left, %v", q, n, err)
		}
	}
	// The WAL was checkpointed and truncated, and VACUUM left no free pages.
	if fi, err := os.Stat(filepath.Join(dir, FileName+"-wal")); err != nil || fi.Size() != 0 {
		t.Errorf("WAL after delete: %v bytes, %v", fi.Size(), err)
	}
	var free int
	if err := s.db.QueryRow("PRAGMA freelist_count").Scan(&free); err != nil || free != 0 {
		t.Errorf("freelist_count = %d, %v", free, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Read the files only after Close: nothing may hold the name any more.
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	backups, _ := filepath.Glob(filepath.Join(dir, backupDir, "*"))
	if len(backups) != 1 {
		t.Errorf("backups after delete = %v, want one fresh backup", backups)
	}
	for _, f := range append(files, backups...) {
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue
		}
		if bytes.Contains(read(t, f), []byte(secret)) {
			t.Errorf("%s still contains the deleted learner", filepath.Base(f))
		}
	}
	s2 := openT(t, dir)
	if _, err := s2.ProfileByName(bg(), "Keeper"); err != nil {
		t.Errorf("the other learner is gone: %v", err)
	}
}

func TestScheduledBackupsAndPruning(t *testing.T) {
	dir := privateDir(t)
	clock := newClock()
	for i := 0; i < 7; i++ {
		s, err := Open(dir, WithClock(clock.now), WithBackups(24*time.Hour, 3))
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		clock.add(25 * time.Hour)
	}
	// A reopen within the day takes none.
	clock.add(-24 * time.Hour)
	s, _ := Open(dir, WithClock(clock.now), WithBackups(24*time.Hour, 3))
	s.Close()
	list, err := Backups(dir)
	if err != nil || len(list) != 3 {
		t.Fatalf("Backups = %v, %v", list, err)
	}
	for _, b := range list {
		if err := CheckBackup(b); err != nil {
			t.Error(err)
		}
	}
	got, err := NewestGoodBackup(dir)
	if err != nil || got != list[0] {
		t.Errorf("NewestGoodBackup = %q, %v", got, err)
	}
	write(t, list[0], []byte("garbage"))
	if got, _ := NewestGoodBackup(dir); got != list[1] {
		t.Errorf("NewestGoodBackup skipped nothing: %q", got)
	}
}

func TestNoDirectDatabaseFileAccess(t *testing.T) {
	// Opening the live database with anything but the driver and closing
	// that handle drops SQLite's locks for the whole process. Only these
	// helpers may open files: precreate (O_EXCL, so the file does not exist
	// yet), markCreating (the creation marker beside the database), syncFile
	// (finished backup temp files) and syncDir (folders).
	allowed := map[string]bool{"precreate": true, "markCreating": true, "syncFile": true, "syncDir": true}
	banned := map[string]bool{"Open": true, "OpenFile": true, "ReadFile": true, "WriteFile": true, "Create": true, "Truncate": true, "OpenInRoot": true}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && banned[sel.Sel.Name] && !allowed[fn.Name.Name] {
					t.Errorf("%s: %s calls os.%s; only the driver may open the database", fset.Position(sel.Pos()), fn.Name.Name, sel.Sel.Name)
				}
				return true
			})
		}
	}
	// syncFile must only ever see backup temp files.
	src := read(t, "backup.go")
	if c := bytes.Count(src, []byte("syncFile(")); c != 2 { // definition + one call on tmp
		t.Errorf("syncFile is used %d times; check every caller passes a backup temp file", c-1)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
