package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func temps(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, TempPattern))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(path, 0o600, func(w io.Writer) error {
		// While writing, the data goes to a private temp file beside the
		// target, and the target still holds the old content.
		tmp := temps(t, dir)
		if len(tmp) != 1 || !strings.HasPrefix(filepath.Base(tmp[0]), TempPrefix("out.csv")) {
			t.Errorf("temp files while writing = %v", tmp)
		} else if runtime.GOOS != "windows" {
			if fi, err := os.Stat(tmp[0]); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("temp file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
			}
		}
		if got := readFile(t, path); got != "old" {
			t.Errorf("target while writing = %q", got)
		}
		_, err := io.WriteString(w, "new content")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new content" {
		t.Errorf("after Write: %q", got)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600 (the old file was 0644)", fi.Mode().Perm())
		}
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}

	// perm is applied whatever the umask.
	pub := filepath.Join(dir, "public.txt")
	if err := Write(pub, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(pub); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}
}

func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, 0o600, func(w io.Writer) error {
		// More than the buffer, so part of it reaches the temp file.
		if _, err := w.Write(make([]byte, 200<<10)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want boom naming the path", err)
	}
	if got := readFile(t, path); got != "old" {
		t.Errorf("target after a failed write = %q", got)
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
	// A folder that does not exist.
	if err := Write(filepath.Join(dir, "missing", "x"), 0o600, func(io.Writer) error { return nil }); err == nil {
		t.Error("Write into a missing folder succeeded")
	}
	// A folder as the target: the rename fails and the temp goes.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "keep"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "sub"), 0o600, func(io.Writer) error { return nil }); err == nil {
		t.Error("Write over a non-empty folder succeeded")
	}
	if left := temps(t, dir); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestCleanRemovesOnlyDeadWritersTemps(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if age > 0 {
			old := time.Now().Add(-age)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	ppid := os.Getppid() // running: it started this test
	deadTemp := mk(".a.csv."+strconv.Itoa(dead)+"-123.tmp", 0)
	mine := mk(".b.csv."+strconv.Itoa(os.Getpid())+"-456.tmp", 0)
	live := mk(".c.csv."+strconv.Itoa(ppid)+"-789.tmp", 0)
	oldLive := mk(".d.csv."+strconv.Itoa(ppid)+"-1.tmp", 2*time.Hour)
	others := []string{
		mk(".notes.tmp", 2*time.Hour),
		mk(".e.csv."+strconv.Itoa(dead)+"-abc.tmp", 0),
		mk("data.csv", 0),
		mk(".f.csv.x-1.tmp", 2*time.Hour),
	}
	removed, err := Clean(dir, TempPattern)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{deadTemp: true, oldLive: true}
	if processRunning(dead) {
		delete(want, deadTemp) // the id was reused at once: only age can tell
	}
	if len(removed) != len(want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	for _, r := range removed {
		if !want[r] {
			t.Errorf("removed %s", r)
		}
	}
	for _, keep := range append([]string{mine, live}, others...) {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s should be kept: %v", filepath.Base(keep), err)
		}
	}
	if _, err := Clean(filepath.Join(dir, "["), TempPattern); err == nil {
		t.Error("Clean with a bad pattern did not fail")
	}
}

func TestWriterPID(t *testing.T) {
	for name, want := range map[string]int{
		".x.csv.42-7.tmp":       42,
		".a.b.c.9-0123.tmp":     9,
		"..42-7.tmp":            42,
		"x.csv.42-7.tmp":        0,
		".x.csv.42.tmp":         0,
		".x.csv.-7-1.tmp":       0,
		".x.csv.42-7.tmp.extra": 0,
		".42-7.tmp":             0,
	} {
		got, ok := writerPID(name)
		if got != want || ok != (want != 0) {
			t.Errorf("writerPID(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
}

// TestWriteRefusesNonRegularTargets (review F9): -o naming a device, a
// FIFO, a symbolic link or a folder is refused and the target is left as
// it was; nothing is written.
func TestWriteRefusesNonRegularTargets(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file types")
	}
	dir := t.TempDir()
	targets := map[string]func(p string) error{
		"fifo":    func(p string) error { return mkfifo(p) },
		"symlink": func(p string) error { return os.Symlink("/proc/self/fd/1", p) },
		"folder":  func(p string) error { return os.Mkdir(p, 0o700) },
		"dangling symlink": func(p string) error {
			return os.Symlink(filepath.Join(dir, "nowhere"), p)
		},
	}
	if os.Geteuid() == 0 {
		targets["null"] = func(p string) error { return mknodNull(p) }
	}
	for name, make := range targets {
		path := filepath.Join(dir, name)
		if err := make(path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		before, _ := os.Lstat(path)
		err := Write(path, 0o600, func(w io.Writer) error {
			_, err := io.WriteString(w, "export")
			return err
		})
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "it is a") {
			t.Errorf("%s: %v, want ErrNotRegular saying what it is", name, err)
		}
		after, _ := os.Lstat(path)
		if before.Mode() != after.Mode() {
			t.Errorf("%s: changed from %v to %v", name, before.Mode(), after.Mode())
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("a file was written through the dangling link")
	}
	if m := temps(t, dir); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	// A new name and an ordinary file are fine.
	for _, name := range []string{"new.csv", "fifo-neighbour.csv"} {
		if err := Write(filepath.Join(dir, name), 0o600, func(w io.Writer) error { return nil }); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
