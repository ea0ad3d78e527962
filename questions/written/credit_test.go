package written

import (
	"slices"
	"testing"
)

func TestCredited_ASharedEventIsNotEnough(t *testing.T) {
	q := Question{Points: []Point{
		{Text: "The Soviet Union stayed neutral during the war.", Events: []string{"war"}},
		{Text: "Premier Kosygin hosted Ayub Khan and Shastri at Tashkent.", Events: []string{"war", "tashkent"}},
		{Text: "Shastri died in Tashkent the day after signing.", Events: []string{"tashkent"}},
		{Text: "Pakistan joined SEATO in 1954.", Events: []string{"seato"}},
	}}
	found := map[string]bool{"war": true, "tashkent": true, "seato": true}
	tests := []struct {
		answer string
		want   []bool
	}{
		{"After the 1965 war Kosygin brought Ayub Khan and Shastri to Tashkent.", []bool{false, true, false, true}},
		{"The Soviets stayed neutral in the war; Shastri died at Tashkent.", []bool{true, false, true, true}},
		{"Nothing relevant at all.", []bool{false, false, false, true}},
	}
	for _, tt := range tests {
		if got := q.Credited(found, tt.answer); !slices.Equal(got, tt.want) {
			t.Errorf("%q: credited %v; want %v", tt.answer, got, tt.want)
		}
	}
	if got := q.Credited(map[string]bool{}, "Kosygin hosted Shastri at Tashkent, neutral."); slices.Contains(got, true) {
		t.Errorf("no event found, yet credited %v", got)
	}
}
