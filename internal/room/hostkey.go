package room

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// HostKeyFile is the host key's name in the data folder.
const HostKeyFile = "ssh_host_ed25519_key"

// LoadHostKey reads the server's ed25519 host key from dir, creating it
// (mode 0600) the first time. A key readable by others is tightened to
// 0600 (tightened reports it). A file that is not an ed25519 private key is
// an error naming the file: it is never replaced, because trainees' SSH
// clients remember the key.
func LoadHostKey(dir string) (signer gossh.Signer, created, tightened bool, err error) {
	path := filepath.Join(dir, HostKeyFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		signer, err = createHostKey(path)
		return signer, err == nil, false, err
	}
	if err != nil {
		return nil, false, false, fmt.Errorf("read host key %s: %w", path, err)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(path, 0o600); err != nil {
				return nil, false, false, fmt.Errorf("host key %s is readable by others and cannot be made private: %w", path, err)
			}
			tightened = true
		}
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, false, fmt.Errorf("host key %s: %w (move it away to make a new one; trainees will then be told the key changed)", path, err)
	}
	if t := signer.PublicKey().Type(); t != gossh.KeyAlgoED25519 {
		return nil, false, false, fmt.Errorf("host key %s is a %s key; frontline uses ed25519 (move it away to make a new one)", path, t)
	}
	return signer, false, tightened, nil
}

// createHostKey writes a new ed25519 key to path; it fails if path
// appeared meanwhile, so two servers never overwrite each other's key.
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "frontline workshop host key")
	if err != nil {
		return nil, fmt.Errorf("make host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}

// Fingerprint is the SHA256 fingerprint of a public key, as ssh shows it.
func Fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }
