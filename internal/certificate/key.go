package certificate

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"frontline/internal/atomicfile"
	"frontline/internal/progress"
)

// File names in the data folder.
const (
	// KeyFileName holds the issuer's private key (mode 0600).
	KeyFileName = "issuer.key"
	// TrustedFileName lists the public keys of issuers this machine trusts,
	// one line each.
	TrustedFileName = "trusted-issuers.txt"
)

// keyFormat names the private key file's format.
const keyFormat = "frontline-issuer-key/1"

// publicPrefix starts every public key line.
const publicPrefix = "frontline-issuer/1"

// Errors callers branch on.
var (
	// ErrNoKey means the data folder has no issuer key.
	ErrNoKey = errors.New("no issuer key")
	// ErrKeyExists means an issuer key is already there.
	ErrKeyExists = errors.New("an issuer key already exists")
	// ErrKeyExposed means the key file can be read by other users.
	ErrKeyExposed = errors.New("the issuer key can be read by other users")
)

// PublicKey is an issuer's name and public key: what a verifier trusts.
type PublicKey struct {
	Name string
	Key  ed25519.PublicKey
}

// ID is the key's short id: 16 hexadecimal digits of its SHA-256 hash. It
// names the key in statements and messages; the key itself decides.
func (p PublicKey) ID() string {
	h := sha256.Sum256(append([]byte("frontline issuer key\n"), p.Key...))
	return hex.EncodeToString(h[:8])
}

// Line is the public key as one line of text a trainer can publish or hand
// to an employer: "frontline-issuer/1 ID ed25519:KEY Name".
func (p PublicKey) Line() string {
	return publicPrefix + " " + p.ID() + " " + encodeKey(p.Key) + " " + nfc(p.Name)
}

// Same reports whether two public keys are the same key.
func (p PublicKey) Same(o PublicKey) bool { return bytes.Equal(p.Key, o.Key) }

// ParsePublicKey reads a public key line written by Line.
func ParsePublicKey(line string) (PublicKey, error) {
	f := strings.SplitN(strings.TrimSpace(line), " ", 4)
	if len(f) < 4 || f[0] != publicPrefix {
		return PublicKey{}, fmt.Errorf("not an issuer's public key line: it should read %q", publicPrefix+" ID ed25519:KEY Name")
	}
	k, err := decodeTagged(f[2], ed25519.PublicKeySize)
	if err != nil {
		return PublicKey{}, fmt.Errorf("the key is unreadable: %v", err)
	}
	p := PublicKey{Name: nfc(strings.TrimSpace(f[3])), Key: k}
	if f[1] != p.ID() {
		return PublicKey{}, fmt.Errorf("the key id %q does not belong to the key (its id is %s): the line was changed or cut", clip(f[1]), p.ID())
	}
	if err := checkIssuerName(p.Name); err != nil {
		return PublicKey{}, err
	}
	return p, nil
}

// checkIssuerName refuses an issuer name that cannot stand on a line.
func checkIssuerName(name string) error {
	if err := checkValue("issuer's name", name); err != nil {
		return err
	}
	if len([]rune(name)) > 100 {
		return errors.New("the issuer's name is longer than 100 characters")
	}
	return nil
}

// Key is an issuer's key pair. It signs statements; only its public half
// leaves the machine that holds it.
type Key struct {
	PublicKey
	Created time.Time
	private ed25519.PrivateKey
}

// Sign signs msg with the private key.
func (k *Key) Sign(msg []byte) []byte { return ed25519.Sign(k.private, msg) }

// GenerateKey makes a new key pair for the named issuer, from rand
// (crypto/rand.Reader in use; a fixed source only in tests).
func GenerateKey(name string, rand io.Reader, now time.Time) (*Key, error) {
	name = nfc(strings.TrimSpace(name))
	if err := checkIssuerName(name); err != nil {
		return nil, err
	}
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	return &Key{PublicKey: PublicKey{Name: name, Key: pub}, Created: now.UTC().Truncate(time.Second), private: priv}, nil
}

