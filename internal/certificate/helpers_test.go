package certificate

import (
	"bytes"
	"compress/zlib"
	"context"
	"frontline/internal/progress/progresstest"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"frontline/internal/content"
	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
)

// seededRand is a deterministic source of key bytes for tests.
type seededRand byte

func (s seededRand) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s) + byte(i)
	}
	return len(p), nil
}

// testKey makes a key pair whose bytes depend on seed.
func testKey(t *testing.T, name string, seed byte) *Key {
	t.Helper()
	k, err := GenerateKey(name, seededRand(seed), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var examDay = time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)

// sampleStatement is a passed exam's statement, unsigned.
func sampleStatement(learner string) Statement {
	return Statement{Learner: learner, ModuleID: "foundations", ModuleTitle: "What trafficking is", Version: "1.0",
		Fingerprint: "e6597fa14392fa4c", Score: 9, Total: 10, PassMark: 80, Passed: true, Date: examDay, AttemptID: 3}
}

func signed(t *testing.T, s Statement, k *Key) Statement {
	t.Helper()
	s, err := s.Sign(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func trust(k *Key) []Trusted { return []Trusted{{PublicKey: k.PublicKey, Source: "test"}} }

// machine is one computer's data folder: a real SQLite store, the
// curriculum and, on a trainer's machine, an issuer key.
type machine struct {
	dir   string
	store *sqlite.Store
	lib   *content.Library
	key   *Key
}

func newMachine(t *testing.T, key *Key) *machine {
	t.Helper()
	dir := progresstest.PrivateDir(t)
	return openMachine(t, dir, key)
}

func openMachine(t *testing.T, dir string, key *Key) *machine {
	t.Helper()
	st, err := sqlite.Open(dir, sqlite.WithBackups(0, 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib := &content.Library{Modules: []*content.Module{{
		Meta: content.Meta{ID: "foundations", Title: "What trafficking is", Version: "1.0", Fingerprint: "e6597fa14392fa4c"},
		Exam: content.ExamSettings{PassMark: 80},
	}}}
	return &machine{dir: dir, store: st, lib: lib, key: key}
}

func (m *machine) local() Local { return Local{Store: m.store, Key: m.key, Library: m.lib} }

// takeExam records a finished exam attempt as frontline does at
// submission: started, answered, finished and (with a key or without)
// sealed.
func (m *machine) takeExam(t *testing.T, learner string, score float64, finished time.Time) progress.Attempt {
	t.Helper()
	ctx := context.Background()
	p, err := m.store.ProfileByName(ctx, learner)
	if err != nil {
		p, err = m.store.CreateProfile(ctx, learner, content.RolePolice)
		if err != nil {
			t.Fatal(err)
		}
	}
	a, err := m.store.StartAttempt(ctx, progress.Attempt{ProfileID: p.ID, ModuleID: "foundations", Mode: progress.ModeExam,
		Version: "1.0", Fingerprint: "e6597fa14392fa4c", Seed: 7, Questions: []string{"a", "b"}, Started: finished.Add(-20 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	a.Finished, a.Score, a.Total = finished, score, 10
	a.Passed = 100*score/10 >= 80
	a, err = SealAttempt(ctx, m.store, m.key, Exam{Learner: p.Name, ModuleTitle: "What trafficking is", PassMark: 80}, a)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// pageTexts extracts a PDF's page text, as {text, how} pairs: always with
// the Go reader below, and also with pdftotext (poppler) where installed.
func pageTexts(t *testing.T, pdf []byte) [][2]string {
	t.Helper()
	out := [][2]string{{goPageText(t, pdf), "the Go reader in this test"}}
	if path, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command(path, "-layout", "-enc", "UTF-8", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		text, err := cmd.Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		out = append(out, [2]string{string(text), "pdftotext"})
	}
	return out
}

var (
	streamRE  = regexp.MustCompile(`(?s)<<([^>]*?)>>\s*stream\r?\n`)
	textObjRE = regexp.MustCompile(`(?s)BT\s+[-0-9.]+\s+[-0-9.]+\s+Td\s+\((.*?)\)Tj\s+ET`)
)

// goPageText reads the text of frontline's certificate PDFs without any
// PDF tool: it inflates the content streams, reads each text object's
// string (2-byte codes) and maps codes to characters through the font's
// ToUnicode map, which it first checks is the identity over the whole
// range, so that any PDF reader maps the codes the same way.
func goPageText(t *testing.T, pdf []byte) string {
	t.Helper()
	var text strings.Builder
	identity := false
	for _, m := range streamRE.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[m[2]:m[3]])
		data := pdf[m[1]:]
		end := bytes.Index(data, []byte("endstream"))
		if end < 0 {
			t.Fatal("stream without endstream")
		}
		data = data[:end]
		if strings.Contains(dict, "/FlateDecode") {
			z, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				continue
			}
			data, _ = io.ReadAll(z)
		}
		if bytes.Contains(data, []byte("begincmap")) {
			if !bytes.Contains(data, []byte("<0000> <FFFF> <0000>")) {
				t.Fatalf("a ToUnicode map is not the identity:\n%s", data)
			}
			identity = true
		}
		for _, obj := range textObjRE.FindAllSubmatch(data, -1) {
			raw := unescapePDF(obj[1])
			units := make([]uint16, len(raw)/2)
			for i := range units {
				units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
			}
			text.WriteString(string(utf16.Decode(units)) + "\n")
		}
	}
	if !identity {
		t.Fatal("no ToUnicode map found")
	}
	return text.String()
}

// unescapePDF decodes a PDF literal string's escapes.
func unescapePDF(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, n := 0, 0
			for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
				v = v*8 + int(s[i]-'0')
				i++
				n++
			}
			i--
			out = append(out, byte(v))
		default:
			out = append(out, e)
		}
	}
	return out
}
