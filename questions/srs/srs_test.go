package srs

import (
	"math"
	"strings"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

const day = 24 * time.Hour

// t0 is a fixed Monday morning, so tests do not depend on the clock.
var t0 = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)

func newScheduler(t *testing.T, fuzz bool) *Scheduler {
	t.Helper()
	set := DefaultSettings()
	set.Fuzz = fuzz
	s, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func review(t *testing.T, s *Scheduler, c Card, now time.Time, r Rating) Card {
	t.Helper()
	next, err := s.Review(c, now, r)
	if err != nil {
		t.Fatalf("review %s at %s: %v", r, now, err)
	}
	return next
}

func preview(t *testing.T, s *Scheduler, c Card, now time.Time) map[Rating]Card {
	t.Helper()
	p, err := s.Preview(c, now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// near4 reports whether got rounds to want at 4 decimals.
func near4(got, want float64) bool { return math.Abs(got-want) < 5e-5 }

// reviewCard is a review-state card with the given memory, last reviewed
// elapsed days before now and due now.
func reviewCard(now time.Time, stability, difficulty float64, elapsedDays int) Card {
	return Card{
		State:         Review,
		Stability:     stability,
		Difficulty:    difficulty,
		LastReview:    now.Add(-time.Duration(elapsedDays) * day),
		Due:           now,
		ScheduledDays: uint64(elapsedDays),
		Reps:          5,
	}
}

// TestReview_ReferenceSequence pins a learner's path through a card, each
// review made when the card fell due, fuzz off. The figures agree with
// ts-fsrs 5.4.2 run on the same sequence.
func TestReview_ReferenceSequence(t *testing.T) {
	s := newScheduler(t, false)
	steps := []struct {
		rating                Rating
		due                   time.Duration
		state                 State
		stability, difficulty float64
		reps, lapses          uint64
	}{
		{Good, 10 * time.Minute, Learning, 2.3065, 2.1181, 1, 0},
		{Good, 2 * day, Review, 2.3065, 2.1112, 2, 0},
		{Good, 11 * day, Review, 10.9710, 2.1043, 3, 0},
		{Again, 10 * time.Minute, Relearning, 1.5390, 7.3900, 4, 1},
		{Good, 2 * day, Review, 1.5718, 7.3778, 5, 1},
		{Good, 5 * day, Review, 4.9348, 7.3657, 6, 1},
		{Hard, 9 * day, Review, 9.4308, 8.2364, 7, 1},
		{Easy, 27 * day, Review, 26.9284, 7.6324, 8, 1},
	}
	now := t0
	card := NewCard(now)
	for i, st := range steps {
		card = review(t, s, card, now, st.rating)
		if got := card.Due.Sub(now); got != st.due {
			t.Errorf("review %d (%s): due in %s, want %s", i+1, st.rating, got, st.due)
		}
		if card.State != st.state || card.Reps != st.reps || card.Lapses != st.lapses {
			t.Errorf("review %d (%s): state %s reps %d lapses %d, want %s %d %d",
				i+1, st.rating, card.State, card.Reps, card.Lapses, st.state, st.reps, st.lapses)
		}
		if !near4(card.Stability, st.stability) || !near4(card.Difficulty, st.difficulty) {
			t.Errorf("review %d (%s): stability %.4f difficulty %.4f, want %.4f %.4f",
				i+1, st.rating, card.Stability, card.Difficulty, st.stability, st.difficulty)
		}
		now = card.Due
	}
}

func TestPreview_HardNoLaterThanGoodEarlierThanEasy(t *testing.T) {
	for _, fuzz := range []bool{false, true} {
		s := newScheduler(t, fuzz)
		for _, stab := range []float64{0.5, 2, 7, 20, 50} {
			for _, diff := range []float64{2, 5, 9} {
				elapsed := max(1, int(math.Round(stab)))
				now := t0.Add(time.Duration(stab*37) * time.Minute) // vary the fuzz seed
				p := preview(t, s, reviewCard(now, stab, diff, elapsed), now)
				hard, good, easy := p[Hard].Due.Sub(now), p[Good].Due.Sub(now), p[Easy].Due.Sub(now)
				if !(day <= hard && hard <= good && good < easy) {
					t.Errorf("fuzz %v, S %.1f D %.0f: Hard %s, Good %s, Easy %s; want 1d ≤ Hard ≤ Good < Easy",
						fuzz, stab, diff, FormatInterval(hard), FormatInterval(good), FormatInterval(easy))
				}
				if again := p[Again]; again.State != Relearning || again.Due.Sub(now) != 10*time.Minute {
					t.Errorf("fuzz %v, S %.1f: Again gives %s in %s, want relearning in 10m", fuzz, stab, again.State, again.Due.Sub(now))
				}
			}
		}
	}
}

// TestPreview_LearningSteps checks Sabaq's steps (1m, 10m; relearning 10m).
// Hard on a learning step waits the mean of the first two steps, 5.5m, which
// go-fsrs (like ts-fsrs) rounds to whole minutes: 6m. With a single
// relearning step Hard waits 1.5 × 10m.
func TestPreview_LearningSteps(t *testing.T) {
	s := newScheduler(t, false)
	newCard := NewCard(t0)
	learning := review(t, s, newCard, t0, Good)
	inReview := review(t, s, review(t, s, learning, learning.Due, Good), learning.Due.Add(2*day), Good)
	relearning := review(t, s, inReview, inReview.Due, Again)

	type want struct {
		due   time.Duration
		state State
	}
	tests := []struct {
		name string
		card Card
		want map[Rating]want
	}{
		{"new card", newCard, map[Rating]want{
			Again: {time.Minute, Learning},
			Hard:  {6 * time.Minute, Learning},
			Good:  {10 * time.Minute, Learning},
			Easy:  {8 * day, Review},
		}},
		{"second step: Good graduates to days", learning, map[Rating]want{
			Again: {time.Minute, Learning},
			Hard:  {6 * time.Minute, Learning},
			Good:  {2 * day, Review},
			Easy:  {4 * day, Review},
		}},
		{"relearning after a lapse", relearning, map[Rating]want{
			Again: {10 * time.Minute, Relearning},
			Hard:  {15 * time.Minute, Relearning},
			Good:  {2 * day, Review},
			Easy:  {3 * day, Review},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.card.Due
			p := preview(t, s, tt.card, now)
			for _, r := range Ratings {
				got := p[r]
				if got.Due.Sub(now) != tt.want[r].due || got.State != tt.want[r].state {
					t.Errorf("%s: %s in %s, want %s in %s", r, got.State, got.Due.Sub(now), tt.want[r].state, tt.want[r].due)
				}
			}
		})
	}
}

func TestReview_LapseStartsRelearningStep(t *testing.T) {
	s := newScheduler(t, false)
	now := t0.Add(30 * day)
	card := reviewCard(now, 30, 5, 30)
	got := review(t, s, card, now, Again)
	if got.State != Relearning || got.Due.Sub(now) != 10*time.Minute {
		t.Errorf("Again on a review card: %s in %s, want relearning in 10m", got.State, got.Due.Sub(now))
	}
	if got.Lapses != card.Lapses+1 || got.Reps != card.Reps+1 {
		t.Errorf("lapses %d reps %d, want %d %d", got.Lapses, got.Reps, card.Lapses+1, card.Reps+1)
	}
	if got.Stability >= card.Stability {
		t.Errorf("stability after a lapse %.4f, want below %.4f", got.Stability, card.Stability)
	}
}

// TestPreview_CapsDueAtMaximumInterval: however strong the memory, no button
// schedules a card beyond the maximum interval. Without fuzz Hard, Good and
// Easy all land on the cap; with fuzz they spread below it, within the fuzz
// range of the cap.
func TestPreview_CapsDueAtMaximumInterval(t *testing.T) {
	for _, maxDays := range []int{DefaultMaxInterval, 30} {
		for _, fuzz := range []bool{false, true} {
			set := DefaultSettings()
			set.MaximumInterval, set.Fuzz = maxDays, fuzz
			s, err := New(set)
			if err != nil {
				t.Fatal(err)
			}
			limit := time.Duration(maxDays) * day
			lowest := limit
			if fuzz {
				lo, _ := fuzzBounds(float64(maxDays), 400, float64(maxDays))
				lowest = time.Duration(lo) * day
			}
			for _, stab := range []float64{400, 5000, 36500} {
				now := t0.Add(400 * day)
				p := preview(t, s, reviewCard(now, stab, 5, 400), now)
				for _, r := range []Rating{Hard, Good, Easy} {
					if got := p[r].Due.Sub(now); got > limit || got < lowest {
						t.Errorf("max %dd, fuzz %v, S %.0f, %s: due in %s, want %s to %s",
							maxDays, fuzz, stab, r, FormatInterval(got), FormatInterval(lowest), FormatInterval(limit))
					}
				}
			}
		}
	}
}

// fuzzBounds is go-fsrs's fuzz range for an interval, from its published
// FuzzRanges table: ± 1 day plus 15% of the part between 2.5 and 7 days,
// 10% between 7 and 20, 5% beyond; at least 2 days and past the elapsed
// days; at most the maximum.
func fuzzBounds(ivl, elapsed, maxDays float64) (lo, hi float64) {
	delta := 1.0
	for _, r := range fsrs.FuzzRanges() {
		delta += r.Factor * max(min(ivl, r.End)-r.Start, 0)
	}
	ivl = min(ivl, maxDays)
	lo = max(2, math.Round(ivl-delta))
	hi = min(math.Round(ivl+delta), maxDays)
	if ivl > elapsed {
		lo = max(lo, elapsed+1)
	}
	return min(lo, hi), hi
}

func TestReview_FuzzSpreadsWithinRangeAndIsDeterministic(t *testing.T) {
	plain, fuzzed := newScheduler(t, false), newScheduler(t, true)
	for _, stab := range []float64{8, 20, 60} {
		elapsed := int(stab)
		base := t0.Add(time.Duration(elapsed) * day)
		plainDays := review(t, plain, reviewCard(base, stab, 5, elapsed), base, Good).ScheduledDays
		lo, hi := fuzzBounds(float64(plainDays), float64(elapsed), DefaultMaxInterval)
		seen := map[uint64]bool{}
		for i := range 200 {
			now := base.Add(time.Duration(i) * 7 * time.Minute)
			card := reviewCard(now, stab, 5, elapsed)
			got := review(t, fuzzed, card, now, Good)
			days := got.Due.Sub(now).Hours() / 24
			if days < lo || days > hi || days != float64(got.ScheduledDays) {
				t.Fatalf("S %.0f at %s: fuzzed Good in %.2f days (scheduled %d), want whole days in [%.0f, %.0f] around %d",
					stab, now.Format(time.RFC3339), days, got.ScheduledDays, lo, hi, plainDays)
			}
			if again := review(t, fuzzed, card, now, Good); !again.Due.Equal(got.Due) {
				t.Fatalf("S %.0f: same review fuzzed to %s then %s", stab, got.Due, again.Due)
			}
			seen[got.ScheduledDays] = true
		}
		if len(seen) < 3 {
			t.Errorf("S %.0f: 200 reviews fuzzed to only %d distinct intervals %v in [%.0f, %.0f]", stab, len(seen), seen, lo, hi)
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	weights := func(n int) []float64 {
		w := fsrs.DefaultWeights()
		out := make([]float64, n)
		copy(out, w[:])
		return out
	}
	tests := []struct {
		name    string
		change  func(*Settings)
		wantErr string // empty: valid
	}{
		{"defaults", func(*Settings) {}, ""},
		{"retention 0.70", func(s *Settings) { s.DesiredRetention = 0.70 }, ""},
		{"retention 0.97", func(s *Settings) { s.DesiredRetention = 0.97 }, ""},
		{"retention 0.69", func(s *Settings) { s.DesiredRetention = 0.69 }, "retention"},
		{"retention 0.98", func(s *Settings) { s.DesiredRetention = 0.98 }, "retention"},
		{"retention NaN", func(s *Settings) { s.DesiredRetention = math.NaN() }, "retention"},
		{"max interval 0", func(s *Settings) { s.MaximumInterval = 0 }, "maximum interval"},
		{"max interval 36501", func(s *Settings) { s.MaximumInterval = 36501 }, "maximum interval"},
		{"learning step 0", func(s *Settings) { s.LearningSteps = []float64{0, 10} }, "steps"},
		{"learning step negative", func(s *Settings) { s.LearningSteps = []float64{1, -10} }, "steps"},
		{"learning step NaN", func(s *Settings) { s.LearningSteps = []float64{math.NaN()} }, "steps"},
		{"learning step a day", func(s *Settings) { s.LearningSteps = []float64{1, 24 * 60} }, "steps"},
		{"relearning step infinite", func(s *Settings) { s.RelearningSteps = []float64{math.Inf(1)} }, "steps"},
		{"no steps", func(s *Settings) { s.LearningSteps, s.RelearningSteps = nil, nil }, ""},
		{"21 weights", func(s *Settings) { s.Weights = weights(21) }, ""},
		{"19 weights (FSRS-5)", func(s *Settings) { s.Weights = weights(19) }, "21 weights"},
		{"22 weights", func(s *Settings) { s.Weights = weights(22) }, "21 weights"},
		{"NaN weight", func(s *Settings) { s.Weights = weights(21); s.Weights[3] = math.NaN() }, "finite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := DefaultSettings()
			tt.change(&set)
			err := set.Validate()
			_, newErr := New(set)
			if tt.wantErr == "" {
				if err != nil || newErr != nil {
					t.Errorf("Validate: %v, New: %v; want both to accept", err, newErr)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Validate: %v, want an error about %q", err, tt.wantErr)
			}
			if newErr == nil {
				t.Errorf("New accepted settings Validate rejects")
			}
		})
	}
}

// TestNew_RefusesWhatGoFSRSWouldReplace shows why New validates: go-fsrs,
// given a NaN weight, silently schedules with its defaults instead (here
// dropping the learner's 0.80 retention for 0.90); New refuses.
func TestNew_RefusesWhatGoFSRSWouldReplace(t *testing.T) {
	p := fsrs.DefaultParam()
	p.RequestRetention = 0.80
	p.W[5] = math.NaN()
	if got := fsrs.NewFSRS(p).RequestRetention; got != 0.90 {
		t.Fatalf("go-fsrs kept retention %.2f; this test's premise (silent fallback) no longer holds", got)
	}
	set := DefaultSettings()
	set.DesiredRetention = 0.80
	set.Weights = append([]float64(nil), p.W[:]...)
	if _, err := New(set); err == nil {
		t.Fatal("New accepted a NaN weight")
	}
}

func TestReview_RejectsInvalidGrade(t *testing.T) {
	s := newScheduler(t, false)
	for _, r := range []Rating{0, 5, -1} {
		if _, err := s.Review(NewCard(t0), t0, r); err == nil {
			t.Errorf("grade %d accepted", r)
		}
	}
}

// TestRollback_RestoresPreviousCard: go-fsrs can undo a review from its
// review log. It restores the state, memory, counters and last review; the
// due date comes back as the time of the review (the log does not keep the
// old due), which is the old due when the learner reviewed on time.
func TestRollback_RestoresPreviousCard(t *testing.T) {
	s := newScheduler(t, true)
	newCard := NewCard(t0)
	learning := review(t, s, newCard, t0, Good)
	inReview := review(t, s, learning, learning.Due, Good)
	late := inReview.Due.Add(3 * day)
	tests := []struct {
		name    string
		card    Card
		at      time.Time
		rating  Rating
		wantDue time.Time
	}{
		{"first review of a new card", newCard, t0, Good, newCard.Due},
		{"learning step", learning, learning.Due, Hard, learning.Due},
		{"review on time", inReview, inReview.Due, Good, inReview.Due},
		{"lapse", inReview, inReview.Due, Again, inReview.Due},
		{"review three days late: due comes back as the review time", inReview, late, Easy, late},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := s.f.Next(tt.card, tt.at, tt.rating)
			if err != nil {
				t.Fatal(err)
			}
			if tt.rating == Again && info.Card.Lapses != tt.card.Lapses+1 {
				t.Fatalf("the lapse was not counted: lapses %d", info.Card.Lapses)
			}
			got, err := s.f.Rollback(info.Card, info.ReviewLog)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.card
			want.Due = tt.wantDue
			if got.State != want.State || got.Stability != want.Stability || got.Difficulty != want.Difficulty ||
				got.Reps != want.Reps || got.Lapses != want.Lapses || got.ScheduledDays != want.ScheduledDays ||
				got.RemainingSteps != want.RemainingSteps || !got.Due.Equal(want.Due) || !got.LastReview.Equal(want.LastReview) {
				t.Errorf("rolled back to\n %+v\nwant\n %+v", got, want)
			}
		})
	}
}

func TestFormatInterval(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Second, "<1m"},
		{time.Minute, "1m"},
		{6 * time.Minute, "6m"},
		{10 * time.Minute, "10m"},
		{90 * time.Minute, "2h"},
		{3 * time.Hour, "3h"},
		{day, "1d"},
		{4 * day, "4d"},
		{29 * day, "29d"},
		{30 * day, "1mo"},
		{75 * day, "2.5mo"},
		{300 * day, "10mo"},
		{365 * day, "1y"},
		{438 * day, "1.2y"},
		{730 * day, "2y"},
	}
	for _, tt := range tests {
		if got := FormatInterval(tt.d); got != tt.want {
			t.Errorf("FormatInterval(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
