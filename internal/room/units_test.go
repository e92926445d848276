package room

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestCleanName(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{"Ana", "Ana", false},
		{"  Ana   Lopez ", "Ana Lopez", false},
		{"José", "José", false},
		{"e\u0301mile", "émile", false}, // NFC
		{"", "", true},
		{"   ", "", true},
		{"Ana\x1b[2J", "", true},
		{"Ana\u202eevil", "", true}, // bidi override
		{"Ana\u2028", "", true},
		{"A\tB", "", true},
		{strings.Repeat("x", 65), "", true},
		{strings.Repeat("é", 64), strings.Repeat("é", 64), false},
		{"\xff", "", true},
	} {
		got, err := cleanName(tc.in)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("cleanName(%q) = %q, %v; want %q, bad=%v", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

func TestNameSkeleton(t *testing.T) {
	same := [][2]string{
		{"Ana", "ANA"},
		{"Ana", "Аna"},   // Cyrillic А
		{"Paul", "Pаul"}, // Cyrillic а
		{"Ana Lopez", "ana  lopez"},
		{"Ana", "An\u200ba"}, // zero-width space
		{"Olga", "0lga"},
		{"Bill", "Bi1l"},
	}
	for _, p := range same {
		if nameSkeleton(p[0]) != nameSkeleton(p[1]) {
			t.Errorf("%q and %q should be the same name", p[0], p[1])
		}
	}
	different := [][2]string{{"Ana", "Anna"}, {"José", "Jose"}, {"Ana", "Ann"}}
	for _, p := range different {
		if nameSkeleton(p[0]) == nameSkeleton(p[1]) {
			t.Errorf("%q and %q should be different names", p[0], p[1])
		}
	}
}

func TestRoomCode(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		c := NewCode()
		if len(c) != codeLen {
			t.Fatalf("code %q has %d characters", c, len(c))
		}
		for _, r := range c {
			if !strings.ContainsRune(codeAlphabet, r) {
				t.Fatalf("code %q has %q, not in the alphabet", c, r)
			}
		}
		seen[c] = true
	}
	if len(seen) < 199 {
		t.Errorf("200 codes gave only %d different ones", len(seen))
	}
	for _, look := range "01258BDILOQSUVZ" {
		if strings.ContainsRune(codeAlphabet, look) {
			t.Errorf("alphabet has look-alike %q", look)
		}
	}
	code := "ACEFGHJK"
	for typed, ok := range map[string]bool{
		"ACEFGHJK": true, "acef-ghjk": true, " acef ghjk ": true, "ACEF-GHJ": false,
		"ACEFGHJKA": false, "": false, "BCEFGHJK": false, strings.Repeat("A", 10000): false,
	} {
		if got := codeMatches(typed, code); got != ok {
			t.Errorf("codeMatches(%.20q) = %v, want %v", typed, got, ok)
		}
	}
	if FormatCode(code) != "ACEF-GHJK" {
		t.Errorf("FormatCode = %q", FormatCode(code))
	}
}

func TestRejoinWord(t *testing.T) {
	w := NewRejoinWord()
	if i := strings.LastIndex(w, "-"); i < 3 || len(w)-i-1 != 3 {
		t.Fatalf("word %q is not word-NNN", w)
	}
	salt := newSalt()
	h := hashWord(salt, w)
	for typed, ok := range map[string]bool{
		w: true, strings.ToUpper(w): true, strings.ReplaceAll(w, "-", " "): true,
		strings.ReplaceAll(w, "-", ""): true, w + "1": false, "": false,
	} {
		if got := wordMatches(salt, h, typed); got != ok {
			t.Errorf("wordMatches(%q) = %v, want %v", typed, got, ok)
		}
	}
	if wordMatches(newSalt(), h, w) {
		t.Error("a word matched with another salt")
	}
	if wordMatches("", "", "") {
		t.Error("an empty record matched")
	}
}

func TestLimiterGrowsPerAddress(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	l := newAddrLimiter(3, time.Second, 30*time.Second, func() time.Time { return now })
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for i, w := range want {
		if got := l.Delay("10.0.0.5"); got != w {
			t.Errorf("after %d failures: delay %s, want %s", i, got, w)
		}
		l.Fail("10.0.0.5")
	}
	if got := l.Delay("10.0.0.6"); got != 0 {
		t.Errorf("another address waits %s", got)
	}
	now = now.Add(16 * time.Minute)
	if got := l.Delay("10.0.0.5"); got != 0 {
		t.Errorf("failures not forgotten after 16 minutes: %s", got)
	}
	for i := 0; i < 5; i++ {
		l.Fail("10.0.0.7")
	}
	l.Succeed("10.0.0.7")
	if got := l.Delay("10.0.0.7"); got != 0 {
		t.Errorf("failures not forgotten after getting in: %s", got)
	}
	l.limit = 3
	for _, a := range []string{"a", "b", "c", "d"} {
		l.Fail(a)
		now = now.Add(time.Second)
	}
	if len(l.addrs) > 3 {
		t.Errorf("%d addresses remembered, limit 3", len(l.addrs))
	}
	if addrKey(&net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 5000}) != "10.1.2.3" {
		t.Error("addrKey keeps the port")
	}
}

