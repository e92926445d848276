//go:build unix

package sqlite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontline/internal/progress"
)

// Environment switches for the -wal/-shm tests (bad input #26).
const (
	walChildEnv  = "FRONTLINE_WAL_CHILD"  // data folder; the child writes and waits to be killed
	openChildEnv = "FRONTLINE_OPEN_CHILD" // data folder; the child opens, reports and exits
)

// walAnswers is how many answers the killed writer leaves in the WAL; fewer
// than checkpointEvery, so none has been copied into the database file.
const walAnswers = checkpointEvery - 4

// TestWALChild records walAnswers answers, says so and waits to be killed,
// leaving every one of them in the -wal file only.
func TestWALChild(t *testing.T) {
	dir := os.Getenv(walChildEnv)
	if dir == "" {
		t.Skip("runs only as a child")
	}
	s, err := Open(dir, noBackups())
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	p, err := s.ProfileByName(bg(), "Ana")
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	for i := range walAnswers {
		if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q" + strconv.Itoa(i)}); err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
	}
	fmt.Println("WRITTEN")
	_, _ = io.Copy(io.Discard, os.Stdin) // until killed
	os.Exit(0)
}

// openReport is what TestOpenChild prints.
type openReport struct {
	Status  progress.Status
	Answers int
	ReadErr string
	Write   string // "saved" or the error
}

// TestOpenChild opens the store, counts the answers, tries one write and
// prints an openReport as JSON.
func TestOpenChild(t *testing.T) {
	dir := os.Getenv(openChildEnv)
	if dir == "" {
		t.Skip("runs only as a child")
	}
	var r openReport
	s, err := Open(dir, noBackups())
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	r.Status = s.Status()
	if p, err := s.ProfileByName(bg(), "Ana"); err != nil {
		r.ReadErr = err.Error()
	} else if all, err := s.Answers(bg(), p.ID); err != nil {
		r.ReadErr = err.Error()
	} else {
		r.Answers = len(all)
		r.Write = "saved"
		if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "late"}); err != nil {
			r.Write = err.Error()
		}
	}
	_ = s.Close()
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	os.Exit(0)
}

