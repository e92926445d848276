package certificate

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The lines that open and close a statement block, and the format named on
// its first line. A later format gets a new name; this one never changes.
const (
	BeginLine = "-----BEGIN FRONTLINE CERTIFICATE-----"
	EndLine   = "-----END FRONTLINE CERTIFICATE-----"
	Format    = "frontline-certificate/1"
)

// beginStem is the BEGIN line without its closing dashes.
const beginStem = "-----BEGIN FRONTLINE CERTIFICATE"

// selfStudyIssuer is the Issuer line of a statement made without a key.
const selfStudyIssuer = "none: a self-study record, not checked by a trainer"

// Kind says whether a statement was signed by an issuer.
type Kind int

// Statement kinds.
const (
	// SelfStudy is a record made without an issuer key: it states what the
	// learner's own records say and proves nothing to anyone else.
	SelfStudy Kind = iota
	// Signed is a statement signed with an issuer's key.
	Signed
)

// String names the kind as the statement writes it.
func (k Kind) String() string {
	if k == Signed {
		return "signed"
	}
	return "self-study"
}

// Statement is what a certificate states. Written out (Block) it is a
// versioned block of "Key: value" lines; a signed statement's signature
// covers every line before its Signature line, exactly as written.
type Statement struct {
	Kind        Kind
	Learner     string
	ModuleID    string
	ModuleTitle string
	Version     string // the module's version label; may be empty
	Fingerprint string // the module content fingerprint; empty when not known
	Score       float64
	Total       int
	PassMark    int // percent; 0 when not known (self-study records only)
	Passed      bool
	Date        time.Time // when the exam was submitted, UTC, whole seconds
	AttemptID   int64
	// Issuer is the signer's name and public key (signed statements only).
	Issuer    PublicKey
	Signature []byte
}

// Percent is the score as a whole percentage, rounded down so a
// certificate never states more than was earned.
func (s Statement) Percent() int {
	if s.Total <= 0 {
		return 0
	}
	return int(math.Floor(100*s.Score/float64(s.Total) + 1e-9))
}

// roundScore keeps two decimals: per-option scoring gives fractions.
func roundScore(v float64) float64 { return math.Round(v*100) / 100 }

func scoreString(v float64) string {
	return strconv.FormatFloat(roundScore(v), 'f', -1, 64)
}

// ScoreText is the score as people read it: "8.5 of 10 (85%)".
func (s Statement) ScoreText() string {
	return fmt.Sprintf("%s of %d (%d%%)", scoreString(s.Score), s.Total, s.Percent())
}

// PassMarkText is "80%", or "not recorded" when the pass mark is unknown.
func (s Statement) PassMarkText() string {
	if s.PassMark == 0 {
		return "not recorded"
	}
	return strconv.Itoa(s.PassMark) + "%"
}

// DateText is the date as printed on a certificate: "3 March 2026".
func (s Statement) DateText() string { return s.Date.UTC().Format("2 January 2006") }

// TitleText is the module title with its version: "Title (version 1.2)".
func (s Statement) TitleText() string {
	if s.Version == "" {
		return s.ModuleTitle
	}
	return s.ModuleTitle + " (version " + s.Version + ")"
}

// IssuerText names the issuer with its key id, or says it is a self-study
// record.
func (s Statement) IssuerText() string {
	if s.Kind != Signed {
		return "nobody: a self-study record, not checked by a trainer"
	}
	return s.Issuer.Name + " (issuer key " + s.Issuer.ID() + ")"
}

// lines returns the statement's lines before the Signature line, in their
// one canonical form. It fails on a value that cannot be written on one
// line safely.
func (s Statement) lines() ([]string, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	fp := s.Fingerprint
	if fp == "" {
		fp = "unknown"
	}
	pm := "unknown"
	if s.PassMark > 0 {
		pm = strconv.Itoa(s.PassMark) + "%"
	}
	result := "not passed"
	if s.Passed {
		result = "passed"
	}
	out := []string{
		"Format: " + Format,
		"Kind: " + s.Kind.String(),
		"Learner: " + nfc(s.Learner),
		"Module: " + s.ModuleID,
		"Title: " + nfc(s.ModuleTitle),
	}
	if s.Version != "" {
		out = append(out, "Version: "+nfc(s.Version))
	}
	out = append(out,
		"Fingerprint: "+fp,
		"Score: "+s.ScoreText(),
		"Pass-Mark: "+pm,
		"Result: "+result,
		"Date: "+s.Date.UTC().Truncate(time.Second).Format(time.RFC3339),
		"Attempt: "+strconv.FormatInt(s.AttemptID, 10),
	)
	if s.Kind == Signed {
		out = append(out, "Issuer: "+nfc(s.Issuer.Name), "Issuer-Key: "+s.Issuer.ID()+" "+encodeKey(s.Issuer.Key))
	} else {
		out = append(out, "Issuer: "+selfStudyIssuer)
	}
	return out, nil
}

