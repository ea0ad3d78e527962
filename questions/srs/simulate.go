package srs

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// SimConfig describes a simulated class revising one deck for an exam.
type SimConfig struct {
	Learners   int
	Cards      int       // cards in the deck
	ExamDay    int       // the exam is on this day; days 0 to ExamDay-1 are for study
	NewPerDay  int       // the learners' daily new-card limit
	Retentions []float64 // desired retentions to compare
	Seed       uint64
	// WeightSpread is the standard deviation of the log of the factor each
	// of a learner's true FSRS weights differs from the scheduler's by.
	WeightSpread float64
	// ReviewsPerDay is the learners' daily review limit (cards in review,
	// top-ups and planned reviews; learning steps are not capped).
	ReviewsPerDay int
	// Memory is how the simulated learners really remember.
	Memory SimMemory
}

// SimMemory is a simulated learner's true memory model.
type SimMemory string

const (
	// MemoryFSRS: FSRS-6 with each learner's own weights, spread around
	// the scheduler's (WeightSpread).
	MemoryFSRS SimMemory = "fsrs"
	// MemoryPowerLaw: not FSRS at all. Recall after t days is
	// (1 + t/h)^-c, a power law, where c is the card's difficulty for that
	// learner (PowerDecay·exp(PowerSpread·z), z normal per learner and
	// card) and h the memory's strength in days. A card's first showing
	// leaves h = PowerFirst[grade]; a recalled review adds PowerGrowth
	// times the days since the last one, plus PowerStep (so same-day
	// steps add a little); a forgotten one multiplies h by PowerLapse.
	MemoryPowerLaw SimMemory = "power"
)

// The power-law learner's parameters (see MemoryPowerLaw), chosen so that
// at retention 0.90 plain FSRS scheduling leaves it recalling about as
// much on exam day as the FSRS learner.
const (
	PowerDecay  = 0.35
	PowerSpread = 0.5
	PowerGrowth = 1.6
	PowerStep   = 0.4
	PowerLapse  = 0.3
)

// PowerFirst is the power-law learner's strength in days after a card's
// first showing, by its first grade (Again, Hard, Good, Easy).
var PowerFirst = [4]float64{0.1, 0.4, 1, 3}

// SimMode is how the scheduler plans for the exam in a run.
type SimMode string

const (
	SimPlain   SimMode = "plain"        // FSRS due dates only
	SimExam    SimMode = "exam"         // exam mode: PlanExam's top-ups in the last TopUpDays days
	SimOptimal SimMode = "exam-optimal" // PlanExamOptimal's plan for the last PlanWindowDays days
)

// SimModes are the modes Simulate runs, in the order of its results.
var SimModes = []SimMode{SimPlain, SimExam, SimOptimal}

// DefaultSimConfig is the class `sabaq simulate` runs without flags.
func DefaultSimConfig() SimConfig {
	return SimConfig{
		Learners:      20,
		Cards:         300,
		ExamDay:       30,
		NewPerDay:     20,
		Retentions:    []float64{0.80, 0.85, 0.90, 0.95},
		Seed:          1,
		WeightSpread:  0.2,
		ReviewsPerDay: 0,
		Memory:        MemoryFSRS,
	}
}

