package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sabaq/questions/srs"
)

// optimize is `sabaq optimize FILE`: it fits FSRS-6's weights to a CSV
// review log (srs.Optimize) and tests them out of sample against the
// defaults: fitted on the first 80% of the reviews by time and scored on
// the rest (and in sample), and in srs-benchmark's 5-fold time-series
// split. It prints the weights fitted to the whole log last, and whether
// they may be used: only if they beat the defaults on held-out reviews.
func optimize(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("optimize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	steps := fs.Int("steps", 300, "gradient steps per fit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sabaq optimize [-steps N] FILE")
		fmt.Fprintln(stderr, reviewLogHelp)
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 || *steps < 1 {
		fs.Usage()
		return fmt.Errorf("%w: optimize takes one review log file and a positive -steps", errUsage)
	}
	name := fs.Arg(0)
	reviews, err := readReviewLog(name)
	if err != nil {
		return err
	}
	opts := srs.FitOptions{Steps: *steps}
	split, err := srs.TimeSplit(reviews, 0.8, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	row := func(what string, s srs.Scores) {
		fmt.Fprintf(stdout, "  %-9s log loss %.4f  AUC %.4f  RMSE(bins) %.4f  (%d reviews)\n", what, s.LogLoss, s.AUC, s.RMSEBins, s.Reviews)
	}
	fmt.Fprintf(stdout, "fitted on the first 80%% of the reviews by time (before %s), scored on the rest:\n", split.Cut.Format("2006-01-02 15:04"))
	row("defaults", split.Default)
	row("fitted", split.Fitted)
	fmt.Fprintln(stdout, "the same weights on the first 80% (in sample):")
	row("defaults", split.InDefault)
	row("fitted", split.InFits)
	folds, err := srs.TimeSeriesSplits(reviews, 5, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var def, fit srs.Scores
	for _, s := range folds {
		def.LogLoss += s.Default.LogLoss / float64(len(folds))
		def.AUC += s.Default.AUC / float64(len(folds))
		def.RMSEBins += s.Default.RMSEBins / float64(len(folds))
		def.Reviews += s.Default.Reviews
		fit.LogLoss += s.Fitted.LogLoss / float64(len(folds))
		fit.AUC += s.Fitted.AUC / float64(len(folds))
		fit.RMSEBins += s.Fitted.RMSEBins / float64(len(folds))
		fit.Reviews += s.Fitted.Reviews
	}
	fmt.Fprintf(stdout, "5-fold time-series split (fit on parts 1..k, score part k+1; means of the folds):\n")
	row("defaults", def)
	row("fitted", fit)
	w, err := srs.Optimize(reviews, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	parts := make([]string, len(w))
	for i, x := range w {
		parts[i] = strconv.FormatFloat(x, 'f', 4, 64)
	}
	fmt.Fprintf(stdout, "weights fitted to the whole log:\n  %s\n", strings.Join(parts, ", "))
	if split.Fitted.LogLoss < split.Default.LogLoss && fit.LogLoss < def.LogLoss {
		fmt.Fprintln(stdout, "they beat the defaults on held-out reviews: fit to use")
	} else {
		fmt.Fprintln(stdout, "they do not beat the defaults on held-out reviews: keep the defaults")
	}
	return nil
}
