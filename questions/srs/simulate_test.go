package srs

import (
	"reflect"
	"testing"
)

func smallSimConfig() SimConfig {
	cfg := DefaultSimConfig()
	cfg.Learners, cfg.Cards, cfg.ExamDay, cfg.NewPerDay = 3, 40, 12, 5
	cfg.Retentions = []float64{0.85, 0.9}
	return cfg
}

func mustSimulate(t *testing.T, cfg SimConfig) []SimResult {
	t.Helper()
	rs, err := Simulate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(SimModes)*len(cfg.Retentions) {
		t.Fatalf("%d results, want %d", len(rs), len(SimModes)*len(cfg.Retentions))
	}
	return rs
}

func TestSimulate_SameSeedSameFigures(t *testing.T) {
	cfg := smallSimConfig()
	a, b := mustSimulate(t, cfg), mustSimulate(t, cfg)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs with seed %d differ:\n%+v\n%+v", cfg.Seed, a, b)
	}
	cfg.Seed++
	if c := mustSimulate(t, cfg); reflect.DeepEqual(a, c) {
		t.Errorf("seeds %d and %d gave the same figures; the seed is ignored", cfg.Seed-1, cfg.Seed)
	}
}

func TestSimulate_ExamModeRecallsAtLeastAsManyWithTheDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default class")
	}
	cfg := DefaultSimConfig()
	cfg.Retentions = []float64{0.9}
	rs := mustSimulate(t, cfg)
	plain, exam := rs[0], rs[1]
	if plain.Mode != SimPlain || exam.Mode != SimExam {
		t.Fatalf("results out of order: %+v", rs)
	}
	if exam.MeanRecalled() < plain.MeanRecalled() {
		t.Errorf("exam mode recalled %.1f cards, plain %.1f", exam.MeanRecalled(), plain.MeanRecalled())
	}
	if exam.Reviews <= plain.Reviews {
		t.Errorf("exam mode did %d reviews, plain %d: no top-ups happened", exam.Reviews, plain.Reviews)
	}
	if got := plain.MeanRecalled(); got < 0.8*float64(cfg.Cards) || got > float64(cfg.Cards) {
		t.Errorf("plain mode at 0.9 recalled %.1f of %d cards; the memory model is off", got, cfg.Cards)
	}
}

func TestSimulate_ExamModeKeepsTheNewCardLimit(t *testing.T) {
	cfg := smallSimConfig()
	cfg.Cards, cfg.NewPerDay, cfg.ExamDay = 100, 4, 12 // 4 a day covers 48
	for _, r := range mustSimulate(t, cfg) {
		// Exam mode shows no more new cards than plain mode: the limit is a
		// ceiling, even when it leaves cards unseen.
		want := cfg.Learners * cfg.NewPerDay * cfg.ExamDay
		if r.Introduced != want {
			t.Errorf("retention %.2f, %s mode: %d cards shown, want %d", r.Retention, r.Mode, r.Introduced, want)
		}
	}
}

func TestSimulate_RefusesBadConfig(t *testing.T) {
	tests := []struct {
		name string
		edit func(*SimConfig)
	}{
		{"no learners", func(c *SimConfig) { c.Learners = 0 }},
		{"no cards", func(c *SimConfig) { c.Cards = 0 }},
		{"exam on day 0", func(c *SimConfig) { c.ExamDay = 0 }},
		{"negative intake", func(c *SimConfig) { c.NewPerDay = -1 }},
		{"no retentions", func(c *SimConfig) { c.Retentions = nil }},
		{"retention out of range", func(c *SimConfig) { c.Retentions = []float64{0.5} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallSimConfig()
			tt.edit(&cfg)
			if _, err := Simulate(cfg); err == nil {
				t.Error("Simulate accepted it")
			}
		})
	}
}

// TestSimRun_CountsEveryReview follows a learner who always remembers and
// grades a recalled card Good, so the reviews can be counted by hand from
// the steps (1m, 10m): a new card graded Easy graduates at once; Good takes
// the 10-minute step; Hard (6 minutes) and Again (1 minute) take both steps.
// Easy cards come due six days on at the earliest, so with the exam on day
// 5 plain mode does nothing more and exam mode tops each card up once.
func TestSimRun_CountsEveryReview(t *testing.T) {
	tests := []struct {
		name    string
		examDay int
		mode    SimMode
		first   Rating
		reviews int
	}{
		{"new cards graded Easy", 1, SimPlain, Easy, 2},
		{"new cards graded Good", 1, SimPlain, Good, 4},
		{"new cards graded Hard", 1, SimPlain, Hard, 6},
		{"new cards graded Again", 1, SimPlain, Again, 6},
		{"exam tomorrow: cards just learned need no top-up", 1, SimExam, Good, 4},
		{"plain mode, exam on day 5", 5, SimPlain, Easy, 2},
		{"exam mode, exam on day 5: a top-up each", 5, SimExam, Easy, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultSimConfig()
			cfg.Learners, cfg.Cards, cfg.ExamDay, cfg.NewPerDay = 1, 2, tt.examDay, 2
			run := newSimRun(cfg, []string{"0", "1"}, map[string]int{"0": 0, "1": 1})
			if err := run.reset(0.9, nil, 0); err != nil {
				t.Fatal(err)
			}
			run.uniform = func(int) float64 { return 0 } // always remembered
			run.first = [4]float64{}
			run.first[tt.first-Again] = 1
			run.recallGrades = [3]float64{0, 1, 0}
			if err := run.study(tt.mode); err != nil {
				t.Fatal(err)
			}
			if run.reviews != tt.reviews || run.introduced != 2 {
				t.Errorf("%d reviews of %d cards, want %d of 2", run.reviews, run.introduced, tt.reviews)
			}
		})
	}
}

// The exam plan spends reviews where they count for the exam: per review,
// it recalls more on exam morning than the fixed top-up rule, with either
// kind of learner.
func TestSimulate_ExamOptimalRecallsMorePerReview(t *testing.T) {
	for _, mem := range []SimMemory{MemoryFSRS, MemoryPowerLaw} {
		cfg := smallSimConfig()
		cfg.Learners, cfg.Cards, cfg.ExamDay, cfg.NewPerDay = 4, 80, 14, 10
		cfg.Memory = mem
		rs := mustSimulate(t, cfg)
		for i := 0; i < len(rs); i += len(SimModes) {
			plain, exam, opt := rs[i], rs[i+1], rs[i+2]
			if plain.Mode != SimPlain || exam.Mode != SimExam || opt.Mode != SimOptimal {
				t.Fatalf("results out of order: %+v", rs)
			}
			per := func(r SimResult) float64 { return r.Recalled / float64(r.Reviews) }
			if per(opt) <= per(exam) {
				t.Errorf("%s learners, retention %.2f: exam-optimal %.4f recalled per review, exam mode %.4f",
					mem, opt.Retention, per(opt), per(exam))
			}
			if opt.MeanRecalled() <= plain.MeanRecalled() {
				t.Errorf("%s learners, retention %.2f: exam-optimal recalled %.1f, plain %.1f",
					mem, opt.Retention, opt.MeanRecalled(), plain.MeanRecalled())
			}
			if opt.Introduced != plain.Introduced {
				t.Errorf("exam-optimal showed %d new cards, plain %d: the new-card limit is the same", opt.Introduced, plain.Introduced)
			}
		}
	}
}
