package certificate

import (
	"bytes"
	"compress/zlib"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
	"golang.org/x/text/unicode/norm"
)

// names is a set of learners' names in the scripts the PDF prints.
var names = []string{
	"Łukasz Wiśniewski",                      // Polish
	"Nguyễn Thị Minh Khai",                   // Vietnamese: stacked diacritics
	"Çağla Şahin",                            // Turkish
	"İbrahim Yılmaz",                         // Turkish dotted and dotless i
	"Ștefan Țurcanu",                         // Romanian comma below
	"Ëngjëll Gjoka",                          // Albanian
	"Γιώργος Παπαδόπουλος",                   // Greek
	"Анна Кузнецова",                         // Russian
	"Олександр Ґалаґан",                      // Ukrainian
	"Đorđe Petrović",                         // Serbian Latin
	"Ævar Þórsson",                           // Icelandic
	"Ľudmila Šťastná",                        // Slovak
	"Şəhriyar Məmmədov",                      // Azerbaijani
	"Zoë Ó Súilleabháin",                     // Irish
	"Jürgen Groß",                            // German
	"Արամ Խաչատրյան",                         // Armenian
	"ნინო ბერიძე",                            // Georgian
	norm.NFD.String("Nguyễn Văn An"),         // typed decomposed
	"Maria-Magdalena Wolańska-Kowalczykówna", // long
}

func TestPDFPrintsEveryName(t *testing.T) {
	k := testKey(t, "Akademia Policji w Szczytnie — Łódź", 1)
	tools := map[string]bool{}
	for i, name := range names {
		s := sampleStatement(name)
		s.AttemptID = int64(i + 1)
		s = signed(t, s, k)
		pdf, err := s.PDF()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := norm.NFC.String(name)
		for _, read := range pageTexts(t, pdf) {
			text, how := read[0], read[1]
			tools[how] = true
			lines := map[string]bool{}
			for _, l := range strings.Split(norm.NFC.String(text), "\n") {
				lines[strings.TrimSpace(l)] = true
			}
			if !lines[want] || !lines["Learner: "+want] {
				t.Errorf("%s: the name is not a line of the PDF's text (read with %s):\n%s", name, how, text)
			}
			if !lines["Issuer: Akademia Policji w Szczytnie — Łódź"] {
				t.Errorf("%s: the issuer is not printed (read with %s):\n%s", name, how, text)
			}
			if strings.ContainsAny(text, "?\uFFFD") {
				t.Errorf("%s: a character was replaced (read with %s):\n%s", name, how, text)
			}
			// The statement printed on the page reads back.
			if back, err := Parse([]byte(text)); err != nil || back.Code() != s.Code() {
				t.Errorf("%s: the printed statement does not read back (read with %s): %v", name, how, err)
			}
		}
		// The statement attached to the PDF reads back exactly.
		back, err := Read(pdf)
		if err != nil || back.Learner != want || back.Code() != s.Code() {
			t.Errorf("%s: read back %q, %v", name, back.Learner, err)
		}
	}
	t.Logf("%d names, page text read with %v", len(names), tools)
}

