package common

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// TestRenderWrapsHyphenatedWordsWell renders paragraphs with hyphenated
// words (which glamour's wrapping miscounted) at many widths: no line is
// wider than asked, no word is left alone on a line when the next line's
// first word would have fitted after it, and the hyphens come back.
func TestRenderWrapsHyphenatedWordsWell(t *testing.T) {
	st := NewStyles(lipgloss.NewRenderer(&strings.Builder{}), Theme{Dark: true})
	c := NewRenderCache(st.Glamour, 0)
	paras := []string{
		"A woman in her forties books in a girl she calls her niece, Lina. She gives Lina's age\nas sixteen and says Lina arrived in England a few weeks ago and speaks almost no\nEnglish. She asks for a check-up and contraception for her.\n",
		"A young woman is admitted overnight after a fall from a third-floor balcony. She has several fractures and a\nchest injury. A man who says he is her boyfriend stays close and answers for her.\n",
		"Non-punishment, re-trafficking and a self-referral are all well-known terms; a 15-year-old cannot consent.\n",
	}
	for _, md := range paras {
		for w := 20; w <= 100; w++ {
			lines, err := c.Render(RenderKey{Doc: fmt.Sprint(md, w), Width: w}, md)
			if err != nil {
				t.Fatal(err)
			}
			var text []string
			for _, l := range lines {
				if lw := Width(l); lw > w {
					t.Errorf("width %d: line is %d wide: %q", w, lw, Strip(l))
				}
				text = append(text, strings.TrimSpace(Strip(l)))
			}
			for i := 0; i+1 < len(text); i++ {
				if text[i] == "" || text[i+1] == "" {
					continue
				}
				next := strings.Fields(text[i+1])[0]
				// The text is wrapped to the width less a margin of 2 each
				// side; 1 for the space before the word.
				if len([]rune(text[i]))+1+len([]rune(next)) <= w-4 {
					t.Errorf("width %d: %q could have taken %q from the next line", w, text[i], next)
				}
			}
			joined := strings.Join(text, " ")
			if strings.Contains(joined, "\u2011") || (strings.Contains(md, "check-up") && !strings.Contains(joined, "check-up")) {
				t.Errorf("width %d: the hyphens did not come back: %q", w, joined)
			}
		}
	}
}
