//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// Environment switches for the export crash test (R9).
const (
	r9ChildEnv   = "FRONTLINE_R9_CHILD"   // data folder; set only in the child
	r9OutEnv     = "FRONTLINE_R9_OUT"     // the -o file
	r9KillsEnv   = "FRONTLINE_R9_KILLS"   // kills (default 8)
	r9AnswersEnv = "FRONTLINE_R9_ANSWERS" // answers in the export (default 2000)
)

func r9Int(t *testing.T, name string, def int) int {
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

// TestExportChild runs "frontline progress export --all -o FILE" in its own
// process, so the parent can kill it.
func TestExportChild(t *testing.T) {
	dir := os.Getenv(r9ChildEnv)
	if dir == "" {
		t.Skip("runs only as the export crash test's child")
	}
	fmt.Println("START")
	var errb bytes.Buffer
	env := &Env{Stdout: os.Stdout, Stderr: &errb, Stdin: strings.NewReader(""), DataDir: dir, Library: &content.Library{}}
	code := runProgress(env, []string{"export", "--all", "--format", "csv", "-o", os.Getenv(r9OutEnv)})
	fmt.Printf("DONE %d %s\n", code, strings.ReplaceAll(errb.String(), "\n", " | "))
	os.Exit(0)
}

// TestExportKill9 (R9) kills "progress export -o FILE" with SIGKILL at
// random moments and checks after each kill that FILE holds the old
// content or the complete new export, never a part, and is 0600; that
// temp files a killed export left are removed by the next export; and
// that a final export leaves none. scripts/reliability.sh runs 200 kills.
func TestExportKill9(t *testing.T) {
	if os.Getenv(r9ChildEnv) != "" {
		t.Skip("child")
	}
	kills := r9Int(t, r9KillsEnv, 8)
	n := r9Int(t, r9AnswersEnv, 2000)
	dir := t.TempDir()
	s, err := sqlite.Open(dir, sqlite.WithBackups(0, 1), sqlite.WithSynchronous(sqlite.SyncNormal))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := s.CreateProfile(ctx, "Ana", content.RolePolice)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		if _, err := s.RecordAnswer(ctx, progress.Answer{ProfileID: p.ID, ModuleID: "passports", QuestionID: "question-" + strconv.Itoa(i),
			Version: "fingerprint-1", Chosen: []int{i % 4}, Correct: i%3 == 0, At: at.Add(time.Duration(i) * time.Second)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	outDir := t.TempDir()
	file := filepath.Join(outDir, "trainees.csv")
	old := []byte("the previous export\n")
	if err := os.WriteFile(file, old, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func() (*exec.Cmd, chan string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), r9ChildEnv+"="+dir, r9OutEnv+"="+file)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 64)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		return cmd, lines
	}
	temps := func() []string {
		m, _ := filepath.Glob(filepath.Join(outDir, atomicfile.TempPattern))
		return m
	}
	// One undisturbed export gives the complete content and the time it takes.
	cmd, lines := run()
	var start time.Time
	var window time.Duration
	for l := range lines {
		switch {
		case l == "START":
			start = time.Now()
		case strings.HasPrefix(l, "DONE"):
			window = time.Since(start)
			if l != "DONE 0 frontline: wrote "+file+" | " {
				t.Fatalf("undisturbed export: %s", l)
			}
		}
	}
	_ = cmd.Wait()
	golden, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.Count(golden, []byte("\n")); got != n+1 {
		t.Fatalf("the export has %d lines, want %d", got, n+1)
	}
	if err := os.WriteFile(file, old, 0o600); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	outcome := map[string]int{}
	leftBehind, cleaned := 0, 0
	var previous []string
	for k := 0; k < kills; k++ {
		cmd, lines := run()
		select {
		case l := <-lines:
			if l != "START" {
				t.Fatalf("kill %d: child says %q", k, l)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("kill %d: the child did not start", k)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(window) + 1)))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		finished := false
		for l := range lines {
			if strings.HasPrefix(l, "DONE") {
				finished = true
				if !strings.HasPrefix(l, "DONE 0 ") {
					t.Fatalf("kill %d: %s", k, l)
				}
			}
		}
		_ = cmd.Wait()

		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("kill %d: the export file is gone: %v", k, err)
		}
		switch {
		case bytes.Equal(got, old):
			outcome["old"]++
		case bytes.Equal(got, golden):
			outcome["new"]++
		default:
			t.Fatalf("kill %d: the export file is partial or foreign: %d bytes of %d, ends %q", k, len(got), len(golden), got[max(0, len(got)-40):])
		}
		if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
			t.Fatalf("kill %d: the export file is %v, want 0600", k, fi.Mode().Perm())
		}
		if finished {
			outcome["finished before the kill"]++
		}
		// Temp files of the killed export before this one are gone if this
		// one got as far as writing (it cleans first).
		now := temps()
		left, before := map[string]bool{}, map[string]bool{}
		for _, f := range now {
			left[f] = true
		}
		for _, f := range previous {
			before[f] = true
			if !left[f] {
				cleaned++
			}
		}
		for _, f := range now {
			if !before[f] {
				leftBehind++ // this kill landed while the temp file was open
				break
			}
		}
		previous = now
		// Set the old content back now and then, so later kills can show
		// an old file surviving too.
		if k%2 == 1 {
			if err := os.WriteFile(file, old, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}

	// The next export removes whatever the killed ones left.
	cmd, lines = run()
	for range lines {
	}
	_ = cmd.Wait()
	if got, _ := os.ReadFile(file); !bytes.Equal(got, golden) {
		t.Errorf("the final export is not complete")
	}
	if left := temps(); len(left) != 0 {
		t.Errorf("temp files left after a complete export: %v", left)
	}
	t.Logf("R9 kills=%d answers=%d outcomes=%v kills-leaving-a-temp-file=%d temp-files-cleaned-by-the-next-export=%d export-time=%v partial=0",
		kills, n, outcome, leftBehind, cleaned, window.Round(time.Millisecond))
}
