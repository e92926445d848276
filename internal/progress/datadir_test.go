package progress

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDefaultDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/ana", nil }
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", nil, "/home/ana/.local/share/frontline"},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data"}, "/data/frontline"},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, "/home/ana/.local/share/frontline"},
		{"freebsd", nil, "/home/ana/.local/share/frontline"},
		{"darwin", nil, "/home/ana/Library/Application Support/frontline"},
		{"windows", map[string]string{"AppData": `C:\Users\ana\AppData\Roaming`}, filepath.Join(`C:\Users\ana\AppData\Roaming`, "frontline")},
	}
	for _, c := range cases {
		got, err := defaultDataDir(c.goos, env(c.env), home)
		if err != nil || got != filepath.FromSlash(c.want) && got != c.want {
			t.Errorf("%s %v: got %q, %v; want %q", c.goos, c.env, got, err, c.want)
		}
	}
	if _, err := defaultDataDir("windows", env(nil), home); err == nil {
		t.Error("windows without AppData: no error")
	}
	if _, err := defaultDataDir("linux", env(nil), func() (string, error) { return "", errors.New("no home") }); err == nil {
		t.Error("linux without home: no error")
	}
}

func TestDataDirOverrides(t *testing.T) {
	t.Setenv(DataDirEnv, "/from/env")
	if got, _ := DataDir("/from/flag"); got != filepath.Clean("/from/flag") {
		t.Errorf("flag: %q", got)
	}
	if got, _ := DataDir(""); got != filepath.Clean("/from/env") {
		t.Errorf("env: %q", got)
	}
	t.Setenv(DataDirEnv, "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if runtime.GOOS == "linux" {
		if got, _ := DataDir(""); got != "/xdg/frontline" {
			t.Errorf("default: %q", got)
		}
	}
}

func TestEnsureDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	base := t.TempDir()
	dir := filepath.Join(base, "a", "frontline")
	if err := EnsureDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("new dir mode %v", fi.Mode().Perm())
	}
	if err := EnsureDir(dir); err != nil {
		t.Errorf("a private folder is refused: %v", err)
	}

	// A folder frontline did not create is never changed (review F8): a
	// team folder with setgid and sticky bits, named directly or through a
	// symbolic link, is refused with a message saying how to fix it.
	shared := filepath.Join(base, "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o775|os.ModeSetgid|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "linkdata")
	if err := os.Symlink(shared, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{shared, link} {
		err := EnsureDir(p)
		var de *DataDirError
		if !errors.As(err, &de) {
			t.Fatalf("%s: %v, want a DataDirError", p, err)
		}
		for _, want := range []string{"mode 3775", "chmod 700 " + p, "--data"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: message %q does not say %q", p, err, want)
			}
		}
		if CheckDataDir(p) == nil {
			t.Errorf("CheckDataDir(%s) accepts a loose folder", p)
		}
	}
	fi, _ := os.Stat(shared)
	if fi.Mode().Perm() != 0o775 || fi.Mode()&os.ModeSetgid == 0 || fi.Mode()&os.ModeSticky == 0 {
		t.Errorf("the shared folder was changed: %v", fi.Mode())
	}

	f := filepath.Join(dir, "f")
	os.WriteFile(f, nil, 0o644)
	os.Chmod(f, 0o664)
	if err := TightenFile(f); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(f); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", fi.Mode().Perm())
	}
	if err := TightenFile(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("missing file: %v", err)
	}
	err := EnsureDir(f)
	var de *DataDirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("EnsureDir on a file: %v", err)
	}
	if err := CheckDataDir(filepath.Join(base, "not-yet")); err != nil {
		t.Errorf("a missing folder is refused: %v", err)
	}
}