// KeyFile is where a data folder keeps its issuer key.
func KeyFile(dir string) string { return filepath.Join(dir, KeyFileName) }

// TrustedFile is where a data folder keeps the issuers it trusts.
func TrustedFile(dir string) string { return filepath.Join(dir, TrustedFileName) }

// marshal writes the private key file.
func (k *Key) marshal() []byte {
	var b bytes.Buffer
	b.WriteString("# frontline issuer key. Keep this file secret: anyone who has it can sign\n")
	b.WriteString("# certificates in the name below. Give out only the public key line\n")
	b.WriteString("# ('frontline issuer show'). Keep a copy somewhere safe and offline.\n")
	fmt.Fprintf(&b, "Format: %s\n", keyFormat)
	fmt.Fprintf(&b, "Name: %s\n", k.Name)
	fmt.Fprintf(&b, "Created: %s\n", k.Created.UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "Key-Id: %s\n", k.ID())
	fmt.Fprintf(&b, "Private-Key: ed25519:%s\n", b64.EncodeToString(k.private.Seed()))
	return b.Bytes()
}

// parseKey reads a private key file.
func parseKey(data []byte, path string) (*Key, error) {
	fields := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: not a \"Key: value\" line", path, n)
		}
		fields[k] = strings.TrimSpace(v)
	}
	if fields["Format"] != keyFormat {
		return nil, fmt.Errorf("%s: not a frontline issuer key (format %q)", path, clip(fields["Format"]))
	}
	seed, err := decodeTagged(fields["Private-Key"], ed25519.SeedSize)
	if err != nil {
		return nil, fmt.Errorf("%s: the private key is unreadable: %v", path, err)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	k := &Key{PublicKey: PublicKey{Name: nfc(fields["Name"]), Key: priv.Public().(ed25519.PublicKey)}, private: priv}
	if err := checkIssuerName(k.Name); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if fields["Key-Id"] != k.ID() {
		return nil, fmt.Errorf("%s: the key id %q does not match the private key (%s): the file was changed", path, clip(fields["Key-Id"]), k.ID())
	}
	if c, err := time.Parse(time.RFC3339, fields["Created"]); err == nil {
		k.Created = c
	}
	return k, nil
}

// maxKeyFile bounds what LoadKey reads.
const maxKeyFile = 64 << 10

// LoadKey reads the issuer key of a data folder. It returns an error
// wrapping ErrNoKey when there is none, and ErrKeyExposed when group or
// others may read the file (then the key may have been copied, and a
// certificate it signs proves less).
func LoadKey(dir string) (*Key, error) {
	path := KeyFile(dir)
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoKey)
	}
	if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("issuer key %s is not a regular file", path)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s has mode %04o: %w; if nobody else could have copied it, run 'chmod 600 %s'; otherwise make a new key with 'frontline issuer init --force' and tell those who trust the old one", path, fi.Mode().Perm(), ErrKeyExposed, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile))
	if err != nil {
		return nil, fmt.Errorf("issuer key: %w", err)
	}
	return parseKey(data, path)
}

