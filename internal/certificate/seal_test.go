package certificate

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

func TestSealThroughTheStore(t *testing.T) {
	trainer := testKey(t, "Regional Police Academy", 1)
	m := newMachine(t, trainer)
	ctx := context.Background()
	a := m.takeExam(t, "Ana Silva", 9, examDay)

	// The seal is stored and read back with the attempt.
	got, _, err := m.store.Attempt(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Seal) != string(a.Seal) || !strings.Contains(string(got.Seal), "Kind: signed") {
		t.Fatalf("stored seal:\n%s", got.Seal)
	}
	s, err := CheckSeal(got, "Ana Silva", &trainer.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if s.Learner != "Ana Silva" || s.Score != 9 || s.PassMark != 80 || s.AttemptID != a.ID || !s.Date.Equal(examDay) {
		t.Errorf("sealed statement %+v", s)
	}
	// A later save that does not carry the seal keeps it.
	got.Seal = nil
	got.Current = 1
	if err := m.store.SaveAttempt(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _, _ := m.store.Attempt(ctx, a.ID)
	if string(again.Seal) != string(a.Seal) {
		t.Error("saving without the seal dropped it")
	}
	// Only finished exams are sealed.
	practice, _ := m.store.StartAttempt(ctx, progress.Attempt{ProfileID: got.ProfileID, ModuleID: "foundations", Mode: progress.ModePractice})
	if _, err := Seal(trainer, Exam{Learner: "Ana Silva", ModuleTitle: "T", PassMark: 80}, practice); err == nil {
		t.Error("a practice attempt was sealed")
	}
	open, _ := m.store.StartAttempt(ctx, progress.Attempt{ProfileID: got.ProfileID, ModuleID: "foundations", Mode: progress.ModeExam})
	if _, err := Seal(trainer, Exam{Learner: "Ana Silva", ModuleTitle: "T", PassMark: 80}, open); err == nil {
		t.Error("an unfinished exam was sealed")
	}
	// Without a key the seal is a self-study record.
	self := newMachine(t, nil)
	b := self.takeExam(t, "Ben", 8, examDay)
	if _, err := CheckSeal(b, "Ben", nil); !errors.Is(err, ErrNotSealed) || !strings.Contains(string(b.Seal), "Kind: self-study") {
		t.Errorf("self-study seal: %v\n%s", err, b.Seal)
	}
}

func TestCheckSealFindsChanges(t *testing.T) {
	trainer := testKey(t, "Regional Police Academy", 1)
	m := newMachine(t, trainer)
	a := m.takeExam(t, "Ana Silva", 9, examDay)
	other := testKey(t, "Regional Police Academy", 2)
	for _, tt := range []struct {
		name    string
		edit    func(a *progress.Attempt) string
		want    error
		message string
	}{
		{"unchanged", func(*progress.Attempt) string { return "Ana Silva" }, nil, ""},
		{"score raised in the row", func(a *progress.Attempt) string { a.Score = 10; return "Ana Silva" }, ErrSealMismatch, `score: stated "9 of 10", recorded "10 of 10"`},
		{"date moved in the row", func(a *progress.Attempt) string { a.Finished = a.Finished.AddDate(-1, 0, 0); return "Ana Silva" }, ErrSealMismatch, "date"},
		{"another learner", func(*progress.Attempt) string { return "Mallory" }, ErrSealMismatch, `learner: stated "Ana Silva", recorded "Mallory"`},
		{"another attempt", func(a *progress.Attempt) string { a.ID++; return "Ana Silva" }, ErrSealMismatch, "attempt"},
		{"score raised in the seal", func(a *progress.Attempt) string {
			a.Seal = []byte(strings.Replace(string(a.Seal), "Score: 9 of 10 (90%)", "Score: 10 of 10 (100%)", 1))
			return "Ana Silva"
		}, ErrSealBroken, "does not hold"},
		{"seal garbled", func(a *progress.Attempt) string { a.Seal = []byte("garbage"); return "Ana Silva" }, ErrSealBroken, "damaged"},
		{"no seal", func(a *progress.Attempt) string { a.Seal = nil; return "Ana Silva" }, ErrNotSealed, "has no seal"},
		{"sealed by another key", func(a *progress.Attempt) string {
			a.Seal, _ = Seal(other, Exam{Learner: "Ana Silva", ModuleTitle: "What trafficking is", PassMark: 80}, *a)
			return "Ana Silva"
		}, ErrOtherKey, "not with this computer's issuer key"},
	} {
		b := a
		learner := tt.edit(&b)
		_, err := CheckSeal(b, learner, &trainer.PublicKey)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
			t.Errorf("%s: got %v, want %v with %q", tt.name, err, tt.want, tt.message)
		}
	}
}

// TestInsertedAttemptNeverVerifies writes passing exam attempts straight
// into the trainer's SQLite file with SQL, as anyone with a SQLite tool
// could, and checks that none of them yields a certificate that verifies
// against the trainer's key.
func TestInsertedAttemptNeverVerifies(t *testing.T) {
	ctx := context.Background()
	trainer := testKey(t, "Regional Police Academy", 1)
	m := newMachine(t, trainer)
	legit := m.takeExam(t, "Ana Silva", 8, examDay)
	if _, err := m.store.CreateProfile(ctx, "Mallory", "police"); err != nil {
		t.Fatal(err)
	}
	// The forger's own key, named after the trainer.
	forger := testKey(t, "Regional Police Academy", 66)
	forgedSeal := func(id int64) string {
		s := sampleStatement("Mallory")
		s.Score, s.AttemptID, s.Date = 10, id, examDay.Add(3600e9)
		s = signed(t, s, forger)
		b, _ := s.Block()
		return b
	}
	unsignedSeal := func(id int64) string {
		s := sampleStatement("Mallory")
		s.Score, s.AttemptID, s.Date = 10, id, examDay.Add(3600e9)
		b, _ := s.Block()
		return b
	}
	stolen := strings.Replace(string(legit.Seal), "Learner: Ana Silva", "Learner: Mallory", 1)
	cases := []struct {
		name string
		seal func(id int64) string
	}{
		{"no seal", func(int64) string { return "" }},
		{"a seal signed with the forger's key", forgedSeal},
		{"an unsigned statement", unsignedSeal},
		{"Ana's seal, renamed", func(int64) string { return stolen }},
		{"Ana's seal as it is", func(int64) string { return string(legit.Seal) }},
	}
	path := filepath.Join(m.dir, sqlite.FileName)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Each case starts from a clean slate: the forger's attempts go.
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`DELETE FROM attempts WHERE profile_id = (SELECT id FROM profiles WHERE name = 'Mallory')`); err != nil {
				t.Fatal(err)
			}
			var id int64
			if err := db.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM attempts`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`INSERT INTO attempts (id, profile_id, module_id, mode, fingerprint, version, started, finished, score, total, passed, seal)
				SELECT ?, id, 'foundations', 'exam', 'e6597fa14392fa4c', '1.0', ?, ?, 10, 10, 1, ? FROM profiles WHERE name = 'Mallory'`,
				id, examDay.UnixNano(), examDay.Add(3600e9).UnixNano(), c.seal(id)); err != nil {
				t.Fatal(err)
			}
			db.Close()

			// The trainer's machine refuses to sign it.
			_, err = Issue(ctx, m.store, m.lib, trainer, Request{Learner: "Mallory", ModuleID: "foundations"})
			if !errors.Is(err, ErrCannotSign) {
				t.Fatalf("the trainer's machine issued a certificate: %v", err)
			}
			// Whatever else can be made of it never verifies against the
			// trainer's key: on the trainer's machine without the key, or
			// with --self-study.
			for _, key := range []*Key{nil, trainer} {
				got, err := Issue(ctx, m.store, m.lib, key, Request{Learner: "Mallory", ModuleID: "foundations", SelfStudy: key != nil})
				if err != nil {
					continue
				}
				v := Verify(got.Statement, trust(trainer))
				if err := m.local().CheckRecords(ctx, &v); err != nil {
					t.Fatal(err)
				}
				if v.Status == Valid {
					t.Fatalf("verified against the trainer's key:\n%s", v)
				}
			}
			// Nor does the seal itself, read as a certificate.
			if s, err := Parse([]byte(c.seal(id))); err == nil {
				v := Verify(s, trust(trainer))
				if err := m.local().CheckRecords(ctx, &v); err != nil {
					t.Fatal(err)
				}
				if v.Status == Valid && s.Learner == "Mallory" {
					t.Fatalf("the inserted seal verifies:\n%s", v)
				}
			}
		})
	}
	// Ana's real certificate still verifies.
	got, err := Issue(ctx, m.store, m.lib, trainer, Request{Learner: "Ana Silva", ModuleID: "foundations"})
	if err != nil {
		t.Fatal(err)
	}
	if v := Verify(got.Statement, trust(trainer)); v.Status != Valid {
		t.Errorf("Ana's certificate: %s", v)
	}
}
