// Package sqlite keeps frontline's progress in a SQLite database through the
// pure-Go modernc.org/sqlite driver. See docs/progress.md for the schema, the
// durability promise and how damaged files are handled.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// FileName is the database's name inside the data folder.
const FileName = "progress.db"

// ApplicationID is written to every frontline database header ("FRLN"), so
// a foreign or empty SQLite file is recognised.
const ApplicationID = 0x46524c4e

// busyTimeoutMS is how long a write waits for another instance's lock.
const busyTimeoutMS = 5000

//go:embed migrations/*.sql
var migrationFS embed.FS

// Synchronous is the SQLite synchronous setting; see docs/progress.md.
type Synchronous string

// Synchronous settings. Full is the default: in WAL mode every commit is
// synced to stable storage before it returns, so an acknowledged answer
// survives a power cut as well as a crash.
const (
	SyncFull   Synchronous = "FULL"
	SyncNormal Synchronous = "NORMAL"
)

// Option changes how Open behaves.
type Option func(*options)

type options struct {
	sync        Synchronous
	clock       func() time.Time
	backupEvery time.Duration // 0 disables scheduled backups
	backupKeep  int
	// forceReadOnly opens an existing database read-only with this reason;
	// tests use it where file modes cannot stop the process (root).
	forceReadOnly string
	// testMigrations are SQL bodies applied after the embedded migrations,
	// as versions N+1, N+2...; only tests set them (the migration crash test
	// needs a migration to interrupt on an existing database).
	testMigrations []string
}

// WithSynchronous picks the synchronous setting (SyncFull by default).
func WithSynchronous(s Synchronous) Option { return func(o *options) { o.sync = s } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(o *options) { o.clock = now } }

// WithBackups sets how old the newest backup may be before Open takes a new
// one (0 turns scheduled backups off) and how many backups are kept.
func WithBackups(every time.Duration, keep int) Option {
	return func(o *options) { o.backupEvery, o.backupKeep = every, keep }
}

// Store is the SQLite progress store. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	dir      string
	path     string
	opts     options
	status   progress.Status
	readOnly bool
	// folderErr is why the data folder cannot be used, if it cannot.
	folderErr error

	backupMu sync.Mutex     // serialises backups and their removal
	bg       sync.WaitGroup // background backup and checkpointer

	// Checkpoints run in the background, off the answer's write path:
	// commits counts writes, ckpt wakes the checkpointer, stop ends it.
	commits   atomic.Int64
	ckpt      chan struct{}
	stop      chan struct{}
	closeOnce sync.Once
}

// checkpointEvery is how many commits pass between background checkpoints.
const checkpointEvery = 64

