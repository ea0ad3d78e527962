package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// feedbackItems are a teacher's questions with feedback on their options,
// linked to no event.
var feedbackItems = []sets.Item{
	{Kind: sets.MultipleChoice, Prompt: "Who hosted the Tashkent talks of 1966?", Explanation: "The Soviet premier hosted them.",
		Choices: []sets.Choice{
			{Text: "Alexei Kosygin", Weight: 100, Feedback: "Yes: the Soviet premier brought Ayub and Shastri together."},
			{Text: "Leonid Brezhnev", Feedback: "Brezhnev led the party; the premier, Kosygin, hosted."},
			{Text: "Richard Nixon"},
		}},
	{Kind: sets.MultipleAnswer, Prompt: "Which pacts did Pakistan join in the 1950s?",
		Choices: []sets.Choice{
			{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50, Feedback: "The Baghdad Pact, renamed in 1959."},
			{Text: "The Warsaw Pact", Weight: -100, Feedback: "That was the Soviet bloc's own."},
		}},
	{Kind: sets.TrueFalse, Prompt: "The U-2 shot down in 1960 had flown from Peshawar.", Truth: true,
		FeedbackTrue: "Yes: from Badaber, near Peshawar.", FeedbackFalse: "It did: Khrushchev circled Peshawar on his map."},
	{Kind: sets.Numerical, Prompt: "In which year did the last Soviet troops leave Afghanistan?",
		Numbers: []sets.NumericAnswer{{Value: 1989, Weight: 100, Feedback: "February 1989."}, {Value: 1979, Feedback: "1979 is when they went in."}}},
	{Kind: sets.Ordering, Prompt: "Put these in order.", Sequence: []string{"Tashkent Declaration", "Bhutto in Moscow", "Geneva Accords"}},
}

// markedOption is one option as the feedback redraws it.
type markedOption struct {
	text, mark, note string
	right, chosen    bool
}

func markedOptions(s *goquery.Selection) []markedOption {
	var out []markedOption
	s.Find(`[data-testid="marked-option"]`).Each(func(_ int, li *goquery.Selection) {
		_, right := li.Attr("data-right")
		_, chosen := li.Attr("data-chosen")
		out = append(out, markedOption{text: li.Find(`[data-testid="option-text"]`).Text(), right: right, chosen: chosen,
			mark: strings.Join(strings.Fields(li.Find(`[data-testid="mark"]`).Text()), " "), note: li.Find(`[data-testid="option-feedback"]`).Text()})
	})
	return out
}

