package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// DataDirEnv is the environment variable that overrides the data folder.
const DataDirEnv = "FRONTLINE_DATA"

// appDirName is the folder frontline keeps its data in under the platform's
// data location.
const appDirName = "frontline"

// DataDir returns the folder frontline keeps progress in. A non-empty flag
// value (from --data) wins, then the FRONTLINE_DATA environment variable,
// then the platform's data location: $XDG_DATA_HOME/frontline (default
// ~/.local/share/frontline) on Linux and other Unix systems,
// ~/Library/Application Support/frontline on macOS and %AppData%\frontline
// on Windows. The folder is not created; see EnsureDir.
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(DataDirEnv); env != "" {
		return filepath.Abs(env)
	}
	return defaultDataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

// defaultDataDir picks the platform data location; it takes the OS name and
// lookups as arguments so every platform's rule can be tested anywhere.
func defaultDataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, appDirName), nil
		}
		return "", errors.New("find data folder: %AppData% is not set; use --data or " + DataDirEnv)
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w; use --data or %s", err, DataDirEnv)
		}
		return filepath.Join(h, "Library", "Application Support", appDirName), nil
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, appDirName), nil
		}
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w; use --data or %s", err, DataDirEnv)
		}
		return filepath.Join(h, ".local", "share", appDirName), nil
	}
}

// EnsureDir creates dir (and its parents) with mode 0700 and tightens an
// existing folder whose mode lets anyone but the owner in. It refuses a path
// that exists but is not a folder.
func EnsureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data folder %s: %w", dir, err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("check data folder %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("data folder %s: %w", dir, fs.ErrExist)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, fi.Mode().Perm()&0o700); err != nil {
			return fmt.Errorf("tighten data folder %s to 0700: %w", dir, err)
		}
	}
	return nil
}

// TightenFile removes group and other permissions from an existing file, so
// a file created 0644 by an older tool or a loose umask becomes 0600. A
// missing file is not an error.
func TightenFile(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(path, fi.Mode().Perm()&0o600); err != nil {
		return fmt.Errorf("tighten %s to 0600: %w", path, err)
	}
	return nil
}
