package room

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// opensshRun is the real OpenSSH client talking to the room, with its
// input and output as pipes (ssh -tt still asks the room for a terminal).
type opensshRun struct {
	t   *testing.T
	cmd *exec.Cmd
	in  io.WriteCloser
	mu  sync.Mutex
	out bytes.Buffer
	end chan error
}

func startOpenSSH(t *testing.T, s *Server, env []string, args ...string) *opensshRun {
	t.Helper()
	sshPath, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no OpenSSH client on this machine")
	}
	dir := t.TempDir()
	host, port, _ := net.SplitHostPort(s.Addr().String())
	known := filepath.Join(dir, "known_hosts")
	line := "[" + host + "]:" + port + " " + string(gossh.MarshalAuthorizedKey(s.signer.PublicKey()))
	if err := os.WriteFile(known, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"-tt", "-F", "/dev/null", "-p", port,
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + known,
		"-o", "LogLevel=ERROR", "-o", "SetEnv=NO_COLOR=1"}
	cmd := exec.Command(sshPath, append(append(base, args...), "trainee@"+host)...)
	cmd.Env = append([]string{"HOME=" + dir, "PATH=/usr/bin:/bin", "TERM=xterm-256color"}, env...)
	r := &opensshRun{t: t, cmd: cmd, end: make(chan error, 1)}
	r.in, _ = cmd.StdinPipe()
	cmd.Stdout = writerFunc(func(p []byte) (int, error) { r.mu.Lock(); defer r.mu.Unlock(); return r.out.Write(p) })
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.end <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return r
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func (r *opensshRun) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return ansi.Strip(r.out.String())
}

func (r *opensshRun) waitFor(text string) {
	r.t.Helper()
	deadline := time.Now().Add(wait)
	for !strings.Contains(r.screen(), text) {
		if time.Now().After(deadline) {
			r.t.Fatalf("OpenSSH: waited for %q; output:\n%s", text, tail(r.screen(), 2000))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *opensshRun) send(keys ...string) {
	for _, k := range keys {
		_, _ = io.WriteString(r.in, k)
		time.Sleep(30 * time.Millisecond)
	}
}

// TestOpenSSHJoinsWithCode: the OpenSSH client joins through
// keyboard-interactive (the code typed by an askpass helper, as a person
// would type it), checks the host key against known_hosts, joins, sees no
// colour with NO_COLOR, and leaves cleanly.
func TestOpenSSHJoinsWithCode(t *testing.T) {
	s := startServer(t, nil)
	askpass := filepath.Join(t.TempDir(), "askpass")
	if err := os.WriteFile(askpass, []byte("#!/bin/sh\necho acef-ghjk\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	r := startOpenSSH(t, s, []string{"SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"},
		"-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=keyboard-interactive")
	r.waitFor("Your name")
	r.send("Olga OpenSSH", "\r")
	r.waitFor("Which group")
	r.send("\r")
	r.waitFor("Your rejoin word:")
	r.send("\r")
	r.waitFor("Modules")
	r.send("q")
	r.waitFor("you have left the workshop room")
	select {
	case err := <-r.end:
		if err != nil {
			t.Errorf("ssh exited with %v", err)
		}
	case <-time.After(wait):
		t.Fatal("ssh did not exit")
	}
	r.mu.Lock()
	raw := r.out.String()
	r.mu.Unlock()
	if strings.Contains(raw, "\x1b[38;") {
		t.Error("colour sent although the client set NO_COLOR")
	}
	if m, ok := member(s, "Olga OpenSSH"); !ok || m.State != Left {
		t.Errorf("roster: %+v", m)
	}
}

// TestOpenSSHAuthorizedKey: a key in the authorized-keys file gets in
// with no code (BatchMode: nothing could be typed).
func TestOpenSSHAuthorizedKey(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, _ := gossh.NewSignerFromKey(priv)
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	path := keysFile(t, keyLine(signer, "Kai Keyholder"))
	s := startServer(t, func(c *Config) { c.AuthorizedKeys = path })
	r := startOpenSSH(t, s, nil, "-i", keyFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
		"-o", "PreferredAuthentications=publickey")
	r.waitFor("Kai Keyholder")
	r.send("\r")
	r.waitFor("Which group")
	r.send("\r")
	r.waitFor("Your rejoin word:")
	if m, ok := member(s, "Kai Keyholder"); !ok || m.Key != Fingerprint(signer.PublicKey()) {
		t.Errorf("the key holder's roster entry: %+v", m)
	}
}
