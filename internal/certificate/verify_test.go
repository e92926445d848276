package certificate

import (
	"context"
	"errors"
	"frontline/internal/progress/progresstest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontline/internal/progress"
)

// TestSecondMachine signs a certificate on the trainer's machine, writes it
// in every format, and checks it on another machine whose data folder
// holds only the trainer's public key line.
func TestSecondMachine(t *testing.T) {
	ctx := context.Background()
	trainerDir := progresstest.PrivateDir(t)
	trainer, _, err := CreateKey(trainerDir, "Regional Police Academy", false, seededRand(1), examDay)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadKey(trainerDir)
	if err != nil {
		t.Fatal(err)
	}
	m := openMachine(t, trainerDir, loaded)
	m.takeExam(t, "Łukasz Wiśniewski", 7, examDay)                           // a fail
	best := m.takeExam(t, "Łukasz Wiśniewski", 9, examDay.Add(24*time.Hour)) // the best pass
	m.takeExam(t, "Łukasz Wiśniewski", 8, examDay.Add(48*time.Hour))
	got, err := Issue(ctx, m.store, m.lib, loaded, Request{Learner: "Łukasz Wiśniewski", ModuleID: "foundations"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Attempt.ID != best.ID || got.Statement.Kind != Signed || len(got.Notes) != 0 {
		t.Fatalf("issued %+v", got)
	}

	// The second machine: only the public key line, handed over as text.
	other := progresstest.PrivateDir(t)
	pub, err := ParsePublicKey(trainer.Line())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddTrusted(other, pub); err != nil {
		t.Fatal(err)
	}
	trusted, errs := LoadTrusted(TrustedFile(other))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files := t.TempDir()
	for _, format := range []string{FormatText, FormatMarkdown, FormatPDF} {
		data, err := got.Statement.Render(format)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(files, "certificate."+format)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		read, _ := os.ReadFile(path)
		s, err := Read(read)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		v := Verify(s, trusted)
		if err := (Local{}).CheckRecords(ctx, &v); err != nil {
			t.Fatal(err)
		}
		if v.Status != Valid || v.Status.ExitCode() != 0 ||
			!strings.Contains(v.Headline, "VALID: signed by Regional Police Academy (key "+trainer.ID()+", trusted through "+TrustedFile(other)+":3)") ||
			!strings.Contains(v.String(), "It states that Łukasz Wiśniewski passed the assessed exam of What trafficking is, version 1.0 (module foundations, content e6597fa14392fa4c) on 4 March 2026 with a score of 9 of 10 (90%); the pass mark was 80%.") ||
			!strings.Contains(v.String(), "no exam records") {
			t.Errorf("%s on the second machine:\n%s", format, v)
		}
	}

	// On the trainer's own machine the records are checked too.
	s, _ := Read(mustRead(t, filepath.Join(files, "certificate.txt")))
	v := Verify(s, []Trusted{{PublicKey: loaded.PublicKey, Source: "this computer's issuer key"}})
	if err := m.local().CheckRecords(ctx, &v); err != nil {
		t.Fatal(err)
	}
	if v.Status != Valid || !strings.Contains(v.String(), "The records on this computer agree: exam attempt") {
		t.Errorf("on the trainer's machine:\n%s", v)
	}
	// The code alone checks on the trainer's machine only.
	cv, err := VerifyCode(ctx, strings.ToLower(s.Code()), []Trusted{{PublicKey: loaded.PublicKey, Source: "here"}}, m.local())
	if err != nil || cv.Status != Valid || !strings.Contains(cv.String(), "was found in the records of this computer") {
		t.Errorf("code here: %v\n%s", err, cv)
	}
	cv, _ = VerifyCode(ctx, s.Code(), trusted, Local{})
	if cv.Status != Unverified || cv.Status.ExitCode() != 3 || !strings.Contains(cv.String(), "A code alone can be checked only against the records of the computer where the certificate was made") {
		t.Errorf("code on the second machine:\n%s", cv)
	}
	empty := newMachine(t, nil)
	cv, _ = VerifyCode(ctx, s.Code(), trusted, empty.local())
	if cv.Status != NotValid || !strings.HasPrefix(cv.Headline, "NOT FOUND") || !strings.Contains(cv.String(), "A code alone") {
		t.Errorf("code on a machine with other records:\n%s", cv)
	}
	cv, _ = VerifyCode(ctx, "hello", trusted, m.local())
	if cv.Status != NotValid || !strings.Contains(cv.Headline, "is not a certificate code") {
		t.Errorf("not a code:\n%s", cv)
	}

	// The records changed after the exam: the certificate still holds, and
	// the verdict says the records differ.
	best.Score, best.Seal = 10, nil
	if err := m.store.SaveAttempt(ctx, best); err != nil {
		t.Fatal(err)
	}
	v = Verify(s, trust(loaded))
	_ = m.local().CheckRecords(ctx, &v)
	if v.Status != Valid || !strings.Contains(v.String(), "no longer match what was signed") {
		t.Errorf("records changed:\n%s", v)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVerdicts(t *testing.T) {
	trainer := testKey(t, "Regional Police Academy", 1)
	elsewhere := testKey(t, "Harbour Training Centre", 2)
	impostor := testKey(t, "Regional Police Academy", 3)
	ok := signed(t, sampleStatement("Ana Silva"), trainer)
	failed := sampleStatement("Ana Silva")
	failed.Score, failed.Passed = 5, false
	for _, tt := range []struct {
		name    string
		s       Statement
		trusted []Trusted
		status  Status
		words   []string
	}{
		{"trusted", ok, trust(trainer), Valid, []string{"VALID: signed by Regional Police Academy", "It states that Ana Silva passed"}},
		{"trusted among others", ok, append(trust(elsewhere), trust(trainer)...), Valid, []string{"VALID"}},
		{"another issuer", signed(t, sampleStatement("Ana Silva"), elsewhere), trust(trainer), NotValid,
			[]string{"NOT VALID for the issuers you trust: it was signed by another issuer.", `"Harbour Training Centre" (key ` + elsewhere.ID() + ")", "Regional Police Academy (key " + trainer.ID() + ")"}},
		{"same name, another key", signed(t, sampleStatement("Ana Silva"), impostor), trust(trainer), NotValid,
			[]string{"NOT VALID: it claims to come from Regional Police Academy, but it was not signed with the key you trust", "Treat it as forged"}},
		{"no trusted keys", ok, nil, Unverified, []string{"NOT VERIFIED: the signature is intact", "Anyone can make a key", "--issuer"}},
		{"self-study", sampleStatement("Ana Silva"), trust(trainer), SelfStudyRecord, []string{"SELF-STUDY RECORD: not signed by any trainer or organisation.", "proves nothing to anyone else"}},
		{"a signed fail", signed(t, failed, trainer), trust(trainer), NotValid, []string{"NOT A CERTIFICATE", "did not pass"}},
	} {
		v := Verify(tt.s, tt.trusted)
		if v.Status != tt.status {
			t.Errorf("%s: status %v, want %v\n%s", tt.name, v.Status, tt.status, v)
		}
		for _, w := range tt.words {
			if !strings.Contains(v.String(), w) {
				t.Errorf("%s: no %q in\n%s", tt.name, w, v)
			}
		}
	}
	for st, code := range map[Status]int{Valid: 0, NotValid: 1, Unverified: 3, SelfStudyRecord: 3} {
		if st.ExitCode() != code {
			t.Errorf("%v exits %d", st, st.ExitCode())
		}
	}
}

func TestSelfStudyRecords(t *testing.T) {
	ctx := context.Background()
	m := newMachine(t, nil)
	a := m.takeExam(t, "Ana Silva", 9, examDay)
	got, err := Issue(ctx, m.store, m.lib, nil, Request{Learner: "Ana Silva", ModuleID: "foundations"})
	if err != nil {
		t.Fatal(err)
	}
	s := got.Statement
	if s.Kind != SelfStudy || s.PassMark != 80 || s.AttemptID != a.ID {
		t.Fatalf("self-study statement %+v", s)
	}
	txt, _ := s.Text()
	if !strings.HasPrefix(txt, "SELF-STUDY RECORD\n\nNot checked by a trainer.") || !strings.Contains(txt, "Record code: "+s.Code()) {
		t.Errorf("text:\n%s", txt)
	}
	// On the learner's own machine the records agree; that proves little.
	v := Verify(s, nil)
	_ = m.local().CheckRecords(ctx, &v)
	if v.Status != SelfStudyRecord || v.Status.ExitCode() != 3 || !strings.Contains(v.String(), "The records on this computer agree") {
		t.Errorf("own machine:\n%s", v)
	}
	// Its code is found in the records.
	cv, err := VerifyCode(ctx, s.Code(), nil, m.local())
	if err != nil || cv.Status != SelfStudyRecord {
		t.Errorf("code: %v\n%s", err, cv)
	}
	// An edited record no longer matches the records it names.
	edited := strings.Replace(txt, "Score: 9 of 10 (90%)", "Score: 10 of 10 (100%)", 1)
	es, err := Read([]byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	v = Verify(es, nil)
	_ = m.local().CheckRecords(ctx, &v)
	if v.Status != NotValid || !strings.Contains(v.String(), "does not match the records") {
		t.Errorf("edited record:\n%s", v)
	}
	// On another machine it is just a self-study record.
	v = Verify(es, nil)
	_ = newMachine(t, nil).local().CheckRecords(ctx, &v)
	if v.Status != SelfStudyRecord {
		t.Errorf("elsewhere:\n%s", v)
	}

	// With a key, an exam taken before the key existed cannot be signed,
	// but a self-study record can still be asked for.
	key := testKey(t, "Academy", 1)
	_, err = Issue(ctx, m.store, m.lib, key, Request{Learner: "Ana Silva", ModuleID: "foundations"})
	if !errors.Is(err, ErrCannotSign) || !strings.Contains(err.Error(), "without an issuer key") || !strings.Contains(err.Error(), "--self-study") {
		t.Errorf("unsealed with a key: %v", err)
	}
	if got, err := Issue(ctx, m.store, m.lib, key, Request{Learner: "Ana Silva", ModuleID: "foundations", SelfStudy: true}); err != nil || got.Statement.Kind != SelfStudy {
		t.Errorf("--self-study: %v %+v", err, got.Statement)
	}
}

func TestIssueRefuses(t *testing.T) {
	ctx := context.Background()
	m := newMachine(t, nil)
	m.takeExam(t, "Ana Silva", 5, examDay) // a fail
	if _, err := Issue(ctx, m.store, m.lib, nil, Request{Learner: "Ana Silva", ModuleID: "foundations"}); !errors.Is(err, ErrNoPass) || !strings.Contains(err.Error(), "frontline exam foundations") {
		t.Errorf("no pass: %v", err)
	}
	if _, err := Issue(ctx, m.store, m.lib, nil, Request{Learner: "Nobody", ModuleID: "foundations"}); err == nil {
		t.Error("unknown learner")
	}
	// A record dated in the future, or with an impossible score, written
	// without a seal.
	for name, edit := range map[string]func(a *progress.Attempt){
		"in the future": func(a *progress.Attempt) { a.Finished = examDay.AddDate(70, 0, 0) },
		"990%":          func(a *progress.Attempt) { a.Score = 99 },
	} {
		m := newMachine(t, nil)
		p, _ := m.store.CreateProfile(ctx, "Ana Silva", "police")
		a := progress.Attempt{ProfileID: p.ID, ModuleID: "foundations", Mode: progress.ModeExam, Started: examDay,
			Finished: examDay, Score: 9, Total: 10, Passed: true}
		edit(&a)
		if _, err := m.store.StartAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
		_, err := Issue(ctx, m.store, m.lib, nil, Request{Learner: "Ana Silva", ModuleID: "foundations", Now: examDay.AddDate(0, 0, 1)})
		if err == nil || !strings.Contains(err.Error(), "cannot be certified") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