// checkpointer copies the WAL back into the database now and then with a
// PASSIVE checkpoint, which never blocks writers; SQLite's automatic
// checkpoint is off so a commit never pays for one.
func (s *Store) checkpointer() {
	defer s.bg.Done()
	for {
		select {
		case <-s.stop:
			return
		case <-s.ckpt:
			_, _ = s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// committed notes a successful write and wakes the checkpointer now and then.
func (s *Store) committed() {
	if s.commits.Add(1)%checkpointEvery == 0 {
		select {
		case s.ckpt <- struct{}{}:
		default:
		}
	}
}

var _ progress.Store = (*Store)(nil)

// Open opens (creating if needed) the progress database in dir, or in the
// private subfolder progress.UseDataDir chooses when other users may open
// dir (Path and Status say where). It never
// fails for a damaged, foreign, read-only or unreachable database: the store
// then runs read-only or in memory and Status says why. It fails only for
// unusable arguments.
func Open(dir string, opts ...Option) (*Store, error) {
	o := options{sync: SyncFull, clock: time.Now, backupEvery: 24 * time.Hour, backupKeep: 5}
	for _, f := range opts {
		f(&o)
	}
	if o.sync != SyncFull && o.sync != SyncNormal {
		return nil, fmt.Errorf("open progress store: unknown synchronous setting %q", o.sync)
	}
	if o.backupKeep < 1 {
		o.backupKeep = 1
	}
	if dir == "" {
		return nil, errors.New("open progress store: no data folder given")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open progress store: %w", err)
	}
	s := &Store{dir: dir, path: filepath.Join(dir, FileName), opts: o}
	s.status.Path = s.path
	s.open()
	if !s.readOnly {
		s.ckpt, s.stop = make(chan struct{}, 1), make(chan struct{})
		s.bg.Add(1)
		go s.checkpointer()
	}
	if !s.readOnly && o.backupEvery > 0 {
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			_ = s.scheduledBackup(context.Background())
		}()
	}
	return s, nil
}

// open runs the decision chain; it always leaves s.db usable.
func (s *Store) open() {
	if s.opts.forceReadOnly != "" {
		s.openReadOnly(s.opts.forceReadOnly)
		return
	}
	use, err := progress.UseDataDir(s.dir)
	if err == nil && use != s.dir {
		// A folder other users may open: progress lives in a private
		// subfolder of it.
		s.dir, s.path = use, filepath.Join(use, FileName)
		s.status.Path = s.path
	}
	if err != nil {
		// err is a *progress.DataDirError: what is wrong and how to fix it.
		s.folderErr = err
		if _, serr := os.Stat(s.path); serr == nil {
			// The folder will not be used as it is, but the database in it
			// may still be read.
			s.openReadOnly(err.Error())
			return
		}
		s.openMemory(err.Error())
		return
	}
	cleanTemp(filepath.Join(s.dir, backupDir))

	fi, err := os.Lstat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// A -wal or -shm with no database beside it holds pages no new
		// database can use, and SQLite would delete them: keep them aside.
		if aside, err := moveAsideSidecars(s.path, s.opts.clock()); err != nil {
			s.openMemory(fmt.Sprintf("%s has a -wal or -shm file but no database, and it cannot be moved aside (%v)", s.path, err))
			return
		} else if aside != "" {
			s.status.MovedAside = aside
		}
		if err := createFile(s.path); err != nil {
			s.openMemory(fmt.Sprintf("cannot create %s (%v)", s.path, err))
			return
		}
	case err != nil:
		s.openMemory(fmt.Sprintf("cannot read %s (%v)", s.path, err))
		return
	default:
		if !fi.Mode().IsRegular() {
			s.moveAsideAndStartFresh("it is not a regular file")
			return
		}
		for _, p := range []string{s.path, s.path + "-wal", s.path + "-shm"} {
			_ = progress.TightenFile(p)
		}
		verdict, reason, err := inspect(s.path, s.opts.latestMigration())
		if verdict == verdictEmpty && creating(s.path) {
			// A creation was interrupted (killed before the first migration
			// committed) or is running in another instance: finish it.
			verdict = verdictOK
		}
		switch verdict {
		case verdictDamaged, verdictEmpty:
			s.moveAsideAndStartFresh(reason)
			return
		case verdictNewer:
			s.openReadOnly(reason)
			return
		case verdictUnreadable:
			// Often a folder or file this user may read but not write (a
			// WAL database needs its -shm file): show the progress
			// read-only, and fall back to memory only if even that fails.
			s.openReadOnly(fmt.Sprintf("%s cannot be written (%s)", s.path, plainErr(err)))
			return
		}
	}
	s.openWritable()
}

// openWritable opens the database for writing, checks the pragmas and
// applies the migrations; on failure it falls back to read-only.
func (s *Store) openWritable() {
	db, err := sql.Open("sqlite", dsn(s.path, s.opts.sync, false, false))
	if err == nil {
		err = checkPragmas(db, s.opts.sync)
	}
	if err == nil {
		err = s.migrate(db)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if isDamage(err) {
			s.moveAsideAndStartFresh(err.Error())
			return
		}
		s.openReadOnly(fmt.Sprintf("%s cannot be written (%v)", s.path, plainErr(err)))
		return
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	s.db = db
	doneCreating(s.path)
}

// openReadOnly opens the existing database read-only, or in memory if even
// that fails. Every write will return progress.ErrNotSaved.
func (s *Store) openReadOnly(reason string) {
	s.readOnly = true
	s.status.ReadOnly = true
	s.status.Reason = reason + "; progress is shown but new answers are NOT being saved"
	for _, immutable := range []bool{false, true} {
		db, err := sql.Open("sqlite", dsn(s.path, s.opts.sync, true, immutable))
		if err == nil {
			err = checkReadable(db)
		}
		if err == nil {
			s.db = db
			return
		}
		if db != nil {
			db.Close()
		}
	}
	s.openMemory(reason)
}

// openMemory gives an empty in-memory store so the app still runs.
func (s *Store) openMemory(reason string) {
	s.readOnly = true
	s.status.ReadOnly = true
	s.status.Reason = reason + "; answers are NOT being saved"
	db, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(1)")
	if err == nil {
		db.SetMaxOpenConns(1) // each connection would be its own database
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
		err = s.migrate(db)
	}
	if err != nil {
		// Cannot happen short of running out of memory; keep a handle anyway
		// so reads return errors rather than panicking.
		s.status.Reason += fmt.Sprintf(" (in-memory store failed: %v)", err)
	}
	s.db = db
}

// moveAsideAndStartFresh renames the damaged file and its sidecars aside and
// starts a new database, offering the newest good backup.
func (s *Store) moveAsideAndStartFresh(reason string) {
	aside, err := moveAside(s.path, "damaged", s.opts.clock())
	if err != nil {
		s.openMemory(fmt.Sprintf("%s is damaged (%s) and cannot be moved aside (%v)", s.path, reason, err))
		return
	}
	s.status.MovedAside = aside
	if b, err := NewestGoodBackup(s.dir); err == nil {
		s.status.Backup = b
	}
	if err := createFile(s.path); err != nil {
		s.openMemory(fmt.Sprintf("cannot create %s (%v)", s.path, err))
		return
	}
	s.openWritable()
}

// dsn builds the connection string. Pragmas must be given in the
// _pragma=name(value) form: this driver ignores anything else, and a PRAGMA
// sent with Exec would set only one pooled connection.
func dsn(path string, sync Synchronous, readOnly, immutable bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(busyTimeoutMS)+")")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Set("mode", "ro")
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous("+string(sync)+")")
		q.Add("_pragma", "secure_delete(1)")
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	return u.String()
}

// checkPragmas verifies that the connection-string pragmas took effect.
func checkPragmas(db *sql.DB, sync Synchronous) error {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	var mode string
	var syncN, busy, fk, autoCkpt int
	for _, p := range []struct {
		q   string
		dst any
	}{
		{"PRAGMA journal_mode", &mode},
		{"PRAGMA synchronous", &syncN},
		{"PRAGMA busy_timeout", &busy},
		{"PRAGMA foreign_keys", &fk},
		{"PRAGMA wal_autocheckpoint", &autoCkpt},
	} {
		if err := conn.QueryRowContext(ctx, p.q).Scan(p.dst); err != nil {
			return fmt.Errorf("%s: %w", p.q, err)
		}
	}
	wantSync := map[Synchronous]int{SyncNormal: 1, SyncFull: 2}[sync]
	switch {
	case !strings.EqualFold(mode, "wal"):
		return fmt.Errorf("journal_mode is %q, not wal", mode)
	case syncN != wantSync:
		return fmt.Errorf("synchronous is %d, not %d", syncN, wantSync)
	case busy != busyTimeoutMS:
		return fmt.Errorf("busy_timeout is %d, not %d", busy, busyTimeoutMS)
	case fk != 1:
		return errors.New("foreign_keys is off")
	case autoCkpt != 0:
		return fmt.Errorf("wal_autocheckpoint is %d, not 0", autoCkpt)
	}
	return nil
}

// checkReadable confirms a read-only handle can read a frontline database.
func checkReadable(db *sql.DB) error {
	var id int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return err
	}
	if id != ApplicationID {
		return errors.New("not a frontline database")
	}
	return nil
}

