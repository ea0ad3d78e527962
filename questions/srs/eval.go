package srs

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// ReviewLogHeader is the header row of a review log, as in py-fsrs's
// published anki_review_log.csv.
var ReviewLogHeader = []string{"card_id", "review_rating", "review_time", "review_duration"}

// LoggedReview is one row of a review log.
type LoggedReview struct {
	CardID   string
	Rating   Rating
	Time     time.Time
	Duration time.Duration
	Line     int // where the row is in the file, for messages
}

// LogError is a problem with one line of a review log.
type LogError struct {
	Line int
	Msg  string
}

func (e *LogError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseReviewLog reads a CSV review log: the ReviewLogHeader row, then one
// review per row with a card id, a rating 1 (Again) to 4 (Easy), an RFC 3339
// time with its offset, and a duration in whole milliseconds. The first bad
// line stops it with a *LogError naming the line.
func ParseReviewLog(r io.Reader) ([]LoggedReview, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // counted below, for a clearer message
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &LogError{Line: 1, Msg: fmt.Sprintf("empty file, want the header %q", strings.Join(ReviewLogHeader, ","))}
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if !slices.Equal(trimAll(header), ReviewLogHeader) {
		line, _ := cr.FieldPos(0)
		return nil, &LogError{Line: line, Msg: fmt.Sprintf("header is %q, want %q", clip(strings.Join(header, ",")), strings.Join(ReviewLogHeader, ","))}
	}
	var out []LoggedReview
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		rv, err := parseReviewRow(trimAll(rec))
		if err != nil {
			return nil, &LogError{Line: line, Msg: err.Error()}
		}
		rv.Line = line
		out = append(out, rv)
	}
}

func parseReviewRow(rec []string) (LoggedReview, error) {
	if len(rec) != len(ReviewLogHeader) {
		return LoggedReview{}, fmt.Errorf("%d fields, want %d (%s)", len(rec), len(ReviewLogHeader), strings.Join(ReviewLogHeader, ","))
	}
	id, rating, at, dur := rec[0], rec[1], rec[2], rec[3]
	if id == "" {
		return LoggedReview{}, fmt.Errorf("card_id is empty")
	}
	g, err := strconv.Atoi(rating)
	if err != nil || g < int(Again) || g > int(Easy) {
		return LoggedReview{}, fmt.Errorf("review_rating %q must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)", clip(rating))
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return LoggedReview{}, fmt.Errorf("review_time %q is not an ISO 8601 time with an offset, like 2024-03-29T20:32:32.25+00:00", clip(at))
	}
	ms, err := strconv.ParseInt(dur, 10, 64)
	if err != nil || ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) {
		return LoggedReview{}, fmt.Errorf("review_duration %q must be a whole number of milliseconds, 0 or more", clip(dur))
	}
	return LoggedReview{CardID: id, Rating: Rating(g), Time: t, Duration: time.Duration(ms) * time.Millisecond}, nil
}

// clip shortens a value quoted in a message, so one bad megabyte-long field
// does not become a megabyte-long error.
func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	r := []rune(s[:n])
	return string(r[:len(r)-1]) + "…"
}

func trimAll(rec []string) []string {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec
}

func csvError(err error) error {
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		return &LogError{Line: pe.Line, Msg: pe.Err.Error()}
	}
	return err
}

// Evaluation is how well FSRS predicted recall on a review log, beside a
// baseline that predicts the log's recall rate for every review.
//
// A review is scored when it falls on a later day (ElapsedDays ≥ 1) than the
// card's previous review: the prediction is the retrievability FSRS gives at
// that moment from the memory state the card's earlier reviews built, and the
// outcome is recalled for any rating above Again. Same-day reviews update the
// memory state (FSRS-6 short-term stability) but are not scored: with whole
// days their elapsed time is 0, where FSRS predicts certain recall. The FSRS
// benchmark and py-fsrs's optimizer score the same reviews, though they draw
// the day line differently (Anki's 4 a.m. local rollover; whole 24-hour
// periods): here days are UTC calendar days, as our scheduler counts them.
type Evaluation struct {
	Cards      int
	Reviews    int     // all reviews in the log
	Scored     int     // reviews with a prediction
	SameDay    int     // reviews after a card's first on the same day: replayed, not scored
	RecallRate float64 // share of scored reviews recalled; the baseline's prediction

	// LogLoss is the mean binary cross-entropy of the predictions.
	LogLoss, BaselineLogLoss float64
	// AUC is the probability that a recalled review got a higher prediction
	// than a forgotten one (ties count half); NaN when every scored review
	// had the same outcome. A constant baseline scores 0.5.
	AUC float64
	// RMSEBins is the FSRS benchmark's calibration error: reviews are grouped
	// by elapsed days, review number (counting same-day reviews) and lapse
	// count on logarithmic scales (srs-benchmark's rmse_matrix), and the root
	// mean square of (mean outcome − mean prediction) is taken over the
	// groups, weighted by size.
	// Grouping by those features rather than by the prediction itself keeps
	// the constant baseline from scoring a perfect 0.
	RMSEBins, BaselineRMSEBins float64
}

// prediction is one scored review.
type prediction struct {
	p        float64 // predicted probability of recall
	recalled bool
	elapsed  uint64 // days since the card's previous review
	n        int    // the review's position in the card's history, from 1
	lapses   int    // earlier Again ratings on a later day than the review before
}

// replayStep is the memory state after one review of a card.
type replayStep struct {
	elapsed uint64
	memory  fsrs.MemoryState
}

