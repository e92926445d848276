package progress

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
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

func TestEnsureDirAndTighten(t *testing.T) {
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
	os.Chmod(dir, 0o755)
	if err := EnsureDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("loose dir not tightened: %v", fi.Mode().Perm())
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
	if err := EnsureDir(f); err == nil {
		t.Error("EnsureDir accepted a file")
	}
}
