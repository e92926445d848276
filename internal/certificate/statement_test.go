package certificate

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestStatementRoundTrip(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	for _, s := range []Statement{signed(t, sampleStatement("Łukasz Wiśniewski"), k), sampleStatement("Ana Silva")} {
		block, err := s.Block()
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse([]byte(block))
		if err != nil {
			t.Fatalf("%s:\n%v\n%s", s.Kind, err, block)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: read back\n%+v\nwrote\n%+v", s.Kind, got, s)
		}
		if got.Code() != s.Code() || NormalizeCode(s.Code()) != s.Code() {
			t.Errorf("%s: code %s, read back %s", s.Kind, s.Code(), got.Code())
		}
		if !strings.HasPrefix(block, BeginLine+"\nFormat: "+Format+"\nKind: "+s.Kind.String()+"\n") || !strings.HasSuffix(block, EndLine+"\n") {
			t.Errorf("block layout:\n%s", block)
		}
	}
	// A statement with no version and no fingerprint.
	s := sampleStatement("Ana")
	s.Version, s.Fingerprint, s.PassMark = "", "", 0
	block, _ := s.Block()
	if strings.Contains(block, "Version:") || !strings.Contains(block, "Fingerprint: unknown") || !strings.Contains(block, "Pass-Mark: unknown") {
		t.Errorf("optional values:\n%s", block)
	}
	if got, err := Parse([]byte(block)); err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("optional values read back: %v\n%+v", err, got)
	}
}

