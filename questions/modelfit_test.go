package questions

import "testing"

func TestModelFit_SourceSaysWhoseReviews(t *testing.T) {
	w := make([]float64, 21)
	tests := []struct {
		m    ModelFit
		want string
	}{
		{ModelFit{}, ""},
		{ModelFit{Weights: w, Scope: FitLearner, Reviews: 1204}, "your 1,204 reviews"},
		{ModelFit{Weights: w, Scope: FitClass, Reviews: 4310}, "your class's 4,310 reviews"},
		{ModelFit{Weights: w, Scope: FitClass, Reviews: 1234567}, "your class's 1,234,567 reviews"},
		{ModelFit{Weights: w, Scope: FitLearner, Reviews: 999}, "your 999 reviews"},
	}
	for _, tt := range tests {
		if got := tt.m.Source(); got != tt.want {
			t.Errorf("%+v: Source() = %q; want %q", tt.m, got, tt.want)
		}
	}
}

// Results made with one set of weights are never served for another: the
// caches key them by Key.
func TestModelFit_KeyTellsWeightsApart(t *testing.T) {
	a := ModelFit{Weights: make([]float64, 21)}
	b := ModelFit{Weights: make([]float64, 21)}
	b.Weights[2] = 9
	if (ModelFit{}).Key() != 0 || a.Key() == 0 || a.Key() == b.Key() {
		t.Errorf("keys: defaults %d, a %d, b %d; want 0 and two others apart", (ModelFit{}).Key(), a.Key(), b.Key())
	}
}