func TestFeedback_RedrawsTheOptionsMarkedWithTheTeachersFeedbackUnderEach(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "ms-khan")
	setID, _ := storeSet(t, h, accountIDOf(t, h, "ms-khan"), "Feedback", feedbackItems)
	res := teacher.post("/", "/practice", url.Values{"set": {idStr(setID)}, "length": {"5"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("practise the set: %d", res.status)
	}
	path := res.location
	for range feedbackItems {
		page := teacher.get(path)
		q := question(t, h, page)
		var shown []string
		page.doc.Find(`input[name="answer"][type="radio"], input[name="answer"][type="checkbox"], input[name="item"]`).Each(func(_ int, s *goquery.Selection) {
			shown = append(shown, s.AttrOr("value", ""))
		})
		form := url.Values{"question_id": {q.ID}}
		switch q.Kind {
		case questions.KindMultipleChoice:
			form.Set("answer", "Leonid Brezhnev")
		case questions.KindMultipleAnswer:
			form["answer"] = []string{"SEATO", "The Warsaw Pact"}
		case questions.KindTrueFalse:
			form.Set("answer", questions.OptionFalse)
		case questions.KindNumerical:
			form.Set("answer", "1979")
		case questions.KindOrdering: // each in the place after its own
			for _, item := range shown {
				form.Add("item", item)
				form.Add("position", idStr(int64((slices.Index(q.Answer, item)+1)%len(shown)+1)))
			}
		}
		if res := teacher.post(path, path, form); res.status != http.StatusSeeOther {
			t.Fatalf("answer %s: %d\n%.300s", q.Kind, res.status, res.body)
		}
		fb := teacher.get(path)
		section := fb.doc.Find(`[data-testid="feedback"]`)
		if got := section.Find(`[data-testid="verdict"]`).Text(); got != "Not quite" {
			t.Errorf("%s: verdict %q; want Not quite", q.Kind, got)
		}
		// A teacher's question linked to no event has nothing to read more.
		if strings.Contains(section.Text(), "Read more") || section.Find(`[data-testid="read-more"]`).Length() != 0 {
			t.Errorf("%s: the feedback offers to read more, with no event to read", q.Kind)
		}
		if section.Find(`[data-testid="report-link"]`).Length() != 1 {
			t.Errorf("%s: no link to report a problem", q.Kind)
		}
		opts := markedOptions(section)
		switch q.Kind {
		case questions.KindMultipleChoice:
			want := map[string]markedOption{
				"Alexei Kosygin":  {mark: "✓ Right answer", note: "Yes: the Soviet premier brought Ayub and Shastri together.", right: true},
				"Leonid Brezhnev": {mark: "✗ Your answer", note: "Brezhnev led the party; the premier, Kosygin, hosted.", chosen: true},
				"Richard Nixon":   {},
			}
			checkMarked(t, q.Kind, opts, shown, want)
			if got := section.Find(`[data-testid="explanation"]`).Text(); got != "The Soviet premier hosted them." {
				t.Errorf("explanation %q", got)
			}
		case questions.KindMultipleAnswer:
			checkMarked(t, q.Kind, opts, shown, map[string]markedOption{
				"SEATO":           {mark: "✓ Your answer, right", right: true, chosen: true},
				"CENTO":           {mark: "✓ Right answer", note: "The Baghdad Pact, renamed in 1959.", right: true},
				"The Warsaw Pact": {mark: "✗ Your answer", note: "That was the Soviet bloc's own.", chosen: true},
			})
		case questions.KindTrueFalse:
			checkMarked(t, q.Kind, opts, []string{questions.OptionTrue, questions.OptionFalse}, map[string]markedOption{
				questions.OptionTrue:  {mark: "✓ Right answer", note: "Yes: from Badaber, near Peshawar.", right: true},
				questions.OptionFalse: {mark: "✗ Your answer", note: "It did: Khrushchev circled Peshawar on his map.", chosen: true},
			})
		case questions.KindNumerical:
			if got := section.Find(`[data-testid="typed-given"]`).Text(); got != "1979" {
				t.Errorf("numerical: typed %q; want 1979", got)
			}
			if got := section.Find(`[data-testid="typed-answer"]`).Text(); got != "1989" {
				t.Errorf("numerical: the answer %q; want 1989", got)
			}
			if got := section.Find(`[data-testid="option-feedback"]`).Text(); got != "1979 is when they went in." {
				t.Errorf("numerical: the teacher's feedback on 1979 is %q", got)
			}
		case questions.KindOrdering:
			var rows []string
			section.Find(`[data-testid="places"] > [data-testid="placed"]`).Each(func(_ int, s *goquery.Selection) {
				rows = append(rows, strings.Join(strings.Fields(s.Text()), " "))
			})
			want := []string{"Tashkent Declaration ✗ You put it 2nd", "Bhutto in Moscow ✗ You put it 3rd", "Geneva Accords ✗ You put it 1st"}
			if !slices.Equal(rows, want) {
				t.Errorf("ordering: the places read %q; want %q", rows, want)
			}
		}
		path = fb.doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
	// The summary lists each missed question on one line that opens.
	sum := teacher.get(path)
	items := sum.doc.Find(`[data-testid="missed"] > li`)
	if items.Length() != len(feedbackItems) {
		t.Fatalf("%d missed questions on the summary; want %d", items.Length(), len(feedbackItems))
	}
	items.Each(func(i int, li *goquery.Selection) {
		line := li.Find(`details > summary`)
		given := line.Find(`[data-testid="given"]`).Text()
		if line.Find(`[data-testid="result-prompt"]`).Text() == "" || given == "" {
			t.Errorf("missed question %d has no prompt or no answer given on its line", i+1)
		}
		// An order is too long for a line: it says how many places were right.
		if order := li.Find(`[data-testid="places"]`).Length() > 0; order && given != "You put 0 of 3 in their place." ||
			!order && line.Find(`[data-testid="answer"]`).Text() == "" {
			t.Errorf("missed question %d's line reads %q", i+1, strings.Join(strings.Fields(line.Text()), " "))
		}
		if li.Find(`details [data-testid="report-link"]`).Length() != 1 {
			t.Errorf("missed question %d has no link to report a problem", i+1)
		}
	})
	if got := sum.doc.Find(`[data-testid="missed"] [data-chosen] [data-testid="option-feedback"]`).First().Text(); got == "" {
		t.Error("the summary's missed questions do not show the teacher's feedback on the chosen option")
	}
}

// checkMarked checks options redrawn in the order shown, each with its marks
// and the teacher's feedback.
func checkMarked(t *testing.T, kind questions.Kind, got []markedOption, shown []string, want map[string]markedOption) {
	t.Helper()
	if len(got) != len(shown) {
		t.Fatalf("%s: %d options redrawn; %d were shown", kind, len(got), len(shown))
	}
	for i, o := range got {
		if o.text != shown[i] {
			t.Errorf("%s: option %d redrawn as %q; %q was shown there", kind, i+1, o.text, shown[i])
		}
		w := want[o.text]
		w.text = o.text
		if o != w {
			t.Errorf("%s: option %q redrawn as %+v; want %+v", kind, o.text, o, w)
		}
	}
}

func TestFeedback_OneQuoteFirstAndTheRestBehindMoreSources(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	path := startSession(t, c, url.Values{"kind": {"order"}, "length": {"1"}})
	page := c.get(path)
	q := question(t, h, page)
	if len(q.Sources) < 3 || len(q.EventIDs) == 0 {
		t.Fatalf("an order question with %d sources and %d events; want several of each", len(q.Sources), len(q.EventIDs))
	}
	c.post(path, path, answerForm(page, q, q.Answer))
	section := c.get(path).doc.Find(`[data-testid="feedback"]`)
	if n := section.ChildrenFiltered(`ul.sources`).Find(`blockquote`).Length(); n != 1 {
		t.Errorf("%d quotes shown before More sources; want 1", n)
	}
	more := section.Find(`details[data-testid="more-sources"]`)
	if more.Length() != 1 {
		t.Fatal("no More sources disclosure")
	}
	if _, open := more.Attr("open"); open {
		t.Error("More sources is open at first")
	}
	if got, want := strings.TrimSpace(more.Find(`summary`).Text()), "More sources ("+idStr(int64(len(q.Sources)-1))+")"; got != want {
		t.Errorf("the disclosure says %q; want %q", got, want)
	}
	if n := more.Find(`blockquote`).Length(); n != len(q.Sources)-1 {
		t.Errorf("%d quotes behind More sources; want the other %d", n, len(q.Sources)-1)
	}
	if n := more.Find(`[data-testid="read-more"] a[href^="/timeline/"]`).Length(); n != len(q.EventIDs) {
		t.Errorf("%d events to read behind More sources; want %d", n, len(q.EventIDs))
	}
	var rows []string
	section.Find(`[data-testid="placed"]`).Each(func(_ int, s *goquery.Selection) { rows = append(rows, s.Text()) })
	if len(rows) != len(q.Answer) {
		t.Fatalf("the right order has %d places; want %d", len(rows), len(q.Answer))
	}
	for i, r := range rows {
		if !strings.Contains(r, q.Answer[i]) || !strings.Contains(r, "✓") {
			t.Errorf("place %d reads %q; want %q marked as the learner's too", i+1, r, q.Answer[i])
		}
	}
}

func TestFeedback_OnTheReviewCardsBack(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "ms-khan")
	setID, qids := storeSet(t, h, accountIDOf(t, h, "ms-khan"), "Feedback", feedbackItems[:1])
	class := makeClass(t, teacher, "Year 9")
	if res := teacher.post(class, class+"/assignments", url.Values{"set": {idStr(setID)}}); res.status != http.StatusSeeOther {
		t.Fatalf("assign: %d\n%.300s", res.status, res.body)
	}
	code := teacher.get(class).doc.Find(`[data-testid="join-code"]`).Text()
	amna := h.client()
	signup(t, amna, "amna", "a long password")
	if res := amna.post("/", "/join", url.Values{"code": {code}}); res.status != http.StatusSeeOther {
		t.Fatalf("join: %d", res.status)
	}

	// Review, as a quiz: the card's options in the order its front showed them.
	card := "/review/card/" + url.PathEscape(qids[0])
	front := amna.get(card + "?mode=quiz")
	var shown []string
	front.doc.Find(`input[name="answer"]`).Each(func(_ int, s *goquery.Selection) { shown = append(shown, s.AttrOr("value", "")) })
	res := amna.post(card+"?mode=quiz", card+"/answer", url.Values{"answer": {"Richard Nixon"}, "version": {"0"}, "shown_at": {"1"}})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/review/log/") {
		t.Fatalf("answer: %d %q", res.status, res.location)
	}
	back := amna.get(res.location).doc.Find(`[data-testid="back"]`)
	checkMarked(t, "review", markedOptions(back), shown, map[string]markedOption{
		"Alexei Kosygin":  {mark: "✓ Right answer", note: "Yes: the Soviet premier brought Ayub and Shastri together.", right: true},
		"Leonid Brezhnev": {note: "Brezhnev led the party; the premier, Kosygin, hosted."},
		"Richard Nixon":   {mark: "✗ Your answer", chosen: true},
	})
	if back.Find(`[data-testid="report-link"]`).Length() != 1 || strings.Contains(back.Text(), "Read more") {
		t.Error("the review's back lacks the report link, or offers to read more with no event")
	}

	// The flashcard's back marks the right option, and nothing as chosen.
	flash := amna.get(card + "?mode=flashcard&reveal=1").doc.Find(`[data-testid="back"]`)
	for _, o := range markedOptions(flash) {
		if o.chosen || o.right != (o.text == "Alexei Kosygin") {
			t.Errorf("the flashcard's back marks %+v", o)
		}
	}
}

