package loader

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestTermPositions checks where the terminology check points: a phrase
// split by emphasis, a line break or a code span, after a multi-byte
// letter, in a link and in a list item, and whole words only.
func TestTermPositions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "line:col phrase"
	}{
		{"emphasis inside", "A child *prostitute* here.", []string{"20:3 child prostitute", "20:10 prostitute"}},
		{"across a line break", "An illegal\nimmigrant came.", []string{"20:4 illegal immigrant"}},
		{"after a code span", "Use `code` then human cargo.", []string{"20:17 human cargo"}},
		{"after a multi-byte letter", "Über illegals.", []string{"20:7 illegals"}},
		{"in a link", "See [sex slaves](https://example.org) here.", []string{"20:6 sex slaves"}},
		{"list item", "- one\n- two prostitutes", []string{"21:7 prostitutes"}},
		{"whole words only", "Prostitutes-x and illegalsx and xsex slave.", nil},
		{"upper case", "ILLEGAL MIGRANTS were named.", []string{"20:1 illegal migrants"}},
		{"in code only", "Quote `illegals` as code.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := load(t, map[string]string{
				"modules/indicators.md": catalogue,
				"modules/basics.md":     strings.Replace(goodModule, "Intro page.", tt.text, 1),
			})
			var got []string
			for _, p := range problems {
				if !strings.Contains(p.Message, "discouraged term") {
					t.Errorf("unexpected problem: %s", p)
					continue
				}
				phrase := strings.SplitN(p.Message, `"`, 3)[1]
				got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, phrase))
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLowerInto checks that lowerInto lowers exactly as bytes.ToLower does,
// also where lower case changes a letter's length in bytes, and that it
// reuses the buffer it is given.
func TestLowerInto(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "MiXeD Case 123 -_*", "Über ÄÖÜ straße ẞ",
		"İllegal", "KELVIN \u212a", "Ω ΣΑΣ", "tab\tand\nnewline", "日本語 テキスト",
		"emoji 👍🏽 and — dashes “quotes”",
	} {
		want := bytes.ToLower([]byte(s))
		buf := make([]byte, 0, 4)
		if got := lowerInto(buf, []byte(s)); !bytes.Equal(got, want) {
			t.Errorf("lowerInto(%q) = %q, want %q", s, got, want)
		}
	}
	buf := make([]byte, 0, 64)
	if got := lowerInto(buf, []byte("ABC")); &got[0] != &buf[:1][0] {
		t.Error("lowerInto did not write into the buffer it was given")
	}
}
