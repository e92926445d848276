package certificate

import (
	"fmt"
	"strings"
)

// Formats a certificate can be written in.
const (
	FormatText     = "txt"
	FormatMarkdown = "md"
	FormatPDF      = "pdf"
)

// Render writes the certificate in a format: FormatText, FormatMarkdown or
// FormatPDF. The PDF refuses text it cannot print (see ErrUnprintable).
func (s Statement) Render(format string) ([]byte, error) {
	switch format {
	case FormatText:
		t, err := s.Text()
		return []byte(t), err
	case FormatMarkdown:
		t, err := s.Markdown()
		return []byte(t), err
	case FormatPDF:
		return s.PDF()
	}
	return nil, fmt.Errorf("unknown format %q: use pdf, md or txt", format)
}

// wording is the text every layout shares.
type wording struct {
	heading   string
	intro     string // "This certifies that"
	passed    string // "has passed the assessed exam of …"
	result    string // "on DATE with a score of …"
	issuer    string
	notice    []string // for self-study records: what the record is not
	codeLabel string
	howTo     []string
}

func (s Statement) wording() wording {
	w := wording{
		result: fmt.Sprintf("on %s with a score of %s; the pass mark was %s.", s.DateText(), s.ScoreText(), s.PassMarkText()),
	}
	if s.Kind == Signed {
		w.heading = "Certificate of completion"
		w.intro = "This certifies that"
		w.passed = "has passed the assessed exam of the frontline training module"
		w.issuer = "Issued by " + s.IssuerText() + "."
		w.codeLabel = "Verification code"
		w.howTo = []string{
			"To check it, keep this file unchanged and run",
			"  frontline certificate verify FILE --issuer 'PUBLIC KEY LINE'",
			"with the issuer's public key line, obtained from the issuer and not from",
			"this certificate. The block below is what the issuer signed: changing any",
			"line of it makes the check fail.",
		}
		return w
	}
	w.heading = "Self-study record"
	w.intro = "This records that"
	w.passed = "passed the exam of the frontline training module"
	w.issuer = "No issuer: a self-study record."
	w.notice = []string{
		"Not checked by a trainer. This record was made on the learner's own",
		"computer without an issuer key: it notes personal study and proves",
		"nothing to anyone else.",
	}
	w.codeLabel = "Record code"
	w.howTo = []string{
		"The code can be looked up only in the records of the computer that made",
		"this record.",
	}
	return w
}

// Text is the certificate as plain text, with the statement block.
func (s Statement) Text() (string, error) {
	block, err := s.Block()
	if err != nil {
		return "", err
	}
	w := s.wording()
	var b strings.Builder
	b.WriteString(strings.ToUpper(w.heading) + "\n\n")
	for _, l := range w.notice {
		b.WriteString(l + "\n")
	}
	if len(w.notice) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n%s\n%s\n%s\n%s\n\n", w.intro, s.Learner, w.passed, s.TitleText(), w.result)
	fmt.Fprintf(&b, "%s\n%s: %s\n\n", w.issuer, w.codeLabel, s.Code())
	for _, l := range w.howTo {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n" + block)
	return b.String(), nil
}

// Markdown is the certificate as Markdown, with the statement block in a
// fenced code block so no renderer changes it.
func (s Statement) Markdown() (string, error) {
	block, err := s.Block()
	if err != nil {
		return "", err
	}
	w := s.wording()
	var b strings.Builder
	b.WriteString("# " + w.heading + "\n\n")
	if len(w.notice) > 0 {
		b.WriteString("**" + strings.Join(w.notice, " ") + "**\n\n")
	}
	fmt.Fprintf(&b, "%s\n\n**%s**\n\n%s\n\n**%s**\n\n%s\n\n", w.intro, mdEscape(s.Learner), w.passed, mdEscape(s.TitleText()), mdEscape(w.result))
	fmt.Fprintf(&b, "%s\n\n%s: `%s`\n\n", mdEscape(w.issuer), w.codeLabel, s.Code())
	for i, l := range w.howTo {
		if strings.HasPrefix(l, "  ") {
			fmt.Fprintf(&b, "\n    %s\n\n", strings.TrimSpace(l))
			continue
		}
		b.WriteString(l)
		if i < len(w.howTo)-1 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n\n")
	// Every line of the block starts with a key or dashes, never with a
	// fence, so a fixed fence is safe.
	b.WriteString("```text\n" + block + "```\n")
	return b.String(), nil
}

// mdEscape keeps a name or title from being read as Markdown.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!<>|~&", r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
