package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"sabaq/questions/srs"
)

// evalScheduler is `sabaq eval-scheduler [-fit=false] FILE`: it replays a
// CSV review log through the scheduler's memory model (default weights) and
// prints how well FSRS predicted recall, beside a constant baseline. Then,
// unless -fit=false, it holds out the newest fifth of the reviews and
// scores on it the defaults, weights fitted to the rest as the server fits
// them (srs.FitForUse), and what the server would then schedule with. There
// is no retention flag: desired retention changes intervals, not
// predictions.
func evalScheduler(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval-scheduler", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fit := fs.Bool("fit", true, "also score weights fitted to the older four fifths on the newest fifth (takes seconds)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sabaq eval-scheduler [-fit=false] FILE")
		fmt.Fprintln(stderr, reviewLogHelp)
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: eval-scheduler takes one review log file, got %d arguments", errUsage, fs.NArg())
	}
	name := fs.Arg(0)
	reviews, err := readReviewLog(name)
	if err != nil {
		return err
	}
	ev, err := srs.Evaluate(reviews, srs.DefaultSettings())
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	auc := "n/a (every scored review had the same outcome)"
	if !math.IsNaN(ev.AUC) {
		auc = fmt.Sprintf("%.4f", ev.AUC)
	}
	fmt.Fprintf(stdout, "reviews %d (cards %d; %d in the log, %d same-day repeats replayed but not scored)\n",
		ev.Scored, ev.Cards, ev.Reviews, ev.SameDay)
	fmt.Fprintf(stdout, "recall rate %.4f\n", ev.RecallRate)
	fmt.Fprintf(stdout, "log loss %.4f (baseline %.4f)\n", ev.LogLoss, ev.BaselineLogLoss)
	fmt.Fprintf(stdout, "AUC %s (baseline 0.5000)\n", auc)
	fmt.Fprintf(stdout, "RMSE(bins) %.4f (baseline %.4f)\n", ev.RMSEBins, ev.BaselineRMSEBins)
	if !*fit {
		return nil
	}
	fmt.Fprintln(stdout)
	rep, err := srs.FitForUse(reviews, srs.MinFitReviews, srs.FitOptions{})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if rep.DefaultLogLoss == 0 {
		fmt.Fprintf(stdout, "fitted weights: none (%s)\n", rep.Refused)
		return nil
	}
	fmt.Fprintf(stdout, "held out: the newest %d%% of the reviews by time (%d scored), as the server tests a fit\n",
		int(math.Round(100*(1-srs.FitShare))), rep.HeldOut)
	fmt.Fprintf(stdout, "  FSRS-6 defaults                      log loss %.4f\n", rep.DefaultLogLoss)
	fmt.Fprintf(stdout, "  FSRS-6 fitted to the older reviews   log loss %.4f\n", rep.FittedLogLoss)
	used, what := rep.DefaultLogLoss, "the defaults (the fit did not beat them)"
	if rep.Use {
		used, what = rep.FittedLogLoss, "the fitted weights"
	}
	fmt.Fprintf(stdout, "  as the server would schedule         log loss %.4f: %s\n", used, what)
	return nil
}

// reviewLogHelp says what a review log file holds, for the commands' usage.
const reviewLogHelp = "FILE is a CSV review log with the header card_id,review_rating,review_time,review_duration."

// readReviewLog reads a review log file; a bad row's error names the file
// and the line.
func readReviewLog(name string) ([]srs.LoggedReview, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reviews, err := srs.ParseReviewLog(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return reviews, nil
}
