package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"frontline/internal/atomicfile"
	"frontline/internal/content"
	"frontline/internal/engine"
	"frontline/internal/progress"
)

// certificate is what a certificate of completion states.
type certificate struct {
	Name        string
	ModuleID    string
	ModuleTitle string
	Version     string
	Date        time.Time
	Percent     float64
	Code        string
}

// certificateCode derives the verification code of a passed exam attempt
// from the attempt record and the learner's name. Changing any of these
// (name, module, version, content fingerprint, seed, date, score) gives a
// different code.
func certificateCode(name string, a progress.Attempt) string {
	return engine.CertificateCode(
		"frontline-certificate-1",
		strconv.FormatInt(a.ID, 10),
		name,
		a.ModuleID,
		a.Version,
		a.Fingerprint,
		strconv.FormatInt(a.Seed, 10),
		a.Finished.UTC().Format(time.RFC3339),
		strconv.FormatFloat(a.Score, 'f', 4, 64),
		strconv.Itoa(a.Total),
	)
}

// bestPassed returns the learner's best passed exam attempt at a module
// (highest score, then the earliest).
func bestPassed(ctx context.Context, store progress.Store, profileID int64, moduleID string) (progress.Attempt, error) {
	atts, err := store.Attempts(ctx, profileID, moduleID, progress.ModeExam)
	if err != nil {
		return progress.Attempt{}, fmt.Errorf("read exam attempts: %w", err)
	}
	var best progress.Attempt
	found := false
	for _, a := range atts {
		if !a.Done() || !a.Passed {
			continue
		}
		if !found || a.Percent() > best.Percent() || (a.Percent() == best.Percent() && a.Finished.Before(best.Finished)) {
			best, found = a, true
		}
	}
	if !found {
		return best, fmt.Errorf("no passed exam for module %q yet: take it with 'frontline exam %s': %w", moduleID, moduleID, progress.ErrNotFound)
	}
	return best, nil
}

func makeCertificate(p progress.Profile, m *content.Module, a progress.Attempt) certificate {
	c := certificate{
		Name: p.Name, ModuleID: a.ModuleID, Version: a.Version, Date: a.Finished,
		Percent: a.Percent(), Code: certificateCode(p.Name, a),
	}
	c.ModuleTitle = a.ModuleID
	if m != nil {
		c.ModuleTitle = m.Title
	}
	return c
}

// scoreText prints a score rounded down, never above what was earned.
func scoreText(p float64) string { return strconv.Itoa(int(p+1e-9)) + "%" }

func (c certificate) lines() []string {
	title := c.ModuleTitle
	if c.Version != "" {
		title += " (version " + c.Version + ")"
	}
	return []string{
		"This certifies that",
		c.Name,
		"has passed the assessed exam of the frontline training module",
		title,
		"on " + c.Date.Format("2 January 2006") + " with a score of " + scoreText(c.Percent) + ".",
	}
}

func (c certificate) text() string {
	var b strings.Builder
	b.WriteString("CERTIFICATE OF COMPLETION\n\n")
	for _, l := range c.lines() {
		b.WriteString(l + "\n")
	}
	fmt.Fprintf(&b, "\nVerification code: %s\nCheck it with: frontline certificate verify %s\n", c.Code, c.Code)
	return b.String()
}

func (c certificate) markdown() string {
	l := c.lines()
	var b strings.Builder
	b.WriteString("# Certificate of completion\n\n")
	fmt.Fprintf(&b, "%s\n\n**%s**\n\n%s\n\n**%s**\n\n%s\n\n", l[0], mdEscape(l[1]), l[2], mdEscape(l[3]), l[4])
	fmt.Fprintf(&b, "Verification code: `%s`\n\nCheck it with `frontline certificate verify %s`.\n", c.Code, c.Code)
	return b.String()
}

