package main

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"frontline/internal/engine"
	"frontline/internal/loader"
)

// runCmd runs the command line with input on stdin and returns stdout,
// stderr and the exit code.
func runCmd(t *testing.T, dataDir, input string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(input), DataDir: dataDir}
	code := run(env, args)
	return out.String(), errb.String(), code
}

// examInput answers a bundled module's exam drawn with seed: right answers
// for the first `right` questions, a wrong one for the rest.
func examInput(t *testing.T, moduleID string, seed int64, right int) string {
	t.Helper()
	lib, _ := loader.Load(loader.Bundled())
	m, ok := lib.Module(moduleID)
	if !ok {
		t.Fatalf("no bundled module %s", moduleID)
	}
	st := m.Exam.WithDefaults(len(m.Questions))
	ids, order := engine.Draw(m, st.Questions, seed)
	var b strings.Builder
	if m.ContentNote != "" {
		b.WriteString("\n")
	}
	b.WriteString("\n")
	for i, id := range ids {
		q, _ := m.Question(id)
		want := q.Correct()
		if i >= right {
			for j, o := range q.Options {
				if !o.Correct {
					want = []int{j}
					break
				}
			}
		}
		var nums []string
		for n, mi := range order[i] {
			if slices.Contains(want, mi) {
				nums = append(nums, fmt.Sprint(n+1))
			}
		}
		b.WriteString(strings.Join(nums, ",") + "\n")
	}
	b.WriteString("s\ny\n")
	return b.String()
}

