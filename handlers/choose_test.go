package handlers_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// "Help me choose" on /settings compares desired retentions for the
// learner's exam (or, with none, an exam a month off on their deck): a
// higher retention never asks fewer reviews nor brings less recall, and the
// learner's own is marked.
func TestSettings_HelpMeChooseComparesRetentions(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	c.get("/")
	res := c.get("/settings")
	panel := byTestID(res, "choose-retention")
	if !strings.Contains(panel, "an exam a month from today") {
		t.Errorf("with no exam date the panel says %q; want it to compare for an exam a month off", panel)
	}
	exam := time.Now().In(mustLoc(t, "Asia/Karachi")).AddDate(0, 0, 12).Format(time.DateOnly)
	saveSettingsConfirmed(t, c, withFields(settingsForm(exam), "retention", "0.85"))
	res = c.get("/settings")
	if panel := byTestID(res, "choose-retention"); !strings.Contains(panel, "your exam on") {
		t.Errorf("with an exam date the panel says %q; want it to compare for that exam", panel)
	}
	rows := res.doc.Find(`[data-testid="choose-retention-table"] tbody tr`)
	if rows.Length() != 4 {
		t.Fatalf("%d rows; want 0.80, 0.85, 0.90 and 0.95", rows.Length())
	}
	prevPerDay, prevRecall := -1, -1
	rows.Each(func(i int, row *goquery.Selection) {
		cells := row.Find("td")
		perDay, _ := strconv.Atoi(strings.TrimSpace(cells.Eq(0).Text()))
		recall, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(cells.Eq(1).Text()), "%"))
		name := strings.Fields(row.Find("th").Text())[0]
		if perDay < prevPerDay || recall < prevRecall {
			t.Errorf("%s: %d reviews a day, %d%%; a lower retention gave %d, %d%%", name, perDay, recall, prevPerDay, prevRecall)
		}
		if mine := row.HasClass("current"); mine != (name == "0.85") {
			t.Errorf("row %s marked as the learner's: %v", name, mine)
		}
		prevPerDay, prevRecall = perDay, recall
	})
	if n := res.doc.Find(`[data-testid="choose-retention"] svg rect.bar`).Length(); n != 4 {
		t.Errorf("%d bars in the chart; want 4", n)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