// Validate reports the first setting out of range.
func (c SimConfig) Validate() error {
	switch {
	case c.Learners < 1 || c.Learners > 10000:
		return fmt.Errorf("learners must be between 1 and 10000")
	case c.Cards < 1 || c.Cards > 100000:
		return fmt.Errorf("cards must be between 1 and 100000")
	case c.ExamDay < 1 || c.ExamDay > 3650:
		return fmt.Errorf("exam day must be between 1 and 3650")
	case c.NewPerDay < 0:
		return fmt.Errorf("new cards per day must not be negative")
	case c.ReviewsPerDay < 0:
		return fmt.Errorf("reviews per day must not be negative")
	case c.Memory != MemoryFSRS && c.Memory != MemoryPowerLaw:
		return fmt.Errorf("memory must be %q or %q", MemoryFSRS, MemoryPowerLaw)
	case len(c.Retentions) == 0:
		return fmt.Errorf("give at least one retention")
	case math.IsNaN(c.WeightSpread) || c.WeightSpread < 0 || c.WeightSpread > 2:
		return fmt.Errorf("weight spread must be between 0 and 2")
	}
	for _, r := range c.Retentions {
		s := DefaultSettings()
		s.DesiredRetention = r
		if err := s.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// SimResult is one retention and mode, summed over the class.
type SimResult struct {
	Retention  float64
	Mode       SimMode
	Memory     SimMemory
	Learners   int
	Cards      int
	Days       int     // study days before the exam
	Reviews    int     // reviews done by the whole class, learning steps included
	Recalled   float64 // expected cards recalled on the exam morning, summed over learners
	Introduced int     // cards shown before the exam, summed over learners
}

// MeanReviews is the reviews one learner did on average.
func (r SimResult) MeanReviews() float64 { return float64(r.Reviews) / float64(r.Learners) }

// MeanRecalled is the cards one learner recalled on average on exam day.
func (r SimResult) MeanRecalled() float64 { return r.Recalled / float64(r.Learners) }

// RecalledShare is MeanRecalled as a share of the deck.
func (r SimResult) RecalledShare() float64 { return r.MeanRecalled() / float64(r.Cards) }

// ReviewsPerDay is the reviews one learner did on an average study day.
func (r SimResult) ReviewsPerDay() float64 { return r.MeanReviews() / float64(r.Days) }

// How simulated learners grade: fsrs-rs's simulator defaults. A new card's
// first grade is Again, Hard, Good or Easy with these probabilities; a
// recalled card is Hard, Good or Easy with these.
var (
	simFirstGrades  = [4]float64{0.24, 0.094, 0.495, 0.171}
	simRecallGrades = [3]float64{0.224, 0.631, 0.145}
)

// The simulated clock: day 0 starts Monday 2025-01-06 04:00 in Karachi's
// fixed UTC+5, each day's study session begins at 18:00 and each review
// takes 20 seconds; the exam is at 09:00.
var (
	simZone      = time.FixedZone("PKT", 5*60*60)
	simDay0      = time.Date(2025, 1, 6, DayStartHour, 0, 0, 0, simZone)
	simSession   = 14 * time.Hour
	simReviewDur = 20 * time.Second
	simExamHour  = 5 * time.Hour
)

// Simulate runs a class through every retention in every mode (SimModes)
// and returns a result for each, retention by retention, in SimModes
// order.
//
// With MemoryFSRS each learner remembers by FSRS-6 with their own "true"
// weights: the scheduler's defaults, each multiplied by
// exp(WeightSpread·z) with z drawn per learner and weight, then clipped to
// FSRS's ranges as go-fsrs does. So the scheduler's predictions are off in
// ways that differ between learners. With MemoryPowerLaw they remember by
// a power law that is not FSRS (see MemoryPowerLaw). A review is recalled
// with the true model's probability at that moment (fractional days since
// the last review); a forgotten card is graded Again, a recalled one by
// simRecallGrades; a new card's first grade follows simFirstGrades. Each
// day the learner does, at 18:00, the reviews the mode gives them (up to
// ReviewsPerDay), then the new cards up to the limit, with learning steps
// as their minutes come round: plain mode every review due by the end of
// the day; exam mode those and PlanExam's top-ups; exam-optimal mode, in
// the plan's window, the reviews PlanExamOptimal plans for that day, and
// before it the due ones. Every mode takes new cards at the same limit. On
// the exam morning the cards recalled are the sum of the true recall
// probabilities; an unseen card counts as not recalled.
//
// Runs use every CPU; the figures depend only on the config. A learner's
// memory and each card's random draws are the same across retentions and
// modes, so the comparisons are paired.
func Simulate(cfg SimConfig) ([]SimResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	weights := make([][]float64, cfg.Learners)
	def := fsrs.DefaultWeights()
	for l := range weights {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(l)))
		w := make([]float64, len(def))
		for i := range w {
			w[i] = def[i] * math.Exp(cfg.WeightSpread*rng.NormFloat64())
		}
		weights[l] = w
	}
	ids := make([]string, cfg.Cards)
	index := make(map[string]int, cfg.Cards)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
		index[ids[i]] = i
	}

	type job struct {
		result, learner int
	}
	type outcome struct {
		reviews, introduced int
		recalled            float64
		err                 error
	}
	results := make([]SimResult, 0, len(SimModes)*len(cfg.Retentions))
	for _, r := range cfg.Retentions {
		for _, mode := range SimModes {
			results = append(results, SimResult{
				Retention: r, Mode: mode, Memory: cfg.Memory, Learners: cfg.Learners, Cards: cfg.Cards, Days: cfg.ExamDay,
			})
		}
	}
	outcomes := make([]outcome, len(results)*cfg.Learners)
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(outcomes)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run := newSimRun(cfg, ids, index)
			for j := range jobs {
				res := results[j.result]
				o := &outcomes[j.result*cfg.Learners+j.learner]
				if o.err = run.reset(res.Retention, weights[j.learner], j.learner); o.err != nil {
					continue
				}
				if o.err = run.study(res.Mode); o.err != nil {
					continue
				}
				o.reviews, o.introduced, o.recalled = run.reviews, run.introduced, run.recalled()
			}
		}()
	}
	for r := range results {
		for l := range cfg.Learners {
			jobs <- job{result: r, learner: l}
		}
	}
	close(jobs)
	wg.Wait()

	// Sum in a fixed order so float totals do not depend on scheduling.
	for r := range results {
		for l := range cfg.Learners {
			o := outcomes[r*cfg.Learners+l]
			if o.err != nil {
				return nil, o.err
			}
			results[r].Reviews += o.reviews
			results[r].Introduced += o.introduced
			results[r].Recalled += o.recalled
		}
	}
	return results, nil
}