// Message is the exact bytes a signature covers: the lines before the
// Signature line, each ended by a newline.
func (s Statement) Message() ([]byte, error) {
	ls, err := s.lines()
	if err != nil {
		return nil, err
	}
	return []byte(strings.Join(ls, "\n") + "\n"), nil
}

// Block writes the statement as a block a person can read and a program
// can parse: BEGIN line, the lines, the signature, END line.
func (s Statement) Block() (string, error) {
	ls, err := s.lines()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(BeginLine + "\n")
	for _, l := range ls {
		b.WriteString(l + "\n")
	}
	if s.Kind == Signed {
		b.WriteString("Signature: " + encodeSig(s.Signature) + "\n")
	}
	b.WriteString(EndLine + "\n")
	return b.String(), nil
}

// check reports a statement that cannot be written, or that states
// something impossible.
func (s Statement) check() error {
	for _, f := range []struct{ name, v string }{
		{"learner's name", s.Learner}, {"module id", s.ModuleID}, {"module title", s.ModuleTitle},
	} {
		if err := checkValue(f.name, f.v); err != nil {
			return err
		}
	}
	if s.Version != "" {
		if err := checkValue("module version", s.Version); err != nil {
			return err
		}
	}
	if strings.ContainsAny(s.ModuleID, " ") {
		return fmt.Errorf("module id %q has a space", s.ModuleID)
	}
	if s.Fingerprint != "" && !isHex(s.Fingerprint) {
		return fmt.Errorf("content fingerprint %q is not hexadecimal", s.Fingerprint)
	}
	if s.Total <= 0 {
		return fmt.Errorf("the exam had %d points available: nothing to certify", s.Total)
	}
	if math.IsNaN(s.Score) || s.Score < 0 || roundScore(s.Score) > float64(s.Total) {
		return fmt.Errorf("score %v of %d is impossible", s.Score, s.Total)
	}
	if s.PassMark < 0 || s.PassMark > 100 || (s.PassMark == 0 && s.Kind == Signed) {
		return fmt.Errorf("pass mark %d%% is impossible", s.PassMark)
	}
	if s.PassMark > 0 && s.Passed != (s.Percent() >= s.PassMark) {
		return fmt.Errorf("a score of %d%% with a pass mark of %d%% is not a %s", s.Percent(), s.PassMark, map[bool]string{true: "pass", false: "fail"}[s.Passed])
	}
	if s.Date.IsZero() || s.Date.Year() < 2000 || s.Date.Year() > 9999 {
		return fmt.Errorf("date %s is impossible", s.Date.UTC().Format(time.RFC3339))
	}
	if s.AttemptID <= 0 {
		return fmt.Errorf("attempt id %d is impossible", s.AttemptID)
	}
	if s.Kind == Signed {
		if len(s.Issuer.Key) != ed25519.PublicKeySize {
			return errors.New("a signed statement needs the issuer's public key")
		}
		if err := checkIssuerName(s.Issuer.Name); err != nil {
			return err
		}
	}
	return nil
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return s != ""
}

// maxValueRunes bounds every value on a statement line.
const maxValueRunes = 200

// checkValue refuses what cannot stand on one line of a statement, or
// would make it read differently from what it says: control characters,
// line and paragraph separators, and bidirectional formatting characters
// (which can reorder what a reader sees).
func checkValue(what, v string) error {
	if v == "" {
		return fmt.Errorf("the %s is empty", what)
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("the %s is not valid UTF-8", what)
	}
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("the %s %q starts or ends with a space", what, v)
	}
	if utf8.RuneCountInString(v) > maxValueRunes {
		return fmt.Errorf("the %s is longer than %d characters", what, maxValueRunes)
	}
	for _, r := range v {
		if bad := badRune(r); bad != "" {
			return fmt.Errorf("the %s %q contains %s (U+%04X)", what, v, bad, r)
		}
	}
	return nil
}

// badRune names a character a statement may not hold, or returns "".
func badRune(r rune) string {
	switch {
	case r == utf8.RuneError:
		return "a replacement character"
	case unicode.IsControl(r):
		return "a control character"
	case r == '\u2028' || r == '\u2029':
		return "a line separator"
	case unicode.Is(unicode.Bidi_Control, r):
		return "a bidirectional formatting character"
	case r == '\uFEFF':
		return "a byte order mark"
	}
	return ""
}

func nfc(s string) string { return norm.NFC.String(s) }

