package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

func certFixture(t *testing.T) (progress.Store, *content.Library, string) {
	t.Helper()
	store, err := sqlite.Open(t.TempDir(), sqlite.WithBackups(0, 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	p, err := store.CreateProfile(ctx, "Ana Silva", content.RolePolice)
	if err != nil {
		t.Fatal(err)
	}
	lib := &content.Library{Modules: []*content.Module{{Meta: content.Meta{ID: "passports", Title: "Documents and control", Version: "1.2"}}}}
	day := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	add := func(score float64, passed bool, finished time.Time) progress.Attempt {
		a, err := store.StartAttempt(ctx, progress.Attempt{ProfileID: p.ID, ModuleID: "passports", Mode: progress.ModeExam,
			Version: "1.2", Fingerprint: "fp", Seed: 7, Questions: []string{"a", "b", "c", "d", "e"}, Started: finished.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		a.Finished, a.Score, a.Total, a.Passed = finished, score, 5, passed
		if err := store.SaveAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	add(2, false, day)
	add(4, true, day.Add(24*time.Hour))
	add(5, true, day.Add(48*time.Hour)) // the best
	return store, lib, "Ana Silva"
}

func TestCertificateWriteAndVerify(t *testing.T) {
	store, lib, name := certFixture(t)
	var out bytes.Buffer
	if err := writeCertificate(&out, store, lib, name, "passports", "txt", ""); err != nil {
		t.Fatal(err)
	}
	txt := out.String()
	for _, want := range []string{"CERTIFICATE OF COMPLETION", "Ana Silva", "Documents and control (version 1.2)", "on 3 March 2026 with a score of 100%", "Verification code: "} {
		if !strings.Contains(txt, want) {
			t.Errorf("certificate lacks %q:\n%s", want, txt)
		}
	}
	i := strings.Index(txt, "Verification code: ")
	code := strings.TrimSpace(strings.SplitN(txt[i+len("Verification code: "):], "\n", 2)[0])
	if !engine.ValidCodeFormat(code) {
		t.Fatalf("code %q", code)
	}

	out.Reset()
	ok, err := verifyCertificate(&out, store, lib, strings.ToLower(code))
	if err != nil || !ok || !strings.Contains(out.String(), "VALID: "+code+" certifies that Ana Silva passed the exam of Documents and control (version 1.2) on 3 March 2026 with 100%.") {
		t.Errorf("verify: %v %v %s", ok, err, out.String())
	}
	// A tampered code: one character changed.
	tampered := []byte(code)
	if tampered[0] == 'A' {
		tampered[0] = 'B'
	} else {
		tampered[0] = 'A'
	}
	out.Reset()
	ok, err = verifyCertificate(&out, store, lib, string(tampered))
	if err != nil || ok || !strings.Contains(out.String(), "NOT VALID: no passed exam") {
		t.Errorf("tampered code: %v %v %s", ok, err, out.String())
	}
	out.Reset()
	ok, _ = verifyCertificate(&out, store, lib, "hello")
	if ok || !strings.Contains(out.String(), "is not a verification code") {
		t.Errorf("malformed code: %s", out.String())
	}
}

func TestCertificateFiles(t *testing.T) {
	store, lib, name := certFixture(t)
	dir := t.TempDir()
	var out bytes.Buffer
	pdfPath := filepath.Join(dir, "cert.pdf")
	if err := writeCertificate(&out, store, lib, name, "passports", formatFor("", pdfPath), pdfPath); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(pdfPath)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 500 {
		t.Fatalf("PDF: %d bytes, %v", len(data), err)
	}
	if !strings.Contains(out.String(), "Wrote the certificate for Ana Silva") {
		t.Errorf("message: %s", out.String())
	}
	mdPath := filepath.Join(dir, "cert.md")
	if err := writeCertificate(&out, store, lib, name, "passports", formatFor("", mdPath), mdPath); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(mdPath)
	if !strings.HasPrefix(string(md), "# Certificate of completion") || !strings.Contains(string(md), "**Ana Silva**") {
		t.Errorf("markdown:\n%s", md)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := writeCertificate(&out, store, lib, name, "other", "txt", ""); err == nil || !strings.Contains(err.Error(), "no passed exam") {
		t.Errorf("module never passed: %v", err)
	}
}

func TestCertificateCodeFields(t *testing.T) {
	a := progress.Attempt{ID: 3, ModuleID: "m", Version: "1", Fingerprint: "fp", Seed: 9, Finished: time.Unix(1e9, 0), Score: 4, Total: 5}
	base := certificateCode("Ana", a)
	b := a
	b.Score = 4.5
	if certificateCode("Ana", b) == base || certificateCode("Anb", a) == base {
		t.Error("a changed record kept its code")
	}
	if certificateCode("Ana", a) != base {
		t.Error("code not stable")
	}
}

func TestFormatFor(t *testing.T) {
	for _, tt := range [][3]string{{"", "x.pdf", "pdf"}, {"", "x.MD", "md"}, {"", "x.txt", "txt"}, {"", "", "txt"}, {"PDF", "x.txt", "pdf"}} {
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
