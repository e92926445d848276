package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// shellWords splits a command line printed for the learner the way a POSIX
// shell would: words separated by spaces, single quotes kept together, the
// '\” sequence standing for a quote.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, any := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case in && c == '\'':
			in = false
		case in:
			cur.WriteByte(c)
		case c == '\'':
			in, any = true, true
		case c == ' ':
			if any || cur.Len() > 0 {
				words = append(words, cur.String())
			}
			cur.Reset()
			any = false
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
		case strings.IndexByte("\"$`;&|<>()*?", c) >= 0:
			t.Fatalf("unquoted shell character %q in %q", c, line)
		default:
			cur.WriteByte(c)
		}
	}
	if in {
		t.Fatalf("unclosed quote in %q", line)
	}
	if any || cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

// pasted runs a printed command as a learner would by pasting it into a
// fresh shell in another folder: no FRONTLINE_DATA, only what the command
// says.
func pasted(t *testing.T, cmd, input string) (string, string, int) {
	t.Helper()
	words := shellWords(t, cmd)
	if len(words) < 2 || words[0] != "frontline" {
		t.Fatalf("not a frontline command: %q", cmd)
	}
	elsewhere := t.TempDir()
	t.Setenv("FRONTLINE_DATA", "")
	t.Setenv("HOME", elsewhere)
	t.Setenv("XDG_DATA_HOME", filepath.Join(elsewhere, "share"))
	t.Chdir(elsewhere)
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(input)}
	code := run(env, words[1:])
	return out.String(), errb.String(), code
}

// hint finds the command printed after prefix in out (up to the end of
// its line).
func hint(t *testing.T, out, prefix string) string {
	t.Helper()
	i := strings.LastIndex(out, prefix)
	if i < 0 {
		t.Fatalf("no %q in\n%s", prefix, out)
	}
	line, _, _ := strings.Cut(out[i+len(prefix):], "\n")
	return strings.TrimSpace(line)
}

// TestPrintedCommandsWork checks every command frontline prints for the
// learner to run next, on a shared computer (two learners, so --profile is
// needed) with a data folder given by --data and a name that needs
// quoting: each works when pasted into a shell somewhere else.
func TestPrintedCommandsWork(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared data")
	name := "Ana O'Neill"
	if _, _, code := runCmd(t, dir, "", "--plain", "--profile", "Bo", "--role", "police", "read", "foundations"); code != 0 {
		t.Fatal("could not create the second learner")
	}

	// After the last page, the line mode's reader points at the quiz.
	pages := strings.Repeat("\n", 40)
	out, errs, code := runCmd(t, dir, pages, "--plain", "--profile", name, "--role", "police", "read", "foundations")
	if code != 0 {
		t.Fatalf("read: %d\n%s\n%s", code, out, errs)
	}
	cmd := hint(t, out, "to take it, run ")
	if !strings.Contains(cmd, "--profile 'Ana O'\\''Neill'") || !strings.Contains(cmd, "--plain") {
		t.Errorf("quiz hint %q lacks the quoted profile or --plain", cmd)
	}
	out, errs, code = pasted(t, cmd, "")
	if code != 0 || !strings.Contains(out, "Quiz: What trafficking is") {
		t.Errorf("pasted %q: %d\n%s\n%s", cmd, code, out, errs)
	}

	// Before passing, the certificate command says how to take the exam.
	_, errs, code = runCmd(t, dir, "", "--profile", name, "certificate", "--module", "foundations")
	if code != 1 {
		t.Fatalf("certificate before the exam: %d %s", code, errs)
	}
	cmd = hint(t, errs, "take it with: ")
	out, errs, code = pasted(t, cmd, "")
	if code != 0 || !strings.Contains(out, "Exam: What trafficking is") {
		t.Errorf("pasted %q: %d\n%s\n%s", cmd, code, out, errs)
	}

	// After a passed exam, the certificate command.
	out, errs, code = runCmd(t, dir, examInput(t, "foundations", 12, 1000), "--plain", "exam", "foundations", "--profile", name, "--seed", "12")
	if code != 0 || !strings.Contains(out, "Result: PASSED.") {
		t.Fatalf("exam: %d\n%s\n%s", code, out, errs)
	}
	cmd = hint(t, out, "(not checked by a trainer): ")
	out, errs, code = pasted(t, cmd, "")
	if code != 0 || !strings.Contains(out, "SELF-STUDY RECORD") {
		t.Errorf("pasted %q: %d\n%s\n%s", cmd, code, out, errs)
	}

	// The list of attempts, then one shown as it was.
	out, errs, code = runCmd(t, dir, "", "--profile", name, "attempts", "--module", "foundations")
	if code != 0 {
		t.Fatalf("attempts: %d %s", code, errs)
	}
	cmd = hint(t, out, "(or put another ID from the list): ")
	out, errs, code = pasted(t, cmd, "")
	if code != 0 || !regexp.MustCompile(`Attempt \d+ at "What trafficking is" \(exam\)`).MatchString(out) {
		t.Errorf("pasted %q: %d\n%s\n%s", cmd, code, out, errs)
	}
}
