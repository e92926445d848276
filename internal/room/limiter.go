package room

import (
	"net"
	"sync"
	"time"
)

// addrLimiter slows guessing of the room code and of rejoin words. Each
// address has free tries; after them, every further try from it waits
// base, then twice as long, and so on up to most. An address's failures
// are forgotten after forget without a failure, or when it gets in.
type addrLimiter struct {
	mu     sync.Mutex
	free   int
	base   time.Duration
	most   time.Duration
	forget time.Duration
	now    func() time.Time
	addrs  map[string]*addrFails
	// limit bounds the addresses remembered; the stalest goes first.
	limit int
}

type addrFails struct {
	n    int
	last time.Time
}

func newAddrLimiter(free int, base, most time.Duration, now func() time.Time) *addrLimiter {
	if now == nil {
		now = time.Now
	}
	return &addrLimiter{free: free, base: base, most: most, forget: 15 * time.Minute, now: now, addrs: map[string]*addrFails{}, limit: 10000}
}

// addrKey is the part of a network address the limiter counts by: the IP.
func addrKey(a net.Addr) string {
	if a == nil {
		return ""
	}
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// Delay is how long a try from addr must wait now.
func (l *addrLimiter) Delay(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.get(addr)
	if f == nil || f.n < l.free {
		return 0
	}
	d := l.base
	for i := l.free; i < f.n && d < l.most; i++ {
		d *= 2
	}
	return min(d, l.most)
}

// Fail counts a failed try from addr.
func (l *addrLimiter) Fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.get(addr)
	if f == nil {
		if len(l.addrs) >= l.limit {
			l.dropStalest()
		}
		f = &addrFails{}
		l.addrs[addr] = f
	}
	f.n++
	f.last = l.now()
}

// Succeed forgets addr's failures.
func (l *addrLimiter) Succeed(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.addrs, addr)
}

// get returns addr's failures, forgetting them if they are old; the lock
// is held.
func (l *addrLimiter) get(addr string) *addrFails {
	f, ok := l.addrs[addr]
	if !ok {
		return nil
	}
	if l.now().Sub(f.last) > l.forget {
		delete(l.addrs, addr)
		return nil
	}
	return f
}

func (l *addrLimiter) dropStalest() {
	var oldest string
	var at time.Time
	for a, f := range l.addrs {
		if oldest == "" || f.last.Before(at) {
			oldest, at = a, f.last
		}
	}
	delete(l.addrs, oldest)
}
