package certificate

import (
	"crypto/rand"
	"errors"
	"frontline/internal/progress/progresstest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestCreateAndLoadKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	k, moved, err := CreateKey(dir, "  Regional Police Academy ", false, rand.Reader, now)
	if err != nil || moved != "" {
		t.Fatalf("create: %v %q", err, moved)
	}
	if k.Name != "Regional Police Academy" {
		t.Errorf("name %q", k.Name)
	}
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{dir: 0o700, KeyFile(dir): 0o600} {
			fi, err := os.Stat(path)
			if err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v (%v)", path, fi.Mode().Perm(), want, err)
			}
		}
	}
	got, err := LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Same(k.PublicKey) || got.Name != k.Name || !got.Created.Equal(now) || got.Line() != k.Line() {
		t.Errorf("loaded %+v, created %+v", got.PublicKey, k.PublicKey)
	}
	// What one signs, the other's public key checks.
	s := signed(t, sampleStatement("Ana"), got)
	if v := Verify(s, trust(k)); v.Status != Valid {
		t.Errorf("signed with the loaded key: %s", v)
	}

	// An existing key is never overwritten.
	if _, _, err := CreateKey(dir, "Someone", false, rand.Reader, now); !errors.Is(err, ErrKeyExists) {
		t.Errorf("second create: %v", err)
	}
	if again, _ := LoadKey(dir); again == nil || !again.Same(k.PublicKey) {
		t.Error("the key changed after a refused create")
	}
	// Replacing moves the old key aside, still private.
	k2, moved, err := CreateKey(dir, "Regional Police Academy", true, rand.Reader, now.Add(time.Hour))
	if err != nil || moved == "" || k2.Same(k.PublicKey) {
		t.Fatalf("replace: %v %q", err, moved)
	}
	old, err := os.ReadFile(moved)
	if err != nil || !strings.Contains(string(old), "Key-Id: "+k.ID()) {
		t.Errorf("the old key was not kept at %s: %v", moved, err)
	}
	if fi, _ := os.Stat(moved); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("old key mode %v", fi.Mode().Perm())
	}
	if _, _, err := CreateKey(dir, "Bad\x1bname", true, rand.Reader, now); err == nil {
		t.Error("a name with a control character was accepted")
	}
}

func TestLoadKeyRefuses(t *testing.T) {
	dir := progresstest.PrivateDir(t)
	if _, err := LoadKey(dir); !errors.Is(err, ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
	k, _, err := CreateKey(dir, "Academy", false, rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(KeyFile(dir), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadKey(dir); !errors.Is(err, ErrKeyExposed) || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("readable by others: %v", err)
		}
		_ = os.Chmod(KeyFile(dir), 0o600)
	}
	data, _ := os.ReadFile(KeyFile(dir))
	for name, edit := range map[string]func(string) string{
		"key id changed": func(s string) string { return strings.Replace(s, "Key-Id: "+k.ID(), "Key-Id: 0000000000000000", 1) },
		"not a key":      func(string) string { return "hello\n" },
		"seed cut": func(s string) string {
			return strings.Replace(s, "Private-Key: ed25519:", "Private-Key: ed25519:AAAA", 1)
		},
	} {
		if err := os.WriteFile(KeyFile(dir), []byte(edit(string(data))), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadKey(dir); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}

func TestPublicKeyLine(t *testing.T) {
	k := testKey(t, "Regional Police Academy — Łódź", 1)
	line := k.Line()
	if !strings.HasPrefix(line, "frontline-issuer/1 "+k.ID()+" ed25519:") || !strings.HasSuffix(line, " Regional Police Academy — Łódź") {
		t.Errorf("line %q", line)
	}
	p, err := ParsePublicKey("  " + line + "\r\n")
	if err != nil || !p.Same(k.PublicKey) || p.Name != k.Name {
		t.Fatalf("parse: %v %+v", err, p)
	}
	other := testKey(t, "x", 2)
	for name, bad := range map[string]string{
		"empty":                   "",
		"no name":                 strings.TrimSuffix(line, " Regional Police Academy — Łódź"),
		"another prefix":          strings.Replace(line, "frontline-issuer/1", "frontline-issuer/9", 1),
		"key id of another key":   strings.Replace(line, k.ID(), other.ID(), 1),
		"key cut":                 strings.Replace(line, "ed25519:", "ed25519:AA", 1),
		"control char in name":    line + "\x07",
		"a certificate line":      "Issuer-Key: " + k.ID() + " " + encodeKey(k.Key),
		"an ssh key":              "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host",
		"key of another, same id": strings.Replace(line, encodeKey(k.Key), encodeKey(other.Key), 1),
	} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("%s: accepted %q", name, bad)
		}
	}
}

func TestTrustedFile(t *testing.T) {
	a, b := testKey(t, "Academy A", 1), testKey(t, "Academy B", 2)
	text := strings.Join([]string{
		"# Issuers we accept",
		"",
		a.Line(),
		"frontline-issuer/1 nonsense",
		"   # an indented comment",
		b.Line(),
		strings.Replace(b.Line(), b.ID(), a.ID(), 1),
	}, "\n")
	keys, errs := ReadTrusted(strings.NewReader(text), "trusted.txt")
	if len(keys) != 2 || !keys[0].Same(a.PublicKey) || !keys[1].Same(b.PublicKey) || keys[1].Source != "trusted.txt:6" {
		t.Errorf("keys %+v", keys)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "trusted.txt:4: ") || !strings.HasPrefix(errs[1].Error(), "trusted.txt:7: ") {
		t.Errorf("errors %v", errs)
	}

	dir := progresstest.PrivateDir(t)
	if keys, errs := LoadTrusted(TrustedFile(dir)); keys != nil || errs != nil {
		t.Errorf("missing file: %v %v", keys, errs)
	}
	for i, want := range []bool{true, false} {
		added, err := AddTrusted(dir, a.PublicKey)
		if err != nil || added != want {
			t.Errorf("add %d: %v %v", i, added, err)
		}
	}
	if _, err := AddTrusted(dir, b.PublicKey); err != nil {
		t.Fatal(err)
	}
	keys, errs = LoadTrusted(TrustedFile(dir))
	if len(keys) != 2 || len(errs) != 0 {
		t.Errorf("after adding: %v %v", keys, errs)
	}
	if fi, _ := os.Stat(TrustedFile(dir)); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("trusted file mode %v", fi.Mode().Perm())
	}
}
