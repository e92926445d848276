package certificate

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	qr "github.com/piglig/go-qr"
)

// The certificate font: DejaVu Sans, gzip-compressed (see fonts/README.md).
//
//go:embed fonts/DejaVuSans.ttf.gz fonts/DejaVuSans-Bold.ttf.gz
var fontFS embed.FS

type fontSet struct {
	regular, bold []byte
	// covered holds the characters both faces have glyphs for.
	covered map[rune]bool
}

// fonts decompresses the embedded font once, on the first PDF.
var fonts = sync.OnceValues(func() (*fontSet, error) {
	read := func(name string) ([]byte, error) {
		f, err := fontFS.Open("fonts/" + name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		return io.ReadAll(z)
	}
	var fs fontSet
	var err error
	if fs.regular, err = read("DejaVuSans.ttf.gz"); err != nil {
		return nil, err
	}
	if fs.bold, err = read("DejaVuSans-Bold.ttf.gz"); err != nil {
		return nil, err
	}
	reg, err := coverage(fs.regular)
	if err != nil {
		return nil, fmt.Errorf("font DejaVuSans: %w", err)
	}
	bold, err := coverage(fs.bold)
	if err != nil {
		return nil, fmt.Errorf("font DejaVuSans-Bold: %w", err)
	}
	fs.covered = map[rune]bool{}
	for r := range reg {
		if bold[r] {
			fs.covered[r] = true
		}
	}
	return &fs, nil
})

// ErrUnprintable means the PDF cannot print some text correctly. Nothing
// is then written: no character is ever replaced by "?" or dropped.
var ErrUnprintable = errors.New("cannot be printed in the PDF")

// UnprintableError says which text the PDF cannot print, and why.
type UnprintableError struct {
	What   string // "learner's name", "module title", "issuer's name"
	Text   string
	Char   rune
	Script string
	Why    string
}

func (e *UnprintableError) Error() string {
	return fmt.Sprintf("the PDF cannot print the %s %q: %q (U+%04X, %s script) %s. Nothing was written: the PDF never prints a character as \"?\" or leaves it out. The text and Markdown certificates keep every character",
		e.What, e.Text, string(e.Char), e.Char, e.Script, e.Why)
}

// Unwrap makes errors.Is(err, ErrUnprintable) hold.
func (e *UnprintableError) Unwrap() error { return ErrUnprintable }

// printable are the scripts the PDF lays out correctly: written left to
// right, one glyph after another, with the font's precomposed letters.
var printable = []*unicode.RangeTable{
	unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian, unicode.Georgian,
	unicode.Common, unicode.Inherited,
}

// Scripts refused with a specific reason (others: the font has no letters
// for them). Names are those of unicode.Scripts.
var (
	rightToLeft = setOf("Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Samaritan", "Mandaic", "Adlam",
		"Hanifi_Rohingya", "Yezidi", "Mende_Kikakui", "Manichaean", "Psalter_Pahlavi", "Sogdian", "Old_Uyghur")
	joined  = setOf("Arabic", "Syriac", "Nko", "Mandaic", "Adlam", "Hanifi_Rohingya", "Mongolian", "Manichaean", "Psalter_Pahlavi", "Sogdian", "Old_Uyghur")
	shaping = setOf("Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
		"Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian", "Balinese", "Javanese",
		"Sundanese", "Tai_Tham", "Tai_Viet", "Tai_Le", "New_Tai_Lue", "Chakma", "Meetei_Mayek", "Limbu", "Lepcha",
		"Buginese", "Batak", "Cham", "Tirhuta", "Grantha", "Sharada", "Takri", "Khojki", "Khudawadi", "Modi",
		"Newa", "Siddham", "Ahom", "Dogra", "Saurashtra", "Kaithi", "Syloti_Nagri", "Brahmi", "Kharoshthi",
		"Phags_Pa", "Tagalog", "Hanunoo", "Buhid", "Tagbanwa", "Rejang", "Kayah_Li", "Masaram_Gondi",
		"Gunjala_Gondi", "Dives_Akuru", "Nandinagari", "Zanabazar_Square", "Soyombo", "Bhaiksuki", "Marchen", "Makasar")
)

func setOf(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// scriptOf names a character's Unicode script.
func scriptOf(r rune) string {
	for name, t := range unicode.Scripts {
		if unicode.Is(t, r) {
			return name
		}
	}
	return "Unknown"
}

// CheckPrintable reports text the PDF cannot print correctly: a script
// that needs shaping or runs right to left, or a character the font has no
// glyph for. It returns nil or an *UnprintableError.
func CheckPrintable(what, text string) error {
	fs, err := fonts()
	if err != nil {
		return err
	}
	return checkPrintable(fs, what, text)
}

func checkPrintable(fs *fontSet, what, text string) error {
	for _, r := range nfc(text) {
		if r == ' ' {
			continue
		}
		script := scriptOf(r)
		why := ""
		switch {
		case rightToLeft[script] && joined[script]:
			why = "is written right to left with joined letters, which this PDF writer cannot lay out"
		case rightToLeft[script]:
			why = "is written right to left, which this PDF writer cannot lay out"
		case shaping[script]:
			why = "needs its letters shaped (joined, stacked or reordered), which this PDF writer cannot do"
		case r > 0xFFFF:
			why = "lies outside the characters this PDF writer can encode"
		case !unicode.IsOneOf(printable, r):
			why = "has no letters in the certificate's font"
		case !fs.covered[r]:
			why = "has no glyph in the certificate's font"
		}
		if why != "" {
			return &UnprintableError{What: what, Text: text, Char: r, Script: strings.ReplaceAll(script, "_", " "), Why: why}
		}
	}
	return nil
}

// Page geometry, in millimetres (A4 landscape).
const (
	pageMargin = 22.0
	qrSize     = 62.0
)

// PDF renders the certificate as one A4 landscape page: the certificate's
// words, the statement block as text and a QR code of it, with the block
// also attached as a file so 'frontline certificate verify' reads it back
// exactly. Text the font cannot print correctly is refused (see
// CheckPrintable).
func (s Statement) PDF() ([]byte, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	block, err := s.Block()
	if err != nil {
		return nil, err
	}
	for _, f := range []struct{ what, text string }{
		{"learner's name", s.Learner}, {"module title", s.TitleText()}, {"issuer's name", s.Issuer.Name},
	} {
		if err := checkPrintable(fs, f.what, f.text); err != nil {
			return nil, err
		}
	}
	code, err := qrOf(block)
	if err != nil {
		return nil, err
	}
	w := s.wording()

	doc := fpdf.New("L", "mm", "A4", "")
	doc.AddUTF8FontFromBytes("DejaVu", "", fs.regular)
	doc.AddUTF8FontFromBytes("DejaVu", "B", fs.bold)
	doc.SetCreationDate(s.Date)
	doc.SetModificationDate(s.Date)
	doc.SetTitle(w.heading+": "+s.Learner, true)
	doc.SetSubject(s.TitleText(), true)
	doc.SetCreator("frontline", true)
	if s.Kind == Signed {
		doc.SetAuthor(s.Issuer.Name, true)
	}
	doc.SetAutoPageBreak(false, 0)
	doc.SetAttachments([]fpdf.Attachment{{
		Content:     []byte(block),
		Filename:    "certificate-statement.txt",
		Description: "The certificate's statement; check it with 'frontline certificate verify'",
	}})
	doc.AddPage()
	pw, ph := doc.GetPageSize()
	doc.SetLineWidth(1)
	doc.Rect(12, 12, pw-24, ph-24, "D")
	doc.SetLineWidth(0.3)
	doc.Rect(16, 16, pw-32, ph-32, "D")

	width := pw - 2*pageMargin
	// fit picks the largest size up to max (and at least min) at which s
	// fits the width on one line; longer text wraps at min.
	fit := func(style string, max, min float64, s string) float64 {
		size := max
		for size > min {
			doc.SetFont("DejaVu", style, size)
			if doc.GetStringWidth(s) <= width {
				break
			}
			size -= 0.5
		}
		return size
	}
	center := func(style string, size float64, s string) {
		doc.SetFont("DejaVu", style, size)
		doc.SetX(pageMargin)
		doc.MultiCell(width, size*0.45, s, "", "C", false)
	}
	doc.SetY(26)
	center("B", 28, w.heading)
	if len(w.notice) > 0 {
		doc.Ln(1)
		center("B", 12, strings.Join(w.notice, " "))
	}
	doc.Ln(5)
	center("", 14, w.intro)
	doc.Ln(2)
	center("B", fit("B", 26, 14, s.Learner), s.Learner)
	doc.Ln(2)
	center("", 14, w.passed)
	doc.Ln(2)
	center("B", fit("B", 18, 11, s.TitleText()), s.TitleText())
	doc.Ln(2)
	center("", 13, w.result)
	doc.Ln(3)
	center("", 11, w.issuer)

	// The statement: its code, how to check it, the block as text, and a
	// QR code of the block on the right.
	top := ph - 16 - 6 - qrSize
	textW := pw - 2*pageMargin - qrSize - 6
	doc.SetXY(pageMargin, top)
	doc.SetFont("DejaVu", "B", 11)
	doc.CellFormat(textW, 6, w.codeLabel+": "+s.Code(), "", 1, "L", false, 0, "")
	doc.SetFont("DejaVu", "", 7)
	how := "Check it: frontline certificate verify FILE --issuer 'PUBLIC KEY LINE', with the issuer's public key line from the issuer, not from this page. The QR code and the lines below hold the signed statement."
	if s.Kind != Signed {
		how = "A self-study record proves nothing to anyone else. The QR code and the lines below hold its statement."
	}
	doc.SetX(pageMargin)
	doc.MultiCell(textW, 3.2, how, "", "L", false)
	doc.Ln(1.5)
	for _, l := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		size := 6.3
		doc.SetFont("DejaVu", "", size)
		if lw := doc.GetStringWidth(l); lw > textW {
			size = size * textW / lw
			doc.SetFont("DejaVu", "", size)
		}
		doc.SetX(pageMargin)
		doc.CellFormat(textW, 2.9, l, "", 1, "L", false, 0, "")
	}
	drawQR(doc, code, pw-pageMargin-qrSize, top, qrSize)

	if err := doc.Error(); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// qrOf encodes the statement block as a QR code: its UTF-8 bytes, marked
// as UTF-8 (ECI 26) for scanners, at error correction level M.
func qrOf(block string) (*qr.QrCode, error) {
	eci, err := qr.MakeEci(26)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	data, err := qr.MakeBytes([]byte(block))
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	code, err := qr.EncodeSegments([]*qr.QrSegment{eci, data}, qr.Medium, qr.MinVersion, qr.MaxVersion, -1, true)
	if err != nil {
		return nil, fmt.Errorf("QR code of the statement: %w", err)
	}
	return code, nil
}

// drawQR draws a QR code as filled rectangles, one per run of dark
// modules in a row, in a square of side size at (x, y).
func drawQR(doc *fpdf.Fpdf, code *qr.QrCode, x, y, size float64) {
	n := code.Size()
	m := size / float64(n)
	doc.SetFillColor(0, 0, 0)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !code.Module(col, row) {
				col++
				continue
			}
			start := col
			for col < n && code.Module(col, row) {
				col++
			}
			doc.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m, m, "F")
		}
	}
}
