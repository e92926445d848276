package engine

import (
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// codeAlphabet is base32 without the characters people confuse when they
// read a code aloud or type it from paper: 0 and O, 1 and I.
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

var codeEncoding = base32.NewEncoding(codeAlphabet).WithPadding(base32.NoPadding)

// CodeLength is the number of characters in a verification code, not
// counting the dashes.
const CodeLength = 12

// CertificateCode derives a certificate's verification code from the
// fields of the attempt record it certifies: the SHA-256 of the fields
// (each prefixed with its length, so field boundaries count), in base32
// over an alphabet without ambiguous characters, cut to 12 characters and
// grouped as XXXX-XXXX-XXXX. The same fields always give the same code.
func CertificateCode(fields ...string) string {
	h := sha256.New()
	for _, f := range fields {
		var n [8]byte
		l := uint64(len(f))
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		h.Write([]byte(f))
	}
	enc := codeEncoding.EncodeToString(h.Sum(nil))[:CodeLength]
	return enc[0:4] + "-" + enc[4:8] + "-" + enc[8:12]
}

// NormalizeCode returns code as CertificateCode writes it: upper case,
// grouped with dashes, with spaces and dashes typed by the learner ignored.
// It returns "" when the code cannot be a verification code.
func NormalizeCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || r == ' ':
			continue
		case strings.ContainsRune(codeAlphabet, r):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	s := b.String()
	if len(s) != CodeLength {
		return ""
	}
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12]
}

// ValidCodeFormat reports whether code has the shape of a verification
// code (12 characters of the code alphabet, dashes and spaces ignored,
// any case). It does not say whether any record matches.
func ValidCodeFormat(code string) bool { return NormalizeCode(code) != "" }
