package main

import (
	"os"
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
		Setup: func(e *testscript.Env) error {
			e.Setenv("FRONTLINE_DATA", e.WorkDir+"/data")
			e.Setenv("NO_COLOR", "1")
			e.Setenv("TERM", "dumb")
			return nil
		},
	})
}
