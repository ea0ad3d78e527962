package mentions

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sample is one labelled answer: the events its text mentions, decided by
// reading the text, not by running the matcher.
type sample struct {
	Name   string   `json:"name"`
	Kind   string   `json:"kind"` // good, weak, misspelled, off-topic, padded
	Text   string   `json:"text"`
	Events []string `json:"events"`
	file   string
}

func readCorpus(t *testing.T) []sample {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var all []sample
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ss []sample
		if err := json.Unmarshal(b, &ss); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range ss {
			ss[i].file = filepath.Base(f)
		}
		all = append(all, ss...)
	}
	return all
}

// The thresholds the issue sets: a point must almost never be credited for
// text that does not mention it, and most mentions must be found.
const (
	minPrecision = 0.95
	minRecall    = 0.85
)

func TestCorpus_PrecisionAndRecall(t *testing.T) {
	tl := timeline(t)
	m := New(tl)
	corpus := readCorpus(t)
	if len(corpus) < 40 {
		t.Fatalf("corpus has %d samples, want at least 40", len(corpus))
	}
	kinds := map[string]int{}
	names := map[string]bool{}
	var tp, fp, fn int
	perFile := map[string]*[3]int{} // true hits, false hits, misses
	var files []string
	for _, s := range corpus {
		if perFile[s.file] == nil {
			perFile[s.file] = &[3]int{}
			files = append(files, s.file)
		}
		pf := perFile[s.file]
		kinds[s.Kind]++
		if names[s.Name] {
			t.Errorf("sample name %q used twice", s.Name)
		}
		names[s.Name] = true
		for _, id := range s.Events {
			if _, ok := tl.Event(id); !ok {
				t.Errorf("%s: labelled with unknown event %q", s.Name, id)
			}
		}
		var got []string
		for _, mn := range m.Find(s.Text) {
			got = append(got, mn.EventID)
			if slices.Contains(s.Events, mn.EventID) {
				tp++
				pf[0]++
			} else {
				fp++
				pf[1]++
				t.Logf("false hit  %-28s %s %q", s.Name, mn.EventID, mn.Phrases)
			}
		}
		for _, id := range s.Events {
			if !slices.Contains(got, id) {
				fn++
				pf[2]++
				t.Logf("miss       %-28s %s", s.Name, id)
			}
		}
	}
	for _, k := range []string{"good", "weak", "misspelled", "off-topic", "padded"} {
		if kinds[k] == 0 {
			t.Errorf("corpus has no %s samples", k)
		}
	}
	// heldout.json was kept back at first, but the clues were later
	// extended for its misses, so its figures are tuned ones now.
	// heldout2.json was written after that and never tuned against: its
	// figures are the honest ones.
	for _, f := range files {
		c := perFile[f]
		t.Logf("%-16s precision %d/%d, recall %d/%d", f, c[0], c[0]+c[1], c[0], c[0]+c[2])
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("corpus: %d samples, %d labelled mentions; precision %.3f (%d/%d), recall %.3f (%d/%d)",
		len(corpus), tp+fn, precision, tp, tp+fp, recall, tp, tp+fn)
	if precision < minPrecision {
		t.Errorf("precision %.3f, want at least %.2f", precision, minPrecision)
	}
	if recall < minRecall {
		t.Errorf("recall %.3f, want at least %.2f", recall, minRecall)
	}
}

// TestCorpus_LabelsNameEventsTheTextTitles guards the labels
// against a slip: a sample that names an event by its title is labelled
// with it.
func TestCorpus_LabelsNameEventsTheTextTitles(t *testing.T) {
	tl := timeline(t)
	for _, s := range readCorpus(t) {
		for _, e := range tl.Events {
			if strings.Contains(strings.ToLower(s.Text), strings.ToLower(e.Title)) && !slices.Contains(s.Events, e.ID) {
				t.Errorf("%s: text contains the title %q but is not labelled %s", s.Name, e.Title, e.ID)
			}
		}
	}
}