// killedWriter leaves dir with walAnswers answers in a -wal file and its
// -shm, as a killed instance does.
func killedWriter(t *testing.T, dir string) {
	t.Helper()
	s := openT(t, dir)
	mustProfile(t, s, "Ana")
	s.Close()
	c := startChild(t, "TestWALChild", walChildEnv+"="+dir)
	select {
	case l := <-c.lines:
		if l != "WRITTEN" {
			t.Fatalf("writer: %s", l)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the writer did not finish")
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	c.wait()
	path := filepath.Join(dir, FileName)
	if fileSize(path+"-wal") == 0 {
		t.Fatal("no -wal file after the kill")
	}
	if _, err := os.Stat(path + "-shm"); err != nil {
		t.Fatalf("no -shm file after the kill: %v", err)
	}
}

// runOpenChild opens dir in a child process, as user uid when uid >= 0
// (the test binary is copied where that user can run it).
func runOpenChild(t *testing.T, dir string, uid int) openReport {
	t.Helper()
	bin := os.Args[0]
	if uid >= 0 {
		bin = filepath.Join(filepath.Dir(dir), "sqlite.test")
		src, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, src, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestOpenChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), openChildEnv+"="+dir, "HOME="+filepath.Dir(dir))
	if uid >= 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("open child: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "{") {
			var r openReport
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			return r
		}
	}
	t.Fatalf("open child said:\n%s", out)
	return openReport{}
}

// TestWALWithoutSHM (#26): a killed instance left its answers in the -wal
// file and the -shm is gone. SQLite rebuilds the index from the WAL: the
// store opens normally with every answer.
func TestWALWithoutSHM(t *testing.T) {
	if os.Getenv(openChildEnv) != "" || os.Getenv(walChildEnv) != "" {
		t.Skip("child")
	}
	dir := privateDir(t)
	killedWriter(t, dir)
	if err := os.Remove(filepath.Join(dir, FileName+"-shm")); err != nil {
		t.Fatal(err)
	}
	r := runOpenChild(t, dir, -1)
	if r.Status.ReadOnly || r.Status.MovedAside != "" || r.Answers != walAnswers || r.Write != "saved" {
		t.Fatalf("opened without -shm: %+v, want writable with %d answers", r, walAnswers)
	}
	s := openT(t, dir)
	if err := check(s.db, "PRAGMA integrity_check"); err != nil {
		t.Fatal(err)
	}
}

// TestWALWithReadOnlySHM (#26): the -wal holds answers and the -shm cannot
// be written by this user. The store must either recover or run read-only
// with a reason; it must not move the file aside or claim a write was
// saved; and once the -shm is writable again, every answer is there.
func TestWALWithReadOnlySHM(t *testing.T) {
	if os.Getenv(openChildEnv) != "" || os.Getenv(walChildEnv) != "" {
		t.Skip("child")
	}
	uid := -1
	var dir string
	if os.Geteuid() == 0 {
		// Root ignores file modes: open as nobody, in a folder nobody owns,
		// with the -shm left root's.
		uid = 65534
		top, err := os.MkdirTemp("", "frontline-shm-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(top) })
		if err := os.Chmod(top, 0o755); err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(top, "data")
	} else {
		dir = filepath.Join(privateDir(t), "data")
	}
	killedWriter(t, dir)
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(path+"-shm", 0o444); err != nil {
		t.Fatal(err)
	}
	if uid >= 0 {
		for _, p := range []string{dir, path, path + "-wal"} {
			if err := os.Chown(p, uid, uid); err != nil {
				t.Skipf("cannot give the files to uid %d: %v", uid, err)
			}
		}
	}
	r := runOpenChild(t, dir, uid)
	t.Logf("read-only -shm: read-only=%v answers=%d write=%q reason=%q", r.Status.ReadOnly, r.Answers, r.Write, r.Status.Reason)
	if r.Status.MovedAside != "" {
		t.Fatalf("the database was moved aside: %+v", r.Status)
	}
	if r.ReadErr != "" {
		t.Fatalf("reads failed: %s", r.ReadErr)
	}
	switch {
	case !r.Status.ReadOnly:
		if r.Answers != walAnswers || r.Write != "saved" {
			t.Errorf("writable but: %+v", r)
		}
	default:
		if r.Status.Reason == "" || r.Write == "saved" || !strings.Contains(r.Write, progress.ErrNotSaved.Error()) {
			t.Errorf("read-only without a reason, or a write claimed saved: %+v", r)
		}
	}
	// Nothing was lost: with the -shm writable again, every answer is there.
	if err := os.Chmod(path+"-shm", 0o600); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	p, err := s.ProfileByName(bg(), "Ana")
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.Answers(bg(), p.ID)
	want := walAnswers
	if r.Write == "saved" {
		want++
	}
	if len(all) != want {
		t.Errorf("after the -shm is fixed: %d answers, want %d", len(all), want)
	}
	if err := check(s.db, "PRAGMA integrity_check"); err != nil {
		t.Fatal(err)
	}
}

// TestWALWithoutDatabaseIsMovedAside (review F10): a -wal holding
// committed answers, with its -shm but no database beside it, is moved
// aside unchanged, never deleted, and a new database starts.
func TestWALWithoutDatabaseIsMovedAside(t *testing.T) {
	if os.Getenv(openChildEnv) != "" || os.Getenv(walChildEnv) != "" {
		t.Skip("child")
	}
	for _, keepSHM := range []bool{true, false} {
		dir := privateDir(t)
		killedWriter(t, dir)
		path := filepath.Join(dir, FileName)
		wal, err := os.ReadFile(path + "-wal")
		if err != nil || len(wal) == 0 {
			t.Fatalf("no WAL to test with: %v", err)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if !keepSHM {
			os.Remove(path + "-shm")
		}
		s := openT(t, dir)
		st := s.Status()
		if st.ReadOnly || !strings.HasPrefix(st.MovedAside, path+".damaged-") || !strings.HasSuffix(st.MovedAside, "-wal") {
			t.Fatalf("status = %+v", st)
		}
		if got, err := os.ReadFile(st.MovedAside); err != nil || !bytes.Equal(got, wal) {
			t.Errorf("the moved WAL differs or is missing: %v", err)
		}
		if _, err := os.Stat(strings.TrimSuffix(st.MovedAside, "-wal") + "-shm"); (err == nil) != keepSHM {
			t.Errorf("-shm moved: %v, want %v", err == nil, keepSHM)
		}
		if ps, _ := s.Profiles(bg()); len(ps) != 0 {
			t.Errorf("the new database has profiles: %v", ps)
		}
		mustProfile(t, s, "Fresh")
	}
}

// TestReadOnlyReasonIsNeverEmpty (review I2): opened by a user who may
// read the folder but not write it, the store says why in words.
func TestReadOnlyReasonIsNeverEmpty(t *testing.T) {
	if os.Getenv(openChildEnv) != "" || os.Getenv(walChildEnv) != "" {
		t.Skip("child")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to hand the files to another user")
	}
	top, err := os.MkdirTemp("", "frontline-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	if err := os.Chmod(top, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(top, "data")
	s := openT(t, dir)
	mustProfile(t, s, "Ana")
	s.Close()
	const nobody = 65534
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if err := os.Chown(filepath.Join(dir, e.Name()), nobody, nobody); err != nil {
			t.Skipf("chown: %v", err)
		}
	}
	if err := os.Chown(dir, nobody, nobody); err != nil {
		t.Skipf("chown: %v", err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	r := runOpenChild(t, dir, nobody)
	t.Logf("reason: %q", r.Status.Reason)
	if !r.Status.ReadOnly || r.Write == "saved" {
		t.Fatalf("a folder that cannot be written opened writable: %+v", r)
	}
	if strings.Contains(r.Status.Reason, "()") || len(r.Status.Reason) < 40 {
		t.Errorf("the reason says nothing: %q", r.Status.Reason)
	}
}
