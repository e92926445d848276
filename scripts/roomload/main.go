// Command roomload puts a simulated room on a workshop server: N trainees
// connect over SSH (127.0.0.1 only), join, read a module's pages and
// answer its quiz at about one key a second. It reports, for each N:
// key-to-frame latency (p50, p99), server CPU per key, bytes sent per key,
// server memory per trainee (the slope of resident memory against N), and
// answers acknowledged on screen against answers in the room's store.
//
// It is not a test: run it through scripts/room-load.sh on a quiet machine.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"frontline/internal/progress"
	"frontline/internal/progress/sqlite"
	"frontline/internal/room"
	rt "frontline/internal/room/roomtest"
)

func main() {
	bin := flag.String("bin", "", "the frontline binary to serve with")
	counts := flag.String("n", "1,30,100", "room sizes to run, comma-separated")
	interval := flag.Duration("interval", time.Second, "time between one trainee's keys")
	questions := flag.Int("questions", 5, "quiz questions each trainee answers")
	spread := flag.Duration("spread", 10*time.Second, "joins are spread over this time")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "roomload: -bin is required")
		os.Exit(2)
	}
	var results []result
	for _, f := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 500 {
			fmt.Fprintf(os.Stderr, "roomload: -n %q: want numbers from 1 to 500\n", f)
			os.Exit(2)
		}
		r, err := runRoom(*bin, n, *interval, *questions, *spread)
		if err != nil {
			fmt.Fprintf(os.Stderr, "roomload: N=%d: %v\n", n, err)
			os.Exit(1)
		}
		results = append(results, r)
		fmt.Fprintf(os.Stderr, "N=%d done\n", n)
	}
	report(os.Stdout, results)
}

type result struct {
	n              int
	keys           int
	noFrame        int
	lat            []time.Duration
	kinds          map[string]*kindTally
	cpu            time.Duration // server CPU during the key phase
	bytes          int64
	rssBase        int64 // server resident memory before anyone joined
	rssFull        int64 // with everyone reading
	acked, stored  int
	joinErrs, errs int
	wall           time.Duration
	load           [2]string // the machine's load average before and after
}

// server is a running "frontline serve".
type server struct {
	cmd  *exec.Cmd
	addr string
	code string
	dir  string
}

var (
	portRE = regexp.MustCompile(`ssh -p (\d+) localhost`)
	codeRE = regexp.MustCompile(`Room code:\s+(\S+)`)
)

func startServer(bin string, n int) (*server, error) {
	dir, err := os.MkdirTemp("", "roomload-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--room", "load", "--max-sessions", strconv.Itoa(n+10), "--data", dir, "--theme", "dark", "--idle", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, dir: dir}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if m := portRE.FindStringSubmatch(line); m != nil {
			s.addr = "127.0.0.1:" + m[1]
		}
		if m := codeRE.FindStringSubmatch(line); m != nil {
			s.code = m[1]
		}
		if strings.HasPrefix(line, "Press ctrl+c") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if s.addr == "" {
		_ = cmd.Process.Kill()
		return nil, errors.New("no address in the server's banner")
	}
	return s, nil
}

// procStat returns the process's CPU time (user+system) and resident
// memory, from /proc.
func procStat(pid int) (time.Duration, int64) {
	var cpu time.Duration
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		s := string(b)
		if i := strings.LastIndex(s, ")"); i > 0 {
			f := strings.Fields(s[i+2:])
			if len(f) > 13 {
				ut, _ := strconv.ParseInt(f[11], 10, 64)
				st, _ := strconv.ParseInt(f[12], 10, 64)
				cpu = time.Duration(ut+st) * (time.Second / 100) // USER_HZ is 100 on Linux
			}
		}
	}
	var rss int64
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmRSS:") {
				f := strings.Fields(l)
				if len(f) >= 2 {
					kb, _ := strconv.ParseInt(f[1], 10, 64)
					rss = kb * 1024
				}
			}
		}
	}
	return cpu, rss
}

// trainee is one simulated trainee's tally.
type trainee struct {
	lat     []time.Duration
	keys    int
	noFrame int
	bytes   int64
	acked   int
	err     error
	kinds   map[string]*kindTally
}

// kindTally is the tally of one kind of key (scrolling a page, moving
// between options...), to see where the bytes and the waits go.
type kindTally struct {
	keys  int
	bytes int64
	lat   []time.Duration
}