func newKeyLine(t *testing.T, comment string) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " " + comment
}

func TestAuthorizedKeysBadLineKeepsTheRest(t *testing.T) {
	k1, l1 := newKeyLine(t, "trainer@laptop")
	k2, l2 := newKeyLine(t, "Ana Lopez")
	k3, l3 := newKeyLine(t, "")
	path := filepath.Join(t.TempDir(), "keys")
	text := "# workshop keys\n" + l1 + "\nssh-ed25519 AAAAnot-a-key broken\n\n" + l2 + "\ncommand=\"/bin/sh\" " + l3 + "\n" + l1 + "\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	set, problems, err := ReadAuthorizedKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := set.Lookup(k1.PublicKey()); !ok {
		t.Error("key on line 2 not accepted")
	}
	if a, ok := set.Lookup(k2.PublicKey()); !ok || a.Comment != "Ana Lopez" || a.Line != 5 {
		t.Errorf("key below the bad line: %+v, %v", a, ok)
	}
	if _, ok := set.Lookup(k3.PublicKey()); ok {
		t.Error("a key with options was accepted")
	}
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
		if !strings.HasPrefix(p.String(), path+":") {
			t.Errorf("problem %q does not name the file", p)
		}
	}
	if len(lines) != 3 || lines[0] != 3 || lines[1] != 6 || lines[2] != 7 {
		t.Errorf("problems on lines %v, want [3 6 7]: %v", lines, problems)
	}
	if _, _, err := ReadAuthorizedKeys(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing file is not an error")
	}
}

func TestHostKeyMadeOnceAndPrivate(t *testing.T) {
	dir := t.TempDir()
	s1, created, _, err := LoadHostKey(dir)
	if err != nil || !created {
		t.Fatalf("first load: created=%v err=%v", created, err)
	}
	if s1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s", s1.PublicKey().Type())
	}
	path := filepath.Join(dir, HostKeyFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %o, want 600", fi.Mode().Perm())
	}
	s2, created, _, err := LoadHostKey(dir)
	if err != nil || created {
		t.Fatalf("second load: created=%v err=%v", created, err)
	}
	if Fingerprint(s1.PublicKey()) != Fingerprint(s2.PublicKey()) {
		t.Error("the host key changed between starts")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, tightened, err := LoadHostKey(dir); err != nil || !tightened {
		t.Errorf("a 0644 key: tightened=%v err=%v", tightened, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after tightening %o", fi.Mode().Perm())
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := LoadHostKey(dir); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("a damaged key: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "not a key" {
		t.Error("a damaged key file was replaced")
	}
}

func TestBusNeverBlocks(t *testing.T) {
	b := newBus()
	slow, stopSlow := b.subscribe(1)
	fast, stopFast := b.subscribe(10)
	for i := 0; i < 5; i++ {
		b.publish(Event{Kind: EventActivity})
	}
	if len(slow) != 1 || len(fast) != 5 || b.dropped != 4 {
		t.Errorf("slow %d fast %d dropped %d", len(slow), len(fast), b.dropped)
	}
	stopSlow()
	stopSlow()
	b.close()
	stopFast()
	if _, ok := <-slow; !ok {
		t.Error("buffered event lost on stop")
	}
}

func TestClampWindowAndTerm(t *testing.T) {
	for _, tc := range [][4]int{{0, 0, 80, 24}, {1000000, 1000000, maxCols, maxRows}, {120, 40, 120, 40}, {1, 1, 1, 1}} {
		w, h := clampWindow(tc[0], tc[1])
		if w != tc[2] || h != tc[3] {
			t.Errorf("clampWindow(%d,%d) = %d,%d", tc[0], tc[1], w, h)
		}
	}
	for term, ok := range map[string]bool{"xterm-256color": true, "screen.xterm": true, "": false, strings.Repeat("x", 65): false, "xterm\x1b": false, "vt100 ": false} {
		if validTerm(term) != ok {
			t.Errorf("validTerm(%.20q) = %v", term, !ok)
		}
	}
}

// TestKeyPipeKeepsPacketsApart: an Esc written before the app reads is
// still read on its own, not joined to the next key (which would read as
// alt+key); a long packet is read in parts; a closed pipe ends reads and
// refuses writes.
func TestKeyPipeKeepsPacketsApart(t *testing.T) {
	k := newKeyPipe()
	for _, p := range []string{"\x1b", "t", strings.Repeat("x", 300)} {
		if _, err := k.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	buf := make([]byte, 256)
	var got []string
	for i := 0; i < 4; i++ {
		n, err := k.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(buf[:n]))
	}
	if got[0] != "\x1b" || got[1] != "t" || len(got[2]) != 256 || len(got[3]) != 44 {
		t.Errorf("reads %q", got)
	}
	k.Close()
	if _, err := k.Read(buf); err != io.EOF {
		t.Errorf("read after close: %v", err)
	}
	if _, err := k.Write([]byte("x")); err == nil {
		t.Error("write after close accepted")
	}
}
