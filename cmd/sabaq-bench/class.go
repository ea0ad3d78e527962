package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/valyala/fasthttp"

	"sabaq/db"
)

// The class-in-session scenario: a class of students revising at a human
// pace, each loading the next card, thinking, then grading it, while their
// teacher keeps the class dashboard open. Unlike generate's closed loop,
// the load is set by the think times, not by how fast the server answers.
const (
	classThinkMin      = 5 * time.Second
	classThinkMax      = 15 * time.Second
	classStagger       = 10 * time.Second // the students start at random over this
	classDashboardTick = 10 * time.Second
	// The target for the students' requests.
	targetClassP99 = 50 * time.Millisecond
)

// sessionCookie is a logged-in account's cookie (handlers.sessionCookie).
const sessionCookie = "sabaq_session"

// sessionCSRFToken derives a logged-in account's CSRF token as the server
// does (handlers' csrfToken, subject "session:"+token), as csrfToken does
// for an anonymous learner.
func sessionCSRFToken(key []byte, sessionToken string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf:session:" + sessionToken))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// benchClass is a seeded class as the scenario knows it.
type benchClass struct {
	db.SeededClass
	csrf     []string           // per student
	versions []map[string]int64 // per student: question id → card version
}

// seedClass adds a class of n students with cards each, and its teacher,
// to the database at path (while no server has it open).
func (b *bench) seedClass(path string, n, cards int) (*benchClass, time.Duration, error) {
	ctx := context.Background()
	store, err := db.Open(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	defer store.Close()
	start := time.Now()
	sc, err := store.SeedClass(ctx, db.ClassSeedOptions{Students: n, CardsEach: cards, Questions: b.questions,
		Now: time.Now(), Rand: rand.New(rand.NewPCG(b.cfg.seed, 0xc1a55)), ExamShare: b.cfg.examShare})
	if err != nil {
		return nil, 0, err
	}
	took := time.Since(start)
	key, err := store.Secret(ctx, "csrf")
	if err != nil {
		return nil, 0, err
	}
	bc := &benchClass{SeededClass: sc}
	for _, st := range sc.Students {
		bc.csrf = append(bc.csrf, sessionCSRFToken(key, st.Token))
		v := make(map[string]int64, len(st.Cards))
		for _, c := range st.Cards {
			v[b.questions[c.Question].ID] = int64(c.Version)
		}
		bc.versions = append(bc.versions, v)
	}
	return bc, took, nil
}

// classStat is one request type's figures.
type classStat struct {
	mu        sync.Mutex
	hist      histogram
	errors    uint64
	errSample string
}

func (s *classStat) record(d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hist.record(d)
	if err != nil {
		s.errors++
		if s.errSample == "" {
			s.errSample = err.Error()
		}
	}
}

// classResult is what one run of the class scenario measured.
type classResult struct {
	students, cards           int
	duration, window          time.Duration
	seedTime                  time.Duration
	next, grade, dashboard    *classStat
	firstNext                 *classStat // each student's first GET /review (also in next): its queue made afresh
	emptyQueues               uint64     // review pages with no card due
	serverCPU                 time.Duration
	serverCores, genCores     float64
	otherCores                float64
	peakRSS                   int64
	reviewsStored, gradesSent int64
}

func (r *classResult) requests() uint64 {
	return r.next.hist.n + r.grade.hist.n + r.dashboard.hist.n
}

// studentsP99 is the 99th percentile of all the students' requests.
func (r *classResult) studentsP99() time.Duration {
	var h histogram
	h.merge(&r.next.hist)
	h.merge(&r.grade.hist)
	return h.percentile(.99)
}

var shownAt = regexp.MustCompile(`shown=(\d+)`)

// classSession runs the scenario for d against the server at addr.
func classSession(addr string, bc *benchClass, d time.Duration, seed uint64, pid int) *classResult {
	res := &classResult{students: len(bc.Students), duration: d, next: &classStat{}, grade: &classStat{}, dashboard: &classStat{},
		firstNext: &classStat{}}
	hc := &fasthttp.HostClient{
		Addr:                addr,
		MaxConns:            len(bc.Students) + 8,
		ReadTimeout:         30 * time.Second,
		WriteTimeout:        30 * time.Second,
		MaxIdleConnDuration: 2 * classThinkMax, // a browser keeps its connection over a think
		ReadBufferSize:      64 << 10,
	}
	defer hc.CloseIdleConnections()
	base := "http://" + addr
	// do sends req and judges the answer: a transport error, or a status
	// other than want, is an error.
	do := func(req *fasthttp.Request, resp *fasthttp.Response, want int, st *classStat) bool {
		t := time.Now()
		err := hc.Do(req, resp)
		dur := time.Since(t)
		if err == nil && resp.StatusCode() != want {
			err = fmt.Errorf("%s %s: status %d, want %d: %.200q", req.Header.Method(), req.URI().Path(), resp.StatusCode(), want, resp.Body())
		}
		st.record(dur, err)
		return err == nil
	}
	var mu sync.Mutex
	var emptyQueues uint64
	var gradesSent int64

	start := time.Now()
	end := start.Add(d)
	rss := watchRSS(pid)
	cpu0, srv0, all0 := selfCPU(), processCPU(pid), machineBusy()
	var wg sync.WaitGroup
	// sleepUntil sleeps until t, and reports whether t is before the end.
	sleepUntil := func(t time.Time) bool {
		if t.After(end) {
			time.Sleep(time.Until(end))
			return false
		}
		time.Sleep(time.Until(t))
		return true
	}
	for i, st := range bc.Students {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(2000+i)))
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			stagger := min(classStagger, d)
			if !sleepUntil(start.Add(time.Duration(r.Int64N(int64(stagger))))) {
				return
			}
			var body []byte
			for first := true; ; first = false {
				req.Reset()
				resp.Reset()
				req.SetRequestURI(base + "/review")
				req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
				req.Header.SetCookie(sessionCookie, st.Token)
				var card, shown string
				t := time.Now()
				ok := do(req, resp, fasthttp.StatusOK, res.next)
				if first {
					res.firstNext.record(time.Since(t), nil)
				}
				if ok {
					page, err := resp.BodyUncompressed()
					if err == nil {
						if m := cardLink.FindSubmatch(page); m != nil {
							card = string(m[1])
						}
						if m := shownAt.FindSubmatch(page); m != nil {
							shown = string(m[1])
						}
					}
					if card == "" {
						mu.Lock()
						emptyQueues++
						mu.Unlock()
					}
				}
				think := classThinkMin + time.Duration(r.Int64N(int64(classThinkMax-classThinkMin)))
				if !sleepUntil(time.Now().Add(think)) {
					return
				}
				if card == "" {
					continue // nothing to grade (or the page failed): load again
				}
				id, _ := url.PathUnescape(card)
				body = appendGrade(body[:0], bc.csrf[i], bc.versions[i][id], r)
				if shown != "" {
					body = append(body, "&shown_at="...)
					body = append(body, shown...)
				}
				req.Reset()
				resp.Reset()
				req.Header.SetMethod(fasthttp.MethodPost)
				req.SetRequestURI(base + "/review/card/" + card + "/grade")
				req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
				req.Header.SetContentType("application/x-www-form-urlencoded")
				req.Header.SetCookie(sessionCookie, st.Token)
				req.SetBody(body)
				if do(req, resp, fasthttp.StatusSeeOther, res.grade) {
					bc.versions[i][id]++
					mu.Lock()
					gradesSent++
					mu.Unlock()
				}
				if time.Now().After(end) {
					return
				}
			}
		}()
	}
	// The teacher reloads the dashboard every tick, from the start.
	wg.Add(1)
	go func() {
		defer wg.Done()
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(resp)
		uri := base + "/teach/classes/" + strconv.FormatInt(bc.ClassID, 10) + "/dashboard"
		for next := start; ; next = next.Add(classDashboardTick) {
			if !sleepUntil(next) || !time.Now().Before(end) {
				return
			}
			req.Reset()
			resp.Reset()
			req.SetRequestURI(uri)
			req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
			req.Header.SetCookie(sessionCookie, bc.TeacherToken)
			do(req, resp, fasthttp.StatusOK, res.dashboard)
		}
	}()
	wg.Wait()
	res.window = time.Since(start)
	cpu1, srv1, all1 := selfCPU(), processCPU(pid), machineBusy()
	res.peakRSS = rss.stop()
	res.serverCPU = srv1 - srv0
	res.serverCores = res.serverCPU.Seconds() / res.window.Seconds()
	res.genCores = (cpu1 - cpu0).Seconds() / res.window.Seconds()
	res.otherCores = max(0, (all1-all0).Seconds()/res.window.Seconds()-res.genCores-res.serverCores)
	res.emptyQueues, res.gradesSent = emptyQueues, gradesSent
	return res
}

