package activity

import (
	"testing"
	"time"
)

func TestLearnerFacingNumbers(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Percent(79.6), "79%"},
		{Percent(79.99999999999), "80%"}, // 4 of 5 computed in floating point
		{Percent(100), "100%"},
		{Percent(-3), "0%"},
		{PercentOf(3.98, 5), "79%"},
		{PercentOf(1, 0), "0%"},
		{Points(2.6666), "2.67"},
		{Points(3), "3"},
		{Count(1, "attempt"), "1 attempt"},
		{Count(3, "attempt"), "3 attempts"},
		{Count(0, "module"), "0 modules"},
		{CountAs(2, "category", "categories"), "2 categories"},
		{Clock(65 * time.Second), "1:05"},
		{Clock(3723 * time.Second), "1:02:03"},
		{Clock(-time.Second), "0:00"},
		{Spoken(61 * time.Minute), "1 hour 1 minute"},
		{Spoken(0), "0 seconds"},
		{ShellQuote("Sam"), "Sam"},
		{ShellQuote("Łukasz Wiśniewski"), "'Łukasz Wiśniewski'"},
		{ShellQuote("O'Brien"), `'O'\''Brien'`},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
