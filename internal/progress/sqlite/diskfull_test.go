//go:build linux || darwin

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frontline/internal/progress"
)

// r5ChildEnv is the data folder of the disk-full test's child; r5ModeEnv
// says whether the child frees the space itself ("free") or exits while
// the disk is still full ("exit").
const (
	r5ChildEnv = "FRONTLINE_R5_CHILD"
	r5ModeEnv  = "FRONTLINE_R5_MODE"
)

// TestDiskFullChild fills the disk as far as this process is concerned:
// RLIMIT_FSIZE is lowered to 128 KiB above the database's current files (a
// few answers' worth of WAL) with SIGXFSZ ignored, so every write past it
// fails with EFBIG, as writes on a full disk fail with ENOSPC (SQLite calls
// the first an I/O error and the second SQLITE_FULL; the store handles any
// failed commit the same way). It prints "ACK q" for answers the store said
// were saved and "NOTSAVED q <µs>" for those it refused.
func TestDiskFullChild(t *testing.T) {
	dir := os.Getenv(r5ChildEnv)
	if dir == "" {
		t.Skip("runs only as the disk-full test's child")
	}
	signal.Ignore(syscall.SIGXFSZ)
	s, err := Open(dir, noBackups())
	if err != nil {
		fmt.Println("BAD", err)
		os.Exit(3)
	}
	p, err := s.ProfileByName(bg(), "Ana")
	if err != nil {
		fmt.Println("BAD", err)
		os.Exit(3)
	}
	n := 0
	answer := func() {
		q := "q" + strconv.Itoa(n)
		n++
		start := time.Now()
		_, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: q, Chosen: []int{1},
			Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: true}}},
			progress.ReviewItem{Kind: progress.ReviewQuestion, Key: "m/" + q, Box: 1, Due: start})
		took := time.Since(start)
		switch {
		case err == nil:
			fmt.Println("ACK", q)
		case errors.Is(err, progress.ErrNotSaved):
			fmt.Printf("NOTSAVED %s %d %s\n", q, took.Microseconds(), strings.ReplaceAll(err.Error(), "\n", " "))
		default:
			fmt.Println("BAD", q, err)
		}
	}
	for range 20 {
		answer()
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Println("BAD", err)
		os.Exit(3)
	}
	path := filepath.Join(dir, FileName)
	full := lim
	full.Cur = uint64(max(fileSize(path), fileSize(path+"-wal")) + 128<<10)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full); err != nil {
		fmt.Println("BAD setrlimit", err)
		os.Exit(3)
	}
	fmt.Println("FULL")
	fmt.Println("SIZES", fileSize(path), fileSize(path+"-wal"), fileSize(path+"-shm"), full.Cur)
	for range 30 {
		answer()
	}
	if os.Getenv(r5ModeEnv) == "exit" {
		// Leave while the disk is full; Close may fail to checkpoint.
		if err := s.Close(); err != nil {
			fmt.Println("CLOSE", err)
		}
		fmt.Println("DONE")
		os.Exit(0)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Println("BAD setrlimit", err)
		os.Exit(3)
	}
	fmt.Println("FREED")
	for range 10 {
		answer()
	}
	if err := s.Close(); err != nil {
		fmt.Println("BAD close", err)
	}
	fmt.Println("DONE")
	os.Exit(0)
}

// TestDiskFull (R5): when the disk fills up, writes return ErrNotSaved
// (promptly, so "not saved" shows within a second), nothing refused is
// found saved afterwards, nothing acknowledged is lost, the file stays
// sound, and saving resumes once there is space: in the same process, and
// in a new one after a process that met the full disk has exited.
func TestDiskFull(t *testing.T) {
	if os.Getenv(r5ChildEnv) != "" {
		t.Skip("child")
	}
	for _, mode := range []string{"free", "exit"} {
		t.Run(mode, func(t *testing.T) {
			dir := privateDir(t)
			s := openT(t, dir)
			p := mustProfile(t, s, "Ana")
			s.Close()

			c := startChild(t, "TestDiskFullChild", r5ChildEnv+"="+dir, r5ModeEnv+"="+mode)
			acked, refused := map[string]bool{}, map[string]bool{}
			phase := "before"
			var slowest time.Duration
			counts := map[string]int{}
			for _, l := range c.wait() {
				f := strings.Fields(l)
				switch {
				case l == "FULL", l == "FREED":
					phase = strings.ToLower(l)
				case len(f) == 2 && f[0] == "ACK":
					acked[f[1]] = true
					counts[phase+"/saved"]++
				case len(f) >= 3 && f[0] == "NOTSAVED":
					refused[f[1]] = true
					counts[phase+"/not-saved"]++
					us, _ := strconv.Atoi(f[2])
					slowest = max(slowest, time.Duration(us)*time.Microsecond)
					if counts[phase+"/not-saved"] == 1 {
						t.Logf("first refusal: %s", strings.Join(f[3:], " "))
					}
				case len(f) > 0 && (f[0] == "BAD" || f[0] == "CLOSE" || f[0] == "SIZES"):
					t.Logf("child: %s", l)
					if f[0] == "BAD" {
						t.Errorf("child: %s", l)
					}
				}
			}
			if counts["before/not-saved"] != 0 || counts["before/saved"] != 20 {
				t.Fatalf("before the disk filled: %v", counts)
			}
			if counts["full/not-saved"] == 0 {
				t.Fatalf("no write was refused with the disk full: %v", counts)
			}
			// Reported, not asserted: timing depends on the machine's load.
			t.Logf("the slowest refused write took %v (the learner is told when it returns)", slowest)
			if mode == "free" && (counts["freed/saved"] != 10 || counts["freed/not-saved"] != 0) {
				t.Errorf("after space was freed, in the same process: %v", counts)
			}

			s = openT(t, dir)
			if st := s.Status(); st.ReadOnly || st.MovedAside != "" {
				t.Fatalf("reopened after a full disk: %+v", st)
			}
			if err := check(s.db, "PRAGMA integrity_check"); err != nil {
				t.Fatalf("integrity_check: %v", err)
			}
			all, err := s.Answers(bg(), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			present := map[string]bool{}
			for _, a := range all {
				present[a.QuestionID] = true
				if refused[a.QuestionID] {
					t.Errorf("answer %s was reported NOT saved but is in the database", a.QuestionID)
				}
			}
			for q := range acked {
				if !present[q] {
					t.Errorf("acknowledged answer %s is missing", q)
				}
			}
			if len(all) != len(acked) {
				t.Errorf("%d answers stored, %d acknowledged", len(all), len(acked))
			}
			mustAnswer(t, s, progress.Answer{ProfileID: p.ID, ModuleID: "m", QuestionID: "after"})
			if err := check(s.db, "PRAGMA integrity_check"); err != nil {
				t.Fatalf("integrity_check after a new write: %v", err)
			}
			t.Logf("R5 mode=%s %v slowest-refusal=%v stored=%d acknowledged=%d integrity=ok",
				mode, counts, slowest.Round(time.Microsecond), len(all), len(acked))
		})
	}
}
