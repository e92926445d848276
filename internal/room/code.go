package room

import (
	"crypto/rand"
	"crypto/subtle"
	"strings"
)

// codeAlphabet has no characters that look alike when read off a
// projector or typed: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V.
const codeAlphabet = "ACEFGHJKMNPRTWXY34679"

// codeLen is the number of characters in a room code.
const codeLen = 8

// NewCode returns a fresh room code: codeLen characters drawn uniformly
// from codeAlphabet by a cryptographic generator.
func NewCode() string {
	b := make([]byte, codeLen)
	for i := range b {
		b[i] = codeAlphabet[randIndex(len(codeAlphabet))]
	}
	return string(b)
}

// randIndex returns a uniform random number in [0, n), n ≤ 256.
func randIndex(n int) int {
	limit := 256 - 256%n // reject the top values so every index is equally likely
	var one [1]byte
	for {
		if _, err := rand.Read(one[:]); err != nil {
			panic("room: no randomness: " + err.Error()) // crypto/rand never fails on supported systems
		}
		if int(one[0]) < limit {
			return int(one[0]) % n
		}
	}
}

// FormatCode shows a code in two groups of four, as trainees read it.
func FormatCode(code string) string {
	if len(code) != codeLen {
		return code
	}
	return code[:4] + "-" + code[4:]
}

// normalizeCode turns what a trainee typed into the code's form: upper
// case, without spaces and dashes (see compact).
func normalizeCode(typed string) string { return compact(typed, strings.ToUpper) }

// compact is what a trainee typed as it is compared, folded to one case:
// spaces, tabs and dashes dropped. At most 64 bytes are looked at.
func compact(typed string, fold func(string) string) string {
	if len(typed) > 64 {
		typed = typed[:64]
	}
	var b strings.Builder
	for _, r := range fold(typed) {
		if r == ' ' || r == '-' || r == '\t' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// codeMatches compares a typed code with the room's in constant time (for
// codes of the right length; the length itself is no secret).
func codeMatches(typed, code string) bool {
	t := normalizeCode(typed)
	if len(t) != len(code) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(t), []byte(code)) == 1
}
