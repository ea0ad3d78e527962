package srs

import "time"

// ElapsedDays is the number of days between two reviews as go-fsrs's
// scheduler counts them: the difference of their UTC calendar dates, so
// 23:50 and 00:10 the next night are a day apart while 00:10 and 23:50 on
// the same date are not. It is zero when now is before last.
func ElapsedDays(last, now time.Time) uint64 {
	l, n := last.UTC(), now.UTC()
	a := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	if b.Before(a) {
		return 0
	}
	// Whole UTC days have no leap seconds or DST, so the division is exact.
	return uint64(b.Sub(a) / (24 * time.Hour))
}
