package textsafe

import (
	"strings"
	"testing"
)

func TestWriter(t *testing.T) {
	var b strings.Builder
	w := Writer(&b)
	in := "Łukasz\x1b]0;title\x07 \u202Eevil\u202C done\tok\n\x9b2J"
	// Byte by byte: characters split across writes must survive.
	for i := 0; i < len(in); i++ {
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatalf("write %d: %d %v", i, n, err)
		}
	}
	if got, want := b.String(), "Łukasz]0;title evil done\tok\n2J"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
