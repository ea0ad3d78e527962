package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sabaq/db"
)

type scenarioRow struct {
	name    string
	ceiling string // "fiber" or "sqlite"
	res     loadResult
}

type sqliteRow struct {
	goroutines int
	res        loadResult
}

type growthRow struct {
	learners, cards int
	seedTime        time.Duration
	dbSize          int64
	coldStart       time.Duration
	next, submit    loadResult
	hwm             int64
	// every learner's first review page, one after another: the review
	// states the server keeps in memory, and its resident set before
	// and at the peak
	all               loadResult
	rssBefore, rssAll int64
}

// report is everything one run measured.
type report struct {
	cfg                          config
	buildTime, seedTime, total   time.Duration
	dbSize                       int64
	coldStarts                   []time.Duration
	coldSeeded                   time.Duration
	bare                         loadResult
	sqlite                       []sqliteRow
	scenarios                    []scenarioRow
	submitsApplied, submitsAcked int64
	sessionReviews               int64 // review rows the session scenario wrote, warm-up included
	hwm                          int64
	pages                        []pageWeight
	growth                       []growthRow
	scaling                      []scalingRow
	plans                        []db.QueryPlan
	plansAt                      int
	dir, fs                      string // where the databases were, and on what
	// The class-in-session scenario, if run.
	class *classResult
}

// The targets on the 2-core machine.
const (
	targetSubmitRatio = 0.40
	targetSubmitP99   = 15 * time.Millisecond
	targetNextRatio   = 0.25
	targetNextP99     = 10 * time.Millisecond
	targetRSS         = 150 << 20
	targetColdStart   = 200 * time.Millisecond
	targetReviewPage  = 30 << 10
	// Issue 15: the path students take.
	targetSessionCPU   = 250 * time.Microsecond
	targetSessionP99   = 20 * time.Millisecond
	targetFirstPageCPU = time.Millisecond
	targetPublicRatio  = 0.5
)

// sqliteOne is the bare SQLite commit rate from one goroutine.
func (r *report) sqliteOne() float64 {
	for _, s := range r.sqlite {
		if s.goroutines == 1 {
			return s.res.rps()
		}
	}
	return 0
}

func ms(d time.Duration) string { return strconv.FormatFloat(d.Seconds()*1000, 'f', 2, 64) + " ms" }

func us(d time.Duration) string { return strconv.FormatFloat(d.Seconds()*1e6, 'f', 0, 64) + " µs" }

