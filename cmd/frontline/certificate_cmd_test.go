package main

import (
	"bytes"
	"database/sql"
	"frontline/internal/progress/progresstest"
	"frontline/internal/textsafe"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontline/internal/certificate"
	"frontline/internal/progress/sqlite"
)

// passExam takes the bundled foundations exam in line mode and passes it.
func passExam(t *testing.T, dataDir, learner string, seed int64) {
	t.Helper()
	out, errs, code := runCmd(t, dataDir, examInput(t, "foundations", seed, 1000), "--plain", "--profile", learner, "--role", "police", "exam", "foundations", "--seed", strconv.FormatInt(seed, 10))
	if code != 0 || !strings.Contains(out, "Result: PASSED.") {
		t.Fatalf("exam: code %d\n%s\n%s", code, out, errs)
	}
}

var codeRE = regexp.MustCompile(`(?:Verification|Record) code: (\S+)`)

// TestSignAndVerifyOnAnotherMachine is the whole path through the command
// line: a trainer's key, an exam, a signed certificate in each format, and
// checks on a second machine that holds only the public key line.
func TestSignAndVerifyOnAnotherMachine(t *testing.T) {
	trainer := progresstest.PrivateDir(t)
	// An exam taken before the key existed was sealed as self-study only.
	passExam(t, trainer, "Early Bird", 10)
	out, errs, code := runCmd(t, trainer, "", "issuer", "init", "--name", "Regional Police Academy")
	if code != 0 {
		t.Fatalf("issuer init: %d %s", code, errs)
	}
	line := strings.TrimSpace(regexp.MustCompile(`(?m)^frontline-issuer/1 .*$`).FindString(out))
	if line == "" || !strings.Contains(out, "readable by you alone") {
		t.Fatalf("issuer init printed:\n%s", out)
	}
	if shown, _, _ := runCmd(t, trainer, "", "issuer", "show"); strings.TrimSpace(shown) != line {
		t.Errorf("issuer show: %q, init said %q", shown, line)
	}
	// Not sealed with the key: the trainer's machine will not sign it.
	_, errs, code = runCmd(t, trainer, "", "--profile", "Early Bird", "certificate", "--module", "foundations")
	if code != 1 || !strings.Contains(errs, "cannot sign") || !strings.Contains(errs, "--self-study") {
		t.Errorf("sealed before the key existed: %d %s", code, errs)
	}
	// Sealed at submission with the key.
	passExam(t, trainer, "Łukasz Wiśniewski", 11)

	files := t.TempDir()
	var code0 string
	for _, name := range []string{"cert.txt", "cert.md", "cert.pdf"} {
		path := filepath.Join(files, name)
		out, errs, code = runCmd(t, trainer, "", "--profile", "Łukasz Wiśniewski", "certificate", "--module", "foundations", "-o", path)
		if code != 0 || !strings.Contains(out, "Wrote the certificate for Łukasz Wiśniewski, What trafficking is, to "+path) || !strings.Contains(out, "Signed by Regional Police Academy (issuer key ") {
			t.Fatalf("%s: %d\n%s\n%s", name, code, out, errs)
		}
		m := codeRE.FindStringSubmatch(out)
		if m == nil || (code0 != "" && m[1] != code0) {
			t.Errorf("%s: code %v, first %s", name, m, code0)
		} else {
			code0 = m[1]
		}
		if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
			t.Errorf("%s: %v %v", name, fi.Mode(), err)
		}
	}

	// The second machine: it has never seen the learner.
	second := progresstest.PrivateDir(t)
	for _, name := range []string{"cert.txt", "cert.md", "cert.pdf"} {
		out, _, code = runCmd(t, second, "", "certificate", "verify", filepath.Join(files, name))
		if code != 3 || !strings.HasPrefix(out, "NOT VERIFIED: the signature is intact") {
			t.Errorf("%s with no trusted key: %d\n%s", name, code, out)
		}
		out, _, code = runCmd(t, second, "", "certificate", "verify", filepath.Join(files, name), "--issuer", line)
		if code != 0 || !strings.HasPrefix(out, "VALID: signed by Regional Police Academy") || !strings.Contains(out, "It states that Łukasz Wiśniewski passed the assessed exam of What trafficking is") {
			t.Errorf("%s with --issuer: %d\n%s", name, code, out)
		}
	}
	if entries, _ := os.ReadDir(second); len(entries) != 0 {
		t.Errorf("verifying left files in the data folder: %v", entries)
	}
	// Trusted once, in the data folder.
	if out, errs, code = runCmd(t, second, "", "issuer", "trust", line); code != 0 || !strings.Contains(out, "Trusted: Regional Police Academy") {
		t.Fatalf("issuer trust: %d %s %s", code, out, errs)
	}
	out, _, code = runCmd(t, second, "", "certificate", "verify", filepath.Join(files, "cert.pdf"))
	if code != 0 || !strings.Contains(out, "trusted through "+filepath.Join(second, certificate.TrustedFileName)+":3") {
		t.Errorf("trusted in the data folder: %d\n%s", code, out)
	}
	// The statement's text on standard input, as from a QR code scanner.
	txt, _ := os.ReadFile(filepath.Join(files, "cert.txt"))
	block := string(txt[strings.Index(string(txt), certificate.BeginLine):])
	if out, _, code = runCmd(t, second, block, "certificate", "verify", "-"); code != 0 {
		t.Errorf("from standard input: %d\n%s", code, out)
	}
	// A code alone: here on the trainer's machine, not on the second one.
	if out, _, code = runCmd(t, trainer, "", "certificate", "verify", code0); code != 0 || !strings.Contains(out, "VALID") || !strings.Contains(out, "The records on this computer agree") {
		t.Errorf("code on the trainer's machine: %d\n%s", code, out)
	}
	if out, _, code = runCmd(t, second, "", "certificate", "verify", code0); code != 3 || !strings.Contains(out, "A code alone can be checked only against the records") {
		t.Errorf("code on the second machine: %d\n%s", code, out)
	}

	// Tampered copies.
	examYear := regexp.MustCompile(`Date: (\d{4})`).FindStringSubmatch(string(txt))[1]
	y, _ := strconv.Atoi(examYear)
	lastYear := strconv.Itoa(y - 1)
	for _, tt := range []struct{ name, old, new string }{
		{"name", "Learner: Łukasz Wiśniewski", "Learner: Lukasz Wisniewski"},
		{"score", "Score: 10 of 10 (100%)", "Score: 9 of 10 (90%)"},
		{"date", "Date: " + examYear, "Date: " + lastYear},
	} {
		if !strings.Contains(string(txt), tt.old) {
			t.Fatalf("%q not in\n%s", tt.old, txt)
		}
		path := filepath.Join(files, "tampered-"+tt.name+".txt")
		os.WriteFile(path, []byte(strings.Replace(string(txt), tt.old, tt.new, 1)), 0o600)
		out, _, code = runCmd(t, second, "", "certificate", "verify", path)
		if code != 1 || !strings.HasPrefix(out, "NOT VALID: the certificate was changed after it was signed") {
			t.Errorf("tampered %s: %d\n%s", tt.name, code, out)
		}
	}

	// Another issuer's certificate on a machine that trusts only the first.
	other := progresstest.PrivateDir(t)
	runCmd(t, other, "", "issuer", "init", "--name", "Harbour Training Centre")
	passExam(t, other, "Ana Silva", 12)
	otherPath := filepath.Join(files, "other.md")
	if _, errs, code = runCmd(t, other, "", "--profile", "Ana Silva", "certificate", "--module", "foundations", "-o", otherPath); code != 0 {
		t.Fatal(errs)
	}
	out, _, code = runCmd(t, second, "", "certificate", "verify", otherPath)
	if code != 1 || !strings.HasPrefix(out, "NOT VALID for the issuers you trust: it was signed by another issuer.") || !strings.Contains(out, `"Harbour Training Centre"`) {
		t.Errorf("another issuer: %d\n%s", code, out)
	}

	// A trusted keys file with a bad line: reported by line, the rest used.
	trusted := filepath.Join(files, "trusted.txt")
	os.WriteFile(trusted, []byte("# keys\n"+line+"\nnot a key\n"), 0o600)
	out, errs, code = runCmd(t, t.TempDir(), "", "certificate", "verify", filepath.Join(files, "cert.md"), "--trusted", trusted)
	if code != 0 || !strings.Contains(errs, trusted+":3: not an issuer's public key line") {
		t.Errorf("--trusted: %d\n%s\n%s", code, out, errs)
	}
	if _, errs, code = runCmd(t, second, "", "certificate", "verify", filepath.Join(files, "cert.md"), "--issuer", "frontline-issuer/1 bad"); code != 2 || !strings.Contains(errs, "--issuer") {
		t.Errorf("bad --issuer: %d %s", code, errs)
	}
	if _, errs, code = runCmd(t, second, "", "certificate", "verify", "no-such-file.txt"); code != 2 || !strings.Contains(errs, "neither a file nor a certificate code") {
		t.Errorf("missing file: %d %s", code, errs)
	}
	notCert := filepath.Join(files, "notes.txt")
	os.WriteFile(notCert, []byte("hello\n"), 0o600)
	if out, _, code = runCmd(t, second, "", "certificate", "verify", notCert); code != 1 || !strings.Contains(out, "no frontline certificate statement") {
		t.Errorf("not a certificate: %d %s", code, out)
	}
}

