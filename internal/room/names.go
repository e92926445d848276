package room

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The two functions below are the room's only view of how names are
// normalised and compared. They stand in for internal/textsafe's Name and
// Skeleton (same signatures, same meaning) until that package is merged;
// then each body becomes one call.

// maxName is the longest name, in characters.
const maxName = 64

// cleanName checks and normalises a trainee's name: NFC, spaces trimmed and
// runs of spaces made one, no controls, format (bidi, invisible) or tag
// characters, at most maxName characters. The error can be shown as it is.
func cleanName(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errors.New("the name is not valid text")
	}
	for i, r := range s {
		if r == ' ' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != 0x200c && r != 0x200d ||
			r >= 0xe0000 && r <= 0xe007f || r == 0x2028 || r == 0x2029 {
			return "", fmt.Errorf("the name holds a character that is not allowed (character %d); use letters, digits, spaces and punctuation", utf8.RuneCountInString(s[:i])+1)
		}
	}
	s = norm.NFC.String(s)
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	if s == "" {
		return "", errors.New("the name is empty")
	}
	if n := utf8.RuneCountInString(s); n > maxName {
		return "", fmt.Errorf("the name is too long (%d characters; at most %d)", n, maxName)
	}
	return s, nil
}

// nameSkeleton is the key names are compared by: names that look alike have
// the same skeleton and are the same trainee. This stand-in folds case,
// drops invisible characters and maps the Cyrillic and Greek letters that
// look like Latin ones (and a few digits) to them.
func nameSkeleton(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = norm.NFD.String(s)
	s = cases.Fold().String(s)
	s = strings.Map(func(r rune) rune {
		if r == 0x200c || r == 0x200d || unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && r != '\t' && r != '\n' {
			return -1
		}
		if m, ok := lookAlike[r]; ok {
			return m
		}
		return r
	}, s)
	s = norm.NFD.String(cases.Fold().String(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// lookAlike maps characters to the Latin letter they pass for (after case
// folding).
var lookAlike = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'с': 'c', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'к': 'k',
	'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y',
	'х': 'x', 'ԁ': 'd', 'ԝ': 'w', 'ӏ': 'l', 'ɡ': 'g',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o',
	'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ζ': 'z', 'μ': 'u',
	// digits and marks people pass off as letters
	'0': 'o', '1': 'l', '|': 'l', 'ı': 'i',
}
