package certificate

import (
	"strings"
	"testing"
)

func TestTextAndMarkdown(t *testing.T) {
	k := testKey(t, "Regional Police Academy", 1)
	s := sampleStatement("Ana *Bold* `tick` [link](x) Silva")
	s.ModuleTitle = "Control_and_consent #1"
	s = signed(t, s, k)
	txt, err := s.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"CERTIFICATE OF COMPLETION\n\nThis certifies that\nAna *Bold* `tick` [link](x) Silva\nhas passed the assessed exam of the frontline training module\nControl_and_consent #1 (version 1.0)\non 3 March 2026 with a score of 9 of 10 (90%); the pass mark was 80%.\n",
		"Issued by Regional Police Academy (issuer key " + k.ID() + ").\nVerification code: " + s.Code() + "\n",
		"frontline certificate verify FILE --issuer 'PUBLIC KEY LINE'",
		"\n" + BeginLine + "\n",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q:\n%s", want, txt)
		}
	}
	md, err := s.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Certificate of completion\n\nThis certifies that\n\n**Ana \\*Bold\\* \\`tick\\` \\[link\\]\\(x\\) Silva**\n",
		"**Control\\_and\\_consent \\#1 \\(version 1\\.0\\)**",
		"Verification code: `" + s.Code() + "`",
		"```text\n" + BeginLine + "\n",
		EndLine + "\n```\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for name, doc := range map[string]string{"text": txt, "markdown": md} {
		back, err := Read([]byte(doc))
		if err != nil || back.Code() != s.Code() || Verify(back, trust(k)).Status != Valid {
			t.Errorf("%s does not read back: %v", name, err)
		}
	}
	if _, err := s.Render("docx"); err == nil {
		t.Error("unknown format accepted")
	}
}
