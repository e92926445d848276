//go:build unix

package sqlite

import (
	"bufio"
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

	"frontline/internal/progress"
)

// Environment switches for the crash test's child process.
const (
	crashChildEnv = "FRONTLINE_CRASH_CHILD" // the data folder; set only in the child
	crashTagEnv   = "FRONTLINE_CRASH_TAG"   // prefix of the child's question ids
	crashKillsEnv = "FRONTLINE_CRASH_KILLS" // how many kills the parent does (default 20)
)

// TestCrashChild is the child: it records answers and prints "ACK <id>"
// after each commit, until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as the crash test's child")
	}
	s, err := Open(dir, noBackups())
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	if st := s.Status(); st.MovedAside != "" || st.ReadOnly {
		fmt.Printf("BAD %+v\n", st)
		os.Exit(3)
	}
	p, err := s.ProfileByName(bg(), "crash")
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	fmt.Println("READY")
	tag := os.Getenv(crashTagEnv)
	for n := 0; n < 1_000_000; n++ {
		q := tag + "-" + strconv.Itoa(n)
		if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, ModuleID: "crash", QuestionID: q,
			Chosen: []int{n % 4}, Indicators: []progress.IndicatorHit{{Indicator: "i", Hit: n%2 == 0}}},
			progress.ReviewItem{Kind: progress.ReviewQuestion, Key: "crash/" + q, Box: 1, Due: time.Now()}); err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		// Printed only after the commit returned.
		fmt.Fprintf(os.Stdout, "ACK %s\n", q)
	}
	os.Exit(0)
}

// TestCrashKill9 kills a writing child with SIGKILL at random moments and
// checks that every acknowledged answer survived and the file is sound.
// scripts/crash-test.sh runs it with 1,000 kills.
func TestCrashKill9(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("child")
	}
	kills := 20
	if v := os.Getenv(crashKillsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", crashKillsEnv, v)
		}
		kills = n
	}
	dir := privateDir(t)
	s := openT(t, dir)
	mustProfile(t, s, "crash")
	s.Close()

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[string]bool{}
	start := time.Now()
	beforeFirstAck := 0
	for k := 0; k < kills; k++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashTagEnv+"=k"+strconv.Itoa(k))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<16)
		ready := make(chan struct{})
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if sc.Text() == "READY" {
					close(ready)
				}
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Most kills land while answers are being written; one in five lands
		// at a random moment during start-up (opening, checking, migrating).
		if rng.Intn(5) == 0 {
			time.Sleep(time.Duration(rng.Intn(40_000)) * time.Microsecond)
		} else {
			select {
			case <-ready:
			case <-time.After(10 * time.Second):
				t.Fatalf("kill %d: the child did not start", k)
			}
			time.Sleep(time.Duration(rng.Intn(20_000)) * time.Microsecond)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		n := 0
		for line := range lines {
			switch {
			case strings.HasPrefix(line, "ACK "):
				acked[strings.TrimPrefix(line, "ACK ")] = true
				n++
			case strings.HasPrefix(line, "ERR "), strings.HasPrefix(line, "BAD "):
				t.Fatalf("kill %d: child says %s", k, line)
			}
		}
		_ = cmd.Wait()
		if n == 0 {
			beforeFirstAck++
		}
	}
	elapsed := time.Since(start)

	if st := openT(t, dir).Status(); st.MovedAside != "" || st.ReadOnly {
		t.Fatalf("after the kills: %+v", st)
	}
	all, lost := checkAcknowledged(t, dir, acked)
	missing := len(lost)
	for i, q := range lost {
		if i < 4 {
			t.Errorf("acknowledged answer %s is missing", q)
		}
	}
	// Committed but not yet acknowledged when killed: at most one per kill.
	unacked := len(all) - len(acked)
	if unacked < 0 || unacked > kills {
		t.Errorf("%d answers present without an ACK for %d kills", unacked, kills)
	}
	t.Logf("kills=%d acked=%d present=%d missing=%d committed-unacked=%d killed-before-first-ack=%d integrity=ok time=%v",
		kills, len(acked), len(all), missing, unacked, beforeFirstAck, elapsed.Round(time.Millisecond))
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
}