// safe returns a name from the records as it may be printed: as it is, or
// quoted with escapes when it holds characters a statement refuses.
func safe(s string) string {
	for _, r := range s {
		if badRune(r) != "" {
			return strconv.Quote(s)
		}
	}
	return s
}

var b64 = base64.RawStdEncoding

func encodeKey(k ed25519.PublicKey) string { return "ed25519:" + b64.EncodeToString(k) }
func encodeSig(sig []byte) string          { return "ed25519:" + b64.EncodeToString(sig) }

func decodeTagged(v string, size int) ([]byte, error) {
	rest, ok := strings.CutPrefix(v, "ed25519:")
	if !ok {
		return nil, errors.New(`it does not start with "ed25519:"`)
	}
	b, err := b64.DecodeString(rest)
	if err != nil {
		return nil, fmt.Errorf("bad base64: %w", err)
	}
	if len(b) != size {
		return nil, fmt.Errorf("%d bytes, not %d", len(b), size)
	}
	return b, nil
}

// Code is the short code printed on a certificate. For a signed statement
// it is derived from the signature; for a self-study record from the
// statement itself. It has 12 characters from an alphabet without 0, O, 1
// and I, grouped XXXX-XXXX-XXXX.
func (s Statement) Code() string {
	h := sha256.New()
	if s.Kind == Signed {
		h.Write([]byte("frontline certificate code\n"))
		h.Write(s.Signature)
	} else {
		msg, _ := s.Message()
		h.Write([]byte("frontline self-study code\n"))
		h.Write(msg)
	}
	enc := codeEncoding.EncodeToString(h.Sum(nil))[:CodeLength]
	return enc[0:4] + "-" + enc[4:8] + "-" + enc[8:12]
}

// codeAlphabet is base32 without the characters people confuse when they
// read a code aloud or type it from paper: 0 and O, 1 and I.
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

var codeEncoding = base32.NewEncoding(codeAlphabet).WithPadding(base32.NoPadding)

// CodeLength is the number of characters in a code, not counting dashes.
const CodeLength = 12

// NormalizeCode returns code as Code writes it: upper case, grouped with
// dashes, with spaces and dashes typed by a person ignored. It returns ""
// when code cannot be a certificate code.
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

// ErrNoStatement means the input holds no statement block.
var ErrNoStatement = errors.New("no frontline certificate statement found")

