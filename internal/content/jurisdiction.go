package content

import "strings"

// Jurisdictions are named by lower-case codes: a country's two-letter ISO
// 3166 code ("it", "zm", "us"), optionally followed by a hyphen and a
// subdivision ("gb-eng", "gb-sct", "us-ca"). The curriculum uses "gb" for
// what holds in the whole United Kingdom (the National Referral Mechanism)
// and "gb-eng" for the law of England and Wales.

// ValidJurisdiction reports whether code is written as a jurisdiction code:
// two letters, then optionally a hyphen and one to eight letters or digits.
func ValidJurisdiction(code string) bool {
	country, sub, hasSub := strings.Cut(code, "-")
	if len(country) != 2 || !isLower(country[0]) || !isLower(country[1]) {
		return false
	}
	if !hasSub {
		return true
	}
	if len(sub) < 1 || len(sub) > 8 {
		return false
	}
	for i := 0; i < len(sub); i++ {
		if !isLower(sub[i]) && !(sub[i] >= '0' && sub[i] <= '9') {
			return false
		}
	}
	return true
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// AppliesIn reports whether an item tagged for jurisdiction tag applies in
// place. An untagged item applies everywhere, and every item applies when
// place is empty (no jurisdiction chosen). A country's tag covers its
// subdivisions: "gb" applies in "gb-eng" and "gb-sct", but "gb-eng" does
// not apply in "gb-sct" or in "it".
func AppliesIn(tag, place string) bool {
	return tag == "" || place == "" || tag == place || strings.HasPrefix(place, tag+"-")
}

// JurisdictionName returns a readable name for a jurisdiction code, or the
// code itself when frontline does not know it.
func JurisdictionName(code string) string {
	if n, ok := jurisdictionNames[code]; ok {
		return n
	}
	return code
}

var jurisdictionNames = map[string]string{
	"gb":     "the United Kingdom",
	"gb-eng": "England and Wales",
	"gb-sct": "Scotland",
	"gb-nir": "Northern Ireland",
	"it":     "Italy",
	"us":     "the United States",
	"zm":     "Zambia",
}
