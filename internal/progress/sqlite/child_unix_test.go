//go:build unix

package sqlite

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"testing"

	"frontline/internal/progress"
)

// child is a copy of this test binary running one Test…Child function, as
// a separate process the parent can kill.
type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string // the child's stdout, line by line; closed at EOF
}

// startChild runs the test named test in a new process with extra
// environment variables and streams its stdout.
func startChild(t testing.TB, test string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, stdin: in, lines: make(chan string, 1<<16)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	return c
}

// wait reads the rest of the child's output and reaps it.
func (c *child) wait() []string {
	var rest []string
	for l := range c.lines {
		rest = append(rest, l)
	}
	_ = c.stdin.Close()
	_ = c.cmd.Wait()
	return rest
}

// envInt reads a positive count from the environment, or def.
func envInt(t testing.TB, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// fileSize is the size of path, or 0.
func fileSize(path string) int64 {
	if fi, err := os.Stat(path); err == nil {
		return fi.Size()
	}
	return 0
}

// checkAcknowledged reopens the store in dir after child processes were
// killed, checks its integrity, and returns every answer in it and the
// acknowledged question ids that are missing from it.
func checkAcknowledged(t *testing.T, dir string, acked map[string]bool) (all []progress.Answer, missing []string) {
	t.Helper()
	s := openT(t, dir)
	if err := check(s.db, "PRAGMA integrity_check"); err != nil {
		t.Errorf("integrity_check: %v", err)
	}
	all, err := s.Answers(bg(), 0)
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, a := range all {
		present[a.QuestionID] = true
	}
	for q := range acked {
		if !present[q] {
			missing = append(missing, q)
		}
	}
	sort.Strings(missing)
	return all, missing
}
