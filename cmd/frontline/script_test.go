package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"frontline/internal/certificate"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// TestMain lets the test binary run as the frontline command inside
// testscript scripts, so they drive the real command line end to end.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"frontline": func() {
			env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin}
			os.Exit(run(env, os.Args[1:]))
		},
	})
}

// TestScripts runs testdata/script/*.txtar: each is a session at the
// command line with its expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// certcode FILE VAR sets VAR to the verification code printed in
			// FILE, and VAR_TAMPERED to the same code with one character changed.
			"certcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: certcode FILE VAR")
				}
				m := certCodeRE.FindStringSubmatch(ts.ReadFile(args[0]))
				if m == nil {
					ts.Fatalf("no verification code in %s", args[0])
				}
				code := m[1]
				swap := byte('A')
				if code[0] == 'A' {
					swap = 'B'
				}
				ts.Setenv(args[1], code)
				ts.Setenv(args[1]+"_TAMPERED", string(swap)+code[1:])
			},
			// keyline FILE VAR sets VAR to the issuer's public key line
			// printed in FILE.
			"keyline": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: keyline FILE VAR")
				}
				line := keyLineRE.FindString(ts.ReadFile(args[0]))
				if line == "" {
					ts.Fatalf("no public key line in %s", args[0])
				}
				ts.Setenv(args[1], strings.TrimSpace(line))
			},
			// replace FILE OLD NEW changes the first OLD in FILE to NEW.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace FILE OLD NEW")
				}
				text := ts.ReadFile(args[0])
				if !strings.Contains(text, args[1]) {
					ts.Fatalf("%q not in %s", args[1], args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(text, args[1], args[2], 1)), 0o600))
			},
			// sealexam LEARNER MODULE TITLE PASSMARK seals the learner's newest
			// finished exam at MODULE with the issuer key of $FRONTLINE_DATA,
			// as the exam's submission does on a machine with a key. It
			// stands in for that step until the exam screens seal at
			// submission; the command line itself can never seal a record.
			"sealexam": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 4 {
					ts.Fatalf("usage: sealexam LEARNER MODULE TITLE PASSMARK")
				}
				pass, err := strconv.Atoi(args[3])
				ts.Check(err)
				ts.Check(sealNewestExam(ts.Getenv("FRONTLINE_DATA"), args[0], args[1], args[2], pass))
			},
		},
		Setup: func(e *testscript.Env) error {
			e.Setenv("FRONTLINE_DATA", e.WorkDir+"/data")
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TERM", "dumb")
			return nil
		},
	})
}

var certCodeRE = regexp.MustCompile(`(?:Verification|Record) code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})`)

var keyLineRE = regexp.MustCompile(`(?m)^frontline-issuer/1 .*$`)

// sealNewestExam seals a learner's newest finished exam attempt at a
// module with the data folder's issuer key (see the sealexam command).
func sealNewestExam(dataDir, learner, moduleID, title string, passMark int) error {
	key, err := certificate.LoadKey(dataDir)
	if err != nil {
		return err
	}
	store, err := sqlite.Open(dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx := context.Background()
	p, err := store.ProfileByName(ctx, learner)
	if err != nil {
		return err
	}
	atts, err := store.Attempts(ctx, p.ID, moduleID, progress.ModeExam)
	if err != nil {
		return err
	}
	if len(atts) == 0 || !atts[0].Done() {
		return fmt.Errorf("%s has no finished exam at %s", learner, moduleID)
	}
	_, err = certificate.SealAttempt(ctx, store, key, certificate.Exam{Learner: p.Name, ModuleTitle: title, PassMark: passMark}, atts[0])
	return err
}
