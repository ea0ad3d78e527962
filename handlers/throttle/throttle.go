// Package throttle holds the limits Sabaq puts on what a stranger can make
// the server do: token buckets kept per key (an address, an account) and a
// growing delay after repeated failures. Plain Go, no I/O: the handlers pass
// the time in.
package throttle

import (
	"net/netip"
	"sync"
	"time"
)

// Rate is the shape of a token bucket: it holds up to Burst tokens and gains
// one every Every.
type Rate struct {
	Burst int
	Every time.Duration
}

// Limiter keeps a token bucket per key, for at most a bounded number of keys.
type Limiter struct {
	rate    Rate
	maxKeys int
	mu      sync.Mutex
	buckets map[string]bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was counted
}

// NewLimiter makes a limiter of rate that remembers at most maxKeys keys.
func NewLimiter(rate Rate, maxKeys int) *Limiter {
	return &Limiter{rate: rate, maxKeys: max(1, maxKeys), buckets: map[string]bucket{}}
}

// refilled is b as it stands at now.
func (l *Limiter) refilled(b bucket, now time.Time) bucket {
	if now.After(b.at) {
		b.tokens += float64(now.Sub(b.at)) / float64(l.rate.Every)
		b.at = now
	}
	b.tokens = min(b.tokens, float64(l.rate.Burst))
	return b
}

// Allow takes a token from key's bucket. With none left it takes nothing and
// returns false and how long until a token is back.
func (l *Limiter) Allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		l.makeRoom(now)
		b = bucket{tokens: float64(l.rate.Burst), at: now}
	}
	b = l.refilled(b, now)
	if b.tokens < 1 {
		l.buckets[key] = b
		return false, time.Duration((1 - b.tokens) * float64(l.rate.Every))
	}
	b.tokens--
	l.buckets[key] = b
	return true, 0
}

// Refund gives back a token that Allow took, for a request that turned out
// not to count (a join code that was right).
func (l *Limiter) Refund(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.buckets[key]; ok {
		b = l.refilled(b, now)
		b.tokens = min(b.tokens+1, float64(l.rate.Burst))
		l.buckets[key] = b
	}
}

// makeRoom, with the map full, forgets the buckets that have filled up
// again (forgetting them changes nothing), and if that frees nothing the
// least recently used one.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.maxKeys {
		return
	}
	var oldest string
	var oldestAt time.Time
	for k, b := range l.buckets {
		if l.refilled(b, now).tokens >= float64(l.rate.Burst) {
			delete(l.buckets, k)
			continue
		}
		if oldest == "" || b.at.Before(oldestAt) {
			oldest, oldestAt = k, b.at
		}
	}
	if len(l.buckets) >= l.maxKeys {
		delete(l.buckets, oldest)
	}
}

// Len is how many keys the limiter remembers.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// AddrKey is the key of a client address: an IPv4 address itself, an IPv6
// address its /64, which one household or school is given whole (one
// client can use any address in it). Anything else is kept as it is.
func AddrKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// Backoff is the wait after failed attempts: Free failures cost nothing,
// then each failure makes the next attempt wait twice as long as the last
// one did, starting at Base and at most Max.
type Backoff struct {
	Free      int
	Base, Max time.Duration
}

// Delay is how long after the last of failures the next attempt must wait.
func (b Backoff) Delay(failures int) time.Duration {
	if failures < b.Free {
		return 0
	}
	d := b.Base
	for range failures - b.Free {
		if d >= b.Max {
			break
		}
		d *= 2
	}
	return min(d, b.Max)
}

// Wait is how long from now an attempt must still wait, after failures of
// which the last was at last; 0 lets it through.
func (b Backoff) Wait(failures int, last, now time.Time) time.Duration {
	return max(0, last.Add(b.Delay(failures)).Sub(now))
}
