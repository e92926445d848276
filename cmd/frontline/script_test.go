package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