func TestCodes(t *testing.T) {
	k := testKey(t, "Academy", 1)
	a := signed(t, sampleStatement("Ana"), k)
	if !regexp.MustCompile(`^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`).MatchString(a.Code()) {
		t.Fatalf("code %q has the wrong shape", a.Code())
	}
	b := signed(t, sampleStatement("Anb"), k)
	if a.Code() == b.Code() || a.Code() == sampleStatement("Ana").Code() {
		t.Error("different statements share a code")
	}
	// The code of a signed statement comes from its signature alone.
	c := a
	c.Learner = "Someone else"
	if c.Code() != a.Code() {
		t.Error("a signed statement's code depends on more than its signature")
	}
	for in, want := range map[string]string{
		strings.ToLower(a.Code()):                a.Code(),
		strings.ReplaceAll(a.Code(), "-", " "):   a.Code(),
		strings.ReplaceAll(a.Code(), "-", ""):    a.Code(),
		"":                                       "",
		"ABCD-EFGH-JKL":                          "",
		"ABCD-EFGH-JKLMN":                        "",
		"ABCD-EFGH-JK0M":                         "",
		"ABCD-EFGH-JKIM":                         "",
		"ABCD-EFGH-JK!M":                         "",
		"ABCD-EFGH-JKLM":                         "ABCD-EFGH-JKLM",
		"  abcd efgh jklm ":                      "ABCD-EFGH-JKLM",
		"frontline-issuer/1 0123456789abcdef ed": "",
	} {
		if got := NormalizeCode(in); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTolerates(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	s := signed(t, sampleStatement("Nguyễn Thị Minh Khai"), k)
	block, _ := s.Block()
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	for name, text := range map[string]string{
		"CRLF line ends":            strings.ReplaceAll(block, "\n", "\r\n"),
		"indented in Markdown":      "# Certificate\n\n```text\n    " + strings.Join(lines, "\n    ") + "\n```\n",
		"blank lines in between":    strings.ReplaceAll(block, "\n", "\n\n"),
		"words around it":           "Some words.\n" + block + "More words.\n",
		"decomposed accents":        norm.NFD.String(block),
		"BEGIN joined by pdftotext": "-----BEGIN FRONTLINE CERTIFICATE----" + strings.Join(lines[1:], "\n") + "\n",
		"trailing spaces":           strings.ReplaceAll(block, "\n", "  \n"),
	} {
		got, err := Parse([]byte(text))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if v := Verify(got, trust(k)); v.Status != Valid {
			t.Errorf("%s: %s", name, v)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	block, _ := signed(t, sampleStatement("Ana Silva"), k).Block()
	self, _ := sampleStatement("Ana Silva").Block()
	replace := func(b, old, new string) string {
		if !strings.Contains(b, old) {
			t.Fatalf("%q not in the block", old)
		}
		return strings.Replace(b, old, new, 1)
	}
	for _, tt := range []struct {
		name, text, want string
	}{
		{"empty", "", "no frontline certificate statement"},
		{"no END", strings.Replace(block, EndLine+"\n", "", 1), "line 1: the statement that begins here has no END line"},
		{"two blocks", block + block, "line 18: a second certificate statement begins here"},
		{"newer format", replace(block, Format, "frontline-certificate/2"), "line 2: format \"frontline-certificate/2\" is not one this frontline reads"},
		{"unknown kind", replace(block, "Kind: signed", "Kind: notarised"), "line 3: kind \"notarised\""},
		{"lines swapped", replace(block, "Module: foundations\nTitle: What trafficking is", "Title: What trafficking is\nModule: foundations"), "line 5: expected the Module line"},
		{"line missing", replace(block, "Result: passed\n", ""), "expected the Result line"},
		{"line added", replace(block, "Attempt: 3\n", "Attempt: 3\nNote: hello\n"), "expected the Issuer line"},
		{"percent that does not follow", replace(block, "9 of 10 (90%)", "9 of 10 (100%)"), "is not written as frontline writes it"},
		{"score above total", replace(block, "9 of 10 (90%)", "99 of 10 (990%)"), "score 99 of 10 is impossible"},
		{"result that does not follow", replace(block, "Result: passed", "Result: not passed"), "is not a fail"},
		{"date not in its form", replace(block, "2026-03-03T10:00:00Z", "3 March 2026"), "line 12: date \"3 March 2026\" is not written as"},
		{"key id of another key", replace(block, "Issuer-Key: "+k.ID(), "Issuer-Key: 0123456789abcdef"), "line 15: the issuer key id \"0123456789abcdef\" does not belong to the key"},
		{"signature cut", regexp.MustCompile(`Signature: ed25519:\S{10}`).ReplaceAllString(block, "Signature: ed25519:"), "line 16: the signature is unreadable"},
		{"self-study naming an issuer", replace(self, selfStudyIssuer, "Regional Police Academy"), "a self-study record names no issuer"},
		{"self-study with a signature", replace(self, EndLine, "Signature: ed25519:AAAA\n"+EndLine), "unexpected line"},
	} {
		_, err := Parse([]byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := Parse(nil); !errors.Is(err, ErrNoStatement) {
		t.Errorf("no statement: %v", err)
	}
}

// TestTamperedStatements changes one value of a signed statement, written
// the way frontline writes it, and expects the signature to fail.
func TestTamperedStatements(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	block, _ := signed(t, sampleStatement("Ana Silva"), k).Block()
	for _, tt := range []struct{ name, old, new string }{
		{"name", "Learner: Ana Silva", "Learner: Anna Silva"},
		{"score", "Score: 9 of 10 (90%)", "Score: 10 of 10 (100%)"},
		{"date", "Date: 2026-03-03T10:00:00Z", "Date: 2025-03-03T10:00:00Z"},
		{"module title", "Title: What trafficking is", "Title: Advanced investigation"},
		{"pass mark", "Pass-Mark: 80%", "Pass-Mark: 50%"},
		{"attempt", "Attempt: 3", "Attempt: 4"},
		{"issuer name", "Issuer: Regional Police Academy", "Issuer: National Police Academy"},
	} {
		text := strings.Replace(block, tt.old, tt.new, 1)
		s, err := Parse([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		v := Verify(s, trust(k))
		if v.Status != NotValid || v.Status.ExitCode() != 1 || !strings.Contains(v.Headline, "changed after it was signed") {
			t.Errorf("tampered %s: %v\n%s", tt.name, v.Status, v)
		}
	}
}

func TestStatementRefusesUnsafeValues(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(*Statement)
		want string
	}{
		{"newline in the name", func(s *Statement) { s.Learner = "Ana\nKind: signed" }, "control character"},
		{"escape in the name", func(s *Statement) { s.Learner = "Ana\x1b]0;x\a" }, "control character"},
		{"bidi override in the name", func(s *Statement) { s.Learner = "Ana \u202eavlis" }, "bidirectional formatting character"},
		{"line separator in the title", func(s *Statement) { s.ModuleTitle = "A\u2028B" }, "line separator"},
		{"spaces around the name", func(s *Statement) { s.Learner = " Ana" }, "starts or ends with a space"},
		{"empty name", func(s *Statement) { s.Learner = "" }, "empty"},
		{"very long name", func(s *Statement) { s.Learner = strings.Repeat("a", 201) }, "longer than 200"},
		{"score above total", func(s *Statement) { s.Score = 11 }, "impossible"},
		{"no points", func(s *Statement) { s.Total = 0 }, "nothing to certify"},
		{"pass below the mark", func(s *Statement) { s.Score = 7 }, "is not a pass"},
		{"no date", func(s *Statement) { s.Date = time.Time{} }, "date"},
		{"space in module id", func(s *Statement) { s.ModuleID = "a b" }, "space"},
		{"odd fingerprint", func(s *Statement) { s.Fingerprint = "xyz" }, "hexadecimal"},
	} {
		s := sampleStatement("Ana")
		tt.edit(&s)
		if _, err := s.Block(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
