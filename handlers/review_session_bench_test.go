package handlers_test

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sabaq/db"
	"sabaq/questions"
)

var (
	benchCardLink = regexp.MustCompile(`/review/card/([^"?/]+)`)
	benchCSRF     = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
)

// BenchmarkReviewSession drives what a learner does in a review session
// through the real app on a seeded database: load the next card, grade it,
// and again, for 32 learners of 300 cards in turn. It is how the review
// session's CPU was profiled (go test -bench ReviewSession -cpuprofile).
func BenchmarkReviewSession(b *testing.B) {
	tl, err := questions.Load()
	if err != nil {
		b.Fatal(err)
	}
	bank := questions.NewBank(tl)
	var qs []db.SeedQuestion
	for _, q := range bank.Questions {
		qs = append(qs, db.SeedQuestion{ID: q.ID, EventID: q.Sibling()})
	}
	path := filepath.Join(b.TempDir(), "bench.db")
	store, err := db.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	seeded, err := store.SeedLearners(context.Background(), db.SeedOptions{Learners: 32, CardsEach: 300, Questions: qs,
		Now: time.Now(), Rand: rand.New(rand.NewPCG(1, 2)), ExamShare: 0.5})
	store.Close()
	if err != nil {
		b.Fatal(err)
	}
	h := &harness{t: &testing.T{}, tl: tl, bank: bank, path: path}
	h.start()
	defer h.store.Close()
	do := func(method, target, token, body string) (int, string) {
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req := httptest.NewRequest(method, target, r)
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		req.AddCookie(&http.Cookie{Name: "sabaq_learner", Value: token})
		res, err := h.app.Test(req, -1)
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		out, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(out)
	}
	// Each learner's first page, before the clock starts, with their
	// CSRF token and their cards' versions.
	tokens := make([]string, len(seeded))
	versions := make([]map[string]int64, len(seeded))
	for i, l := range seeded {
		_, page := do(http.MethodGet, "/", l.Token, "")
		tok := benchCSRF.FindStringSubmatch(page)
		if tok == nil {
			b.Fatal("no CSRF token on /")
		}
		tokens[i], versions[i] = tok[1], map[string]int64{}
		for _, c := range l.Cards {
			versions[i][qs[c.Question].ID] = int64(c.Version)
		}
		do(http.MethodGet, "/review", l.Token, "")
	}
	// SABAQ_BENCH_PROFILE=FILE profiles the session alone, not the seeding.
	if f := os.Getenv("SABAQ_BENCH_PROFILE"); f != "" {
		out, err := os.Create(f)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() {
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(2*b.N), "cpu-µs/request")
	}()
	for i := range b.N {
		n := i % len(seeded)
		l := seeded[n]
		status, page := do(http.MethodGet, "/review", l.Token, "")
		if status != http.StatusOK {
			b.Fatalf("GET /review: %d", status)
		}
		card := benchCardLink.FindStringSubmatch(page)
		if card == nil {
			continue
		}
		id, _ := url.PathUnescape(card[1])
		form := url.Values{"_csrf": {tokens[n]}, "version": {strconv.FormatInt(versions[n][id], 10)}, "rating": {"3"}}
		if status, _ := do(http.MethodPost, "/review/card/"+card[1]+"/grade", l.Token, form.Encode()); status != http.StatusSeeOther {
			b.Fatalf("grade: %d", status)
		}
		versions[n][id]++
	}
}

// cpuTime is the CPU the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
