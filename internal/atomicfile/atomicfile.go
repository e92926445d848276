// Package atomicfile writes files so that a reader, or the next start after
// a crash, sees either the old file or the complete new one, never a part.
//
// Write puts the data in a temporary file in the target's folder, syncs it,
// renames it over the target and syncs the folder where the platform
// allows. Temporary files are named
//
//	.<target name>.<writer's process id>-<random>.tmp
//
// so Clean can tell a file left by a killed writer from one that a running
// writer is still filling.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// TempPattern matches the name of every temporary file Write makes; pass it
// to Clean to clear a folder of those that killed writers left.
const TempPattern = ".*.*-*.tmp"

// staleAfter is the age after which Clean removes a temporary file even if
// a process with its writer's id is running (the id may have been reused).
const staleAfter = time.Hour

// ErrNotRegular means the target exists and is not a regular file: a
// device, a named pipe, a socket, a folder or a symbolic link. Write never
// replaces one of these: renaming over /dev/null, a FIFO or a link would
// destroy something that is not an output file.
var ErrNotRegular = errors.New("is not a regular file")

// Write replaces path with what write produces. path must be a new name or
// an existing regular file; anything else is refused with an error wrapping
// ErrNotRegular, before anything is written. The temporary file is created
// with mode 0600 and given perm just before the rename. If write or any
// step fails, the temporary file is removed, path is left as it was and the
// error is returned.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return fmt.Errorf("write %s: no file name", path)
	}
	if err := CheckTarget(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, TempPrefix(base)+"*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		_ = f.Close()
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	// CreateTemp makes the file 0600 whatever the umask; say so explicitly
	// so a platform default can never leave it readable by others.
	if err := f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fail(err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// CheckTarget reports whether Write may write path: it must not exist, or
// be a regular file (checked without following a symbolic link). The error
// wraps ErrNotRegular and says what the path is.
func CheckTarget(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if fi.Mode().IsRegular() {
		return nil
	}
	what := "a special file"
	switch m := fi.Mode(); {
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("write %s: %w: it is %s; give the name of a new file or of an ordinary file to replace", path, ErrNotRegular, what)
}

// TempPrefix is the start of the names of Write's temporary files for a
// target named base, written by this process.
func TempPrefix(base string) string {
	return "." + base + "." + strconv.Itoa(os.Getpid()) + "-"
}

// syncDir makes a rename durable where the platform allows it; some
// systems and file systems cannot sync a folder, which is not an error.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// Clean removes, from dir, temporary files matching pattern (a
// filepath.Match pattern such as TempPattern) that Write left behind when
// its process was killed: those whose writer is no longer running, and any
// older than an hour. Files of a writer that is still running, and files
// not named like Write's temporary files, are left alone. It returns the
// paths it removed.
func Clean(dir, pattern string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, fmt.Errorf("clean %s: %w", dir, err)
	}
	var removed []string
	var errs []error
	for _, m := range matches {
		pid, ok := writerPID(filepath.Base(m))
		if !ok {
			continue
		}
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if pid == os.Getpid() || (processRunning(pid) && time.Since(fi.ModTime()) < staleAfter) {
			continue
		}
		if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, m)
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("clean %s: %w", dir, err)
	}
	return removed, nil
}

// writerPID reads the process id out of a temporary file's name
// (".<base>.<pid>-<random>.tmp").
func writerPID(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return 0, false
	}
	rest := strings.TrimSuffix(name, ".tmp")
	dot := strings.LastIndexByte(rest, '.')
	if dot < 1 {
		return 0, false
	}
	pidText, random, ok := strings.Cut(rest[dot+1:], "-")
	if !ok || random == "" || strings.Trim(random, "0123456789") != "" {
		return 0, false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}