func TestSelfStudyRecordThroughCommands(t *testing.T) {
	dir := t.TempDir()
	passExam(t, dir, "Ana", 11)
	out, errs, code := runCmd(t, dir, "", "--profile", "Ana", "certificate", "--module", "foundations")
	if code != 0 || !strings.HasPrefix(out, "SELF-STUDY RECORD\n\nNot checked by a trainer.") || !strings.Contains(errs, "this computer has no issuer key") {
		t.Fatalf("self-study: %d\n%s\n%s", code, out, errs)
	}
	path := filepath.Join(t.TempDir(), "record.pdf")
	out, _, code = runCmd(t, dir, "", "--profile", "Ana", "certificate", "--module", "foundations", "-o", path)
	if code != 0 || !strings.Contains(out, "Wrote a self-study record for Ana") || !strings.Contains(out, "not checked by a trainer") {
		t.Fatalf("self-study PDF: %d\n%s", code, out)
	}
	out, _, code = runCmd(t, dir, "", "certificate", "verify", path)
	if code != 3 || !strings.HasPrefix(out, "SELF-STUDY RECORD: not signed by any trainer or organisation.") || !strings.Contains(out, "The records on this computer agree") {
		t.Errorf("verify here: %d\n%s", code, out)
	}
	m := codeRE.FindStringSubmatch(out + "\n" + mustOut(t, dir, "--profile", "Ana", "certificate", "--module", "foundations"))
	if m == nil {
		t.Fatal("no record code")
	}
	out, _, code = runCmd(t, dir, "", "certificate", "verify", m[1])
	if code != 3 || !strings.Contains(out, "SELF-STUDY RECORD") {
		t.Errorf("record code: %d\n%s", code, out)
	}
}

func mustOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, errs, code := runCmd(t, dir, "", args...)
	if code != 0 {
		t.Fatalf("%v: %d %s", args, code, errs)
	}
	return out
}

// TestInsertedAttemptThroughCommands inserts a passing attempt into the
// trainer's database with SQL and checks that the commands never turn it
// into a certificate that verifies against the trainer's key.
func TestInsertedAttemptThroughCommands(t *testing.T) {
	trainer := progresstest.PrivateDir(t)
	out, _, _ := runCmd(t, trainer, "", "issuer", "init", "--name", "Regional Police Academy")
	line := regexp.MustCompile(`(?m)^frontline-issuer/1 .*$`).FindString(out)
	passExam(t, trainer, "Ana", 11) // makes the database and a profile
	db, err := sql.Open("sqlite", filepath.Join(trainer, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO profiles (name, name_key, role, created) VALUES ('mallory', ?, 'police', 1)`, textsafe.Skeleton("mallory")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO attempts (profile_id, module_id, mode, fingerprint, version, started, finished, score, total, passed)
		SELECT id, 'foundations', 'exam', 'e6597fa14392fa4c', '1.0', 1764000000000000000, 1764000600000000000, 10, 10, 1 FROM profiles WHERE name = 'mallory'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, errs, code := runCmd(t, trainer, "", "--profile", "mallory", "certificate", "--module", "foundations")
	if code != 1 || !strings.Contains(errs, "cannot sign") {
		t.Fatalf("the inserted attempt: %d %s", code, errs)
	}
	path := filepath.Join(t.TempDir(), "forged.txt")
	if _, errs, code = runCmd(t, trainer, "", "--profile", "mallory", "certificate", "--module", "foundations", "--self-study", "-o", path); code != 0 {
		t.Fatalf("--self-study: %d %s", code, errs)
	}
	out, _, code = runCmd(t, t.TempDir(), "", "certificate", "verify", path, "--issuer", line)
	if code == 0 || !strings.HasPrefix(out, "SELF-STUDY RECORD") {
		t.Errorf("verified against the trainer's key: %d\n%s", code, out)
	}
}

func TestIssuerInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, _, code := runCmd(t, dir, "", "issuer", "init"); code != 2 {
		t.Errorf("no name: %d", code)
	}
	if _, errs, code := runCmd(t, dir, "", "issuer", "show"); code != 1 || !strings.Contains(errs, "no issuer key") {
		t.Errorf("show without a key: %d %s", code, errs)
	}
	first := mustOut(t, dir, "issuer", "init", "--name", "Academy")
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, certificate.KeyFileName): 0o600} {
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: %v %v", path, fi.Mode().Perm(), err)
			}
		}
	}
	_, errs, code := runCmd(t, dir, "", "issuer", "init", "--name", "Other")
	if code != 1 || !strings.Contains(errs, "already has an issuer key (Academy, key") || !strings.Contains(errs, "--force") {
		t.Errorf("second init: %d %s", code, errs)
	}
	if shown := mustOut(t, dir, "issuer", "show"); !strings.Contains(first, strings.TrimSpace(shown)) {
		t.Error("the key changed after a refused init")
	}
	out := mustOut(t, dir, "issuer", "init", "--name", "Academy", "--force")
	if !strings.Contains(out, "The old key was moved to "+filepath.Join(dir, certificate.KeyFileName)+".replaced-") {
		t.Errorf("--force: %s", out)
	}
	if _, errs, code := runCmd(t, dir, "", "issuer", "trust", "hello"); code != 2 || !strings.Contains(errs, "not an issuer's public key line") {
		t.Errorf("trust junk: %d %s", code, errs)
	}
	// A key others could read is not used to sign.
	if runtime.GOOS != "windows" {
		os.Chmod(filepath.Join(dir, certificate.KeyFileName), 0o644)
		_, errs, code := runCmd(t, dir, "", "--profile", "Ana", "certificate", "--module", "foundations")
		if code != 1 || !strings.Contains(errs, "can be read by other users") {
			t.Errorf("exposed key: %d %s", code, errs)
		}
	}
}

func TestCertificatePDFRefusesUnprintableName(t *testing.T) {
	dir := t.TempDir()
	passExam(t, dir, "نور الهدى", 11)
	path := filepath.Join(t.TempDir(), "c.pdf")
	_, errs, code := runCmd(t, dir, "", "--profile", "نور الهدى", "certificate", "--module", "foundations", "-o", path)
	if code != 1 || !strings.Contains(errs, "Arabic script") || !strings.Contains(errs, "-o "+strings.TrimSuffix(path, ".pdf")+".md") {
		t.Errorf("Arabic name in a PDF: %d %s", code, errs)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a PDF was written")
	}
	out := mustOut(t, dir, "--profile", "نور الهدى", "certificate", "--module", "foundations", "--format", "md")
	if !strings.Contains(out, "**نور الهدى**") {
		t.Errorf("markdown:\n%s", out)
	}
}

func TestCertificateFiles(t *testing.T) {
	dir := t.TempDir()
	passExam(t, dir, "Ana Silva", 11)
	files := t.TempDir()
	for _, name := range []string{"c.pdf", "c.md", "c.txt"} {
		if _, errs, code := runCmd(t, dir, "", "--profile", "Ana Silva", "certificate", "--module", "foundations", "-o", filepath.Join(files, name)); code != 0 {
			t.Fatalf("%s: %s", name, errs)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join(files, "c.pdf"))
	md, _ := os.ReadFile(filepath.Join(files, "c.md"))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.HasPrefix(string(md), "# Self-study record") || !strings.Contains(string(md), "**Ana Silva**") {
		t.Errorf("files:\n%s", md)
	}
	if entries, _ := os.ReadDir(files); len(entries) != 3 {
		t.Errorf("temporary files left: %v", entries)
	}
	if _, errs, code := runCmd(t, dir, "", "--profile", "Ana Silva", "certificate", "--module", "myths-and-facts"); code != 1 || !strings.Contains(errs, "has not passed the exam of") {
		t.Errorf("module never passed: %d %s", code, errs)
	}
	if _, errs, code := runCmd(t, dir, "", "--profile", "Ana Silva", "certificate", "--module", "foundations", "--format", "pdf"); code != 2 || !strings.Contains(errs, "a PDF needs a file") {
		t.Errorf("PDF to stdout: %d %s", code, errs)
	}
	if _, _, code := runCmd(t, dir, "", "certificate", "--module", "foundations"); code != 2 {
		t.Errorf("no profile: %d", code)
	}
}

func TestFormatFor(t *testing.T) {
	for _, tt := range [][3]string{{"", "x.pdf", "pdf"}, {"", "x.MD", "md"}, {"", "x.txt", "txt"}, {"", "", "txt"}, {"PDF", "x.txt", "pdf"}, {"markdown", "", "md"}, {"docx", "", "docx"}} {
		if got := formatFor(tt[0], tt[1]); got != tt[2] {
			t.Errorf("formatFor(%q, %q) = %q", tt[0], tt[1], got)
		}
	}
}

func TestParseInterspersed(t *testing.T) {
	env := &Env{Stderr: &bytes.Buffer{}}
	fs := newFlagSet(env, "exam", "exam MODULE")
	limit := fs.Duration("time", 0, "")
	pos, ok, _ := parseInterspersed(fs, []string{"--time", "20m", "passports", "--profile", "Ana", "--", "-x"})
	if !ok || len(pos) != 2 || pos[0] != "passports" || pos[1] != "-x" || *limit != 20*time.Minute || env.Profile != "Ana" {
		t.Errorf("pos %v ok %v limit %v profile %q", pos, ok, *limit, env.Profile)
	}
}
