// Command sabaq-bench measures the Sabaq server on this machine in one run:
// it builds and starts the real server on a temporary database seeded with
// learners, drives load at it over loopback from a Go generator, measures
// two ceilings on the same machine (a bare Fiber handler and a bare SQLite
// commit loop) and prints every figure with its ratio to its ceiling, the
// server's memory, its cold start, and the weight of its pages. `make bench`
// runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"sabaq/db"
	"sabaq/questions"
)

func main() {
	if addr := os.Getenv(bareEnv); addr != "" {
		if err := serveBare(addr); err != nil {
			fmt.Fprintln(os.Stderr, "sabaq-bench (bare):", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "sabaq-bench:", err)
		os.Exit(1)
	}
}

type config struct {
	learners, cards, concurrency int
	duration, warmup             time.Duration
	examShare                    float64
	seed                         uint64
	growth                       bool
	growthLearners               []int
	growthCards, growthActive    int
	growthDuration               time.Duration
	keep                         bool
	dir                          string
	waitIdle                     time.Duration
	server                       string
	class                        bool
	classStudents                int
	classDuration                time.Duration
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("sabaq-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.learners, "learners", 2000, "learners in the seeded database")
	fs.IntVar(&c.cards, "cards", 300, "cards per learner, in every state")
	fs.IntVar(&c.concurrency, "c", 32, "concurrent clients")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "measured time per scenario")
	fs.DurationVar(&c.warmup, "warmup", time.Second, "unmeasured warm-up before each scenario")
	fs.Float64Var(&c.examShare, "exam-share", 0.5, "share of learners with an exam date (exam mode)")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed for the data and the load")
	fs.BoolVar(&c.growth, "growth", false, "also measure review submit and next card at -growth-learners")
	growth := fs.String("growth-learners", "200,2000,20000", "learner counts for the growth table")
	fs.IntVar(&c.growthCards, "growth-cards", 300, "cards per learner in the growth runs")
	fs.DurationVar(&c.growthDuration, "growth-duration", 5*time.Second, "measured time per growth scenario")
	fs.IntVar(&c.growthActive, "growth-active", 200, "learners the growth load picks from, spread over the whole database")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory (databases, server logs)")
	fs.StringVar(&c.dir, "dir", defaultDir(), "where to make the temporary directory: on a real disk, since commits wait for fsync")
	fs.DurationVar(&c.waitIdle, "wait-idle", 30*time.Second, "before each measurement, wait up to this long for the rest of the machine to go quiet")
	fs.StringVar(&c.server, "server", "", "a sabaq binary to run instead of building ./cmd/sabaq")
	fs.BoolVar(&c.class, "class", true, "also run the class-in-session scenario (students thinking 5–15 s per card, teacher's dashboard every 10 s)")
	fs.IntVar(&c.classStudents, "class-students", 300, "students in the class-in-session scenario")
	fs.DurationVar(&c.classDuration, "class-duration", time.Minute, "length of the class-in-session scenario")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for f := range strings.SplitSeq(*growth, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return c, fmt.Errorf("-growth-learners: %q is not a count", f)
		}
		c.growthLearners = append(c.growthLearners, n)
	}
	if c.learners < 1 || c.cards < 1 || c.concurrency < 1 || c.duration <= 0 {
		return c, fmt.Errorf("-learners, -cards, -c and -duration must be positive")
	}
	return c, nil
}

// bench holds what the steps of one run share.
type bench struct {
	cfg       config
	dir       string
	bin       string
	questions []db.SeedQuestion
	paths     []string
	log       io.Writer // progress, on standard error
	// The hot queries' plans on the last database seeded, of plansAt learners.
	plans   []db.QueryPlan
	plansAt int
	// The main database and its learners, for the scaling runs.
	mainPath     string
	mainLearners []*benchLearner
}

func (b *bench) progress(format string, args ...any) {
	fmt.Fprintf(b.log, "· "+format+"\n", args...)
}

