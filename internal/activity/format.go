package activity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Percent prints a percentage rounded down to a whole number: 79.6 is
// "79%". Rounding down means a learner never reads a pass mark they did not
// reach ("80%" beside "not passed").
func Percent(x float64) string {
	return strconv.Itoa(PercentValue(x)) + "%"
}

// PercentValue is x rounded down to a whole number, with a tiny tolerance
// so that 4 of 5 (79.99999…) is 80.
func PercentValue(x float64) int {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	return int(math.Floor(x + 1e-9))
}

// PercentOf is score out of total as a percentage (see Percent).
func PercentOf(score float64, total int) string {
	if total <= 0 {
		return Percent(0)
	}
	return Percent(100 * score / float64(total))
}

// Points prints a score without needless decimals: 3, 3.5, 2.75.
func Points(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// Count is "1 question", "2 questions": n with the word, in the plural
// when n is not 1. Words with an irregular plural use CountAs.
func Count(n int, one string) string { return CountAs(n, one, one+"s") }

// CountAs is Count with the plural given.
func CountAs(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Plural returns one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Clock prints a duration as a clock: 4:05, or 1:02:03 past an hour.
// Negative durations print as 0:00.
func Clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// Spoken prints a duration in words that a screen reader reads well:
// "1 hour 5 minutes", "30 seconds".
func Spoken(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, Count(h, "hour"))
	}
	if m > 0 {
		parts = append(parts, Count(m, "minute"))
	}
	if s > 0 || len(parts) == 0 {
		parts = append(parts, Count(s, "second"))
	}
	return strings.Join(parts, " ")
}

// ShellQuote quotes a word for a POSIX shell when it needs it, so a
// command printed for the learner (with their name in it) works when
// pasted.
func ShellQuote(v string) string {
	if v != "" && strings.IndexFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.@/", r))
	}) < 0 {
		return v
	}
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}

// CommandLine is a frontline command as a learner can paste it into a
// shell: "frontline", then flags (the global flags the session was started
// with that the command needs, such as --data DIR), then args, each quoted
// when it needs it.
func CommandLine(flags []string, args ...string) string {
	parts := make([]string, 0, 1+len(flags)+len(args))
	parts = append(parts, "frontline")
	for _, a := range append(append([]string(nil), flags...), args...) {
		parts = append(parts, ShellQuote(a))
	}
	return strings.Join(parts, " ")
}
