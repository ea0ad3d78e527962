package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// chartIDs are the progress page's charts, by data-testid.
var chartIDs = []string{"chart-heatmap", "chart-forecast", "chart-states", "chart-retention", "chart-mastery"}

// flatText is the whitespace-normalised text of the selection.
func flatText(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// pastReview stores a review made at, as if through the queue: the card
// moves from version to version+1.
func (h *harness) pastReview(t *testing.T, learnerID int64, q questions.Question, version int64, before *srs.Card,
	rating srs.Rating, at time.Time, after srs.Card) {
	t.Helper()
	state := srs.StateNew
	if before != nil {
		state = before.State
	}
	after.LastReview = at
	_, err := h.store.SaveReview(context.Background(), learnerID, version, questions.ReviewRecord{
		QuestionID: q.ID, EventID: q.EventIDs[0], Rating: rating, StateBefore: state, Before: before,
		After: after, ReviewedAt: at, Mode: questions.ModeFlashcard,
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestProgress_NewLearnerSeesEmptyCharts(t *testing.T) {
	h := newHarness(t)
	res := h.client().get("/progress")
	if res.status != http.StatusOK {
		t.Fatalf("GET /progress = %d", res.status)
	}
	for _, id := range []string{"heatmap-empty", "forecast-empty", "retention-empty", "mastery-empty"} {
		if res.doc.Find(`[data-testid="`+id+`"]`).Length() != 1 {
			t.Errorf("no %s message", id)
		}
	}
	for _, id := range []string{"chart-heatmap", "chart-forecast", "chart-retention", "chart-mastery"} {
		if n := res.doc.Find(`[data-testid="` + id + `"] svg`).Length(); n != 0 {
			t.Errorf("%s draws %d charts with no data; want the empty message only", id, n)
		}
	}
	// Every question is new: that is real data, drawn as a chart.
	states := flatText(res.doc.Find(`[data-testid="states-text"]`))
	if want := "New: " + strconv.Itoa(len(h.bank.Questions)); !strings.Contains(states, want) || !strings.Contains(states, "Review: 0") {
		t.Errorf("states %q; want %q and no cards in review", states, want)
	}
	if res.doc.Find(`[data-testid="chart-states"] svg title`).Text() == "" {
		t.Error("the cards-by-state chart has no title")
	}
	if got := flatText(res.doc.Find(`[data-testid="streak"]`)); !strings.Contains(got, "none yet") {
		t.Errorf("streak %q; want none yet", got)
	}
	if res.doc.Find(`[data-testid="no-progress"]`).Length() != 1 {
		t.Error("the practice section lost its empty state")
	}
}

func TestProgress_ChartsShowTheLearnersReviews(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	ctx := context.Background()
	loc, _ := time.LoadLocation(questions.DefaultTimeZone)

	// Today: two new cards graded Good through the queue.
	var routeCards []string
	for range 2 {
		card, _ := currentCard(t, c)
		res := c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}, "shown_at": {"1"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("grade: %d", res.status)
		}
		routeCards = append(routeCards, card)
	}
	reviewed := h.reviewLogs(t, 1)
	if len(reviewed) != 2 {
		t.Fatalf("%d reviews through the queue; want 2", len(reviewed))
	}

	// Earlier days: five questions from the last era, each reviewed just
	// over its stability ago, so that its retrievability now is 90%.
	now := time.Now()
	today := questions.DayStart(now, loc)
	era := questions.Eras[len(questions.Eras)-1]
	var qs []questions.Question
	seen := map[string]bool{}
	for _, q := range h.bank.Select(questions.Filter{Eras: []string{era.ID}}) {
		if e, _ := h.tl.Event(q.EventIDs[0]); e.Era == era.ID && len(q.EventIDs) == 1 && !seen[q.EventIDs[0]] {
			seen[q.EventIDs[0]] = true
			qs = append(qs, q)
		}
	}
	if len(qs) < 5 {
		t.Fatalf("only %d questions in %s", len(qs), era.ID)
	}
	ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	review := func(days int, due time.Time) srs.Card {
		return srs.Card{State: srs.Review, Stability: float64(days), Difficulty: 5, Reps: 1, Due: due}
	}
	// A reviewed on day -8 and again on day -2 (Good: passed);
	// B on day -7 and again on day -1 (Again: failed, now relearning and overdue);
	// C, D and E on days -6, -5 and -4, E from new so not counted in retention.
	a1 := review(8, ago(2))
	h.pastReview(t, 1, qs[0], 0, nil, srs.Easy, ago(8), a1)
	a1.LastReview = ago(8)
	h.pastReview(t, 1, qs[0], 1, &a1, srs.Good, ago(2), review(2, now.AddDate(0, 0, 10)))
	b1 := review(7, ago(1))
	h.pastReview(t, 1, qs[1], 0, nil, srs.Easy, ago(7), b1)
	b1.LastReview = ago(7)
	b2 := srs.Card{State: srs.Relearning, Stability: 1, Difficulty: 7, Reps: 2, Lapses: 1, Due: today.Add(-time.Hour)}
	h.pastReview(t, 1, qs[1], 1, &b1, srs.Again, ago(1), b2)
	h.pastReview(t, 1, qs[2], 0, nil, srs.Easy, ago(6), review(6, now.AddDate(0, 0, 2)))
	h.pastReview(t, 1, qs[3], 0, nil, srs.Easy, ago(5), review(5, now.AddDate(0, 0, 2)))
	h.pastReview(t, 1, qs[4], 0, nil, srs.Good, ago(4), review(4, now.AddDate(0, 0, 40)))

	// The two queue cards are learning, due in minutes: today, unless the
	// test runs just before 04:00.
	cards, err := h.store.Cards(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	dueToday, learning := 1, 0 // B, overdue
	for _, cr := range cards {
		if cr.Card.State == srs.Learning {
			learning++
			if cr.Card.Due.Before(questions.NextDayStart(now, loc)) {
				dueToday++
			}
		}
	}

	res := c.get("/progress")
	if res.status != http.StatusOK {
		t.Fatalf("GET /progress = %d", res.status)
	}
	for _, id := range chartIDs {
		svg := res.doc.Find(`[data-testid="` + id + `"] svg[role="img"]`)
		if svg.Length() != 1 {
			t.Errorf("%s: %d charts drawn; want 1", id, svg.Length())
			continue
		}
		labels, _ := svg.Attr("aria-labelledby")
		for _, l := range strings.Fields(labels) {
			if flatText(svg.Find("#"+l)) == "" {
				t.Errorf("%s: aria-labelledby names %q, which is missing or empty", id, l)
			}
		}
		if svg.Find("title").Text() == "" || svg.Find("desc").Text() == "" {
			t.Errorf("%s: the chart has no title or description", id)
		}
	}

	for _, tc := range []struct {
		name, selector string
		want           []string
	}{
		{"heatmap", `[data-testid="heatmap-text"]`, []string{
			"9 reviews on 8 of the last 112 days.",
			"Busiest day: " + today.Format("Mon 2 Jan") + ", with 2 reviews.",
		}},
		{"forecast", `[data-testid="forecast-text"]`, []string{
			// The learning cards fall within the week whichever day they land on.
			strconv.Itoa(dueToday) + " due today (including 1 overdue), " + strconv.Itoa(1+learning+2) + " in the next 7 days and " +
				strconv.Itoa(1+learning+3) + " in the next 30.",
		}},
		{"states", `[data-testid="states-text"]`, []string{
			"New: " + strconv.Itoa(len(h.bank.Questions)-7), "Learning: 2", "Review: 4", "Relearning: 1",
		}},
		{"retention", `[data-testid="retention-text"]`, []string{
			"50% of 2 reviews of cards in review state recalled (1 not graded Again). Your desired retention is 90%.",
		}},
		{"retention figure", `[data-testid="chart-retention"] .big-number`, []string{"50%"}},
		{"mastery", `[data-testid="mastery-table"] tr:contains("` + era.Name + `")`, []string{
			"5 of " + strconv.Itoa(len(h.bank.Select(questions.Filter{Eras: []string{era.ID}}))), "90%",
		}},
		{"mastery of an era not studied", `[data-testid="mastery-table"] tr:contains("` + questions.Eras[3].Name + `")`, []string{
			"not studied",
		}},
		{"streak", `[data-testid="streak"]`, []string{"Study streak: 3 days; longest in the last 16 weeks 5 days."}},
	} {
		got := flatText(res.doc.Find(tc.selector))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q does not contain %q", tc.name, got, w)
			}
		}
	}

	// The heatmap's table has the right numbers in the right weeks: the
	// last cell of the last week is today.
	lastWeek := res.doc.Find(`[data-testid="chart-heatmap"] table tbody tr`).Last().Find("td")
	if n := res.doc.Find(`[data-testid="chart-heatmap"] table tbody tr`).Length(); n != 16 {
		t.Errorf("%d weeks in the heatmap table; want 16", n)
	}
	if got := flatText(lastWeek.Eq(6)); got != "2" {
		t.Errorf("today's cell in the heatmap table is %q; want 2", got)
	}
	if got := flatText(lastWeek.Eq(5)); got != "1" {
		t.Errorf("yesterday's cell in the heatmap table is %q; want 1", got)
	}
	if got := flatText(lastWeek.Eq(4)); got != "1" {
		t.Errorf("the cell for two days ago is %q; want 1", got)
	}
	if got := flatText(lastWeek.Eq(3)); got != "0" {
		t.Errorf("the cell for three days ago is %q; want 0 (the gap)", got)
	}
	first := res.doc.Find(`[data-testid="chart-forecast"] table tbody tr`).First()
	if day, n := flatText(first.Find("th")), flatText(first.Find("td")); day != "Today" || n != strconv.Itoa(dueToday) {
		t.Errorf("the forecast table's first row is %q: %q; want Today: %d", day, n, dueToday)
	}
	if n := res.doc.Find(`[data-testid="chart-forecast"] table tbody tr`).Length(); n != 30 {
		t.Errorf("%d days in the forecast table; want 30", n)
	}
}

func TestProgress_HeavyLearnerPageStaysSmall(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	// Reading writes nothing: store learner 1 for the visitor's cookie.
	if _, token, err := h.store.CreateLearner(context.Background()); err != nil {
		t.Fatal(err)
	} else {
		c.cookies["sabaq_learner"] = token
	}
	now := time.Now()
	// A review on every one of the 112 days, each of a card due on a
	// different day of the forecast.
	for k := range questions.HeatmapDays {
		at := now.AddDate(0, 0, -k)
		h.pastReview(t, 1, h.bank.Questions[k], 0, nil, srs.Good, at, srs.Card{
			State: srs.Review, Stability: float64(k + 1), Difficulty: 5, Reps: 1, Due: now.AddDate(0, 0, k%questions.ForecastDays),
		})
	}
	res := c.get("/progress")
	if res.status != http.StatusOK {
		t.Fatalf("GET /progress = %d", res.status)
	}
	section, err := goquery.OuterHtml(res.doc.Find(`[data-testid="revision-charts"]`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page %d bytes, of which charts %d", len(res.body), len(section))
	if len(section) > 16*1024 {
		t.Errorf("the charts take %d bytes of HTML; want at most 16 KiB", len(section))
	}
	if got := flatText(res.doc.Find(`[data-testid="streak"]`)); !strings.Contains(got, "at least 112 days") {
		t.Errorf("streak %q; want at least 112 days (the window loaded)", got)
	}
}