// quiet waits for the machine to go quiet before a measurement, and says so
// when it did not.
func (b *bench) quiet() {
	if b.cfg.waitIdle > 0 && !waitQuiet(b.cfg.waitIdle) {
		b.progress("the machine is busy with other work; measuring anyway (see the other load columns)")
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	began := time.Now()
	dir, err := os.MkdirTemp(cfg.dir, "sabaq-bench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Fprintln(stderr, "keeping", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	// Interrupted, leave no gigabytes behind (the servers end with us: see
	// startChild).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		if !cfg.keep {
			os.RemoveAll(dir)
		}
		fmt.Fprintln(stderr, "sabaq-bench: interrupted")
		os.Exit(130)
	}()
	b := &bench{cfg: cfg, dir: dir, log: stderr}

	tl, err := questions.Load()
	if err != nil {
		return err
	}
	for _, q := range questions.NewBank(tl).Questions {
		b.questions = append(b.questions, db.SeedQuestion{ID: q.ID, EventID: q.Sibling()})
	}
	if cfg.cards > len(b.questions) || cfg.growthCards > len(b.questions) {
		return fmt.Errorf("at most %d cards per learner: the bank has %d questions", len(b.questions), len(b.questions))
	}
	b.paths = gradePaths(b.questions)

	var buildTime time.Duration
	if b.bin = cfg.server; b.bin == "" {
		b.progress("building ./cmd/sabaq")
		if b.bin, buildTime, err = buildServer(dir); err != nil {
			return err
		}
	}

	rep := &report{cfg: cfg, buildTime: buildTime, dir: dir, fs: fsType(dir)}
	if err := b.coldStarts(rep); err != nil {
		return err
	}
	if err := b.mainRun(rep); err != nil {
		return err
	}
	if err := b.scaling(rep); err != nil {
		return err
	}
	if cfg.growth {
		for _, n := range cfg.growthLearners {
			g, err := b.growthRun(n)
			if err != nil {
				return err
			}
			rep.growth = append(rep.growth, g)
		}
	}
	rep.plans, rep.plansAt = b.plans, b.plansAt
	rep.total = time.Since(began)
	rep.print(stdout)
	return nil
}

// coldStarts starts the server five times on an empty database (every
// migration runs, the question bank is generated) and keeps the times from
// exec to the first 200 on /healthz.
func (b *bench) coldStarts(rep *report) error {
	b.progress("cold starts on empty databases")
	b.quiet()
	for i := range 5 {
		path := filepath.Join(b.dir, fmt.Sprintf("cold%d.db", i))
		c, err := startServer(b.bin, path, filepath.Join(b.dir, "cold.log"))
		if err != nil {
			return err
		}
		rep.coldStarts = append(rep.coldStarts, c.coldStart)
		c.stop()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}
	return nil
}

// seed makes a database of n learners with cards each, and returns them
// with their CSRF tokens.
func (b *bench) seed(path string, n, cards int) ([]*benchLearner, []db.SeededLearner, time.Duration, error) {
	ctx := context.Background()
	store, err := db.Open(ctx, path)
	if err != nil {
		return nil, nil, 0, err
	}
	defer store.Close()
	start := time.Now()
	seeded, err := store.SeedLearners(ctx, db.SeedOptions{
		Learners: n, CardsEach: cards, Questions: b.questions, Now: time.Now(),
		Rand: rand.New(rand.NewPCG(b.cfg.seed, uint64(n))), ExamShare: b.cfg.examShare, QuizShare: 0.3,
	})
	if err != nil {
		return nil, nil, 0, err
	}
	took := time.Since(start)
	if b.plans, err = store.QueryPlans(ctx); err != nil {
		return nil, nil, 0, err
	}
	b.plansAt = n
	key, err := store.Secret(ctx, "csrf")
	if err != nil {
		return nil, nil, 0, err
	}
	ls := make([]*benchLearner, len(seeded))
	for i, s := range seeded {
		ls[i] = &benchLearner{SeededLearner: s, csrf: csrfToken(key, s.Token)}
		// The load tracks versions in its own copy of the cards.
		ls[i].Cards = slices.Clone(s.Cards)
	}
	return ls, seeded, took, nil
}

