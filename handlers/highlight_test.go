package handlers

import (
	"strings"
	"testing"
)

func TestHighlight_MarksEveryOccurrenceAndMergesOverlaps(t *testing.T) {
	got := highlight("At Tashkent the Tashkent Declaration was signed.", []string{"Tashkent", "Tashkent Declaration"})
	var b strings.Builder
	for _, s := range got {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	if want := "At [Tashkent] the [Tashkent Declaration] was signed."; b.String() != want {
		t.Errorf("highlight = %q, want %q", b.String(), want)
	}
}

// FuzzHighlight checks that highlighting never loses, adds or reorders text.
func FuzzHighlight(f *testing.F) {
	f.Add("Tashkent in January 1966", "Tashkent", "January 1966")
	f.Add("aaaa", "aa", "a")
	f.Add("", "", "x")
	f.Fuzz(func(t *testing.T, text, p1, p2 string) {
		var b strings.Builder
		for _, s := range highlight(text, []string{p1, p2}) {
			if s.Text == "" {
				t.Fatal("an empty segment")
			}
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("segments join to %q, want %q", b.String(), text)
		}
	})
}
