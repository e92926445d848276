package sqlite

import (
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"frontline/internal/progress"
)

// seed fills a store with n answers for one learner, spread over attempts of
// 10 answers in 20 modules, each answer with two indicator hits, plus 200
// finished scenario runs and 500 review items, in one transaction.
func seed(tb testing.TB, s *Store, n int) int64 {
	tb.Helper()
	p := mustProfile(tb, s, "Bench")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, err := s.db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	att, _ := tx.Prepare(`INSERT INTO attempts (profile_id, module_id, mode, started, finished, score, total) VALUES (?, ?, 'practice', ?, ?, ?, 10)`)
	ans, _ := tx.Prepare(`INSERT INTO answers (seq, profile_id, attempt_id, module_id, question_id, chosen, correct, score, answered_at) VALUES (?, ?, ?, ?, ?, '[1]', ?, ?, ?)`)
	hit, _ := tx.Prepare(`INSERT INTO indicator_hits (profile_id, answer_id, indicator, hit) VALUES (?, ?, ?, ?)`)
	var attemptID int64
	for i := 0; i < n; i++ {
		at := t0.Add(time.Duration(i) * time.Minute)
		mod := fmt.Sprintf("module-%02d", (i/10)%20)
		if i%10 == 0 {
			res, err := att.Exec(p.ID, mod, nanos(at), nanos(at.Add(10*time.Minute)), float64(i%11))
			if err != nil {
				tb.Fatal(err)
			}
			attemptID, _ = res.LastInsertId()
		}
		res, err := ans.Exec(i+1, p.ID, attemptID, mod, fmt.Sprintf("q%d", i%10), i%3 != 0, float64(i%2), nanos(at))
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for j := 0; j < 2; j++ {
			if _, err := hit.Exec(p.ID, id, fmt.Sprintf("indicator-%02d", (i+j*7)%40), (i+j)%3 != 0); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := tx.Exec(`UPDATE counters SET value = ? WHERE name = 'answer_seq'`, n); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		at := t0.Add(time.Duration(i) * time.Hour)
		if _, err := tx.Exec(`INSERT INTO runs (profile_id, scenario_id, path, started, finished, spotted, present) VALUES (?, ?, '["a","b","c"]', ?, ?, 3, 5)`,
			p.ID, fmt.Sprintf("scenario-%d", i%8), nanos(at), nanos(at.Add(time.Minute))); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < 500; i++ {
		if _, err := tx.Exec(`INSERT INTO review_items (profile_id, kind, key, box, interval, due, updated) VALUES (?, 'question', ?, 1, 0, ?, 0)`,
			p.ID, fmt.Sprintf("m/q%d", i), nanos(t0.Add(time.Duration(i)*time.Hour))); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	// Steady state: the background checkpointer would have run by now.
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		tb.Fatal(err)
	}
	return p.ID
}

// reportLatency adds median and p99 in milliseconds to the benchmark.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	ms := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	b.ReportMetric(ms(d[len(d)/2]), "p50-ms")
	b.ReportMetric(ms(d[len(d)*99/100]), "p99-ms")
}

// BenchmarkRecordAnswer is one committed answer (with two indicator hits and
// one review item) per operation, synchronous=FULL.
func BenchmarkRecordAnswer(b *testing.B) {
	for _, sync := range []Synchronous{SyncFull, SyncNormal} {
		b.Run(string(sync), func(b *testing.B) {
			s := openT(b, b.TempDir(), WithSynchronous(sync))
			p := mustProfile(b, s, "Ana")
			att, _ := s.StartAttempt(bg(), progress.Attempt{ProfileID: p.ID, ModuleID: "m", Mode: progress.ModePractice})
			var lat []time.Duration
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				t := time.Now()
				q := fmt.Sprintf("q%d", i)
				if _, err := s.RecordAnswer(bg(), progress.Answer{ProfileID: p.ID, AttemptID: att.ID, ModuleID: "m", QuestionID: q, Chosen: []int{1},
					Indicators: []progress.IndicatorHit{{Indicator: "debt", Hit: true}, {Indicator: "isolation", Hit: false}}},
					progress.ReviewItem{Kind: progress.ReviewQuestion, Key: "m/" + q, Box: 1, Due: t}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
				i++
			}
			reportLatency(b, lat)
		})
	}
}

// BenchmarkDashboard100k builds the whole dashboard with 100,000 answers.
func BenchmarkDashboard100k(b *testing.B) {
	s := openT(b, b.TempDir())
	pid := seed(b, s, 100_000)
	var lat []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		t := time.Now()
		d, err := s.Dashboard(bg(), pid)
		if err != nil || d.Answers != 100_000 {
			b.Fatalf("dashboard: %d answers, %v", d.Answers, err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}

// BenchmarkOpen100k is Open (inspection with quick_check, pragmas checked,
// migrations confirmed) plus Close on a database holding 100,000 answers.
func BenchmarkOpen100k(b *testing.B) {
	dir := b.TempDir()
	s := openT(b, dir)
	seed(b, s, 100_000)
	s.Close()
	var lat []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		t := time.Now()
		s, err := Open(dir, noBackups())
		if err != nil || s.Status().MovedAside != "" || s.Status().ReadOnly {
			b.Fatalf("open: %+v, %v", s.Status(), err)
		}
		lat = append(lat, time.Since(t))
		s.Close()
	}
	reportLatency(b, lat)
}

// BenchmarkFsyncBaseline is the disk's own cost: write 4 KiB to a scratch
// file and fsync it. A synchronous=FULL commit cannot be faster than this.
func BenchmarkFsyncBaseline(b *testing.B) {
	f, err := os.CreateTemp(b.TempDir(), "fsync")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	var lat []time.Duration
	for b.Loop() {
		t := time.Now()
		if _, err := f.WriteAt(buf, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}
