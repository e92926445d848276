package tui

import (
	"fmt"
	"strings"
	"testing"

	"frontline/internal/tui/common"
)

func TestBannerWraps(t *testing.T) {
	long := "Your progress file was damaged; it was moved aside to /home/someone/.local/share/frontline/progress.db.damaged-20260101 and a new one was started."
	lines := bannerLines(long, 80)
	if len(lines) < 2 || len(lines) > maxBannerLines {
		t.Fatalf("want 2 or 3 lines, got %d: %q", len(lines), lines)
	}
	if got := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); got != long {
		t.Errorf("text changed by wrapping:\n%s", got)
	}
	for _, l := range lines {
		if w := common.Width(l); w > 80 {
			t.Errorf("line %d wide: %q", w, l)
		}
	}
	huge := strings.Repeat("word ", 200)
	lines = bannerLines(huge, 80)
	if len(lines) != maxBannerLines || !strings.HasSuffix(strings.TrimSpace(lines[maxBannerLines-1]), "…") {
		t.Errorf("a long banner should stop at %d lines with an ellipsis: %q", maxBannerLines, lines)
	}
}

func TestProblemsBanner(t *testing.T) {
	var probs []string
	for i := range 40 {
		probs = append(probs, fmt.Sprintf("modules/m%02d.md:%d:1: unknown key \"colour\"", i, i+3))
	}
	for _, w := range []int{40, 80, 200} {
		text := problemsText(probs, w)
		lines := bannerLines(text, w)
		if len(lines) > maxBannerLines {
			t.Errorf("width %d: %d lines", w, len(lines))
		}
		joined := strings.Join(lines, "")
		if !strings.Contains(joined, "40 content problems") || !strings.HasSuffix(strings.TrimSpace(joined), "run frontline validate") ||
			w >= 80 && (!strings.Contains(joined, "modules/m00.md:3:1") || !strings.Contains(joined, "more; run")) {
			t.Errorf("width %d: %q", w, lines)
		}
	}
	if text := problemsText(probs[:2], 200); !strings.Contains(text, "m00.md") || !strings.Contains(text, "m01.md") || strings.Contains(text, "more") {
		t.Errorf("two problems should both show: %q", text)
	}
	if text := problemsText(probs[:1], 80); text != "Content problem, file skipped: "+probs[0] {
		t.Errorf("one problem: %q", text)
	}
}