func kb(n int) string { return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB" }

// ratio is a/b to two places, or a dash without a ceiling.
func ratio(a, b float64) string {
	if b <= 0 {
		return "—"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func (r *report) sqliteCeiling() float64 {
	best := 0.0
	for _, s := range r.sqlite {
		best = max(best, s.res.rps())
	}
	return best
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
		}
	}
	return "?"
}

func (r *report) print(w io.Writer) {
	cfg := r.cfg
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	flush := func() { tw.Flush() }
	fmt.Fprintf(w, "\nSabaq bench: %d CPUs (%s), %s %s/%s, %s\n", runtime.NumCPU(), cpuModel(), runtime.Version(),
		runtime.GOOS, runtime.GOARCH, time.Now().Format("2006-01-02 15:04"))
	fmt.Fprintf(w, "data: %d learners × %d cards (learning, relearning, review; the rest of the 856 new), %.0f%% with an exam date; seeded in %.1f s, database %s\n",
		cfg.learners, cfg.cards, cfg.examShare*100, r.seedTime.Seconds(), mb(r.dbSize))
	fmt.Fprintf(w, "load: Go generator (fasthttp client, in this process), %d keep-alive connections, closed loop, %s warm-up + %s measured per scenario, Accept-Encoding: %s\n",
		cfg.concurrency, cfg.warmup, cfg.duration, acceptEncoding)
	if r.buildTime > 0 {
		fmt.Fprintf(w, "server: go build ./cmd/sabaq in %.1f s; started as a child with SABAQ_DB and SABAQ_ADDR on loopback\n", r.buildTime.Seconds())
	}
	fmt.Fprintf(w, "databases in %s (%s), SQLite in WAL mode with synchronous=FULL\n", r.dir, r.fs)

	fmt.Fprintf(w, "\nCeilings (same machine, same run)\n")
	fmt.Fprintln(tw, "ceiling\trate/s\tp50\tp90\tp99\terrors\tbench cores\tother load (cores)\t")
	fmt.Fprintf(tw, "bare Fiber handler, GET / → \"ok\" (%d clients)\t%.0f\t%s\t%s\t%s\t%d\t%.2f\t%.2f\t\n", cfg.concurrency, r.bare.rps(),
		ms(r.bare.hist.percentile(.5)), ms(r.bare.hist.percentile(.9)), ms(r.bare.hist.percentile(.99)), r.bare.errors, r.bare.genCores, r.bare.otherCores)
	for _, s := range r.sqlite {
		fmt.Fprintf(tw, "bare SQLite review commit, %d goroutine(s), 1 connection\t%.0f\t%s\t%s\t%s\t%d\t%.2f\t%.2f\t\n", s.goroutines, s.res.rps(),
			ms(s.res.hist.percentile(.5)), ms(s.res.hist.percentile(.9)), ms(s.res.hist.percentile(.99)), s.res.errors, s.res.genCores, s.res.otherCores)
	}
	flush()
	for _, s := range r.sqlite {
		if s.res.errSample != "" {
			fmt.Fprintf(w, "  SQLite error: %s\n", s.res.errSample)
		}
	}

	fmt.Fprintf(w, "\nScenarios (%d concurrent clients, random learners)\n", cfg.concurrency)
	fmt.Fprintln(tw, "scenario\trps\tp50\tp90\tp99\terrors\tratio to ceiling\ttarget\tmet?\t")
	for _, s := range r.scenarios {
		h := s.res.hist
		var ceil float64
		var ceilName, target, ok string
		switch s.ceiling {
		case "fiber":
			ceil, ceilName = r.bare.rps(), "bare Fiber"
		case "sqlite":
			ceil, ceilName = r.sqliteCeiling(), "bare SQLite"
		}
		switch {
		case strings.HasPrefix(s.name, "review submit"):
			target = fmt.Sprintf("≥ %.2f, p99 ≤ %s, 0 errors", targetSubmitRatio, ms(targetSubmitP99))
			ok = met(s.res.rps() >= targetSubmitRatio*ceil && h.percentile(.99) <= targetSubmitP99 && s.res.errors == 0)
		case strings.HasPrefix(s.name, "next-card"):
			target = fmt.Sprintf("≥ %.2f, p99 ≤ %s", targetNextRatio, ms(targetNextP99))
			ok = met(s.res.rps() >= targetNextRatio*ceil && h.percentile(.99) <= targetNextP99)
		case strings.HasPrefix(s.name, "review session"):
			// Half its requests are grades: reviews/s is half its rate.
			target = fmt.Sprintf("CPU ≤ %s/req, p99 ≤ %s, reviews/s ≥ %.0f (SQLite, 1 goroutine)", us(targetSessionCPU), ms(targetSessionP99), r.sqliteOne())
			ok = met(s.res.cpuPerRequest() <= targetSessionCPU && h.percentile(.99) <= targetSessionP99 && s.res.rps()/2 >= r.sqliteOne())
		case strings.HasPrefix(s.name, "first review page"):
			target = fmt.Sprintf("CPU ≤ %s/page", us(targetFirstPageCPU))
			ok = met(s.res.cpuPerRequest() <= targetFirstPageCPU)
		case strings.HasPrefix(s.name, "timeline page"):
			target = fmt.Sprintf("≥ %.2f", targetPublicRatio)
			ok = met(s.res.rps() >= targetPublicRatio*ceil)
		default:
			target, ok = "—", "—"
		}
		vs := "—"
		if ceilName != "" {
			vs = ratio(s.res.rps(), ceil) + " of " + ceilName
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", s.name, s.res.rps(), ms(h.percentile(.5)), ms(h.percentile(.9)),
			ms(h.percentile(.99)), s.res.errors, vs, target, ok)
	}
	flush()
	for _, s := range r.scenarios {
		if s.res.errSample != "" {
			fmt.Fprintf(w, "  %s, first error: %s\n", s.name, s.res.errSample)
		}
	}
	fmt.Fprintf(w, "review submits: %d answered 303, %d review rows written (each submit applied once, none stale)\n", r.submitsAcked, r.submitsApplied)
	if r.sessionReviews > 0 {
		fmt.Fprintf(w, "review session: %d reviews written, warm-up included (half its requests are grades)\n", r.sessionReviews)
	}

	fmt.Fprintf(w, "\nCost (CPU from /proc/PID/stat and getrusage over the measured window; RSS sampled every 20 ms)\n")
	fmt.Fprintln(tw, "scenario\tserver CPU per request\tserver cores\tgenerator cores\tother load (cores)\tserver peak RSS\t")
	fmt.Fprintf(tw, "bare Fiber handler\t%s\t%.2f\t%.2f\t%.2f\t%s\t\n", us(r.bare.cpuPerRequest()), r.bare.serverCores, r.bare.genCores, r.bare.otherCores, mb(r.bare.peakRSS))
	for _, s := range r.scenarios {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%s\t\n", s.name, us(s.res.cpuPerRequest()), s.res.serverCores, s.res.genCores, s.res.otherCores, mb(s.res.peakRSS))
	}
	flush()

	r.class.print(w)

	fmt.Fprintf(w, "\nMemory: the server's peak resident set (VmHWM) over the whole run: %s; target ≤ %s: %s\n", mb(r.hwm), mb(targetRSS), met(r.hwm <= targetRSS))
	cs := slices.Clone(r.coldStarts)
	slices.Sort(cs)
	if len(cs) > 0 {
		med := cs[len(cs)/2]
		fmt.Fprintf(w, "Cold start, exec → first 200 on /healthz, empty database (all migrations, question generation): median %s, max %s of %d; target ≤ %s: %s\n",
			ms(med), ms(cs[len(cs)-1]), len(cs), ms(targetColdStart), met(cs[len(cs)-1] <= targetColdStart))
	}
	fmt.Fprintf(w, "Cold start on the seeded database (%d learners): %s\n", cfg.learners, ms(r.coldSeeded))

	fmt.Fprintf(w, "\nPage weight (as a learner with cards due; sent = body with Accept-Encoding: %s)\n", acceptEncoding)
	fmt.Fprintln(tw, "page\tresponse\tencoding\tsent\tunpacked\t")
	var uncompressed []string
	for _, p := range r.pages {
		for _, res := range p.resources {
			enc := res.encoding
			if enc == "" {
				enc = "none"
			}
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\t\n", p.path, res.path, res.kind, enc, kb(res.sent), kb(res.unpacked))
		}
		sent, unpacked := p.totals()
		fmt.Fprintf(tw, "%s\tHTML + CSS + JS\t\t%s\t%s\t\n", p.path, kb(sent), kb(unpacked))
		uncompressed = append(uncompressed, p.uncompressed()...)
	}
	flush()
	for _, p := range r.pages {
		if p.path == "/review" {
			_, unpacked := p.totals()
			fmt.Fprintf(w, "review page, HTML + CSS + JS unpacked: %s; target ≤ %s: %s\n", kb(unpacked), kb(targetReviewPage), met(unpacked <= targetReviewPage))
		}
	}
	if len(uncompressed) == 0 {
		fmt.Fprintln(w, "every text response compressed: met")
	} else {
		fmt.Fprintf(w, "every text response compressed: MISSED (%s)\n", strings.Join(uncompressed, ", "))
	}

	r.printScaling(w)
	if len(r.growth) > 0 {
		fmt.Fprintf(w, "\nGrowth (%d clients on %d learners spread over the database, %s measured each; per-request server CPU should stay flat)\n",
			cfg.concurrency, cfg.growthActive, cfg.growthDuration)
		fmt.Fprintln(tw, "learners\tcards\tseeded in\tdatabase\tcold start\tnext-card rps\tp50\tp99\tCPU/req\tsubmit rps\tp50\tp99\tCPU/req\terrors\tpeak RSS\tother load\t")
		for _, g := range r.growth {
			fmt.Fprintf(tw, "%d\t%d\t%.1f s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%d\t%s\t%.2f\t\n", g.learners, g.cards*g.learners, g.seedTime.Seconds(), mb(g.dbSize),
				ms(g.coldStart), g.next.rps(), ms(g.next.hist.percentile(.5)), ms(g.next.hist.percentile(.99)), us(g.next.cpuPerRequest()),
				g.submit.rps(), ms(g.submit.hist.percentile(.5)), ms(g.submit.hist.percentile(.99)), us(g.submit.cpuPerRequest()),
				g.next.errors+g.submit.errors, mb(g.hwm), max(g.next.otherCores, g.submit.otherCores))
		}
		flush()
		for _, g := range r.growth {
			if g.learners >= 20000 {
				fmt.Fprintf(w, "review submit p99 at %d learners: %s; target ≤ %s: %s\n", g.learners, ms(g.submit.hist.percentile(.99)),
					ms(targetSubmitP99), met(g.submit.hist.percentile(.99) <= targetSubmitP99))
			}
		}
		fmt.Fprintf(w, "\nEvery learner's first review page in turn (%d clients): the review states kept in memory (capped: see questions/revision/state.go)\n", cfg.concurrency)
		fmt.Fprintln(tw, "learners\tpages\tp50\tp99\tCPU/page\terrors\tRSS before\tpeak RSS\tgrowth per learner\t")
		for _, g := range r.growth {
			if g.all.okTotal == 0 {
				continue
			}
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", g.learners, g.all.okTotal, ms(g.all.hist.percentile(.5)),
				ms(g.all.hist.percentile(.99)), us(g.all.cpuPerRequest()), g.all.errors, mb(g.rssBefore), mb(g.rssAll),
				kb(int((g.rssAll-g.rssBefore)/int64(g.learners))))
		}
		flush()
	}
	if len(r.plans) > 0 {
		fmt.Fprintf(w, "\nQuery plans of the review page and review submit (EXPLAIN QUERY PLAN, %d learners)\n", r.plansAt)
		for _, p := range r.plans {
			steps := strings.Join(p.Steps, "; ")
			if steps == "" {
				steps = "(insert)"
			}
			fmt.Fprintf(tw, "%s\t%s\t\n", p.Name, steps)
		}
		flush()
	}
	fmt.Fprintf(w, "\nwhole run: %.0f s\n", r.total.Seconds())
}
