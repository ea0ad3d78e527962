// Package srs is Sabaq's spaced-repetition scheduler: FSRS-6 from go-fsrs,
// with our settings, validated by us (go-fsrs silently falls back to its
// defaults on bad parameters).
package srs

import (
	"fmt"
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// Card is one learner's memory state for one question.
type Card = fsrs.Card

// Rating is a review grade.
type Rating = fsrs.Rating

// State is where a card is in its life: new, learning, review, relearning.
type State = fsrs.State

// The grades and states, re-exported so callers need not import go-fsrs.
const (
	Again = fsrs.Again
	Hard  = fsrs.Hard
	Good  = fsrs.Good
	Easy  = fsrs.Easy

	StateNew   = fsrs.New
	Learning   = fsrs.Learning
	Review     = fsrs.Review
	Relearning = fsrs.Relearning
)

// Ratings lists the four grades in button order.
var Ratings = []Rating{Again, Hard, Good, Easy}

// Limits on the desired retention a learner may choose.
const (
	MinRetention     = 0.70
	MaxRetention     = 0.97
	DefaultRetention = 0.90
	// DefaultMaxInterval caps intervals at a year: Sabaq's learners revise
	// for exams, and a card unseen for longer is as good as forgotten.
	DefaultMaxInterval = 365
)

// Settings are the scheduler options a learner's reviews run with.
type Settings struct {
	DesiredRetention float64
	MaximumInterval  int       // days
	LearningSteps    []float64 // minutes
	RelearningSteps  []float64 // minutes
	Fuzz             bool
	// Weights are the 21 FSRS-6 parameters; nil means go-fsrs's defaults.
	Weights []float64
}

// DefaultSettings are Sabaq's defaults: retention 0.90, steps 1m and 10m,
// relearning 10m, intervals up to a year, fuzz on.
func DefaultSettings() Settings {
	return Settings{
		DesiredRetention: DefaultRetention,
		MaximumInterval:  DefaultMaxInterval,
		LearningSteps:    []float64{1, 10},
		RelearningSteps:  []float64{10},
		Fuzz:             true,
	}
}

// Validate reports the first setting out of range, in words a learner can act on.
func (s Settings) Validate() error {
	if math.IsNaN(s.DesiredRetention) || s.DesiredRetention < MinRetention || s.DesiredRetention > MaxRetention {
		return fmt.Errorf("desired retention must be between %.2f and %.2f", MinRetention, MaxRetention)
	}
	if s.MaximumInterval < 1 || s.MaximumInterval > 36500 {
		return fmt.Errorf("maximum interval must be between 1 and 36500 days")
	}
	for _, steps := range [][]float64{s.LearningSteps, s.RelearningSteps} {
		for _, m := range steps {
			if math.IsNaN(m) || math.IsInf(m, 0) || m < 1 || m >= 24*60 {
				return fmt.Errorf("learning steps must be between a minute and a day")
			}
		}
	}
	if s.Weights != nil && len(s.Weights) != len(fsrs.Weights{}) {
		return fmt.Errorf("FSRS-6 needs %d weights, got %d", len(fsrs.Weights{}), len(s.Weights))
	}
	for _, w := range s.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return fmt.Errorf("weights must be finite numbers")
		}
	}
	return nil
}

// Scheduler schedules reviews with fixed settings.
type Scheduler struct {
	f        *fsrs.FSRS
	settings Settings
}

// New makes a scheduler, refusing invalid settings instead of replacing them.
func New(s Settings) (*Scheduler, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	p := fsrs.DefaultParam()
	p.RequestRetention = s.DesiredRetention
	p.MaximumInterval = float64(s.MaximumInterval)
	p.LearningSteps = append([]float64(nil), s.LearningSteps...)
	p.RelearningSteps = append([]float64(nil), s.RelearningSteps...)
	p.EnableFuzz = s.Fuzz
	if s.Weights != nil {
		copy(p.W[:], s.Weights)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("srs: %w", err)
	}
	f := fsrs.NewFSRS(p)
	// NewFSRS clips weights and silently falls back to defaults: check that
	// what it kept is what we asked for.
	if f.RequestRetention != p.RequestRetention || f.EnableFuzz != p.EnableFuzz || f.MaximumInterval != p.MaximumInterval {
		return nil, fmt.Errorf("srs: go-fsrs rejected the settings")
	}
	if f.W != p.W {
		return nil, fmt.Errorf("srs: weights out of FSRS-6's ranges")
	}
	return &Scheduler{f: f, settings: s}, nil
}

// ClipWeights brings weights within FSRS-6's ranges for the given settings,
// as go-fsrs would do silently: for drawing plausible simulated learners,
// never for a learner's own settings.
func ClipWeights(s Settings, w []float64) []float64 {
	p := fsrs.DefaultParam()
	p.RelearningSteps = s.RelearningSteps
	copy(p.W[:], w)
	return append([]float64(nil), fsrs.NewFSRS(p).W[:]...)
}

// Settings returns the scheduler's settings.
func (s *Scheduler) Settings() Settings { return s.settings }

// NewCard is an unreviewed card, due now.
func NewCard(now time.Time) Card { return fsrs.NewCard(now) }

// Review applies a grade to a card reviewed at now.
func (s *Scheduler) Review(c Card, now time.Time, r Rating) (Card, error) {
	if r < Again || r > Easy {
		return c, fmt.Errorf("grade must be 1 (Again) to 4 (Easy), got %d", r)
	}
	info, err := s.f.Next(c, now, r)
	if err != nil {
		return c, fmt.Errorf("srs: %w", err)
	}
	return info.Card, nil
}

// Preview returns the card each grade would give, for the buttons' intervals.
func (s *Scheduler) Preview(c Card, now time.Time) (map[Rating]Card, error) {
	log, err := s.f.Repeat(c, now)
	if err != nil {
		return nil, fmt.Errorf("srs: %w", err)
	}
	out := make(map[Rating]Card, 4)
	for _, r := range Ratings {
		out[r] = log[r].Card
	}
	return out, nil
}

// Retrievability is the predicted probability of recalling the card at now;
// zero for a card never reviewed.
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	r, err := s.f.Retrievability(c, now)
	if err != nil {
		return 0
	}
	return r
}

// ForgettingCurve is the probability of recall after elapsed days at the
// given stability.
func (s *Scheduler) ForgettingCurve(elapsedDays, stability float64) float64 {
	return s.f.ForgettingCurve(elapsedDays, stability)
}

// FormatInterval writes an interval the way Anki's buttons do: "1m", "10m",
// "3h", "4d", "2.5mo", "1.2y".
func FormatInterval(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(math.Round(d.Minutes())))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(math.Round(d.Hours())))
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return fmt.Sprintf("%dd", int(math.Round(days)))
	case days < 365:
		return trimZero(fmt.Sprintf("%.1fmo", days/30))
	default:
		return trimZero(fmt.Sprintf("%.1fy", days/365))
	}
}

func trimZero(s string) string {
	for _, suffix := range []string{"mo", "y"} {
		if len(s) > len(suffix)+2 && s[len(s)-len(suffix)-2:len(s)-len(suffix)] == ".0" {
			return s[:len(s)-len(suffix)-2] + suffix
		}
	}
	return s
}