// classScenario runs the class in session against the running server and
// adds its figures, and the reviews it stored, to the report.
func (b *bench) classScenario(rep *report, srv *child, path string, bc *benchClass) error {
	cfg := b.cfg
	b.progress("class in session: %d students (think %s–%s), teacher's dashboard every %s, %s",
		len(bc.Students), classThinkMin, classThinkMax, classDashboardTick, cfg.classDuration)
	b.quiet()
	before, err := countReviews(path)
	if err != nil {
		return err
	}
	res := classSession(srv.addr, bc, cfg.classDuration, cfg.seed, srv.pid())
	after, err := countReviews(path)
	if err != nil {
		return err
	}
	res.reviewsStored = after - before
	res.cards = cfg.cards
	if rep.class != nil {
		res.seedTime = rep.class.seedTime
	}
	rep.class = res
	return nil
}

// printClass prints the class-in-session table.
func (r *classResult) print(w io.Writer) {
	if r == nil || r.next == nil {
		return
	}
	fmt.Fprintf(w, "\nClass in session (%d students, think %.0f–%.0f s, teacher dashboard every %.0f s, %.0f s; %d cards each, seeded in %.1f s; errors: transport errors or not the expected 200 / 303)\n",
		r.students, classThinkMin.Seconds(), classThinkMax.Seconds(), classDashboardTick.Seconds(), r.duration.Seconds(), r.cards, r.seedTime.Seconds())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "request\trequests\terrors\tp50\tp99\tmax\t")
	for _, row := range []struct {
		name string
		s    *classStat
	}{
		{"student: next card (GET /review)", r.next},
		{"student: grade (POST /review/card/ID/grade)", r.grade},
		{"teacher: class dashboard (GET /teach/classes/ID/dashboard)", r.dashboard},
	} {
		h := &row.s.hist
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t\n", row.name, h.n, row.s.errors, ms(h.percentile(.5)), ms(h.percentile(.99)), ms(h.max))
	}
	tw.Flush()
	for _, s := range []*classStat{r.next, r.grade, r.dashboard} {
		if s.errSample != "" {
			fmt.Fprintf(w, "  first error: %s\n", s.errSample)
		}
	}
	perReq := time.Duration(0)
	if n := r.requests(); n > 0 {
		perReq = r.serverCPU / time.Duration(n)
	}
	fmt.Fprintf(w, "of the next-card pages, each student's first (queue made afresh, %d): p50 %s, p99 %s\n",
		r.firstNext.hist.n, ms(r.firstNext.hist.percentile(.5)), ms(r.firstNext.hist.percentile(.99)))
	fmt.Fprintf(w, "server CPU: %.2f s over %.1f s (%.2f cores), %s per request; generator %.2f cores, other load %.2f cores; server peak RSS %s\n",
		r.serverCPU.Seconds(), r.window.Seconds(), r.serverCores, us(perReq), r.genCores, r.otherCores, mb(r.peakRSS))
	fmt.Fprintf(w, "reviews stored: %d (grades answered 303: %d); review pages with no card due: %d\n", r.reviewsStored, r.gradesSent, r.emptyQueues)
	p99 := r.studentsP99()
	fmt.Fprintf(w, "students' p99 ≤ %s: %s (%s)\n", ms(targetClassP99), met(p99 <= targetClassP99 && r.next.hist.n+r.grade.hist.n > 0), ms(p99))
}