// simCard is one card as the scheduler sees it and as the learner's memory
// really holds it, with the card's own stream of random numbers.
type simCard struct {
	sched, truth Card
	rng          rand.PCG
	// The power-law learner's memory: strength in days, the card's decay
	// exponent, and the last review.
	strength, decay float64
	last            time.Time
}

// simRun is one learner working through the deck at one retention; a
// worker reuses it from run to run.
type simRun struct {
	cfg   SimConfig
	ids   []string
	index map[string]int

	sched, truth *Scheduler
	cards        []simCard
	introduced   int // cards 0 to introduced-1 have been shown
	reviews      int

	// uniform draws the next number in [0, 1) for card i.
	uniform         func(i int) float64
	first           [4]float64
	recallGrades    [3]float64
	queue, learning []int
	infos           []CardInfo
}

func newSimRun(cfg SimConfig, ids []string, index map[string]int) *simRun {
	r := &simRun{
		cfg:          cfg,
		ids:          ids,
		index:        index,
		cards:        make([]simCard, cfg.Cards),
		first:        simFirstGrades,
		recallGrades: simRecallGrades,
	}
	r.uniform = func(i int) float64 {
		return float64(r.cards[i].rng.Uint64()>>11) / (1 << 53)
	}
	return r
}

// reset readies the run for a learner with the given true weights at a
// desired retention.
func (r *simRun) reset(retention float64, weights []float64, learner int) error {
	s := DefaultSettings()
	s.DesiredRetention = retention
	sched, err := New(s)
	if err != nil {
		return err
	}
	t := DefaultSettings()
	t.Fuzz = false
	t.Weights = ClipWeights(t, weights)
	truth, err := New(t)
	if err != nil {
		return err
	}
	r.sched, r.truth = sched, truth
	for i := range r.cards {
		c := &r.cards[i]
		c.sched, c.truth = NewCard(simDay0), NewCard(simDay0)
		c.rng.Seed(r.cfg.Seed^0x9e3779b97f4a7c15, uint64(learner)<<32|uint64(i))
		// Drawn from its own stream, so the FSRS learner's draws are as
		// they were before the power-law learner existed.
		z := rand.New(rand.NewPCG(r.cfg.Seed^0x51afd7ed558ccd, uint64(learner)<<32|uint64(i))).NormFloat64()
		c.strength, c.decay, c.last = 0, PowerDecay*math.Exp(PowerSpread*z), time.Time{}
	}
	r.introduced, r.reviews = 0, 0
	return nil
}

// study runs every day before the exam.
func (r *simRun) study(mode SimMode) error {
	for day := range r.cfg.ExamDay {
		if err := r.day(day, mode); err != nil {
			return err
		}
	}
	return nil
}

