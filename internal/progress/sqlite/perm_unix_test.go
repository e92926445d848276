//go:build unix

package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"frontline/internal/progress"
)

func TestPermissionsUnderUmask(t *testing.T) {
	for _, mask := range []int{0o000, 0o022, 0o077} {
		old := syscall.Umask(mask)
		dir := filepath.Join(privateDir(t), "data")
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

// TestLooseFileModesAreTightened: in a private folder, a database file
// made 0644 by another tool is made 0600 again (frontline's own file).
func TestLooseFileModesAreTightened(t *testing.T) {
	dir, _ := makeStore(t)
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	if s.Status().MovedAside != "" || s.Status().ReadOnly {
		t.Fatalf("status = %+v", s.Status())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("%s is %v, want 0600", path, fi.Mode().Perm())
	}
}

// TestLooseFolderWithProgressIsNotChanged (review F8): a data folder that
// holds progress and that other users may open is never changed: the store
// shows the progress read-only and says how to fix the folder.
func TestLooseFolderWithProgressIsNotChanged(t *testing.T) {
	dir, _ := makeStore(t)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	st := s.Status()
	var de *progress.DataDirError
	if !st.ReadOnly || !errors.As(s.FolderErr(), &de) || !strings.Contains(st.Reason, "chmod 700 "+dir) {
		t.Fatalf("status = %+v, folder error %v", st, s.FolderErr())
	}
	if _, err := s.ProfileByName(bg(), "Ana"); err != nil {
		t.Errorf("the progress is not shown: %v", err)
	}
	checkAllWritesRefused(t, s, 1)
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
		t.Errorf("the folder was changed to %v", fi.Mode().Perm())
	}
}

// TestSharedFolderGetsPrivateSubfolder (review F8): --data naming a team
// folder (mode 3775), directly or through a symbolic link, leaves it as it
// is and keeps progress in a private subfolder.
func TestSharedFolderGetsPrivateSubfolder(t *testing.T) {
	base := privateDir(t)
	shared := filepath.Join(base, "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o775|os.ModeSetgid|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "team-notes.txt"), []byte("team file\n"), 0o664); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "linkdata")
	if err := os.Symlink(shared, link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{link, shared} {
		s := openT(t, dir)
		st := s.Status()
		if st.ReadOnly || s.FolderErr() != nil {
			t.Fatalf("%s: status = %+v", dir, st)
		}
		if want := filepath.Join(dir, progress.PrivateSubdir, FileName); st.Path != want || s.Path() != want {
			t.Errorf("%s: database at %s, want %s", dir, st.Path, want)
		}
		mustProfile(t, s, "Ana"+filepath.Base(dir))
		s.Close()
	}
	fi, _ := os.Stat(shared)
	if fi.Mode().Perm() != 0o775 || fi.Mode()&os.ModeSetgid == 0 || fi.Mode()&os.ModeSticky == 0 {
		t.Errorf("the shared folder was changed: %v", fi.Mode())
	}
	if fi, _ := os.Stat(filepath.Join(shared, progress.PrivateSubdir)); fi.Mode().Perm() != 0o700 {
		t.Errorf("the subfolder is %v, want 0700", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(filepath.Join(shared, "team-notes.txt")); string(b) != "team file\n" {
		t.Errorf("the team's file changed: %q", b)
	}
	// Both opened the same database.
	s := openT(t, shared)
	if ps, _ := s.Profiles(bg()); len(ps) != 2 {
		t.Errorf("profiles = %v", ps)
	}
}

// TestDataFolderIsAFile (review F13): a file where the data folder should
// be runs the store in memory and says what is wrong and how to fix it.
func TestDataFolderIsAFile(t *testing.T) {
	path := filepath.Join(privateDir(t), "data")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := openT(t, path)
	var de *progress.DataDirError
	if !errors.As(s.FolderErr(), &de) {
		t.Fatalf("folder error = %v", s.FolderErr())
	}
	for _, want := range []string{"the data folder " + path + " is a file, not a folder", "move that file away", "--data"} {
		if !strings.Contains(s.FolderErr().Error(), want) || !strings.Contains(s.Status().Reason, want) {
			t.Errorf("message does not say %q: %v / %q", want, s.FolderErr(), s.Status().Reason)
		}
	}
	checkAllWritesRefused(t, s, 0)
}
