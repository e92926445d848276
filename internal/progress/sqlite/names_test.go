package sqlite

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"frontline/internal/progress"
	"frontline/internal/textsafe"
)

// TestProfileNamesAreChecked (review F6): names from --profile or a prompt
// are refused when they hold controls, line breaks, bidi or invisible
// characters or are too long, and stored normalised.
func TestProfileNamesAreChecked(t *testing.T) {
	s := openT(t, privateDir(t))
	for _, tt := range []struct {
		name string
		want error
	}{
		{"Eve\x1b]0;PWNED-NAME\x07", textsafe.ErrNameChar},
		{"Eve2\x1b]52;c;SGVsbG8=\x07", textsafe.ErrNameChar},
		{"Eve3\x1b[2J\x1b[H", textsafe.ErrNameChar},
		{"x\r=1+1", textsafe.ErrNameChar},
		{"Eve4\u009b2J", textsafe.ErrNameChar},
		{"Alice\nhas passed with distinction the Advanced Investigator course", textsafe.ErrNameChar},
		{"alice\u200b", textsafe.ErrNameChar},
		{"ali\u202ece", textsafe.ErrNameChar},
		{strings.Repeat("L", 10240), textsafe.ErrNameTooLong},
		{"   ", textsafe.ErrNameEmpty},
	} {
		if _, err := s.CreateProfile(bg(), tt.name, "police"); !errors.Is(err, tt.want) {
			t.Errorf("CreateProfile(%.20q) = %v, want %v", tt.name, err, tt.want)
		} else if !textsafe.Clean(err.Error()) {
			t.Errorf("the error for %.20q holds a control character: %q", tt.name, err)
		}
	}
	p, err := s.CreateProfile(bg(), "  Jose\u0301   Pérez ", "police")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "José Pérez" {
		t.Errorf("stored as %q, want NFC with spaces collapsed", p.Name)
	}
	if got, err := s.ProfileByName(bg(), "José Pérez"); err != nil || got.ID != p.ID || got.Name != "José Pérez" {
		t.Errorf("ProfileByName = %+v, %v", got, err)
	}
	if ps, _ := s.Profiles(bg()); len(ps) != 1 {
		t.Errorf("refused names were stored: %v", ps)
	}
}

// TestLookAlikeNamesAreOneLearner (review F4f, F6): "аlice" with a Cyrillic
// а, "ALICE" and "alice" with a zero-width joiner are the learner "alice",
// so no one gets round an exam's attempt limit with a look-alike name.
func TestLookAlikeNamesAreOneLearner(t *testing.T) {
	s := openT(t, privateDir(t))
	alice := mustProfile(t, s, "alice")
	for _, other := range []string{"аlice", "ALICE", "Alice", "al\u200dice", "Ａｌｉｃｅ", " alice "} {
		_, err := s.CreateProfile(bg(), other, "police")
		if !errors.Is(err, progress.ErrExists) {
			t.Errorf("CreateProfile(%q) = %v, want ErrExists", other, err)
		}
		if got, err := s.ProfileByName(bg(), other); err != nil || got.ID != alice.ID {
			t.Errorf("ProfileByName(%q) = %+v, %v; want alice", other, got, err)
		}
	}
	_, err := s.CreateProfile(bg(), "аlice", "police")
	if err == nil || !strings.Contains(err.Error(), `looks the same as the learner "alice"`) {
		t.Errorf("the error does not name the learner it looks like: %v", err)
	}
	if _, err := s.ProfileByName(bg(), "alicia"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("alicia: %v", err)
	}
	mustProfile(t, s, "alicia")
}

// schema1 makes a database at schema version 1 holding the given profiles,
// as a frontline from before names were compared by skeleton left it.
func schema1(t *testing.T, dir string, names ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, FileName), SyncFull, false, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(db, ms[:1]); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if _, err := db.Exec(`INSERT INTO profiles (name, role, created) VALUES (?, 'police', ?)`, n, i+1); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNameKeyMigration: migration 002 gives existing profiles their keys,
// keeps look-alike profiles that already exist (nothing is deleted), finds
// each by its exact name, and refuses new look-alikes.
func TestNameKeyMigration(t *testing.T) {
	dir := privateDir(t)
	schema1(t, dir, "alice", "аlice", "Bob")
	s := openT(t, dir)
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != latestMigration() || version < 2 {
		t.Fatalf("user_version %d, %v", version, err)
	}
	rows, err := s.db.Query(`SELECT name, name_key FROM profiles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, key string
		if err := rows.Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		if key == "" || key != textsafe.Skeleton(name) {
			t.Errorf("%q has key %q", name, key)
		}
	}
	for _, n := range []string{"alice", "аlice"} {
		if p, err := s.ProfileByName(bg(), n); err != nil || p.Name != n {
			t.Errorf("ProfileByName(%q) = %+v, %v", n, p, err)
		}
	}
	if p, err := s.ProfileByName(bg(), "ALICE"); err != nil || p.Name != "alice" {
		t.Errorf("ALICE finds %+v, %v; want the oldest, alice", p, err)
	}
	if _, err := s.CreateProfile(bg(), "bob", "police"); !errors.Is(err, progress.ErrExists) {
		t.Errorf("bob: %v", err)
	}
}

// TestNamesInAnOldReadOnlyDatabase: a schema-1 database opened read-only
// (never migrated) still finds learners by look-alike names.
func TestNamesInAnOldReadOnlyDatabase(t *testing.T) {
	dir := privateDir(t)
	schema1(t, dir, "alice", "Bob")
	s := openT(t, dir, func(o *options) { o.forceReadOnly = "test" })
	for _, n := range []string{"alice", "аlice", "BOB"} {
		if _, err := s.ProfileByName(bg(), n); err != nil {
			t.Errorf("ProfileByName(%q): %v", n, err)
		}
	}
	if _, err := s.ProfileByName(bg(), "carol"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("carol: %v", err)
	}
}
