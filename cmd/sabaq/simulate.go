package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sabaq/questions/srs"
)

// simulate runs `sabaq simulate`: a simulated class revising for an exam,
// with and without exam mode, at several desired retentions.
func simulate(args []string, stdout, stderr io.Writer) error {
	def := srs.DefaultSimConfig()
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	learners := fs.Int("learners", def.Learners, "simulated learners")
	cards := fs.Int("cards", def.Cards, "cards in the deck")
	examDay := fs.Int("exam-day", def.ExamDay, "day of the exam (days 0 to exam-day−1 are for study)")
	newPerDay := fs.Int("new-per-day", def.NewPerDay, "daily new-card limit")
	reviewsPerDay := fs.Int("reviews-per-day", def.ReviewsPerDay, "daily review limit (0: none)")
	memory := fs.String("memory", "both", "the learners' true memory: fsrs, power (a power law, not FSRS) or both")
	retentions := fs.String("retentions", formatRetentions(def.Retentions), "comma-separated desired retentions")
	seed := fs.Uint64("seed", def.Seed, "random seed; the same seed prints the same figures")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	cfg := def
	cfg.Learners, cfg.Cards, cfg.ExamDay, cfg.NewPerDay, cfg.Seed = *learners, *cards, *examDay, *newPerDay, *seed
	cfg.ReviewsPerDay = *reviewsPerDay
	memories := []srs.SimMemory{srs.MemoryFSRS, srs.MemoryPowerLaw}
	if *memory != "both" {
		memories = []srs.SimMemory{srs.SimMemory(*memory)}
	}
	rs, err := parseRetentions(*retentions)
	if err != nil {
		return fmt.Errorf("%w: -retentions: %v", errUsage, err)
	}
	cfg.Retentions = rs
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}

	start := time.Now()
	fmt.Fprintf(stdout, "%d learners, %d cards, %d new cards and up to %d reviews a day, exam on day %d, seed %d\n",
		cfg.Learners, cfg.Cards, cfg.NewPerDay, cfg.ReviewsPerDay, cfg.ExamDay, cfg.Seed)
	fmt.Fprintln(stdout, "figures are per learner, averaged over the class; recall per review is recalled on exam day / reviews done")
	for _, m := range memories {
		cfg.Memory = m
		if err := cfg.Validate(); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		results, err := srs.Simulate(cfg)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout)
		fmt.Fprintln(stdout, memoryTitle[m])
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "retention\tmode\treviews done\trecalled on exam day\t\treviews a day\trecall per review\t")
		for _, r := range results {
			fmt.Fprintf(tw, "%.2f\t%s\t%.0f\t%.1f of %d\t%.1f%%\t%.1f\t%.4f\t\n",
				r.Retention, r.Mode, r.MeanReviews(), r.MeanRecalled(), r.Cards, 100*r.RecalledShare(), r.ReviewsPerDay(),
				r.MeanRecalled()/r.MeanReviews())
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	// Timing goes to stderr so stdout stays the same for the same seed.
	fmt.Fprintf(stderr, "simulated in %v\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// memoryTitle heads each memory model's table.
var memoryTitle = map[srs.SimMemory]string{
	srs.MemoryFSRS:     "learners who remember by FSRS-6, with their own weights (spread 0.2 around the scheduler's)",
	srs.MemoryPowerLaw: "learners who remember by a power law, not FSRS: recall (1 + t/h)^-c, c per card",
}

func formatRetentions(rs []float64) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = strconv.FormatFloat(r, 'f', 2, 64)
	}
	return strings.Join(s, ",")
}

func parseRetentions(s string) ([]float64, error) {
	var rs []float64
	for _, f := range strings.Split(s, ",") {
		r, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", f)
		}
		rs = append(rs, r)
	}
	return rs, nil
}
