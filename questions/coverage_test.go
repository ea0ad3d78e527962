package questions

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// coverageRow is one claim of a source document and what holds it.
type coverageRow struct {
	doc, passage, kind, heldBy string
}

func readCoverage(t *testing.T) (rows []coverageRow, summary map[string][]string) {
	t.Helper()
	b, err := os.ReadFile("data/coverage.md")
	if err != nil {
		t.Fatal(err)
	}
	summary = map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case len(cells) == 4 && len(cells[0]) == 3 && strings.HasPrefix(cells[0], "00"):
			rows = append(rows, coverageRow{cells[0], cells[1], cells[2], cells[3]})
		case len(cells) == 7 && (strings.HasPrefix(cells[0], "00") || cells[0] == "all"):
			summary[strings.Fields(cells[0])[0]] = cells[1:]
		}
	}
	return rows, summary
}

func TestCoverage_RowsNameWhatHoldsThem(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	rows, summary := readCoverage(t)
	if len(rows) < 300 {
		t.Fatalf("the coverage table has %d rows; the five documents make far more claims", len(rows))
	}
	counts := map[string]map[string]int{}
	for _, r := range rows {
		kind, id, _ := strings.Cut(r.heldBy, ":")
		if strings.HasPrefix(r.heldBy, "left out") {
			kind = "left out"
			if strings.TrimSpace(strings.TrimPrefix(r.heldBy, "left out:")) == "" {
				t.Errorf("%s %q: left out with no reason", r.doc, r.passage)
			}
		}
		if !slices.Contains([]string{"date", "development", "cause", "judgement"}, r.kind) {
			t.Errorf("%s %q: type %q is not date, development, cause or judgement", r.doc, r.passage, r.kind)
		}
		from, to, isLink := strings.Cut(id, ">")
		e, ok := tl.Event(from)
		switch {
		case kind == "left out":
		case !ok:
			t.Errorf("%s %q: held by %q, an unknown event", r.doc, r.passage, r.heldBy)
		case kind == "dispute" && len(e.Disputes) == 0:
			t.Errorf("%s %q: %s records no dispute", r.doc, r.passage, from)
		case kind == "interpretation" && len(e.Interpretations) == 0:
			t.Errorf("%s %q: %s records no interpretation", r.doc, r.passage, from)
		case kind == "link" && (!isLink || !slices.Contains(e.LedTo, to)):
			t.Errorf("%s %q: %s does not lead to %q", r.doc, r.passage, from, to)
		case kind != "event" && kind != "dispute" && kind != "interpretation" && kind != "link":
			t.Errorf("%s %q: held by %q: want event:, dispute:, interpretation:, link: or left out:", r.doc, r.passage, r.heldBy)
		}
		for _, k := range []string{r.doc, "all"} {
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][kind]++
			counts[k]["claims"]++
		}
	}
	// The summary at the top must add up to the rows below it.
	for k, c := range counts {
		want := []string{fmt.Sprint(c["claims"]), fmt.Sprint(c["event"]), fmt.Sprint(c["dispute"]),
			fmt.Sprint(c["interpretation"]), fmt.Sprint(c["link"]), fmt.Sprint(c["left out"])}
		if !slices.Equal(summary[k], want) {
			t.Errorf("summary row %s is %v; the rows add up to %v", k, summary[k], want)
		}
	}
	t.Logf("%d claims: %d held, %d left out with a reason", len(rows), len(rows)-counts["all"]["left out"], counts["all"]["left out"])
}
