package content

import "testing"

func TestValidJurisdiction(t *testing.T) {
	for code, want := range map[string]bool{
		"it": true, "gb-eng": true, "us-ca": true, "zm": true, "gb-12": true,
		"": false, "GB": false, "gbr": false, "g": false, "gb-": false, "gb-eng-x": false, "gb_eng": false, "it-abcdefghi": false,
	} {
		if got := ValidJurisdiction(code); got != want {
			t.Errorf("ValidJurisdiction(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestAppliesIn(t *testing.T) {
	tests := []struct {
		tag, place string
		want       bool
	}{
		{"", "it", true},     // untagged holds everywhere
		{"gb-eng", "", true}, // no place chosen: nothing is left out
		{"gb-eng", "gb-eng", true},
		{"gb", "gb-eng", true}, // the UK-wide NRM holds in England and Wales
		{"gb", "gb-sct", true},
		{"gb-eng", "gb", false}, // England-only law does not hold UK-wide
		{"gb-eng", "gb-sct", false},
		{"gb-eng", "it", false},
		{"g", "gb-eng", false}, // a prefix that is not a whole code
		{"us", "us-ca", true},
	}
	for _, tt := range tests {
		if got := AppliesIn(tt.tag, tt.place); got != tt.want {
			t.Errorf("AppliesIn(%q, %q) = %v, want %v", tt.tag, tt.place, got, tt.want)
		}
	}
}

func TestJurisdictionName(t *testing.T) {
	if JurisdictionName("gb-eng") != "England and Wales" || JurisdictionName("xx") != "xx" {
		t.Errorf("names: %q %q", JurisdictionName("gb-eng"), JurisdictionName("xx"))
	}
}
