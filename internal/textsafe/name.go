package textsafe

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxName is the longest name, in characters (code points after NFC).
const MaxName = 64

// Errors Name returns, wrapped with a message that says what to change.
var (
	// ErrNameEmpty means the name is empty or only spaces.
	ErrNameEmpty = errors.New("the name is empty")
	// ErrNameTooLong means the name is longer than MaxName characters.
	ErrNameTooLong = errors.New("the name is too long")
	// ErrNameChar means the name holds a character names may not hold.
	ErrNameChar = errors.New("the name holds a character that is not allowed")
)

// Name checks and normalises a person's name (a learner profile, a workshop
// trainee): Unicode NFC, spaces trimmed at both ends and runs of spaces
// inside turned into one space. It refuses an empty name, a name longer
// than MaxName characters, and a name holding a tab, a line break, a
// control, bidi, tag or invisible character (see Classify), or the
// left-to-right or right-to-left mark; the zero-width joiner and non-joiner
// stay allowed. The error wraps ErrNameEmpty, ErrNameTooLong or ErrNameChar
// and its text can be shown to the person as it is.
func Name(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%w: it is not valid UTF-8 text", ErrNameChar)
	}
	// Check before normalising, so a character is reported as typed.
	for i, r := range s {
		if r == ' ' || r != '\t' && r != '\n' && Classify(r) == OK {
			continue
		}
		what := Describe(r)
		switch r {
		case '\t':
			what = "a tab"
		case '\n':
			what = "a line break"
		}
		return "", fmt.Errorf("%w: %s at character %d; names may hold letters, digits, spaces and punctuation only",
			ErrNameChar, what, utf8.RuneCountInString(s[:i])+1)
	}
	s = norm.NFC.String(s)
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	if s == "" {
		return "", ErrNameEmpty
	}
	if n := utf8.RuneCountInString(s); n > MaxName {
		return "", fmt.Errorf("%w: the limit of %d characters is passed (it has %d)", ErrNameTooLong, MaxName, n)
	}
	return s, nil
}

// Skeleton returns the key two names are compared by: names with the same
// skeleton look alike and are taken to be the same person. It follows the
// confusable skeleton of Unicode Technical Standard #39 (section 4), on a
// case-folded string so "Alice" and "ALICE" match too: decompose (NFD),
// fold case, drop default-ignorable characters (so a zero-width space or
// joiner makes no difference), map each character to its prototype in
// Unicode's confusables table (so the Cyrillic "а" in "аlice" becomes the
// Latin "a"), fold and decompose again, and treat runs of spaces as one.
// The table is Unicode's confusables.txt (version 13.0) as packaged by
// github.com/mtibben/confusables. The skeleton is a key, never shown.
// Skeleton accepts any string, including ones Name would refuse, so stored
// names that predate the rule can still be found.
func Skeleton(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = norm.NFD.String(s)
	s = cases.Fold().String(s)
	s = strings.Map(dropIgnorable, s)
	s = confusables.Skeleton(s)
	s = cases.Fold().String(s)
	s = norm.NFD.String(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// SameName reports whether a and b are the same name for frontline: equal
// skeletons.
func SameName(a, b string) bool { return Skeleton(a) == Skeleton(b) }

// dropIgnorable removes default-ignorable code points (including the
// joiners, which a name may hold but which must not make it different) and
// every character Classify refuses.
func dropIgnorable(r rune) rune {
	if r == 0x200c || r == 0x200d || r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef ||
		r >= 0x180b && r <= 0x180f || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) {
		return -1
	}
	switch Classify(r) {
	case OK:
		return r
	case Control:
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
	}
	return -1
}
