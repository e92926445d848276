package room

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// KeyProblem is one line of an authorized-keys file that was not used.
type KeyProblem struct {
	File string
	Line int
	Msg  string
}

func (p KeyProblem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// AuthorizedKey is one key allowed in without the room code.
type AuthorizedKey struct {
	Key gossh.PublicKey
	// Comment is the text after the key (often a name or an address); the
	// join screen offers it as the name.
	Comment string
	Line    int
}

// KeySet is the keys of an authorized-keys file, read once at start.
type KeySet struct {
	byKey map[string]AuthorizedKey
}

// maxKeysFile bounds an authorized-keys file.
const maxKeysFile = 4 << 20

// ReadAuthorizedKeys reads an OpenSSH authorized_keys file. Every line is
// looked at on its own: a line that is not a key is reported with its line
// number and skipped, and the keys below it still count. Options before a
// key (from=, command= ...) are not honoured, so such a line is reported
// and skipped too. Comment lines (#) and blank lines are ignored.
func ReadAuthorizedKeys(path string) (*KeySet, []KeyProblem, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("--authorized-keys %s: not a regular file", path)
	}
	if fi.Size() > maxKeysFile {
		return nil, nil, fmt.Errorf("--authorized-keys %s: %d bytes is too large for a key list", path, fi.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	set := &KeySet{byKey: map[string]AuthorizedKey{}}
	var problems []KeyProblem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxKeysFile)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, options, rest, err := gossh.ParseAuthorizedKey([]byte(line))
		switch {
		case err != nil:
			problems = append(problems, KeyProblem{path, n, "not a public key line (" + err.Error() + "); skipped, the lines below still count"})
			continue
		case len(options) > 0:
			problems = append(problems, KeyProblem{path, n, "key options (" + strings.Join(options, ",") + ") are not supported here; line skipped"})
			continue
		case len(bytes.TrimSpace(rest)) > 0:
			problems = append(problems, KeyProblem{path, n, "more than one key on the line; only the first is used"})
		}
		if _, dup := set.byKey[string(key.Marshal())]; dup {
			problems = append(problems, KeyProblem{path, n, "the same key appears on an earlier line"})
			continue
		}
		set.byKey[string(key.Marshal())] = AuthorizedKey{Key: key, Comment: comment, Line: n}
	}
	if err := sc.Err(); err != nil {
		return nil, problems, fmt.Errorf("--authorized-keys %s: line %d: %w", path, n+1, err)
	}
	return set, problems, nil
}

// Len is the number of keys.
func (s *KeySet) Len() int {
	if s == nil {
		return 0
	}
	return len(s.byKey)
}

// Lookup finds a key.
func (s *KeySet) Lookup(k gossh.PublicKey) (AuthorizedKey, bool) {
	if s == nil || k == nil {
		return AuthorizedKey{}, false
	}
	a, ok := s.byKey[string(k.Marshal())]
	return a, ok
}
