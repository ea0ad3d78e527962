package handlers

import (
	"testing"
	"time"
)

func TestStampNamesTheZone(t *testing.T) {
	at := time.Date(2026, 12, 7, 4, 15, 0, 0, time.UTC)
	for _, tc := range []struct{ zone, want string }{
		{"Asia/Karachi", "7 Dec 2026 09:15 PKT"},
		{"Asia/Dubai", "7 Dec 2026 08:15 Asia/Dubai"},
		{"Europe/London", "7 Dec 2026 04:15 GMT"},
		{"UTC", "7 Dec 2026 04:15 UTC"},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := stamp(at, loc); got != tc.want {
			t.Errorf("stamp in %s = %q, want %q", tc.zone, got, tc.want)
		}
	}
}
