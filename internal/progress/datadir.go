package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// Folder is the folder frontline keeps its files in for the --data value
// flag: DataDir, prepared by UseDataDir (a private subfolder of a folder
// other users may open). The progress store, the issuer key, the trusted
// issuers, the log and the workshop rooms all live there.
func Folder(flag string) (string, error) {
	dir, err := DataDir(flag)
	if err != nil {
		return "", err
	}
	return UseDataDir(dir)
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

// DataDirError says why the data folder cannot be used and how to fix it.
// Its text is meant to be shown to the person as it is.
type DataDirError struct {
	// Dir is the data folder.
	Dir string
	// Problem says what is wrong, after the folder's name ("is a file, not
	// a folder").
	Problem string
	// Fix says what to do about it.
	Fix string
	// Err is the underlying error, if any.
	Err error

	loose bool // the folder exists but other users may open it
}

func (e *DataDirError) Error() string {
	return "the data folder " + e.Dir + " " + e.Problem + "; " + e.Fix
}

func (e *DataDirError) Unwrap() error { return e.Err }

// otherFolder is the fix every data folder problem shares.
const otherFolder = "or choose another folder with --data or " + DataDirEnv + " (frontline creates a new folder private to you)"

// CheckDataDir reports whether dir can hold progress, without changing
// anything: a missing folder is fine (EnsureDir creates it). It returns a
// *DataDirError for a path that is not a folder, or a folder that other
// users may open.
func CheckDataDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &DataDirError{Dir: dir, Problem: fmt.Sprintf("cannot be checked (%v)", err),
			Fix: "make it readable to you, " + otherFolder, Err: err}
	case !fi.IsDir():
		return &DataDirError{Dir: dir, Problem: "is a file, not a folder",
			Fix: "move that file away, " + otherFolder, Err: fs.ErrExist}
	case runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0:
		return &DataDirError{Dir: dir,
			Problem: fmt.Sprintf("can be opened by other users (mode %04o); progress is personal data, kept only in a folder no one else can open, and frontline does not change the mode of a folder it did not create", unixMode(fi.Mode())),
			Fix:     fmt.Sprintf("if the folder is yours alone, run 'chmod 700 %s', %s", dir, otherFolder), loose: true}
	}
	return nil
}

// PrivateSubdir is the folder UseDataDir keeps progress in inside a data
// folder that other users may open.
const PrivateSubdir = "frontline"

// progressFile is the database's name, to recognise a folder already in use.
const progressFile = "progress.db"

// UseDataDir returns the folder progress is kept in for the data folder
// dir (from --data, FRONTLINE_DATA or the platform default), preparing it.
// It never changes the mode of a folder it did not create, and never
// follows a symbolic link to change anything:
//
//   - a missing folder is created, with its missing parents, private to the
//     user (mode 0700), and used;
//   - an existing folder only its owner may open is used as it is;
//   - an existing folder that other users may open (a shared team folder,
//     a folder made with a loose umask) is left alone and progress is kept
//     in a private subfolder, dir/frontline, created 0700 (if that
//     subfolder exists it must be private too);
//   - but if such a folder already holds a progress database, it is not
//     used: the error says to make the folder private (chmod 700) or to
//     choose another, so no one's progress moves without them knowing.
//
// Errors are *DataDirError, saying what is wrong and how to fix it.
func UseDataDir(dir string) (string, error) {
	err := CheckDataDir(dir)
	var de *DataDirError
	if !errors.As(err, &de) || !de.loose {
		if err != nil {
			return dir, err
		}
		return dir, EnsureDir(dir)
	}
	if _, serr := os.Lstat(filepath.Join(dir, progressFile)); serr == nil {
		return dir, err
	}
	sub := filepath.Join(dir, PrivateSubdir)
	if err := EnsureDir(sub); err != nil {
		return dir, err
	}
	return sub, nil
}

// EnsureDir makes dir ready to hold private files: a missing folder is
// created, with its missing parents, mode 0700; an existing folder is used
// as it is if only its owner may open it. Its mode is never changed, even
// through a symbolic link: a folder that lets other users in, or a path
// that is not a folder, gives a *DataDirError that says how to fix it.
func EnsureDir(dir string) error {
	_, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return &DataDirError{Dir: dir, Problem: fmt.Sprintf("cannot be created (%v)", unwrapPath(err)),
				Fix: "create it yourself with 'mkdir -m 700 " + dir + "', " + otherFolder, Err: err}
		}
		// Created here: make sure a strange umask left it usable and private.
		if fi, err := os.Stat(dir); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
			if err := os.Chmod(dir, 0o700); err != nil {
				return &DataDirError{Dir: dir, Problem: fmt.Sprintf("was created but cannot be made private (%v)", unwrapPath(err)),
					Fix: strings.TrimPrefix(otherFolder, "or "), Err: err}
			}
		}
		return nil
	}
	return CheckDataDir(dir)
}

// unixMode is m as chmod writes it, special bits included (3775).
func unixMode(m fs.FileMode) uint32 {
	u := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		u |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		u |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		u |= 0o1000
	}
	return u
}

// unwrapPath drops the path from an *fs.PathError: messages name the folder
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
