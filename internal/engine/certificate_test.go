package engine

import (
	"regexp"
	"strings"
	"testing"
)

func TestCertificateCode(t *testing.T) {
	a := CertificateCode("Ana", "police-exam", "1.2", "42", "2026-03-01")
	if a != CertificateCode("Ana", "police-exam", "1.2", "42", "2026-03-01") {
		t.Fatal("code not deterministic")
	}
	if !regexp.MustCompile(`^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`).MatchString(a) {
		t.Fatalf("code %q has the wrong shape", a)
	}
	for _, other := range [][]string{
		{"Ana", "police-exam", "1.2", "42", "2026-03-02"},
		{"Ana", "police-exam", "1.2", "4", "22026-03-01"}, // same concatenation, other boundary
		{"Anb", "police-exam", "1.2", "42", "2026-03-01"},
	} {
		if CertificateCode(other...) == a {
			t.Errorf("fields %v give the same code", other)
		}
	}
	if !ValidCodeFormat(a) || !ValidCodeFormat(strings.ToLower(a)) || !ValidCodeFormat(strings.ReplaceAll(a, "-", " ")) {
		t.Error("a real code is not valid")
	}
	if NormalizeCode(strings.ToLower(strings.ReplaceAll(a, "-", ""))) != a {
		t.Error("NormalizeCode does not restore the printed form")
	}
	for _, bad := range []string{"", "ABCD-EFGH-JKL", "ABCD-EFGH-JKLMN", "ABCD-EFGH-JK0M", "ABCD-EFGH-JKIM", "ABCD-EFGH-JK!M"} {
		if ValidCodeFormat(bad) {
			t.Errorf("ValidCodeFormat(%q) = true", bad)
		}
	}
}
