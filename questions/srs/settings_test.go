package srs

import "testing"

func TestNew_RefusesWeightsGoFSRSWouldClip(t *testing.T) {
	s := DefaultSettings()
	s.Weights = ClipWeights(s, make([]float64, 21))
	if _, err := New(s); err != nil {
		t.Fatalf("clipped weights refused: %v", err)
	}
	w := append([]float64(nil), s.Weights...)
	w[4] = 20 // initial difficulty must be at most 10
	s.Weights = w
	if _, err := New(s); err == nil {
		t.Fatal("New accepted w[4] = 20, which go-fsrs would silently clip to 10")
	}
}

func TestSettings_StepsUnderAMinuteAreRefused(t *testing.T) {
	s := DefaultSettings()
	s.LearningSteps = []float64{0.5, 10}
	if err := s.Validate(); err == nil {
		t.Fatal("a 30-second learning step was accepted")
	}
}