// Evaluate replays every card's reviews in time order through FSRS with the
// settings' weights, predicting recall before each review, and scores the
// predictions. It fails if no review can be scored.
func Evaluate(reviews []LoggedReview, set Settings) (Evaluation, error) {
	sched, err := New(set)
	if err != nil {
		return Evaluation{}, err
	}
	params := sched.f.Parameters
	cards := groupByCard(reviews)
	ev := Evaluation{Cards: len(cards), Reviews: len(reviews)}
	var preds []prediction
	for _, card := range cards {
		p, sameDay := predictCard(&params, set.DesiredRetention, card)
		preds = append(preds, p...)
		ev.SameDay += sameDay
	}
	if len(preds) == 0 {
		return ev, fmt.Errorf("no review falls on a later day than its card's previous review: nothing to score")
	}
	ev.Scored = len(preds)
	score(&ev, preds)
	return ev, nil
}

// groupByCard splits reviews into cards, each in time order, the cards in
// the order they first appear.
func groupByCard(reviews []LoggedReview) [][]LoggedReview {
	index := map[string]int{}
	var cards [][]LoggedReview
	for _, r := range reviews {
		i, ok := index[r.CardID]
		if !ok {
			i = len(cards)
			index[r.CardID] = i
			cards = append(cards, nil)
		}
		cards[i] = append(cards[i], r)
	}
	for _, c := range cards {
		slices.SortStableFunc(c, func(a, b LoggedReview) int { return a.Time.Compare(b.Time) })
	}
	return cards
}

// replayCard runs one card's reviews, in time order, through FSRS's memory
// model, with elapsed days counted as the scheduler counts them.
func replayCard(params *fsrs.Parameters, retention float64, reviews []LoggedReview) []replayStep {
	steps := make([]replayStep, len(reviews))
	var mem *fsrs.MemoryState
	for i, r := range reviews {
		var elapsed uint64
		if i > 0 {
			elapsed = ElapsedDays(reviews[i-1].Time, r.Time)
		}
		next := params.NextState(mem, retention, elapsed, r.Rating)
		steps[i] = replayStep{elapsed: elapsed, memory: next.Memory}
		mem = &steps[i].memory
	}
	return steps
}

// predictCard returns the predictions for one card's scored reviews and how
// many of its reviews were same-day repeats.
func predictCard(params *fsrs.Parameters, retention float64, reviews []LoggedReview) (preds []prediction, sameDay int) {
	steps := replayCard(params, retention, reviews)
	lapses := 0
	for i := 1; i < len(reviews); i++ {
		e := steps[i].elapsed
		if e == 0 {
			sameDay++
			continue
		}
		r := reviews[i]
		preds = append(preds, prediction{
			p:        params.ForgettingCurve(float64(e), steps[i-1].memory.Stability),
			recalled: r.Rating > Again,
			elapsed:  e,
			n:        i + 1,
			lapses:   lapses,
		})
		if r.Rating == Again {
			lapses++
		}
	}
	return preds, sameDay
}

func score(ev *Evaluation, preds []prediction) {
	recalled := 0
	for _, p := range preds {
		if p.recalled {
			recalled++
		}
	}
	ev.RecallRate = float64(recalled) / float64(len(preds))
	base := make([]prediction, len(preds))
	for i, p := range preds {
		base[i] = p
		base[i].p = ev.RecallRate
	}
	ev.LogLoss, ev.BaselineLogLoss = logLoss(preds), logLoss(base)
	ev.AUC = auc(preds)
	ev.RMSEBins, ev.BaselineRMSEBins = rmseBins(preds), rmseBins(base)
}

// logLoss is the mean binary cross-entropy, predictions clipped to
// [1e-15, 1-1e-15] as scikit-learn does, so one confident miss is costly
// but finite.
func logLoss(preds []prediction) float64 {
	const eps = 1e-15
	sum := 0.0
	for _, p := range preds {
		q := min(max(p.p, eps), 1-eps)
		if p.recalled {
			sum -= math.Log(q)
		} else {
			sum -= math.Log(1 - q)
		}
	}
	return sum / float64(len(preds))
}

// auc is the area under the ROC curve by the rank-sum (Mann–Whitney) method,
// tied predictions sharing their average rank.
func auc(preds []prediction) float64 {
	sorted := slices.Clone(preds)
	slices.SortFunc(sorted, func(a, b prediction) int { return cmp.Compare(a.p, b.p) })
	var pos, neg, rankSum float64
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].p == sorted[i].p {
			j++
		}
		rank := float64(i+j+1) / 2 // ranks i+1 … j, averaged
		for k := i; k < j; k++ {
			if sorted[k].recalled {
				pos++
				rankSum += rank
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

// rmseBins is srs-benchmark's rmse_matrix: group reviews by elapsed days
// (bins growing ×3.62), review number (×1.89) and lapses (0, then ×1.73);
// take the size-weighted root mean square of (mean outcome − mean
// prediction) over the groups.
func rmseBins(preds []prediction) float64 {
	type bin struct{ elapsed, n, lapses int }
	type acc struct{ y, p, count float64 }
	groups := map[bin]*acc{}
	logBin := func(x, base float64) int { return int(math.Floor(math.Log(x) / math.Log(base))) }
	for _, p := range preds {
		b := bin{elapsed: logBin(max(float64(p.elapsed), 1e-6), 3.62), n: logBin(float64(p.n), 1.89), lapses: -1}
		if p.lapses > 0 {
			b.lapses = logBin(float64(p.lapses), 1.73)
		}
		g := groups[b]
		if g == nil {
			g = &acc{}
			groups[b] = g
		}
		if p.recalled {
			g.y++
		}
		g.p += p.p
		g.count++
	}
	var sum, total float64
	for _, g := range groups {
		d := g.y/g.count - g.p/g.count
		sum += g.count * d * d
		total += g.count
	}
	return math.Sqrt(sum / total)
}
