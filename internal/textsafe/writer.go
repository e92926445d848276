package textsafe

import (
	"io"
	"sync"
	"unicode/utf8"
)

// Writer returns a writer that passes text to w and drops everything else:
// terminal control characters (C0 except tab and newline, DEL, C1),
// invalid UTF-8, and the characters text may not hold (see Classify). What
// frontline prints to a terminal outside the full-screen app goes through
// it, so no content, name or file name can move the cursor, set the
// window title or write the clipboard. A character split across two
// writes is kept whole.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct {
	mu   sync.Mutex
	w    io.Writer
	tail []byte // the start of a character split across writes
}

func (s *writer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := p
	if len(s.tail) > 0 {
		in = append(append([]byte(nil), s.tail...), p...)
		s.tail = s.tail[:0]
	}
	clean := make([]byte, 0, len(in))
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(in[i:]) {
			s.tail = append(s.tail, in[i:]...) // wait for the rest
			break
		}
		ok := true
		switch {
		case r == utf8.RuneError && size <= 1:
			ok = false
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			ok = false
		case r != utf8.RuneError && Classify(r) != OK:
			ok = false
		}
		if ok {
			clean = append(clean, in[i:i+size]...)
		}
		i += size
	}
	if _, err := s.w.Write(clean); err != nil {
		return 0, err
	}
	return len(p), nil
}
