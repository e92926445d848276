//go:build unix

package sqlite

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"frontline/internal/progress"
)

func TestPermissionsUnderUmask(t *testing.T) {
	for _, mask := range []int{0o000, 0o022, 0o077} {
		old := syscall.Umask(mask)
		dir := filepath.Join(t.TempDir(), "data")
		s, err := Open(dir, noBackups())
		if err != nil {
			syscall.Umask(old)
			t.Fatal(err)
		}
		p := mustProfile(t, s, "Ana")
		mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "q"})
		b, err := s.Backup(bg())
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]os.FileMode{
			dir: 0o700, filepath.Join(dir, FileName): 0o600, filepath.Join(dir, FileName+"-wal"): 0o600,
			filepath.Join(dir, FileName+"-shm"): 0o600, filepath.Join(dir, backupDir): 0o700, b: 0o600,
		}
		for path, mode := range want {
			fi, err := os.Stat(path)
			if err != nil {
				t.Errorf("umask %03o: %v", mask, err)
				continue
			}
			if fi.Mode().Perm() != mode {
				t.Errorf("umask %03o: %s is %v, want %v", mask, filepath.Base(path), fi.Mode().Perm(), mode)
			}
		}
		s.Close()
		syscall.Umask(old)
	}
}

func TestLooseModesAreTightened(t *testing.T) {
	dir, _ := makeStore(t)
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	if s.Status().MovedAside != "" {
		t.Fatalf("status = %+v", s.Status())
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", path, fi.Mode().Perm(), want)
		}
	}
}
