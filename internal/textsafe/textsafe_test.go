package textsafe

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		r    rune
		want Kind
	}{
		{'a', OK}, {'\t', OK}, {'\n', OK}, {' ', OK}, {'é', OK}, {'а', OK}, {'ب', OK},
		{0x200d, OK}, {0x200c, OK}, {0xfe0f, OK}, {0xe0100, OK}, {0x00a0, OK}, {0xfffd, Invalid},
		{0, Control}, {0x07, Control}, {'\r', Control}, {0x1b, Control}, {0x7f, Control},
		{0x85, Control}, {0x9b, Control}, {0x9f, Control}, {0x2028, Control}, {0x2029, Control},
		{0x202a, Bidi}, {0x202e, Bidi}, {0x2066, Bidi}, {0x2069, Bidi},
		{0xe0001, Tag}, {0xe0041, Tag}, {0xe007f, Tag},
		{0x200b, Invisible}, {0x2060, Invisible}, {0xfeff, Invisible}, {0x00ad, Invisible},
		{0x200e, Invisible}, {0x2064, Invisible}, {0x3164, Invisible},
		{0xfffe, Invalid}, {0x1ffff, Invalid}, {0xfdd0, Invalid},
	}
	for _, tt := range tests {
		if got := Classify(tt.r); got != tt.want {
			t.Errorf("Classify(U+%04X) = %d, want %d", tt.r, got, tt.want)
		}
		if d := Describe(tt.r); (d == "") != (tt.want == OK) {
			t.Errorf("Describe(U+%04X) = %q", tt.r, d)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		in   string
		off  int
		what string
	}{
		{"plain text\twith tab\nand line", -1, ""},
		{"Persian می\u200cخواهم and emoji 👩\u200d⚕️", -1, ""},
		{"title \x1b]0;x\x07", 6, "escape character (ESC, U+001B)"},
		{"x\u009b2J", 1, "C1 control character U+009B (CSI)"},
		{"Passport \u202ekept", 9, "bidi override U+202E (RIGHT-TO-LEFT OVERRIDE)"},
		{"a\u2066b", 1, "bidi isolate U+2066 (LEFT-TO-RIGHT ISOLATE)"},
		{"tag \U000E0041", 4, "invisible tag character U+E0041"},
		{"zero\u200bwidth", 4, "invisible zero-width space U+200B"},
		{"wj\u2060", 2, "invisible word joiner U+2060"},
		{"bom\ufeff", 3, "invisible zero-width no-break space U+FEFF"},
		{"ls\u2028", 2, "line separator U+2028"},
		{"bad \xff", 4, "invalid UTF-8"},
		{"a\rb", 1, "carriage return (CR, U+000D)"},
	}
	for _, tt := range tests {
		off, what := Check(tt.in)
		if off != tt.off || what != tt.what {
			t.Errorf("Check(%q) = %d, %q; want %d, %q", tt.in, off, what, tt.off, tt.what)
		}
		if Clean(tt.in) != (tt.off < 0) {
			t.Errorf("Clean(%q) = %v", tt.in, Clean(tt.in))
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		in              string
		keep, sp, quote string
	}{
		{"plain", "plain", "plain", "plain"},
		{"a\tb\nc", "a\tb\nc", "a b c", "a<U+0009>b<U+000A>c"},
		{"a\r\nb", "a\nb", "a b", "a<U+000D><U+000A>b"},
		{"a\rb", "a<U+000D>b", "a b", "a<U+000D>b"},
		{"t\x1b]0;PWNED\x07x", "t<U+001B>]0;PWNED<U+0007>x", "t<U+001B>]0;PWNED<U+0007>x", "t<U+001B>]0;PWNED<U+0007>x"},
		{"\u009b2J", "<U+009B>2J", "<U+009B>2J", "<U+009B>2J"},
		{"Pass\u202eport", "Pass<U+202E>port", "Pass<U+202E>port", "Pass<U+202E>port"},
		{"a\u200bb\u200dc", "a<U+200B>b\u200dc", "a<U+200B>b\u200dc", "a<U+200B>b\u200dc"},
		{"bad\xffbyte", "bad<0xFF>byte", "bad<0xFF>byte", "bad<0xFF>byte"},
		{"tag\U000E0041", "tag<U+E0041>", "tag<U+E0041>", "tag<U+E0041>"},
		{"ünïcödé ✓", "ünïcödé ✓", "ünïcödé ✓", "ünïcödé ✓"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			b    Breaks
			want string
		}{{KeepBreaks, tt.keep}, {SpaceBreaks, tt.sp}, {EscapeBreaks, tt.quote}} {
			got := Sanitize(tt.in, c.b)
			if got != c.want {
				t.Errorf("Sanitize(%q, %d) = %q, want %q", tt.in, c.b, got, c.want)
			}
			if off, what := Check(got); off >= 0 {
				t.Errorf("Sanitize(%q, %d) = %q still holds %s", tt.in, c.b, got, what)
			}
		}
	}
	if Text("x\ny") != "x\ny" || Line("x\ny") != "x y" || Quote("x\ny") != "x<U+000A>y" {
		t.Error("Text, Line or Quote does not match Sanitize")
	}
}

func TestANSI(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello\nworld", "hello\nworld"},
		{"sgr kept", "\x1b[1;38;5;212mbold\x1b[0m", "\x1b[1;38;5;212mbold\x1b[0m"},
		{"osc title", "a\x1b]0;pwned\x07b", "ab"},
		{"osc52 st", "a\x1b]52;c;SGVsbG8=\x1b\\b", "ab"},
		{"osc8 link", "\x1b]8;;https://evil.example/\x1b\\see\x1b]8;;\x1b\\", "see"},
		{"clear screen", "a\x1b[2Jb\x1b[Hc", "abc"},
		{"cursor move", "a\x1b[10;10fb", "ab"},
		{"private mode", "a\x1b[?1049hb", "ab"},
		{"c1 csi", "a\u009b2Jb", "a2Jb"},
		{"bel bs cr del", "a\x07b\x08c\rd\x7fe", "abcde"},
		{"tab", "a\tb", "a    b"},
		{"esc c", "a\x1bcb", "ab"},
		{"unicode", "✓ ✗ ⚑ — é", "✓ ✗ ⚑ — é"},
		{"dangling esc", "a\x1b", "a"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"bidi", "Passport \u202ekept\u202c", "Passport kept"},
		{"invisible", "a\u200bb\u2060c\ufeffd\U000E0041", "abcd"},
		{"joiners kept", "می\u200cخواهم 👩\u200d⚕️", "می\u200cخواهم 👩\u200d⚕️"},
		{"invalid utf8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		got := ANSI(tt.in)
		if got != tt.want {
			t.Errorf("%s: ANSI(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		if ok, off := OnlySGR(got); !ok {
			t.Errorf("%s: ANSI output %q fails OnlySGR at %d", tt.name, got, off)
		}
	}
	for _, bad := range []string{"a\x1b]0;x\x07", "\x1b[2J", "\x1bc", "a\u009b", "\u202e", "x\x07", "\x1b[", "\x1b"} {
		if ok, _ := OnlySGR(bad); ok {
			t.Errorf("OnlySGR(%q) = true", bad)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"alice", "alice", nil},
		{"  Alice   Smith  ", "Alice Smith", nil},
		{"José", "José", nil},                 // NFD in, NFC out
		{"Zahra\u200cي", "Zahra\u200cي", nil}, // ZWNJ allowed
		{"María\u00a0José", "María José", nil},
		{"", "", ErrNameEmpty},
		{"   ", "", ErrNameEmpty},
		{strings.Repeat("L", 64), strings.Repeat("L", 64), nil},
		{strings.Repeat("L", 65), "", ErrNameTooLong},
		{strings.Repeat("L", 10240), "", ErrNameTooLong},
		{"Eve\x1b]0;PWNED\x07", "", ErrNameChar},
		{"Eve\u009b2J", "", ErrNameChar},
		{"Alice\nhas passed with distinction", "", ErrNameChar},
		{"x\r=1+1", "", ErrNameChar},
		{"tab\there", "", ErrNameChar},
		{"alice\u200b", "", ErrNameChar},
		{"ali\u202ece", "", ErrNameChar},
		{"alice\u200e", "", ErrNameChar},
		{"bad\xff", "", ErrNameChar},
	}
	for _, tt := range tests {
		got, err := Name(tt.in)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("Name(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err != nil && !Clean(err.Error()) {
			t.Errorf("Name(%q) error text %q holds a control character", tt.in, err.Error())
		}
	}
	_, err := Name("Eve\x1bX")
	if err == nil || !strings.Contains(err.Error(), "escape character (ESC, U+001B) at character 4") {
		t.Errorf("error does not say what and where: %v", err)
	}
}

func TestSkeleton(t *testing.T) {
	same := [][2]string{
		{"alice", "аlice"},       // Cyrillic а
		{"alice", "ALICE"},       // case
		{"alice", "alice\u200b"}, // zero-width space
		{"alice", "al\u200dice"}, // zero-width joiner
		{"alice", "Ａｌｉｃｅ"},       // full width
		{"Alice Smith", "alice  smith"},
		{"José", "José"},
		{"paypal", "pаypаl"},
	}
	for _, p := range same {
		if !SameName(p[0], p[1]) {
			t.Errorf("%q and %q differ: %q vs %q", p[0], p[1], Skeleton(p[0]), Skeleton(p[1]))
		}
	}
	differ := [][2]string{{"alice", "alicia"}, {"bob", "rob"}, {"Anna", "Hanna"}, {"محمد", "احمد"}}
	for _, p := range differ {
		if SameName(p[0], p[1]) {
			t.Errorf("%q and %q are taken as the same name (%q)", p[0], p[1], Skeleton(p[0]))
		}
	}
	// A skeleton is stable: the skeleton of a skeleton is itself.
	for _, s := range []string{"аlice", "ALICE", "Ｍａｒｙ", "Ωmega"} {
		k := Skeleton(s)
		if Skeleton(k) != k {
			t.Errorf("Skeleton(Skeleton(%q)) = %q, not %q", s, Skeleton(k), k)
		}
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Alice", "Alice"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+cmd|'/c calc'!A1", "'+cmd|'/c calc'!A1"},
		{"-2+3", "'-2+3"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1+1", "' =1+1"},
		{"\r=1+1", "' =1+1"},
		{"  =1", "'  =1"},
		{"＝HYPERLINK(1)", "'＝HYPERLINK(1)"},
		{"＋1", "'＋1"},
		{"－1+2", "'－1+2"},
		{"＠A1", "'＠A1"},
		{"x;=HYPERLINK(\"http://evil/\",\"click\")", "x;'=HYPERLINK(\"http://evil/\",\"click\")"},
		{"a, =1", "a,' =1"},
		{"-2", "-2"},
		{"+3.5", "+3.5"},
		{"-", "'-"},
		{"well-being; ok", "well-being; ok"},
		{"Eve\x1b]0;x\x07", "Eve<U+001B>]0;x<U+0007>"},
		{"line\nbreak", "line break"},
		{"rtl\u202eabc", "rtl<U+202E>abc"},
	}
	for _, tt := range tests {
		got := CSVCell(tt.in)
		if got != tt.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !Clean(got) || strings.ContainsAny(got, "\n\t") {
			t.Errorf("CSVCell(%q) = %q holds a control character", tt.in, got)
		}
		for _, part := range strings.FieldsFunc(got, func(r rune) bool { return r == ',' || r == ';' }) {
			if formulaStart(part) {
				t.Errorf("CSVCell(%q): part %q could start a formula", tt.in, part)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	in := map[string]string{"name": "Eve\x1b]0;x\x07 \u009b2J \u202eabc \u200b \U000E0041 \x7f ok é"}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := JSON(raw)
	if !Clean(string(out)) {
		off, what := Check(string(out))
		t.Fatalf("JSON output still holds %s at %d: %q", what, off, out)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("escaped JSON does not decode: %v\n%s", err, out)
	}
	if back["name"] != in["name"] {
		t.Errorf("value changed: %q, want %q", back["name"], in["name"])
	}
	clean := []byte(`{"a":"plain é"}`)
	if got := JSON(clean); string(got) != string(clean) {
		t.Errorf("clean JSON changed: %s", got)
	}
}