type verdict int

const (
	verdictOK verdict = iota
	verdictDamaged
	verdictEmpty // a valid SQLite file with nothing in it (such as 0 bytes)
	verdictNewer
	verdictUnreadable
)

// inspect looks at an existing file through a read-only connection, so a
// foreign file is never modified (not even switched to WAL): the
// application id, the schema version and PRAGMA quick_check.
func inspect(path string, latest int) (verdict, string, error) {
	db, err := sql.Open("sqlite", dsn(path, SyncFull, true, false))
	if err != nil {
		return verdictUnreadable, "", err
	}
	defer db.Close()
	var appID, version int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		if isDamage(err) {
			return verdictDamaged, "it is not a readable SQLite database", nil
		}
		return verdictUnreadable, "", err
	}
	if appID != ApplicationID {
		var tables int
		_ = db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables)
		if tables == 0 {
			return verdictEmpty, "it is empty (no frontline data in it)", nil
		}
		return verdictDamaged, "it is not a frontline database", nil
	}
	if err := quickCheck(db); err != nil {
		if isDamage(err) || errors.Is(err, errCheckFailed) {
			return verdictDamaged, "it failed the integrity check: " + err.Error(), nil
		}
		return verdictUnreadable, "", err
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return verdictUnreadable, "", err
	}
	if version > int64(latest) {
		return verdictNewer, fmt.Sprintf("%s was written by a newer frontline (schema %d, this one knows %d)", path, version, latest), nil
	}
	return verdictOK, "", nil
}

