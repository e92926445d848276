package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"frontline/internal/progress"
)

// backupDir is the folder, inside the data folder, that holds backups.
const backupDir = "backups"

const (
	backupPrefix = "progress-"
	backupSuffix = ".db"
	backupStamp  = "20060102T150405.000000000Z"
	tempSuffix   = ".tmp"
)

// cleanTemp removes unfinished backup files left by a killed process; they
// were never a backup, so nothing is lost.
func cleanTemp(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, backupPrefix+"*"+tempSuffix))
	for _, m := range matches {
		_ = os.Remove(m)
	}
}

// Backups lists the backups in the data folder dir, newest first.
func Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, backupDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupSuffix) {
			out = append(out, filepath.Join(dir, backupDir, n))
		}
	}
	// The time stamp has a fixed width, so names sort by time.
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out, nil
}

func backupTime(path string) (time.Time, bool) {
	n := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), backupPrefix), backupSuffix)
	t, err := time.Parse(backupStamp, n)
	return t, err == nil
}

// scheduledBackup takes a backup when the newest is older than the schedule.
func (s *Store) scheduledBackup(ctx context.Context) error {
	list, err := Backups(s.dir)
	if err != nil {
		return err
	}
	if len(list) > 0 {
		if t, ok := backupTime(list[0]); ok && s.now().Sub(t) < s.opts.backupEvery && !t.After(s.now()) {
			return nil
		}
	}
	_, err = s.Backup(ctx)
	return err
}

// Backup writes a consistent copy of the database to the backups folder
// with VACUUM INTO (never by copying the live file), keeps the newest few
// and returns the new file's path.
func (s *Store) Backup(ctx context.Context) (string, error) {
	if s.readOnly {
		return "", fmt.Errorf("back up progress: %w: %s", progress.ErrNotSaved, s.status.Reason)
	}
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	return s.backupLocked(ctx)
}

func (s *Store) backupLocked(ctx context.Context) (string, error) {
	dir := filepath.Join(s.dir, backupDir)
	if err := progress.EnsureDir(dir); err != nil {
		return "", fmt.Errorf("back up progress: %w", err)
	}
	final := filepath.Join(dir, backupPrefix+s.now().Format(backupStamp)+backupSuffix)
	tmp := final + tempSuffix
	// VACUUM INTO accepts an existing empty file: creating it first keeps the
	// backup 0600 whatever the umask.
	if err := precreate(tmp); err != nil {
		return "", fmt.Errorf("back up progress: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("back up progress to %s: %w", final, err)
	}
	if err := syncFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("back up progress to %s: %w", final, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("back up progress to %s: %w", final, err)
	}
	syncDir(dir)
	s.pruneBackups()
	return final, nil
}

// syncFile flushes a finished backup (not the live database) to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

func (s *Store) pruneBackups() {
	list, err := Backups(s.dir)
	if err != nil {
		return
	}
	for i, p := range list {
		if i >= s.opts.backupKeep {
			_ = os.Remove(p)
		}
	}
}

// CheckBackup opens a backup read-only and runs integrity_check on it; it
// returns nil when the backup is a sound frontline database.
func CheckBackup(path string) error {
	db, err := sql.Open("sqlite", dsn(path, SyncFull, true, true))
	if err != nil {
		return fmt.Errorf("check backup %s: %w", path, err)
	}
	defer db.Close()
	if err := checkReadable(db); err != nil {
		return fmt.Errorf("check backup %s: %w", path, err)
	}
	if err := check(db, "PRAGMA integrity_check"); err != nil {
		return fmt.Errorf("check backup %s: %w", path, err)
	}
	return nil
}

// NewestGoodBackup returns the newest backup in the data folder dir that
// passes integrity_check, or progress.ErrNotFound.
func NewestGoodBackup(dir string) (string, error) {
	list, err := Backups(dir)
	if err != nil {
		return "", err
	}
	for _, p := range list {
		if CheckBackup(p) == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("good backup in %s: %w", dir, progress.ErrNotFound)
}

// Restore replaces the database in the data folder dir with a backup. No
// Store may be open on dir. The current database, if any, is moved aside to
// progress.db.replaced-<time> (never deleted); the backup is checked first
// and copied in through the driver with VACUUM INTO. It returns where the
// old database went ("" if there was none).
func Restore(dir, backup string) (string, error) {
	if err := CheckBackup(backup); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	path := filepath.Join(dir, FileName)
	var aside string
	if _, err := os.Lstat(path); err == nil {
		if aside, err = moveAside(path, "replaced", time.Now()); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
	}
	if err := precreate(path); err != nil {
		return aside, fmt.Errorf("restore: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(backup, SyncFull, true, true))
	if err != nil {
		return aside, fmt.Errorf("restore from %s: %w", backup, err)
	}
	defer db.Close()
	if _, err := db.Exec(`VACUUM INTO ?`, path); err != nil {
		return aside, fmt.Errorf("restore from %s into %s: %w", backup, path, err)
	}
	return aside, nil
}

// DeleteProfile erases a learner for good: the rows (every table cascades
// from profiles), then, with secure_delete on, a truncating WAL checkpoint
// and VACUUM so no page of the file or the WAL still holds them; finally
// every backup is removed and a fresh one taken, because older backups hold
// the learner's data.
func (s *Store) DeleteProfile(ctx context.Context, id int64) error {
	err := s.write(ctx, fmt.Sprintf("delete profile %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM profiles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return progress.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.backupMu.Lock()
	defer s.backupMu.Unlock()
	if err := s.scrub(ctx); err != nil {
		return fmt.Errorf("delete profile %d: the records are deleted but erasure is incomplete: %w", id, err)
	}
	list, err := Backups(s.dir)
	if err != nil {
		return fmt.Errorf("delete profile %d: %w", id, err)
	}
	for _, p := range list {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("delete profile %d: remove backup %s: %w", id, p, err)
		}
	}
	if _, err := s.backupLocked(ctx); err != nil {
		return fmt.Errorf("delete profile %d: fresh backup: %w", id, err)
	}
	return nil
}

// scrub rewrites the database without free pages and empties the WAL.
func (s *Store) scrub(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := checkpoint(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return checkpoint(ctx, conn)
}

// checkpoint copies the WAL into the database and truncates it to zero
// bytes. Another process reading at that moment makes it report busy; it
// retries for a few seconds before giving up.
func checkpoint(ctx context.Context, conn *sql.Conn) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		var busy, logFrames, done int
		if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
			return fmt.Errorf("wal checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("wal checkpoint: another frontline is using the database; close it and delete again")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