// day runs one study session: due reviews (and top-ups), then new cards,
// with learning steps taken as soon as their minutes are up.
func (r *simRun) day(day int, mode SimMode) error {
	start := addDays(simDay0, day)
	end := addDays(start, 1)
	clock := start.Add(simSession)

	r.queue = r.queue[:0]
	for i := range r.introduced {
		c := r.cards[i].sched
		if c.State == Review && c.Due.Before(end) {
			r.queue = append(r.queue, i)
		}
	}
	newLeft := r.cfg.NewPerDay
	if mode != SimPlain {
		r.infos = r.infos[:0]
		for i := range r.introduced {
			r.infos = append(r.infos, CardInfo{ID: r.ids[i], Card: r.cards[i].sched})
		}
		in := ExamInput{
			Cards:        r.infos,
			NewRemaining: r.cfg.Cards - r.introduced,
			NewLimit:     r.cfg.NewPerDay,
			Exam:         addDays(simDay0, r.cfg.ExamDay),
			Now:          clock,
			Location:     simZone,
		}
		switch mode {
		case SimExam:
			if plan, ok := PlanExam(in); ok {
				for _, id := range plan.DueTopUps(clock) {
					r.queue = append(r.queue, r.index[id])
				}
				newLeft = plan.NewLeftToday
			}
		case SimOptimal:
			if plan, ok := r.sched.PlanExamOptimal(OptimalInput{ExamInput: in, ReviewsPerDay: r.cfg.ReviewsPerDay}); ok {
				if plan.WindowDay == 0 {
					r.queue = r.queue[:0]
					for _, id := range plan.TodayIDs() {
						r.queue = append(r.queue, r.index[id])
					}
				}
				newLeft = plan.NewLeftToday
			}
		}
	}
	if limit := r.cfg.ReviewsPerDay; limit > 0 && len(r.queue) > limit {
		r.queue = r.queue[:limit]
	}
	newLeft = min(newLeft, r.cfg.Cards-r.introduced)

	r.learning = r.learning[:0]
	next := 0
	for {
		// The learning card whose step is up soonest.
		li := -1
		for k, i := range r.learning {
			if li < 0 || r.cards[i].sched.Due.Before(r.cards[r.learning[li]].sched.Due) {
				li = k
			}
		}
		var i int
		switch {
		case li >= 0 && !r.cards[r.learning[li]].sched.Due.After(clock):
			i = r.learning[li]
			r.learning[li] = r.learning[len(r.learning)-1]
			r.learning = r.learning[:len(r.learning)-1]
		case next < len(r.queue):
			i = r.queue[next]
			next++
		case newLeft > 0:
			i = r.introduced
			r.introduced++
			newLeft--
		case li >= 0:
			clock = r.cards[r.learning[li]].sched.Due
			continue
		default:
			return nil
		}
		if err := r.review(i, clock); err != nil {
			return err
		}
		if s := r.cards[i].sched.State; s == Learning || s == Relearning {
			r.learning = append(r.learning, i)
		}
		clock = clock.Add(simReviewDur)
	}
}

// review shows card i at now and grades it as the learner's memory decides.
func (r *simRun) review(i int, now time.Time) error {
	c := &r.cards[i]
	var g Rating
	if c.truth.State == StateNew {
		g = Again + Rating(pickShare(r.first[:], r.uniform(i)))
	} else if r.uniform(i) >= r.trueRecall(c, now) {
		g = Again
	} else {
		g = Hard + Rating(pickShare(r.recallGrades[:], r.uniform(i)))
	}
	if r.cfg.Memory == MemoryPowerLaw {
		switch {
		case c.last.IsZero():
			c.strength = PowerFirst[g-Again]
		case g == Again:
			c.strength *= PowerLapse
		default:
			c.strength += PowerGrowth*now.Sub(c.last).Hours()/24 + PowerStep
		}
		c.last = now
	}
	var err error
	if c.sched, err = r.sched.Review(c.sched, now, g); err != nil {
		return err
	}
	if c.truth, err = r.truth.Review(c.truth, now, g); err != nil {
		return err
	}
	r.reviews++
	return nil
}

// trueRecall is the probability the learner really recalls card c at t.
func (r *simRun) trueRecall(c *simCard, t time.Time) float64 {
	if r.cfg.Memory == MemoryPowerLaw {
		if c.last.IsZero() {
			return 0
		}
		return math.Pow(1+t.Sub(c.last).Hours()/24/c.strength, -c.decay)
	}
	if c.truth.State == StateNew {
		return 0
	}
	return r.truth.ForgettingCurve(t.Sub(c.truth.LastReview).Hours()/24, c.truth.Stability)
}

// pick returns the index u falls in when [0, 1) is cut in the shares of p.
func pickShare(p []float64, u float64) int {
	for k, share := range p {
		if u < share {
			return k
		}
		u -= share
	}
	return len(p) - 1
}

// recalled is the expected number of cards the learner recalls at the exam.
func (r *simRun) recalled() float64 {
	at := addDays(simDay0, r.cfg.ExamDay).Add(simExamHour)
	sum := 0.0
	for i := range r.introduced {
		sum += r.trueRecall(&r.cards[i], at)
	}
	return sum
}
