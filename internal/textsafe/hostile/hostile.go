// Package hostile lists the hostile-input payloads of the security review
// (shared/reviews/security-review.md, findings F1 to F18) for tests and fuzz
// seed corpora: each is a piece of text that, unchecked, would reach a
// terminal as something other than text and colour, hide or reorder text,
// or stall a renderer. It holds test data only; no program imports it.
package hostile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Payload is one hostile piece of text.
type Payload struct {
	// Name says what it is and which finding it comes from.
	Name string
	// Text is the payload as it is written in a Markdown body or field.
	Text string
	// YAML is true for payloads written as escapes in a double-quoted YAML
	// value: they only mean something in front matter.
	YAML bool
	// Large is true for payloads that are large by design (nesting); tests
	// put them only where a block can stand.
	Large bool
}

// Payloads are the review's payloads.
var Payloads = []Payload{
	// F1: numeric references the old byte scan missed.
	{Name: "F1 OSC 52 hex, no semicolon", Text: "Passport kept by employer &#x1b]52;c;SGVsbG8=&#x7 (clipboard)"},
	{Name: "F1 OSC 0 decimal, no semicolon", Text: "A sunny day &#27]0;PWNED-TITLE&#7 x"},
	{Name: "F1 clear screen", Text: "Weather &#27[2J&#27[H indicates nothing."},
	{Name: "F1 OSC 8 hidden link, 11 digits", Text: "Because &#00000000027;]8;;https://evil.example/&#00000000027;\\see the guidance&#00000000027;]8;;&#00000000027;\\ here."},
	{Name: "F1 heading title", Text: "Late page &#27]0;PWNED-NOSEMI&#7 x"},
	{Name: "F1 long zero padding", Text: "x &#00000000027;]0;PWNED-LONG&#00000000007; y"},
	{Name: "F1 C1 CSI without semicolon", Text: "x &#155 2J y"},
	{Name: "F1 wraps to ESC", Text: "x &#4294967323;]0;WRAP&#7; y"},
	{Name: "F1 with semicolons", Text: "Click &#27;]52;c;SGVsbG8=&#7; and &#x1b;[2J &#X1B;[H &#x9b;2J &#x09; here"},
	// F2: YAML escapes in front matter.
	{Name: "F2 YAML ESC", Text: `Title \e]0;PWNED-TITLE\a end`, YAML: true},
	{Name: "F2 YAML hex", Text: `Title \x1b]52;c;SGVsbG8=\x07 end`, YAML: true},
	{Name: "F2 YAML unicode", Text: `Title \u001b[2J\u001b[H end`, YAML: true},
	{Name: "F2 YAML C1", Text: `Title \x9b2J end`, YAML: true},
	{Name: "F2 YAML bidi", Text: `Title \u202eevil\u202c end`, YAML: true},
	// F3: nesting that blew up the renderer.
	{Name: "F3 500 nested quotes", Text: strings.Repeat(">", 500) + " deep", Large: true},
	{Name: "F3 1000 nested quotes", Text: strings.Repeat(">", 1000) + " deep", Large: true},
	{Name: "F3 400 nested lists", Text: nestedList(400), Large: true},
	{Name: "F3 quotes and lists", Text: strings.Repeat("> - ", 200) + "deep", Large: true},
	// F5: raw control characters echoed by validate.
	{Name: "F5 raw OSC title", Text: "This one sets the window title \x1b]0;owned\x07 quietly."},
	{Name: "F5 raw OSC 52", Text: "right \x1b]52;c;SGVsbG8=\x07"},
	{Name: "F5 raw BEL and BS", Text: "ring \x07 back\x08\x08 space"},
	{Name: "F5 lone CR", Text: "line\roverwritten"},
	{Name: "F5 NUL", Text: "nul \x00 byte"},
	{Name: "F5 STX", Text: "start \x02 of text"},
	{Name: "F5 raw C1 CSI", Text: "csi \u009b2J here"},
	{Name: "F5 DEL", Text: "del \x7f here"},
	// F14: invisible and bidi characters.
	{Name: "F14 bidi override", Text: "Passport \u202ekept by employer\u202c"},
	{Name: "F14 bidi isolate", Text: "a \u2066isolated\u2069 b"},
	{Name: "F14 zero width", Text: "zero\u200bwidth joiner\u200d word\u2060joiner bom\ufeff"},
	{Name: "F14 line separators", Text: "line\u2028separator paragraph\u2029separator"},
	{Name: "F14 tag characters", Text: "tags \U000E0041\U000E0042 here"},
	{Name: "F14 named invisible entities", Text: "x&ZeroWidthSpace;y&NoBreak;z&lrm;w"},
	// F17: links and images.
	{Name: "F17 javascript link", Text: "[right](javascript:alert(1))"},
	{Name: "F17 image out of the folder", Text: "right ![a](../../../etc/passwd)"},
	{Name: "F17 absolute image", Text: "![b](/etc/shadow)"},
	// F18 and F6: names and file names.
	{Name: "F18 forged problem line", Text: "evil\nh3-fake.md:1:1: error: forged line\nx.md"},
	{Name: "F6 name with CR", Text: "x\r=1+1"},
	{Name: "F6 name with newline", Text: "Alice\nhas passed with distinction"},
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// Markdown returns every payload that means something in Markdown (all
// but the YAML escapes), as a page body.
func Markdown() []string {
	var out []string
	for _, p := range Payloads {
		if !p.YAML {
			out = append(out, p.Text)
		}
	}
	return out
}

// Docs returns every payload as Markdown, in every kind of block a
// renderer draws (a page, a heading, a list, a quote, a table, a link,
// code, emphasis), by name. YAML payloads are decoded first, as a title
// that bypassed the loader would be.
func Docs() (map[string]string, error) {
	docs := map[string]string{}
	for _, p := range Payloads {
		text := p.Text
		if p.YAML {
			if err := yaml.Unmarshal([]byte(`"`+text+`"`), &text); err != nil {
				return nil, fmt.Errorf("%s: %w", p.Name, err)
			}
		}
		docs[p.Name+" as a page"] = "# Page\n\n" + text + "\n"
		if p.Large {
			continue
		}
		line := strings.ReplaceAll(text, "\n", " ")
		docs[p.Name+" in a heading"] = "# " + line + "\n\nBody.\n"
		docs[p.Name+" in a list"] = "- one\n- " + line + "\n  - nested " + line + "\n"
		docs[p.Name+" in a quote"] = "> [!WARNING]\n> " + line + "\n"
		docs[p.Name+" in a table"] = "| a | b |\n|---|---|\n| " + strings.ReplaceAll(line, "|", "\\|") + " | x |\n"
		docs[p.Name+" in a link"] = "See [" + line + "](https://example.org/" + line + ") now.\n"
		docs[p.Name+" in code"] = "Use `" + line + "` here.\n\n```\n" + text + "\n```\n"
		docs[p.Name+" in emphasis"] = "*" + line + "* and **" + line + "**\n"
	}
	return docs, nil
}