func (tr *trainee) kind(k string) *kindTally {
	if tr.kinds == nil {
		tr.kinds = map[string]*kindTally{}
	}
	t, ok := tr.kinds[k]
	if !ok {
		t = &kindTally{}
		tr.kinds[k] = t
	}
	return t
}

func runRoom(bin string, n int, interval time.Duration, questions int, spread time.Duration) (result, error) {
	srv, err := startServer(bin, n)
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(srv.dir)
	defer func() { _ = srv.cmd.Process.Kill(); _ = srv.cmd.Wait() }()
	time.Sleep(500 * time.Millisecond)
	_, rssBase := procStat(srv.cmd.Process.Pid)

	res := result{n: n, rssBase: rssBase}
	res.load[0] = loadAvg()
	var joined sync.WaitGroup // everyone has joined
	joined.Add(n)
	startKeys := make(chan struct{})
	tallies := make([]*trainee, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		tallies[i] = &trainee{}
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(int64(spread) * int64(i) / int64(max(n, 1))))
			tr := tallies[i]
			c, err := join(srv, i)
			joined.Done()
			if err != nil {
				tr.err = fmt.Errorf("join: %w", err)
				return
			}
			defer c.Close()
			<-startKeys
			// Keys start at a random point of the second, as people do.
			time.Sleep(time.Duration(rand.Int63n(int64(interval))))
			tr.err = session(c, tr, interval, questions)
		}(i)
	}
	joined.Wait()
	cpu0, _ := procStat(srv.cmd.Process.Pid)
	t0 := time.Now()
	close(startKeys)
	// Memory once everyone is reading (a few keys in).
	time.Sleep(min(8*interval, 8*time.Second))
	_, res.rssFull = procStat(srv.cmd.Process.Pid)
	wg.Wait()
	res.wall = time.Since(t0)
	res.load[1] = loadAvg()
	cpu1, _ := procStat(srv.cmd.Process.Pid)
	res.cpu = cpu1 - cpu0
	res.kinds = map[string]*kindTally{}
	for _, tr := range tallies {
		for k, kt := range tr.kinds {
			all, ok := res.kinds[k]
			if !ok {
				all = &kindTally{}
				res.kinds[k] = all
			}
			all.keys += kt.keys
			all.bytes += kt.bytes
			all.lat = append(all.lat, kt.lat...)
		}
		res.lat = append(res.lat, tr.lat...)
		res.keys += tr.keys
		res.noFrame += tr.noFrame
		res.bytes += tr.bytes
		res.acked += tr.acked
		if tr.err != nil {
			if strings.HasPrefix(tr.err.Error(), "join") {
				res.joinErrs++
			} else {
				res.errs++
			}
			fmt.Fprintf(os.Stderr, "N=%d: %v\n", n, tr.err)
		}
	}
	// End the workshop in order, then count what the store holds.
	_ = srv.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = srv.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = srv.cmd.Process.Kill()
		<-done
	}
	data, err := progress.Folder(srv.dir) // where serve kept the room for --data srv.dir
	if err != nil {
		return res, err
	}
	st, err := sqlite.Open(room.RoomDir(data, "load"), sqlite.WithBackups(0, 1))
	if err != nil {
		return res, err
	}
	defer st.Close()
	answers, err := st.Answers(context.Background(), 0)
	if err != nil {
		return res, err
	}
	res.stored = len(answers)
	return res, nil
}