// ParseError is a statement that cannot be read, at a line of the input.
type ParseError struct {
	Line int // 1-based line of the input; 0 when not tied to a line
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Parse finds the one statement block in text (a text or Markdown
// certificate, the text of a QR code, or text extracted from a PDF) and
// reads it. Spaces around lines, blank lines inside the block and CRLF line
// ends are ignored; every line must otherwise be exactly as frontline
// writes it, so what a person reads is what the signature covers. Parse
// does not check the signature: see Verify.
func Parse(text []byte) (Statement, error) {
	var block []numbered
	n, begin := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	in := false
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		// Text extracted from a PDF may join the BEGIN line, which ends
		// in dashes, with the next one as if it were a hyphenated word.
		joined := ""
		if rest, ok := strings.CutPrefix(l, beginStem); ok && !in {
			l, joined = BeginLine, strings.TrimSpace(strings.TrimLeft(rest, "-"))
		}
		switch {
		case l == BeginLine:
			if begin != 0 {
				return Statement{}, &ParseError{n, fmt.Sprintf("a second certificate statement begins here (the first began on line %d): check one at a time", begin)}
			}
			begin, in = n, true
			if joined != "" {
				block = append(block, numbered{n, joined})
			}
		case l == EndLine && in:
			in = false
		case in && l != "":
			block = append(block, numbered{n, l})
		}
	}
	if err := sc.Err(); err != nil {
		return Statement{}, fmt.Errorf("read statement: %w", err)
	}
	if begin == 0 {
		return Statement{}, ErrNoStatement
	}
	if in {
		return Statement{}, &ParseError{begin, "the statement that begins here has no END line: it is cut short"}
	}
	return parseLines(begin, block)
}

type numbered struct {
	n    int
	text string
}

// parseLines reads the lines of one block.
func parseLines(begin int, block []numbered) (Statement, error) {
	var s Statement
	i := 0
	next := func(key string, optional bool) (string, int, error) {
		if i >= len(block) {
			if optional {
				return "", 0, nil
			}
			return "", 0, &ParseError{begin, fmt.Sprintf("the statement has no %s line", key)}
		}
		l := block[i]
		k, v, ok := strings.Cut(l.text, ":")
		if !ok || k != key {
			if optional {
				return "", 0, nil
			}
			return "", 0, &ParseError{l.n, fmt.Sprintf("expected the %s line, found %q", key, clip(l.text))}
		}
		i++
		return nfc(strings.TrimSpace(v)), l.n, nil
	}
	fail := func(n int, format string, a ...any) (Statement, error) {
		return Statement{}, &ParseError{n, fmt.Sprintf(format, a...)}
	}
	v, n, err := next("Format", false)
	if err != nil {
		return s, err
	}
	if v != Format {
		return fail(n, "format %q is not one this frontline reads (%s): a newer frontline may read it", clip(v), Format)
	}
	if v, n, err = next("Kind", false); err != nil {
		return s, err
	}
	switch v {
	case "signed":
		s.Kind = Signed
	case "self-study":
		s.Kind = SelfStudy
	default:
		return fail(n, "kind %q is neither signed nor self-study", clip(v))
	}
	if s.Learner, _, err = next("Learner", false); err != nil {
		return s, err
	}
	if s.ModuleID, _, err = next("Module", false); err != nil {
		return s, err
	}
	if s.ModuleTitle, _, err = next("Title", false); err != nil {
		return s, err
	}
	if s.Version, _, err = next("Version", true); err != nil {
		return s, err
	}
	if v, _, err = next("Fingerprint", false); err != nil {
		return s, err
	}
	if v != "unknown" {
		s.Fingerprint = v
	}
	if v, n, err = next("Score", false); err != nil {
		return s, err
	}
	var pct int
	var score string
	if _, err := fmt.Sscanf(v, "%s of %d (%d%%)", &score, &s.Total, &pct); err != nil {
		return fail(n, "score %q is not written as \"9 of 10 (90%%)\"", clip(v))
	}
	if s.Score, err = strconv.ParseFloat(score, 64); err != nil {
		return fail(n, "score %q is not a number", clip(score))
	}
	if v, n, err = next("Pass-Mark", false); err != nil {
		return s, err
	}
	if v != "unknown" {
		p, ok := strings.CutSuffix(v, "%")
		if s.PassMark, err = strconv.Atoi(p); !ok || err != nil {
			return fail(n, "pass mark %q is not written as \"80%%\"", clip(v))
		}
	}
	if v, n, err = next("Result", false); err != nil {
		return s, err
	}
	switch v {
	case "passed":
		s.Passed = true
	case "not passed":
	default:
		return fail(n, "result %q is neither passed nor not passed", clip(v))
	}
	if v, n, err = next("Date", false); err != nil {
		return s, err
	}
	if s.Date, err = time.Parse(time.RFC3339, v); err != nil {
		return fail(n, "date %q is not written as 2026-03-01T10:00:00Z", clip(v))
	}
	s.Date = s.Date.UTC()
	if v, n, err = next("Attempt", false); err != nil {
		return s, err
	}
	if s.AttemptID, err = strconv.ParseInt(v, 10, 64); err != nil {
		return fail(n, "attempt %q is not a number", clip(v))
	}
	if v, _, err = next("Issuer", false); err != nil {
		return s, err
	}
	var sig string
	var sigLine int
	if s.Kind == Signed {
		s.Issuer.Name = v
		if v, n, err = next("Issuer-Key", false); err != nil {
			return s, err
		}
		id, key, _ := strings.Cut(v, " ")
		k, err := decodeTagged(key, ed25519.PublicKeySize)
		if err != nil {
			return fail(n, "the issuer key is unreadable: %v", err)
		}
		s.Issuer.Key = k
		if id != s.Issuer.ID() {
			return fail(n, "the issuer key id %q does not belong to the key on the same line (its id is %s): the line was changed", clip(id), s.Issuer.ID())
		}
		if sig, sigLine, err = next("Signature", false); err != nil {
			return s, err
		}
		if s.Signature, err = decodeTagged(sig, ed25519.SignatureSize); err != nil {
			return fail(sigLine, "the signature is unreadable: %v", err)
		}
	} else if v != selfStudyIssuer {
		return fail(n, "a self-study record names no issuer, but this one says %q", clip(v))
	}
	if i < len(block) {
		return fail(block[i].n, "unexpected line %q after the last line of the statement", clip(block[i].text))
	}
	// Every line must be written exactly as frontline writes it: then the
	// text a person reads is the text the signature covers.
	want, err := s.lines()
	if err != nil {
		return fail(begin, "the statement states something impossible: %v", err)
	}
	for j, w := range want {
		if j >= len(block) || nfc(block[j].text) != w {
			at := begin
			got := ""
			if j < len(block) {
				at, got = block[j].n, block[j].text
			}
			return fail(at, "%q is not written as frontline writes it (%q)", clip(got), clip(w))
		}
	}
	return s, nil
}

// clip shortens a quoted value in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	r := []rune(s)
	return string(r[:80]) + "…"
}