func TestLineModeExamCertificate(t *testing.T) {
	dir := t.TempDir()
	// A failed exam, then a passed one; then a certificate and its check.
	out, errs, code := runCmd(t, dir, examInput(t, "foundations", 11, 0), "--plain", "--profile", "Ana", "--role", "police", "exam", "foundations", "--seed", "11")
	if code != 0 || !strings.Contains(out, "Result: NOT PASSED.") {
		t.Fatalf("failing exam: code %d\n%s\n%s", code, out, errs)
	}
	_, errs, code = runCmd(t, dir, "", "--profile", "Ana", "certificate", "--module", "foundations")
	if code != 1 || !strings.Contains(errs, "has not passed the exam of") {
		t.Errorf("certificate before passing: %d %s", code, errs)
	}
	out, errs, code = runCmd(t, dir, examInput(t, "foundations", 12, 1000), "exam", "foundations", "--profile", "Ana", "--seed", "12", "--pass", "90")
	if code != 0 || !strings.Contains(out, "Result: PASSED.") || !strings.Contains(out, "Pass mark: 90%") {
		t.Fatalf("passing exam: code %d\n%s\n%s", code, out, errs)
	}
	// No issuer key here: the certificate is a self-study record.
	out, errs, code = runCmd(t, dir, "", "--profile", "Ana", "certificate", "--module", "foundations")
	if code != 0 || !strings.HasPrefix(out, "SELF-STUDY RECORD") {
		t.Fatalf("certificate: %d %s", code, errs)
	}
	m := regexp.MustCompile(`Record code: (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no code in\n%s", out)
	}
	out, _, code = runCmd(t, dir, "", "certificate", "verify", m[1])
	if code != 3 || !strings.Contains(out, "SELF-STUDY RECORD: not signed by any trainer") || !strings.Contains(out, "It states that Ana passed the assessed exam of") {
		t.Errorf("verify: %d %s", code, out)
	}
	bad := strings.Replace(m[1], m[1][:1], map[bool]string{true: "B", false: "A"}[m[1][0] == 'A'], 1)
	out, _, code = runCmd(t, dir, "", "certificate", "verify", bad)
	if code != 1 || !strings.Contains(out, "NOT FOUND") {
		t.Errorf("tampered code: %d %s", code, out)
	}
}

func TestLineModeExamFlags(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := runCmd(t, dir, "", "--profile", "Ana", "exam", "foundations", "--time", "9h")
	if code != exitUsage || !strings.Contains(errs, "not extend it") {
		t.Errorf("longer time: %d %s", code, errs)
	}
	_, errs, code = runCmd(t, dir, "", "--profile", "Ana", "exam", "foundations", "--pass", "10")
	if code != exitUsage || !strings.Contains(errs, "not lower it") {
		t.Errorf("lower pass mark: %d %s", code, errs)
	}
	_, _, code = runCmd(t, dir, "", "--profile", "Ana", "quiz")
	if code != exitUsage {
		t.Errorf("quiz without a module: %d", code)
	}
}

func TestLineModeQuizResume(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runCmd(t, dir, "\n1\nq\n", "--plain", "--profile", "Ana", "quiz", "foundations")
	if code != 0 || !strings.Contains(out, "Stopped at question 2 of") {
		t.Fatalf("%d\n%s\n%s", code, out, errs)
	}
	out, _, _ = runCmd(t, dir, "\n", "--plain", "--profile", "Ana", "quiz", "foundations")
	if !strings.Contains(out, "Continuing your quiz at question 2 of") {
		t.Errorf("no resume:\n%s", out)
	}
}

// runHome runs the line-mode home with input and returns stdout, stderr
// and the exit code.
func runHome(t *testing.T, dataDir, input string, flags ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(input), DataDir: dataDir}
	fs := newFlagSet(env, "frontline", "")
	if err := fs.Parse(flags); err != nil {
		t.Fatal(err)
	}
	code := runPlainHome(env)
	return out.String(), errb.String(), code
}

func TestPlainHome(t *testing.T) {
	dir := t.TempDir()
	// Create a profile from the picker, read nothing, look at progress.
	lib, _ := loader.Load(loader.Bundled())
	nMenu := len(lib.Modules) + len(lib.Scenarios) + 3 // glossary, progress, quit
	progressItem := fmt.Sprint(nMenu - 1)
	out, errs, code := runHome(t, dir, "Ana\n1\n"+progressItem+"\n\nq\n")
	if code != 0 {
		t.Fatalf("code %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"Profile created: Ana (Police).", "Home: Ana (Police)", "Review: nothing due today.",
		"Progress of Ana (Police)", "Answers recorded: 0. Review: 0 due.", "Indicator recognition by category", "Goodbye."} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("escape in output:\n%q", out)
	}
	// --profile skips the picker; the modules are numbered with their state.
	out, _, code = runHome(t, dir, "q\n", "--profile", "Ana")
	if code != 0 || strings.Contains(out, "Who is learning?") || !strings.Contains(out, "  1. ") || !strings.Contains(out, "Not started.") {
		t.Errorf("code %d\n%s", code, out)
	}
	// A second learner brings the picker; input ending there quits cleanly.
	_, _, _ = runHome(t, dir, "q\n", "--profile", "Kim", "--role", "health")
	out, _, code = runHome(t, dir, "")
	if code != 0 || !strings.Contains(out, "  1. Ana (Police)") || !strings.Contains(out, "  2. Kim (Health)") || !strings.Contains(out, "Goodbye.") {
		t.Errorf("code %d\n%s", code, out)
	}
	_, errs, code = runHome(t, dir, "", "--profile", "Lou", "--role", "pilot")
	if code != exitUsage || !strings.Contains(errs, "--role") {
		t.Errorf("bad role: %d %s", code, errs)
	}
}

func TestUnknownItems(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--plain", "quiz", "foundation"}, `no module with id "foundation"; did you mean foundations?`},
		{[]string{"read", "xyzzy-plugh-quux"}, `no module with id "xyzzy-plugh-quux"; the modules are: `},
		{[]string{"exam", "foundatoins"}, `did you mean foundations?`},
		{[]string{"--plain", "scenario", "nope-nope-nope"}, `no scenario with id "nope-nope-nope"; the scenarios are: `},
	} {
		_, errs, code := runCmd(t, dir, "", append([]string{"--profile", "Ana"}, c.args...)...)
		if code != exitFailure || !strings.Contains(errs, c.want) {
			t.Errorf("%v: code %d, stderr %s", c.args, code, errs)
		}
	}
}
