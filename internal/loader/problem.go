// Package loader reads frontline content (modules, scenarios and the
// indicator catalogue, written as Markdown with YAML front matter) from
// fs.FS folders into the content types. It keeps going after a problem and
// reports every problem with file, line and column; a file with errors is
// skipped and the rest still loads.
package loader

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"frontline/internal/textsafe"
)

// Severity says whether a problem stops a file from loading.
type Severity int

// Severities.
const (
	// Error means the file was skipped (or the item is unusable).
	Error Severity = iota
	// Warning means the content loads but something should be fixed.
	Warning
)

// String names the severity as it is printed.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes a severity print as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one thing wrong with the content.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Text is the source line the problem is on, when known.
	Text string `json:"-"`
}

// String formats the problem as file:line:col: severity: message, on one
// line. The file name and the message go through textsafe.Quote: a control
// character, a line break or a bidi control in either (a hostile file name,
// a decoded heading quoted in a message) is shown as an escape such as
// <U+000A>, so nothing can forge another problem line or reach the
// terminal.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", textsafe.Quote(p.File), p.Line, p.Col, p.Severity, textsafe.Quote(p.Message))
}

// Pretty formats the problem followed by its source line and a caret under
// the column, as a compiler would. The source line is shown through
// textsafe.Quote, like the rest, so a hostile line is seen, never run.
func (p Problem) Pretty() string {
	s := p.String()
	if p.Text == "" {
		return s
	}
	raw := strings.ReplaceAll(p.Text, "\t", " ")
	col := p.Col
	if col < 1 {
		col = 1
	}
	// Columns count bytes; place the caret under the same display cell,
	// counting the escapes the line is shown with.
	prefix := raw
	if col-1 < len(raw) {
		prefix = raw[:col-1]
	}
	pad := utf8.RuneCountInString(textsafe.Quote(prefix))
	return s + "\n    " + textsafe.Quote(raw) + "\n    " + strings.Repeat(" ", pad) + "^"
}

// SortProblems orders problems by file, line and column.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Count returns the number of errors and warnings in ps.
func Count(ps []Problem) (errors, warnings int) {
	for _, p := range ps {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}