// CreateKey makes a new issuer key in the data folder dir (created 0700)
// and writes it to a new 0600 file. An existing key is never overwritten:
// without replace the call fails with ErrKeyExists; with replace the old
// file is renamed to issuer.key.replaced-TIME, and that path is returned.
func CreateKey(dir, name string, replace bool, rand io.Reader, now time.Time) (*Key, string, error) {
	k, err := GenerateKey(name, rand, now)
	if err != nil {
		return nil, "", err
	}
	if err := progress.EnsureDir(dir); err != nil {
		return nil, "", err
	}
	path := KeyFile(dir)
	moved := ""
	if _, err := os.Lstat(path); err == nil {
		if !replace {
			return nil, "", fmt.Errorf("%s: %w", path, ErrKeyExists)
		}
		moved = path + ".replaced-" + now.UTC().Format("20060102T150405Z")
		if err := os.Rename(path, moved); err != nil {
			return nil, "", fmt.Errorf("move the old key aside: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, moved, fmt.Errorf("create issuer key: %w", err)
	}
	_, werr := f.Write(k.marshal())
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(path)
		return nil, moved, fmt.Errorf("write issuer key %s: %w", path, err)
	}
	return k, moved, nil
}

// Trusted is one public key a verifier trusts, with where it came from.
type Trusted struct {
	PublicKey
	Source string // "--issuer", "FILE:LINE" or "this computer's issuer key"
}

// maxTrustedFile bounds a trusted keys file.
const maxTrustedFile = 1 << 20

// ReadTrusted reads a file of public key lines, one a line; blank lines
// and lines starting with # are skipped. A line that is not a public key is
// reported as "NAME:LINE: why" and skipped; the good lines are returned.
func ReadTrusted(r io.Reader, name string) ([]Trusted, []error) {
	var keys []Trusted
	var errs []error
	sc := bufio.NewScanner(io.LimitReader(r, maxTrustedFile))
	sc.Buffer(make([]byte, 4096), 64<<10)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		p, err := ParsePublicKey(l)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, err))
			continue
		}
		keys = append(keys, Trusted{PublicKey: p, Source: fmt.Sprintf("%s:%d", name, n)})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", name, n+1, err))
	}
	return keys, errs
}

// LoadTrusted reads a trusted keys file; a missing file is no keys.
func LoadTrusted(path string) ([]Trusted, []error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{fmt.Errorf("trusted issuers: %w", err)}
	}
	defer f.Close()
	return ReadTrusted(f, path)
}

// AddTrusted adds a public key to the data folder's trusted issuers file
// (created 0600). It reports false when the key was already there.
func AddTrusted(dir string, p PublicKey) (bool, error) {
	if err := progress.EnsureDir(dir); err != nil {
		return false, err
	}
	path := TrustedFile(dir)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("trusted issuers: %w", err)
	}
	keys, _ := ReadTrusted(bytes.NewReader(old), path)
	for _, k := range keys {
		if k.Same(p) {
			return false, nil
		}
	}
	var b bytes.Buffer
	if len(old) == 0 {
		b.WriteString("# Issuers whose certificates this computer trusts: one public key line each.\n")
		b.WriteString("# Add a line only when it came from the issuer, not from a certificate.\n")
	} else {
		b.Write(old)
		if !bytes.HasSuffix(old, []byte("\n")) {
			b.WriteString("\n")
		}
	}
	b.WriteString(p.Line() + "\n")
	err = atomicfile.Write(path, 0o600, func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
	return err == nil, err
}

// Trust gathers the issuers a verification trusts: the public key lines
// given (--issuer; an unreadable one is an error), the files of such lines
// (--trusted; a bad line is reported in warnings and skipped), and this
// computer's own trust in its data folder dir: its trusted issuers file and
// its issuer key (which it also returns). A key that is there but cannot be
// used is a warning.
func Trust(dir string, lines, files []string) (trusted []Trusted, key *Key, warnings []error, err error) {
	for _, line := range lines {
		p, err := ParsePublicKey(line)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("--issuer: %w", err)
		}
		trusted = append(trusted, Trusted{PublicKey: p, Source: "--issuer"})
	}
	for _, name := range files {
		if _, err := os.Stat(name); err != nil {
			return nil, nil, nil, fmt.Errorf("--trusted: %w", err)
		}
		keys, errs := LoadTrusted(name)
		warnings = append(warnings, errs...)
		trusted = append(trusted, keys...)
	}
	keys, errs := LoadTrusted(TrustedFile(dir))
	warnings = append(warnings, errs...)
	trusted = append(trusted, keys...)
	k, kerr := LoadKey(dir)
	switch {
	case kerr == nil:
		key = k
		trusted = append(trusted, Trusted{PublicKey: k.PublicKey, Source: "this computer's issuer key"})
	case !errors.Is(kerr, ErrNoKey):
		warnings = append(warnings, fmt.Errorf("this computer's issuer key is not used: %w", kerr))
	}
	return trusted, key, warnings, nil
}