func join(srv *server, i int) (*rt.Client, error) {
	c, err := rt.Connect(srv.addr, rt.Options{Code: srv.code, Cols: 80, Rows: 24})
	if err != nil {
		return nil, err
	}
	if _, err := c.Join(fmt.Sprintf("Trainee %03d", i), i%7, 60*time.Second); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// key sends one key, measures the time to the first byte of the frame it
// causes, then waits out the interval, counting the bytes that came.
func key(c *rt.Client, tr *trainee, kind, k string, interval time.Duration) {
	m := c.Len()
	start := time.Now()
	_ = c.SendNow(k)
	tr.keys++
	kt := tr.kind(kind)
	kt.keys++
	at, err := c.WaitGrowth(m, interval)
	if err != nil {
		tr.noFrame++
	} else {
		tr.lat = append(tr.lat, at.Sub(start))
		kt.lat = append(kt.lat, at.Sub(start))
	}
	if rest := interval - time.Since(start); rest > 0 {
		time.Sleep(rest)
	}
	tr.bytes += int64(c.Len() - m)
	kt.bytes += int64(c.Len() - m)
}

// session reads two pages of the first module, scrolling, then answers
// questions of its quiz, one key per interval.
func session(c *rt.Client, tr *trainee, interval time.Duration, questions int) error {
	wait := 30 * time.Second
	m := c.Len()
	key(c, tr, "open", rt.Enter, interval) // open the first module: its content note
	if _, err := c.WaitAfter(m, "Content note", wait); err != nil {
		return err
	}
	key(c, tr, "open", rt.Enter, interval) // read
	for p := 0; p < 2; p++ {
		for i := 0; i < 6; i++ {
			key(c, tr, "scroll a line", []string{"j", "k"}[i%2], interval)
		}
		key(c, tr, "next page", "l", interval) // next page
	}
	key(c, tr, "open", rt.Esc, interval) // home
	m = c.Len()
	key(c, tr, "open", "t", interval) // the quiz
	if _, err := c.WaitAfter(m, "Content note", wait); err != nil {
		return err
	}
	m = c.Len()
	key(c, tr, "open", rt.Enter, interval)
	if _, err := c.WaitAfter(m, "question 1 of", wait); err != nil {
		return err
	}
	for q := 0; q < questions; q++ {
		key(c, tr, "move between options", rt.Down, interval)
		key(c, tr, "move between options", rt.Up, interval)
		key(c, tr, "choose an option", "1", interval)
		m = c.Len()
		key(c, tr, "submit (saved)", rt.Enter, interval) // submit
		if _, err := c.WaitAfter(m, "saved", wait); err != nil {
			return fmt.Errorf("question %d: %w", q+1, err)
		}
		tr.acked++
		m = c.Len()
		key(c, tr, "next question", rt.Enter, interval) // next question
		if _, err := c.WaitAfter(m, fmt.Sprintf("question %d of", q+2), wait); err != nil {
			return fmt.Errorf("after question %d: %w", q+1, err)
		}
	}
	return nil
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p*float64(len(s)-1) + 0.5)
	return s[i]
}

func report(w io.Writer, rs []result) {
	fmt.Fprintln(w, "| trainees | keys | key to frame p50 | p99 | server CPU per key | bytes per key | server memory | acknowledged / stored |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range rs {
		cpuPerKey := time.Duration(0)
		bytesPerKey := int64(0)
		if r.keys > 0 {
			cpuPerKey = r.cpu / time.Duration(r.keys)
			bytesPerKey = r.bytes / int64(r.keys)
		}
		fmt.Fprintf(w, "| %d | %d | %s | %s | %s | %d | %.1f MB | %d / %d |\n", r.n, r.keys,
			ms(pct(r.lat, 0.5)), ms(pct(r.lat, 0.99)), ms(cpuPerKey), bytesPerKey, float64(r.rssFull)/(1<<20), r.acked, r.stored)
	}
	fmt.Fprintln(w)
	if len(rs) >= 2 {
		// Least-squares slope of resident memory against trainees.
		var sx, sy, sxx, sxy float64
		for _, r := range rs {
			x, y := float64(r.n), float64(r.rssFull)
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		k := float64(len(rs))
		slope := (k*sxy - sx*sy) / (k*sxx - sx*sx)
		fmt.Fprintf(w, "Memory per trainee (slope of resident memory over N = %s): %.2f MB; server with nobody in: %.1f MB.\n",
			ns(rs), slope/(1<<20), float64(rs[0].rssBase)/(1<<20))
	}
	for _, r := range rs {
		fmt.Fprintf(w, "\nBy kind of key, N=%d:\n\n| key | count | p50 | p99 | bytes per key |\n|---|---|---|---|---|\n", r.n)
		var kinds []string
		for k := range r.kinds {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			kt := r.kinds[k]
			fmt.Fprintf(w, "| %s | %d | %s | %s | %d |\n", k, kt.keys, ms(pct(kt.lat, 0.5)), ms(pct(kt.lat, 0.99)), kt.bytes/int64(max(kt.keys, 1)))
		}
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		lost := max(r.acked-r.stored, 0)
		fmt.Fprintf(w, "N=%d: %d keys without a frame within the interval, %d join errors, %d session errors, %d answers lost, %s of keys; load average %s before, %s after.\n",
			r.n, r.noFrame, r.joinErrs, r.errs, lost, r.wall.Round(time.Second), r.load[0], r.load[1])
	}
}

// loadAvg is the machine's one-minute load average (the machine is shared:
// read figures against it).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func ns(rs []result) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, strconv.Itoa(r.n))
	}
	return strings.Join(parts, ", ")
}