var errCheckFailed = errors.New("integrity check failed")

// quickCheck runs PRAGMA quick_check and returns errCheckFailed with the
// first problem when it does not say "ok".
func quickCheck(db *sql.DB) error { return check(db, "PRAGMA quick_check") }

func check(db *sql.DB, pragma string) error {
	rows, err := db.Query(pragma)
	if err != nil {
		return err
	}
	defer rows.Close()
	var first string
	n := 0
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if n == 0 {
			first = line
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n == 1 && first == "ok" {
		return nil
	}
	return fmt.Errorf("%w: %s", errCheckFailed, first)
}

// isDamage reports whether err says the file is not a usable database (as
// opposed to being unreadable, locked or on a full disk).
func isDamage(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

// plainErr says in words why the driver failed, for messages; it is never
// empty (an extended result code has no text of its own).
func plainErr(err error) string {
	if err == nil {
		return "no reason given"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY:
			return "it is read-only for this user: the folder or the file cannot be written"
		case sqlite3.SQLITE_CANTOPEN:
			return "it cannot be opened: check that the folder and the file can be read and written by this user"
		case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return "permission denied"
		case sqlite3.SQLITE_FULL:
			return "the disk is full"
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return "another program holds it locked"
		case sqlite3.SQLITE_IOERR:
			return "the disk reported an input/output error"
		}
		for _, c := range []int{se.Code(), se.Code() & 0xff} {
			if t := sqlite.ErrorCodeString[c]; t != "" {
				return t
			}
		}
	}
	if t := err.Error(); t != "" {
		return t
	}
	return fmt.Sprintf("error %T", err)
}

// precreate makes an empty database file with mode 0600 before the driver
// first opens it, so the database and its -wal and -shm files are private
// whatever the umask. It is the only place this package opens the database
// path without the driver, and it does so only when the file does not exist
// (O_EXCL), so no SQLite lock can be affected.
func precreate(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return progress.TightenFile(path)
}

// createFile makes the empty database file for a new store. The creation
// marker says, until the first migration has committed, that an empty file
// here is a database being created, not a damaged one, so a kill during
// creation is finished at the next start instead of being moved aside.
// Another instance starting at the same moment may create the file first;
// then both migrate it, one after the other.
func createFile(path string) error {
	if err := markCreating(path); err != nil {
		return err
	}
	if err := precreate(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// creatingSuffix names the marker that stands beside a database from just
// before its file is created until its first migration has committed.
const creatingSuffix = ".creating"

// markCreating writes the creation marker for the database at path. It
// opens the marker, never the database.
func markCreating(path string) error {
	if err := os.WriteFile(path+creatingSuffix, nil, 0o600); err != nil {
		return fmt.Errorf("mark %s as being created: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// creating reports whether the database at path is being created (or its
// creation was interrupted).
func creating(path string) bool {
	_, err := os.Lstat(path + creatingSuffix)
	return err == nil
}

// doneCreating removes the creation marker once the schema is in place.
func doneCreating(path string) {
	if err := os.Remove(path + creatingSuffix); err == nil {
		syncDir(filepath.Dir(path))
	}
}

// moveAside renames path and its -wal and -shm files to
// path.<label>-<timestamp> (plus the same suffixes), never overwriting.
func moveAside(path, label string, now time.Time) (string, error) {
	stamp := now.UTC().Format("20060102T150405Z")
	base := fmt.Sprintf("%s.%s-%s", path, label, stamp)
	target := base
	for i := 1; ; i++ {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			break
		}
		target = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, target); err != nil {
		return "", fmt.Errorf("move %s aside: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, target+suffix); err != nil {
				return target, fmt.Errorf("move %s aside: %w", path+suffix, err)
			}
		}
	}
	return target, nil
}

// moveAsideSidecars renames a -wal and a -shm that stand at path with no
// database beside them to path.damaged-<timestamp>-wal (and -shm), never
// overwriting. It returns the new name of the -wal (or of the -shm if there
// is no -wal), or "" when there was nothing to move.
func moveAsideSidecars(path string, now time.Time) (string, error) {
	var found []string
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			found = append(found, suffix)
		}
	}
	if len(found) == 0 {
		return "", nil
	}
	stamp := now.UTC().Format("20060102T150405Z")
	base := fmt.Sprintf("%s.damaged-%s", path, stamp)
	target := base
	for i := 1; ; i++ {
		free := true
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Lstat(target + suffix); err == nil {
				free = false
			}
		}
		if free {
			break
		}
		target = fmt.Sprintf("%s-%d", base, i)
	}
	var first string
	for _, suffix := range found {
		if err := os.Rename(path+suffix, target+suffix); err != nil {
			return first, fmt.Errorf("move %s aside: %w", path+suffix, err)
		}
		if first == "" {
			first = target + suffix
		}
	}
	syncDir(filepath.Dir(path))
	return first, nil
}

type migration struct {
	version int
	name    string
	body    string // SQL; empty for embedded files, read when applied
}

// migrations lists the embedded migrations in order; file names start with
// their version number (001_init.sql).
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a version number", e.Name())
		}
		out = append(out, migration{version: v, name: e.Name()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return out, nil
}

// migrationList is the embedded migrations followed by the options'
// test-only extras, numbered on from the last embedded one.
func (o *options) migrationList() ([]migration, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	for i, body := range o.testMigrations {
		v := len(ms) + 1
		ms = append(ms, migration{version: v, name: fmt.Sprintf("test migration %d", i+1), body: body})
	}
	return ms, nil
}

// latestMigration is the schema version this build (with these options)
// writes.
func (o *options) latestMigration() int {
	ms, err := o.migrationList()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// latestMigration is the newest embedded schema version.
func latestMigration() int { return (&options{}).latestMigration() }

// migrate applies every migration newer than user_version, and stamps the
// application id, in one immediate transaction: the schema is wholly old or
// wholly new.
func migrate(db *sql.DB, ms []migration) error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()
	var version, appID int64
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("read application id: %w", err)
	}
	if appID != ApplicationID && version != 0 {
		return fmt.Errorf("application id is %#x, not frontline's", appID)
	}
	if version > int64(len(ms)) {
		return fmt.Errorf("schema version %d is newer than this frontline knows (%d)", version, len(ms))
	}
	if version == int64(len(ms)) && appID == ApplicationID {
		return tx.Commit()
	}
	for _, m := range ms[version:] {
		body := m.body
		if body == "" {
			b, err := migrationFS.ReadFile("migrations/" + m.name)
			if err != nil {
				return err
			}
			body = string(b)
		}
		if _, err := tx.ExecContext(ctx, body); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if step := goSteps[m.name]; step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
		return fmt.Errorf("set schema version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return fmt.Errorf("set application id: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration: %w", err)
	}
	return nil
}

// goSteps are the parts of migrations that SQL cannot do, run right after
// the migration's SQL in the same transaction.
var goSteps = map[string]func(ctx context.Context, tx *sql.Tx) error{
	"004_profile_name_keys.sql": fillNameKeys,
}

// fillNameKeys sets every profile's name_key to its name's skeleton.
func fillNameKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM profiles`)
	if err != nil {
		return err
	}
	type row struct {
		id   int64
		name string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE profiles SET name_key = ? WHERE id = ?`, textsafe.Skeleton(r.name), r.id); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies the store's migrations to db.
func (s *Store) migrate(db *sql.DB) error {
	ms, err := s.opts.migrationList()
	if err != nil {
		return err
	}
	return migrate(db, ms)
}

// Status reports the store's health for the UI banner.
func (s *Store) Status() progress.Status { return s.status }

// FolderErr returns, when the data folder cannot be used (a file in its
// place, a folder other users may open, a folder that cannot be created), a
// *progress.DataDirError saying what is wrong and how to fix it, ready to
// print; nil otherwise. The store then runs read-only or in memory and
// Status().Reason holds the same text.
func (s *Store) FolderErr() error { return s.folderErr }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close waits for a running backup, stops the checkpointer and closes the
// database (the last connection to close checkpoints the WAL).
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		if s.stop != nil {
			close(s.stop)
		}
	})
	s.bg.Wait()
	if s.db == nil {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close progress store: %w", err)
	}
	return nil
}