func dbSize(path string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// mainRun seeds the main database, measures the two ceilings, then the
// server's scenarios, memory and page weight.
func (b *bench) mainRun(rep *report) error {
	ctx := context.Background()
	cfg := b.cfg
	path := filepath.Join(b.dir, "main.db")
	b.progress("seeding %d learners × %d cards", cfg.learners, cfg.cards)
	learners, seeded, took, err := b.seed(path, cfg.learners, cfg.cards)
	if err != nil {
		return err
	}
	rep.seedTime, rep.dbSize = took, dbSize(path)
	b.mainPath, b.mainLearners = path, learners
	var class *benchClass
	if cfg.class && cfg.classStudents > 0 && cfg.classDuration > 0 {
		b.progress("seeding a class of %d students × %d cards and its teacher", cfg.classStudents, cfg.cards)
		var took time.Duration
		if class, took, err = b.seedClass(path, cfg.classStudents, cfg.cards); err != nil {
			return err
		}
		rep.class = &classResult{seedTime: took}
	}

	// Ceiling 1: the bare SQLite commit loop, on a copy.
	copyPath := filepath.Join(b.dir, "ceiling.db")
	store, err := db.Open(ctx, path)
	if err != nil {
		return err
	}
	err = store.Backup(ctx, copyPath)
	store.Close()
	if err != nil {
		return err
	}
	versions := cardVersions(seeded) // of the copy, apart from the ones the server scenarios track
	for _, g := range []int{1, cfg.concurrency} {
		b.progress("ceiling: bare SQLite review commits, %d goroutine(s)", g)
		b.quiet()
		res, err := sqliteCeiling(copyPath, seeded, versions, b.questions, g, cfg.warmup, cfg.duration)
		if err != nil {
			return err
		}
		rep.sqlite = append(rep.sqlite, sqliteRow{goroutines: g, res: res})
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(copyPath + suffix)
	}

	// Ceiling 2: a bare Fiber handler.
	b.progress("ceiling: bare Fiber handler")
	b.quiet()
	bare, err := startBare(filepath.Join(b.dir, "bare.log"))
	if err != nil {
		return err
	}
	rep.bare = generate(bare.addr, pageClients(cfg.concurrency, bare.addr, "/", learners, cfg.seed), cfg.warmup, cfg.duration, bare.pid())
	bare.stop()

	// The real server.
	srv, err := startServer(b.bin, path, filepath.Join(b.dir, "server.log"))
	if err != nil {
		return err
	}
	defer srv.stop()
	rep.coldSeeded = srv.coldStart
	if err := verifyCSRF(srv.addr, learners[0]); err != nil {
		return err
	}
	// Page weight as a learner with cards due sees it.
	for _, p := range []string{"/review", "/"} {
		pw, err := measurePage(srv.addr, p, learners[0])
		if err != nil {
			return err
		}
		rep.pages = append(rep.pages, pw)
	}

	n := min(cfg.concurrency, len(learners))
	// Each learner's first page, with nothing kept in memory, is measured
	// as a pass of its own; the timed scenario then draws random learners
	// whose queues the server keeps, as it does once a session is going
	// (README, Performance, says what each costs).
	b.progress("first review page of each of %d learners: GET /review, %d clients", len(learners), n)
	b.quiet()
	rep.scenarios = append(rep.scenarios, scenarioRow{name: "first review page of each learner",
		ceiling: "fiber", res: firstPages(srv.addr, "/review", learners, n, srv.pid())})
	b.progress("next-card page: GET /review, %d clients, %s", n, cfg.duration)
	b.quiet()
	rep.scenarios = append(rep.scenarios, scenarioRow{name: "next-card page (GET /review)", ceiling: "fiber",
		res: generate(srv.addr, pageClients(n, srv.addr, "/review", learners, cfg.seed), cfg.warmup, cfg.duration, srv.pid())})

	b.progress("review submit: POST /review/card/ID/grade, %d clients, %s", n, cfg.duration)
	b.quiet()
	before, err := countReviews(path)
	if err != nil {
		return err
	}
	sub := generate(srv.addr, submitClients(n, srv.addr, b.paths, learners, cfg.seed), cfg.warmup, cfg.duration, srv.pid())
	after, err := countReviews(path)
	if err != nil {
		return err
	}
	rep.submitsApplied, rep.submitsAcked = after-before, int64(sub.okTotal)
	rep.scenarios = append(rep.scenarios, scenarioRow{name: "review submit (POST grade)", ceiling: "sqlite", res: sub})

	// After the submit scenario, whose clients kept the learners' card
	// versions up to date.
	b.progress("review session: GET /review then POST its grade, %d clients, %s", n, cfg.duration)
	b.quiet()
	before, err = countReviews(path)
	if err != nil {
		return err
	}
	sess := generate(srv.addr, sessionClients(n, srv.addr, b.questions, learners, cfg.seed), cfg.warmup, cfg.duration, srv.pid())
	if after, err = countReviews(path); err != nil {
		return err
	}
	rep.sessionReviews = after - before
	rep.scenarios = append(rep.scenarios, scenarioRow{name: "review session (GET next card, POST grade)", res: sess})

	b.progress("timeline page: GET /timeline, %d clients, %s", n, cfg.duration)
	b.quiet()
	rep.scenarios = append(rep.scenarios, scenarioRow{name: "timeline page (GET /timeline)", ceiling: "fiber",
		res: generate(srv.addr, pageClients(n, srv.addr, "/timeline", learners, cfg.seed), cfg.warmup, cfg.duration, srv.pid())})
	b.publicScenarios(rep, srv.addr, srv.pid(), n, learners)
	if class != nil {
		if err := b.classScenario(rep, srv, path, class); err != nil {
			return err
		}
	}

	rep.hwm = procStatus(srv.pid(), "VmHWM")
	return nil
}

// growthRun measures review submit and the next-card page on a database of
// n learners.
func (b *bench) growthRun(n int) (growthRow, error) {
	cfg := b.cfg
	path := filepath.Join(b.dir, fmt.Sprintf("growth%d.db", n))
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}()
	b.progress("growth: seeding %d learners × %d cards", n, cfg.growthCards)
	learners, _, took, err := b.seed(path, n, cfg.growthCards)
	if err != nil {
		return growthRow{}, err
	}
	g := growthRow{learners: n, cards: cfg.growthCards, seedTime: took, dbSize: dbSize(path)}
	srv, err := startServer(b.bin, path, filepath.Join(b.dir, fmt.Sprintf("growth%d.log", n)))
	if err != nil {
		return g, err
	}
	defer srv.stop()
	g.coldStart = srv.coldStart
	// The same number of learners active at every size, spread over the
	// whole database: what grows is the tables, not how often each active
	// learner comes back (which would change the exam forecasts' hit rate).
	active := spread(learners, cfg.growthActive)
	c := min(cfg.concurrency, len(active))
	b.progress("growth %d: next card and submit, %s each, %d active learners", n, cfg.growthDuration, len(active))
	b.quiet()
	g.next = generate(srv.addr, pageClients(c, srv.addr, "/review", active, cfg.seed), cfg.warmup, cfg.growthDuration, srv.pid())
	b.quiet()
	g.submit = generate(srv.addr, submitClients(c, srv.addr, b.paths, active, cfg.seed), cfg.warmup, cfg.growthDuration, srv.pid())
	// Then every learner of the database comes by once: what keeping their
	// review states costs in memory, with its cap.
	b.progress("growth %d: every learner's first review page", n)
	b.quiet()
	g.rssBefore = procStatus(srv.pid(), "VmRSS")
	g.all = firstPages(srv.addr, "/review", learners, c, srv.pid())
	g.rssAll = g.all.peakRSS
	g.hwm = procStatus(srv.pid(), "VmHWM")
	return g, nil
}

// spread picks n learners evenly spaced through all of them (all if n is
// larger).
func spread(all []*benchLearner, n int) []*benchLearner {
	if n <= 0 || n >= len(all) {
		return all
	}
	out := make([]*benchLearner, n)
	for i := range out {
		out[i] = all[i*len(all)/n]
	}
	return out
}

// defaultDir is $TMPDIR if set, else /var/tmp, which is on disk where /tmp
// may be a tmpfs (as on Debian 13): there fsync costs nothing, and the growth
// run's 6 GB would sit in memory.
func defaultDir() string {
	if d := os.Getenv("TMPDIR"); d != "" {
		return d
	}
	if fi, err := os.Stat("/var/tmp"); err == nil && fi.IsDir() {
		return "/var/tmp"
	}
	return os.TempDir()
}