func TestFeedback_MockResultsOneLineEachThatOpens(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, _ := startMock(t, c, url.Values{"length": {"8"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)
	shown := map[int][]string{} // question number → options as shown, for those answered
	chosen := map[int]string{}
	for n := 1; n <= 8; n++ {
		path := base + "/q/" + strconv.Itoa(n)
		page := c.get(path)
		q := question(t, h, page)
		if q.Kind.Format() != questions.FormatChoice {
			continue
		}
		page.doc.Find(`input[name="answer"]`).Each(func(_ int, s *goquery.Selection) { shown[n] = append(shown[n], s.AttrOr("value", "")) })
		chosen[n] = wrongAnswer(q)[0]
		if res := c.post(path, path, url.Values{"question_id": {q.ID}, "answer": {chosen[n]}}); res.status != http.StatusSeeOther {
			t.Fatalf("answer %d: %d", n, res.status)
		}
	}
	if len(chosen) == 0 {
		t.Fatal("the exam had no choice question to answer")
	}
	token := c.get(base+"/q/1").doc.Find(`input[name="_csrf"]`).AttrOr("value", "")
	c.do(http.MethodPost, base+"/finish", url.Values{"_csrf": {token}})
	results := c.get(base + "/results")
	missed := results.doc.Find(`[data-testid="missed"] > [data-testid="missed-item"]`)
	if missed.Length() != 8 {
		t.Fatalf("%d questions to go over; want all 8 (wrong or unanswered)", missed.Length())
	}
	missed.Each(func(_ int, li *goquery.Selection) {
		n, _ := strconv.Atoi(li.AttrOr("value", ""))
		d := li.ChildrenFiltered(`details.result`)
		if d.Length() != 1 {
			t.Fatalf("question %d is not one line that opens", n)
		}
		if _, open := d.Attr("open"); open {
			t.Errorf("question %d is open at first", n)
		}
		line := d.ChildrenFiltered(`summary`)
		order := d.Find(`[data-testid="places"]`).Length() > 0 // too long for the line
		if line.Find(`[data-testid="result-prompt"]`).Text() == "" || !order && line.Find(`[data-testid="answer"]`).Text() == "" || line.Find(`[data-testid="given"]`).Text() == "" {
			t.Errorf("question %d's line lacks the prompt, the answer or yours: %q", n, line.Text())
		}
		if d.Find(`[data-testid="explanation"]`).Text() == "" || d.Find(`[data-testid="report-link"]`).Length() != 1 {
			t.Errorf("question %d opens to no explanation or no report link", n)
		}
		opts := markedOptions(d)
		if chosen[n] == "" {
			for _, o := range opts {
				if o.chosen {
					t.Errorf("unanswered question %d marks %q as chosen", n, o.text)
				}
			}
			return
		}
		if got := line.Find(`[data-testid="given"]`).Text(); got != chosen[n] {
			t.Errorf("question %d's line says you answered %q; %q was chosen", n, got, chosen[n])
		}
		if len(opts) != len(shown[n]) {
			t.Fatalf("question %d: %d options redrawn; %d shown", n, len(opts), len(shown[n]))
		}
		rights := 0
		for i, o := range opts {
			if o.text != shown[n][i] {
				t.Errorf("question %d: option %d redrawn as %q; the exam showed %q", n, i+1, o.text, shown[n][i])
			}
			if o.chosen != (o.text == chosen[n]) || (o.chosen && o.mark != "✗ Your answer") {
				t.Errorf("question %d: %+v; %q was chosen", n, o, chosen[n])
			}
			if o.right {
				rights++
				if o.mark != "✓ Right answer" {
					t.Errorf("question %d: the right option is marked %q", n, o.mark)
				}
			}
		}
		if rights != 1 {
			t.Errorf("question %d: %d options marked right; want 1", n, rights)
		}
	})
}
