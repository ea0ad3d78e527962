package throttle

import (
	"fmt"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func TestLimiter_AllowsABurstThenOneTokenPerInterval(t *testing.T) {
	l := NewLimiter(Rate{Burst: 3, Every: time.Minute}, 100)
	steps := []struct {
		at       time.Duration
		key      string
		want     bool
		wantWait time.Duration
	}{
		{0, "a", true, 0},
		{0, "a", true, 0},
		{0, "a", true, 0},
		{0, "a", false, time.Minute},
		{0, "b", true, 0}, // another key has its own bucket
		{30 * time.Second, "a", false, 30 * time.Second},
		{time.Minute, "a", true, 0},
		{time.Minute, "a", false, time.Minute},
		{10 * time.Minute, "a", true, 0}, // refilled, but only up to the burst
		{10 * time.Minute, "a", true, 0},
		{10 * time.Minute, "a", true, 0},
		{10 * time.Minute, "a", false, time.Minute},
	}
	for i, s := range steps {
		ok, wait := l.Allow(s.key, t0.Add(s.at))
		if ok != s.want || wait != s.wantWait {
			t.Errorf("step %d (%s at %v): %v, %v; want %v, %v", i, s.key, s.at, ok, wait, s.want, s.wantWait)
		}
	}
}

func TestLimiter_RefundGivesATokenBack(t *testing.T) {
	l := NewLimiter(Rate{Burst: 1, Every: time.Hour}, 10)
	if ok, _ := l.Allow("a", t0); !ok {
		t.Fatal("first attempt refused")
	}
	l.Refund("a", t0)
	if ok, _ := l.Allow("a", t0); !ok {
		t.Error("refused after a refund")
	}
	if ok, _ := l.Allow("a", t0); ok {
		t.Error("allowed twice with a burst of 1")
	}
	l.Refund("a", t0)
	l.Refund("a", t0) // never above the burst
	l.Allow("a", t0)
	if ok, _ := l.Allow("a", t0); ok {
		t.Error("two refunds gave two tokens over a burst of 1")
	}
}

func TestLimiter_RemembersABoundedNumberOfKeys(t *testing.T) {
	l := NewLimiter(Rate{Burst: 2, Every: time.Minute}, 50)
	for i := range 1000 {
		l.Allow(fmt.Sprint("addr", i), t0)
	}
	if n := l.Len(); n > 50 {
		t.Fatalf("%d keys remembered; want at most 50", n)
	}
	// A key that keeps failing is not forgotten for newer ones while the
	// map holds keys whose buckets are full again.
	l = NewLimiter(Rate{Burst: 1, Every: time.Hour}, 3)
	l.Allow("attacker", t0)
	for i := range 10 {
		l.Allow(fmt.Sprint("old", i), t0.Add(-2*time.Hour)) // full again by t0
	}
	l.Allow("new", t0)
	if ok, _ := l.Allow("attacker", t0); ok {
		t.Error("the attacker's empty bucket was forgotten while full ones were kept")
	}
}

func TestAddrKey(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":          "203.0.113.7",
		"::ffff:203.0.113.7":   "203.0.113.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"fe80::1%eth0":         "fe80::/64",
		"not an address":       "not an address",
		"2001:db8:1:3::1":      "2001:db8:1:3::/64",
	} {
		if got := AddrKey(in); got != want {
			t.Errorf("AddrKey(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestBackoff_FreeFailuresThenADoublingDelayUpToTheMaximum(t *testing.T) {
	b := Backoff{Free: 5, Base: 30 * time.Second, Max: 15 * time.Minute}
	for failures, want := range map[int]time.Duration{
		0: 0, 4: 0,
		5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute, 9: 8 * time.Minute,
		10: 15 * time.Minute, 11: 15 * time.Minute, 1000: 15 * time.Minute,
	} {
		if got := b.Delay(failures); got != want {
			t.Errorf("Delay(%d) = %v; want %v", failures, got, want)
		}
	}
	for _, tc := range []struct {
		failures int
		since    time.Duration // from the last failure to now
		want     time.Duration
	}{
		{4, 0, 0},
		{5, 0, 30 * time.Second},
		{5, 20 * time.Second, 10 * time.Second},
		{5, 30 * time.Second, 0},
		{6, 2 * time.Minute, 0},
		{7, time.Minute, time.Minute},
	} {
		if got := b.Wait(tc.failures, t0, t0.Add(tc.since)); got != tc.want {
			t.Errorf("Wait(%d failures, %v after the last) = %v; want %v", tc.failures, tc.since, got, tc.want)
		}
	}
}