func TestPDFRefusesScriptsItCannotLayOut(t *testing.T) {
	for _, tt := range []struct{ name, script string }{
		{"نور الهدى", "Arabic script) is written right to left with joined letters"},
		{"دانیال رضایی", "Arabic script"}, // Persian
		{"דוד לוי", "Hebrew script) is written right to left"},
		{"अनन्या शर्मा", "Devanagari script) needs its letters shaped"},
		{"সুমন দাস", "Bengali script) needs its letters shaped"},
		{"கவிதா ராஜன்", "Tamil script"},
		{"สมชาย ใจดี", "Thai script) needs its letters shaped"},
		{"សុខ ចាន់", "Khmer script"},
		{"王小明", "Han script) has no letters in the certificate's font"},
		{"김민준", "Hangul script"},
		{"Ana 𝐁old", "outside the characters this PDF writer can encode"},
	} {
		s := sampleStatement(tt.name)
		pdf, err := s.PDF()
		if pdf != nil || !errors.Is(err, ErrUnprintable) {
			t.Errorf("%s: PDF written (%d bytes), err %v", tt.name, len(pdf), err)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"the PDF cannot print the learner's name \"" + tt.name + "\"", tt.script, "never prints a character as \"?\"", "text and Markdown certificates keep every character"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: no %q in %q", tt.name, want, msg)
			}
		}
		// The text and Markdown certificates keep the name.
		for _, f := range []string{FormatText, FormatMarkdown} {
			out, err := s.Render(f)
			if err != nil || !bytes.Contains(out, []byte("Learner: "+tt.name)) {
				t.Errorf("%s as %s: %v", tt.name, f, err)
			}
		}
	}
	// A title in a refused script is refused in the same way.
	s := sampleStatement("Ana Silva")
	s.ModuleTitle = "מבוא"
	if _, err := s.PDF(); !errors.Is(err, ErrUnprintable) || !strings.Contains(err.Error(), "module title") {
		t.Errorf("title: %v", err)
	}
}

func TestFontCoverage(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AzŁłễệỹŞşİıȘșȚțËëΩωάЖжҐґЁёԱաႠაÆæÞþđ€–—’" {
		if !fs.covered[r] {
			t.Errorf("%q (U+%04X) not covered", r, r)
		}
	}
	for _, r := range "中한あ" {
		if fs.covered[r] {
			t.Errorf("%q (U+%04X) covered", r, r)
		}
	}
	if len(fs.covered) < 3000 {
		t.Errorf("only %d characters covered", len(fs.covered))
	}
}

// TestPDFQRCode decodes the QR code of a statement back to the statement:
// from the PDF page itself where poppler and zbar are installed, and from
// the code drawn as an image in any case.
func TestPDFQRCode(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	s := signed(t, sampleStatement("Γιώργος Παπαδόπουλος"), k)
	block, _ := s.Block()
	code, err := qrOf(block)
	if err != nil {
		t.Fatal(err)
	}
	img, err := code.ToImage(qr.NewQrCodeImgConfig(4, 4))
	if err != nil {
		t.Fatal(err)
	}
	got, err := qr.Decode(img)
	if err != nil || got != block {
		t.Fatalf("decoded %q, %v", got, err)
	}
	t.Logf("QR code of %d modules a side for %d bytes", code.Size(), len(block))

	pdftoppm, e1 := exec.LookPath("pdftoppm")
	zbarimg, e2 := exec.LookPath("zbarimg")
	if e1 != nil || e2 != nil {
		t.Skip("pdftoppm (poppler-utils) or zbarimg (zbar-tools) is not installed: the QR code was checked as an image only")
	}
	dir := t.TempDir()
	pdf, err := s.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-r", "200", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	out, err := exec.Command(zbarimg, "-q", "--raw", filepath.Join(dir, "page-1.png")).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	if strings.TrimRight(string(out), "\n") != strings.TrimRight(block, "\n") {
		t.Errorf("the printed QR code reads\n%s\nnot\n%s", out, block)
	}
}

func TestReadPDFWithoutStatement(t *testing.T) {
	// A PDF with streams, none of them a statement, and one that inflates
	// to far more than any certificate: refused quickly, with the reason.
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	for i := 0; i < 10; i++ {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(make([]byte, 8<<20))
		w.Close()
		b.WriteString("1 0 obj\n<</Filter /FlateDecode>>\nstream\n")
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	}
	_, err := Read(b.Bytes())
	if !errors.Is(err, ErrNoStatement) || !strings.Contains(err.Error(), "carries no frontline certificate statement") {
		t.Errorf("got %v", err)
	}
}

// BenchmarkPDF measures one signed certificate PDF (the font is
// decompressed once, before the first).
func BenchmarkPDF(b *testing.B) {
	k, _ := GenerateKey("Regional Police Academy", seededRand(1), examDay)
	s, _ := sampleStatement("Nguyễn Thị Minh Khai").Sign(k)
	if _, err := fonts(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		pdf, err := s.PDF()
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}
