package handlers_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
)

// texts collects the text of each selected element, squeezed.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.Join(strings.Fields(e.Text()), " ")) })
	return out
}

func readCSV(t *testing.T, res response) [][]string {
	t.Helper()
	if res.status != http.StatusOK {
		t.Fatalf("CSV: %d\n%.300s", res.status, res.body)
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q; want text/csv", ct)
	}
	rows, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, res.body)
	}
	return rows
}

// column finds a header's index.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return -1
}

// The class of the dashboard tests: three students practise the set of
// three questions (1 right, 0 wrong):
//
//	student  choice  true/false  short answer
//	amna       1         0            1
//	bilal      0         1            0
//	chand      1         1            0
//
// Facility: choice 2/3, true/false 2/3, short answer 1/3, so the short
// answer comes first. Discrimination (item score against the share right
// of the other two questions):
//
//	short answer: x = 1 0 0, rest = .5 .5 1: r = (-1/6)/√(2/3 · 1/6) = -.5
//	choice:       x = 1 0 1, rest = .5 .5 .5: the rest does not vary, undefined
//	true/false:   x = 0 1 1, rest = 1 0 .5: r = (-1/2)/√(2/3 · 1/2) = -.866
//
// The set's title starts with "=", which the CSV export must defuse.
func practisedClass(t *testing.T) *classFixture {
	t.Helper()
	cr := newClassFixture(t, "=1+1 Tashkent")
	plans := []struct {
		name    string
		answers map[questions.Kind]string
	}{
		{"amna", map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin", questions.KindTrueFalse: questions.OptionFalse, questions.KindShortAnswer: "Tashkent"}},
		{"bilal", map[questions.Kind]string{questions.KindMultipleChoice: "Nixon", questions.KindTrueFalse: questions.OptionTrue, questions.KindShortAnswer: "Lahore"}},
		{"chand", map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin", questions.KindTrueFalse: questions.OptionTrue, questions.KindShortAnswer: "Moscow"}},
	}
	for _, p := range plans {
		c := cr.student(t, p.name)
		cr.practise(t, c, p.answers)
		if p.name == "amna" {
			// After practising (which made cards of the three), she reviews
			// the next card, one of the timeline's: a card more, and no
			// first attempt of the set's.
			card, _ := currentCard(t, c)
			c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
		}
	}
	// Bilal has finished one mock exam, 1 of 2 right.
	ctx := context.Background()
	bilal, _, _ := cr.h.store.AccountByUsername(ctx, "bilal")
	qs := cr.h.bank.Questions[:2]
	id, err := cr.h.store.CreateMockExam(ctx, bilal.LearnerID, "", questions.MockSetup{Length: 2, Minutes: 30}, 1, []string{qs[0].ID, qs[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	cr.h.store.SaveMockAnswer(ctx, bilal.LearnerID, id, 0, qs[0].ID, qs[0].Answer, true)
	if _, err := cr.h.store.FinishMockExam(ctx, bilal.LearnerID, id); err != nil {
		t.Fatal(err)
	}
	return cr
}

func TestDashboard_RosterAndItemStatistics(t *testing.T) {
	cr := practisedClass(t)
	res := cr.teacher.get(cr.url + "/dashboard")
	if res.status != http.StatusOK {
		t.Fatalf("dashboard: %d\n%.300s", res.status, res.body)
	}
	rows := res.doc.Find(`[data-testid="roster-row"]`)
	if got := texts(rows.Find(`[data-testid="student"]`)); strings.Join(got, " ") != "amna bilal chand" {
		t.Fatalf("roster students %q", got)
	}
	for i, want := range []struct{ cards, assigned, mocks, latest, best string }{
		// Practice counts toward revision: each practised the whole set.
		{"4", "3 / 3", "0", "–", "–"},
		{"3", "3 / 3", "1", "1 / 2", "50%"},
		{"3", "3 / 3", "0", "–", "–"},
	} {
		row := rows.Eq(i)
		got := []string{row.Find(`[data-testid="cards"]`).Text(), row.Find(`[data-testid="assigned"]`).Text(),
			row.Find(`[data-testid="mocks"]`).Text(), row.Find(`[data-testid="latest-mock"]`).Text(), row.Find(`[data-testid="best-mock"]`).Text()}
		if strings.Join(got, "|") != strings.Join([]string{want.cards, want.assigned, want.mocks, want.latest, want.best}, "|") {
			t.Errorf("row %d: cards, assigned, mocks, latest, best = %q; want %+v", i, got, want)
		}
		if row.Find(`[data-testid="last-active"]`).Text() == "Never" {
			t.Errorf("row %d: never active, after practising", i)
		}
	}

	items := res.doc.Find(`[data-testid="item-analysis"] [data-testid="item"]`)
	type item struct{ prompt, attempts, facility, discrimination string }
	var got []item
	items.Each(func(_ int, s *goquery.Selection) {
		got = append(got, item{s.Find(`[data-testid="item-prompt"]`).Text(), s.Find(`[data-testid="item-attempts"]`).Text(),
			s.Find(`[data-testid="facility"]`).Text(), s.Find(`[data-testid="discrimination"]`).Text()})
	})
	want := []item{
		{tashkentItems[2].Prompt, "3", "33%", "-50"},
		{tashkentItems[0].Prompt, "3", "67%", "–"},
		{tashkentItems[1].Prompt, "3", "67%", "-87"},
	}
	if len(got) != len(want) {
		t.Fatalf("items %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %+v; want %+v", i, got[i], want[i])
		}
	}
	choices := texts(items.Eq(1).Find(`[data-testid="choice"]`))
	if strings.Join(choices, "|") != "Kosygin correct 2|Nixon 1|Zhou Enlai 0" {
		t.Errorf("choices %q; want Kosygin (correct) 2, Nixon 1, Zhou Enlai 0", choices)
	}
	if !items.Eq(0).HasClass("low-facility") || items.Eq(1).HasClass("low-facility") {
		t.Error("only the question most got wrong is marked")
	}
	if res.doc.Find(`[data-testid="roster-csv"]`).AttrOr("href", "") != cr.url+"/roster.csv" ||
		res.doc.Find(`[data-testid="items-csv"]`).AttrOr("href", "") != cr.url+"/items.csv" {
		t.Error("no links to the CSV exports")
	}
}

func TestDashboard_CSVExportsWithHeadersAndNoFormulas(t *testing.T) {
	cr := practisedClass(t)
	res := cr.teacher.get(cr.url + "/roster.csv")
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename="year-9-history-roster.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	roster := readCSV(t, res)
	if len(roster) != 4 || roster[0][0] != "Student" {
		t.Fatalf("roster CSV %q; want a header and 3 students", roster)
	}
	h := roster[0]
	amna, bilal := roster[1], roster[2]
	if amna[0] != "amna" || amna[column(t, h, "Cards studied")] != "4" || amna[column(t, h, "Assigned questions studied")] != "3" ||
		amna[column(t, h, "Assigned questions")] != "3" || amna[column(t, h, "Last active (UTC)")] == "" {
		t.Errorf("amna's row %q", amna)
	}
	if bilal[column(t, h, "Finished mock exams")] != "1" || bilal[column(t, h, "Latest mock score")] != "1" ||
		bilal[column(t, h, "Latest mock total")] != "2" || bilal[column(t, h, "Best mock %")] != "50.0" {
		t.Errorf("bilal's row %q", bilal)
	}

	res = cr.teacher.get(cr.url + "/items.csv")
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename="year-9-history-items.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	items := readCSV(t, res)
	if len(items) != 4 || items[0][0] != "Set" {
		t.Fatalf("items CSV %q; want a header and 3 questions", items)
	}
	h = items[0]
	for i, want := range []struct{ number, facility, discrimination, chosen string }{
		{"3", "33.3", "-50.00", ""},
		{"1", "66.7", "", "Kosygin (correct): 2; Nixon: 1; Zhou Enlai: 0"},
		{"2", "66.7", "-86.60", "True (correct): 2; False: 1"},
	} {
		row := items[i+1]
		got := []string{row[column(t, h, "Question number")], row[column(t, h, "Facility index %")],
			row[column(t, h, "Discrimination index")], row[column(t, h, "Answers chosen")]}
		if strings.Join(got, "|") != strings.Join([]string{want.number, want.facility, want.discrimination, want.chosen}, "|") {
			t.Errorf("item row %d: %q; want %+v", i, got, want)
		}
		if row[0] != "'=1+1 Tashkent" {
			t.Errorf("set cell %q; want the formula defused with a leading apostrophe", row[0])
		}
	}
}

func TestDashboard_EmptyClass(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "mrs-khan")
	path := makeClass(t, teacher, "Empty")
	res := teacher.get(path + "/dashboard")
	if res.status != http.StatusOK || res.doc.Find(`[data-testid="no-members"]`).Length() != 1 ||
		res.doc.Find(`[data-testid="no-analyses"]`).Length() != 1 {
		t.Errorf("empty dashboard: %d\n%.300s", res.status, res.body)
	}
	if rows := readCSV(t, teacher.get(path+"/items.csv")); len(rows) != 1 {
		t.Errorf("items CSV of an empty class: %q; want just the header", rows)
	}
}

// A phone shows each row of a wide table as a card, each cell named by its
// column from data-label, so every cell must carry its column's name; wider,
// the table scrolls in a region the keyboard can reach, under a hint.
func TestDashboard_WideTablesNameEveryCellAndSayTheyScroll(t *testing.T) {
	cr := practisedClass(t)
	res := cr.teacher.get(cr.url + "/dashboard")
	tables := res.doc.Find(`table.stack`)
	if tables.Length() != 2 {
		t.Fatalf("%d wide tables; want the roster and one item table", tables.Length())
	}
	tables.Each(func(_ int, table *goquery.Selection) {
		headers := texts(table.Find(`thead th`))
		rows := table.Find(`tbody tr`)
		if rows.Length() != 3 {
			t.Errorf("%d rows under %q; want 3", rows.Length(), headers)
		}
		rows.Each(func(i int, row *goquery.Selection) {
			if !row.Children().First().Is(`th[scope="row"]`) {
				t.Errorf("row %d under %q does not start with its row header, the sticky column", i, headers)
			}
			labels := []string{headers[0]}
			row.Find(`td`).Each(func(_ int, td *goquery.Selection) { labels = append(labels, td.AttrOr("data-label", "")) })
			if strings.Join(labels, "|") != strings.Join(headers, "|") {
				t.Errorf("row %d names its cells %q; the columns are %q", i, labels, headers)
			}
		})
		region := table.Parent()
		hint := res.doc.Find("#" + region.AttrOr("aria-describedby", "none"))
		if region.AttrOr("role", "") != "region" || region.AttrOr("tabindex", "") != "0" || region.AttrOr("aria-label", "") == "" ||
			!strings.Contains(hint.Text(), "Scroll sideways for more columns") {
			t.Errorf("the table under %q scrolls in a region with role %q, tabindex %q, name %q and the hint %q",
				headers, region.AttrOr("role", ""), region.AttrOr("tabindex", ""), region.AttrOr("aria-label", ""), hint.Text())
		}
	})
	// Times carry their zone's name: the teacher's, Karachi until they choose.
	for _, last := range texts(res.doc.Find(`[data-testid="last-active"]`)) {
		if !regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} PKT$`).MatchString(last) {
			t.Errorf("last active %q; want a time with its zone, as 7 Dec 2026 09:15 PKT", last)
		}
	}
}