// mdEscape keeps a learner's name from being read as Markdown.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!<>|", r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pdf renders the certificate as an A4 landscape page with the PDF core
// fonts; characters outside Windows-1252 print as "?".
func (c certificate) pdf() ([]byte, error) {
	doc := fpdf.New("L", "mm", "A4", "")
	doc.SetCreationDate(c.Date)
	doc.SetModificationDate(c.Date)
	doc.SetTitle("Certificate of completion", true)
	doc.SetAutoPageBreak(false, 0)
	tr := doc.UnicodeTranslatorFromDescriptor("")
	doc.AddPage()
	w, h := doc.GetPageSize()
	doc.SetLineWidth(1)
	doc.Rect(12, 12, w-24, h-24, "D")
	doc.SetLineWidth(0.3)
	doc.Rect(16, 16, w-32, h-32, "D")
	center := func(size float64, style, s string, lineH float64) {
		doc.SetFont("Helvetica", style, size)
		doc.SetX(20)
		doc.MultiCell(w-40, lineH, tr(s), "", "C", false)
	}
	l := c.lines()
	doc.SetY(34)
	center(30, "B", "Certificate of completion", 14)
	doc.Ln(8)
	center(14, "", l[0], 8)
	doc.Ln(2)
	center(24, "B", l[1], 12)
	doc.Ln(2)
	center(14, "", l[2], 8)
	doc.Ln(2)
	center(18, "B", l[3], 10)
	doc.Ln(2)
	center(14, "", l[4], 8)
	doc.SetY(h - 48)
	center(12, "", "Verification code: "+c.Code, 7)
	center(10, "", "Check it with: frontline certificate verify "+c.Code, 6)
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// render returns the certificate in a format: pdf, md or txt.
func (c certificate) render(format string) ([]byte, error) {
	switch format {
	case "pdf":
		return c.pdf()
	case "md", "markdown":
		return []byte(c.markdown()), nil
	case "txt", "text":
		return []byte(c.text()), nil
	}
	return nil, fmt.Errorf("unknown format %q: use pdf, md or txt", format)
}

// formatFor picks the format from --format, else from the file name.
func formatFor(format, file string) string {
	if format != "" {
		return strings.ToLower(format)
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".pdf":
		return "pdf"
	case ".md", ".markdown":
		return "md"
	}
	return "txt"
}

// runCertificate writes a certificate for the learner's best passed exam at
// a module, or, as "certificate verify CODE", checks a code against the
// records on this computer (exit 0 when it matches, 1 when not).
func runCertificate(env *Env, args []string) int {
	if len(args) > 0 && args[0] == "verify" {
		return runCertificateVerify(env, args[1:])
	}
	fs := newFlagSet(env, "certificate", "certificate --profile NAME --module MODULE [-o FILE] [--format pdf|md|txt]\n       frontline certificate verify CODE")
	moduleID := fs.String("module", "", "the `MODULE` whose exam was passed")
	out := fs.String("o", "", "write to `FILE` (format from its extension: .pdf, .md, else text); default: standard output")
	format := fs.String("format", "", "`FORMAT`: pdf, md or txt (default: from -o, else txt)")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if *moduleID == "" && len(pos) == 1 {
		*moduleID = pos[0]
	} else if len(pos) > 0 || *moduleID == "" {
		fs.Usage()
		return exitUsage
	}
	f := formatFor(*format, *out)
	if f == "pdf" && *out == "" {
		fmt.Fprintln(env.Stderr, "frontline: certificate: a PDF needs a file: add -o certificate.pdf")
		return exitUsage
	}
	switch f {
	case "pdf", "md", "markdown", "txt", "text":
	default:
		fmt.Fprintf(env.Stderr, "frontline: certificate: unknown format %q: use pdf, md or txt\n", f)
		return exitUsage
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read only
	if env.Profile == "" {
		fmt.Fprintln(env.Stderr, "frontline: certificate: say whose certificate it is with --profile NAME")
		return exitUsage
	}
	if err := writeCertificate(env.Stdout, store, lib, env.Profile, *moduleID, f, *out); err != nil {
		fmt.Fprintf(env.Stderr, "frontline: certificate: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// writeCertificate renders the certificate of the named learner for a
// module and writes it to file, or to w when file is "".
func writeCertificate(w io.Writer, store progress.Store, lib *content.Library, name, moduleID, format, file string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := store.ProfileByName(ctx, name)
	if err != nil {
		return fmt.Errorf("learner %q: %w", name, err)
	}
	m, _ := lib.Module(moduleID)
	a, err := bestPassed(ctx, store, p.ID, moduleID)
	if err != nil {
		return err
	}
	c := makeCertificate(p, m, a)
	data, err := c.render(format)
	if err != nil {
		return err
	}
	if file == "" {
		_, err := w.Write(data)
		return err
	}
	// A reader never sees half a certificate: the old file or the new one.
	// Temp files of a certificate write that was killed are removed first.
	_, _ = atomicfile.Clean(filepath.Dir(file), atomicfile.TempPattern)
	if err := atomicfile.Write(file, 0o600, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote the certificate for %s, %s, to %s.\nVerification code: %s\n", c.Name, c.ModuleTitle, file, c.Code)
	return nil
}

func runCertificateVerify(env *Env, args []string) int {
	fs := newFlagSet(env, "certificate verify", "certificate verify CODE")
	pos, ok, code := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	lib, store, ok := env.openLibraryAndStore()
	if !ok {
		return exitFailure
	}
	defer store.Close() //nolint:errcheck // read only
	ok, err := verifyCertificate(env.Stdout, store, lib, strings.Join(pos, " "))
	if err != nil {
		fmt.Fprintf(env.Stderr, "frontline: certificate verify: %v\n", err)
		return exitFailure
	}
	if !ok {
		return exitFailure
	}
	return exitOK
}

// verifyCertificate looks for a passed exam attempt whose code is code and
// says what it certifies. It reports false, with a message, when the code
// is malformed or matches no record here.
func verifyCertificate(w io.Writer, store progress.Store, lib *content.Library, code string) (bool, error) {
	norm := engine.NormalizeCode(code)
	if norm == "" {
		fmt.Fprintf(w, "NOT VALID: %q is not a verification code; a code has 12 letters and digits, like 7KQM-3XRT-9HWA.\n", code)
		return false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	profiles, err := store.Profiles(ctx)
	if err != nil {
		return false, fmt.Errorf("list learners: %w", err)
	}
	modules := map[string]bool{}
	for _, m := range lib.Modules {
		modules[m.ID] = true
	}
	// Exams of modules no longer installed still verify.
	if answers, err := store.Answers(ctx, 0); err == nil {
		for _, a := range answers {
			modules[a.ModuleID] = true
		}
	}
	for _, p := range profiles {
		for id := range modules {
			atts, err := store.Attempts(ctx, p.ID, id, progress.ModeExam)
			if err != nil {
				return false, fmt.Errorf("read exam attempts: %w", err)
			}
			for _, a := range atts {
				if !a.Done() || !a.Passed || certificateCode(p.Name, a) != norm {
					continue
				}
				m, _ := lib.Module(id)
				c := makeCertificate(p, m, a)
				title := c.ModuleTitle
				if c.Version != "" {
					title += " (version " + c.Version + ")"
				}
				fmt.Fprintf(w, "VALID: %s certifies that %s passed the exam of %s on %s with %s.\n", norm, c.Name, title, c.Date.Format("2 January 2006"), scoreText(c.Percent))
				return true, nil
			}
		}
	}
	fmt.Fprintf(w, "NOT VALID: no passed exam on this computer has the code %s. Check the code, or verify it where the exam was taken.\n", norm)
	return false, nil
}
