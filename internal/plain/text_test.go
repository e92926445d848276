package plain

import (
	"bytes"
	"frontline/internal/textsafe"
	"testing"
)

func TestToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"emphasis and code", "Some **bold**, _italic_ and `code_span` text\nacross two lines.", "Some bold, italic and code_span text across two lines."},
		{"heading", "# Title\n\nBody.", "Title\n\nBody."},
		{"alert inline", "> [!IMPORTANT]\n> Consent to a job is not consent to exploitation.", "Important: Consent to a job is not consent to exploitation."},
		{"alert two paragraphs", "> [!warning]\n> First.\n>\n> Second.", "Warning: First.\n\n  Second."},
		{"quote", "> Said once.", "  Said once."},
		{"lists", "- one\n- two\n\n1. first\n2. second", "- one\n- two\n\n1. first\n2. second"},
		{"nested list", "- one\n  - inner\n- two", "- one\n  - inner\n- two"},
		{"links", "See [the ILO](https://www.ilo.org) and [below](#x).", "See the ILO (https://www.ilo.org) and below."},
		{"image", "![A port at night](port.png)", "(Image: A port at night)"},
		{"code block", "```\nline 1\nline 2\n```", "    line 1\n    line 2"},
		{"table", "| Sign | Strength |\n|---|---|\n| Debt | strong |", "- Sign: Debt; Strength: strong"},
		{"entities and escapes", "Tom &amp; Jerry \\*not emphasis\\*", "Tom & Jerry *not emphasis*"},
		{"html dropped", "<div>x</div>\n\ntext <b>bold</b>", "text bold"},
		{"rule", "a\n\n---\n\nb", "a\n\nb"},
	}
	for _, tt := range tests {
		if got := ToText(tt.in); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestSafeWriter(t *testing.T) {
	var b bytes.Buffer
	w := textsafe.Writer(&b)
	in := []byte("a\x1b]52;c;SGk=\x07b\u009bc\td\n\x7f\xffé")
	n, err := w.Write(in)
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got, want := b.String(), "a]52;c;SGk=bc\td\né"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
