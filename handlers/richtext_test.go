package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions/sets"
)

// importGIFT imports a GIFT file as a new set through the preview and its
// confirmation, and returns the set's id.
func importGIFT(t *testing.T, teacher *client, token, content string) int64 {
	t.Helper()
	res := upload(teacher, "/teach/import", token, map[string]string{"format": "gift", "title": "Rich text"}, "rich.gift", []byte(content))
	form := res.doc.Find(`[data-testid="confirm-form"]`)
	if res.status != http.StatusOK || form.Length() == 0 {
		t.Fatalf("preview: %d %s", res.status, res.doc.Find(`[data-testid="import-errors"]`).Text())
	}
	values := url.Values{"_csrf": {token}}
	form.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) { values.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	done := teacher.postForm(form.AttrOr("action", ""), values)
	m := setLocation.FindStringSubmatch(done.location)
	if m == nil {
		t.Fatalf("confirm: %d %q", done.status, done.location)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestPractice_HTMLAndMarkdownQuestionsKeepTheirFormatting(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "khan")
	tok := teacher.token()
	setID := importGIFT(t, teacher, tok, `::Treaty::[html]<p>Which <b>treaty</b> ended the war of 1965?</p> {
=<i>Tashkent</i> Declaration#It was <b>signed</b> in January 1966.
~Simla Agreement#That one came in <em>1972</em>.
####The <b>Tashkent</b> talks were hosted by Kosygin.<script>alert(1)</script>
}

::City::[markdown]Which city hosted the talks, *Tashkent* or Simla? {=Tashkent ~Simla}
`)
	res := teacher.postForm("/practice", with(tok, url.Values{"set": {idStr(setID)}, "length": {"2"}}))
	if !strings.HasSuffix(res.location, "/q/1") {
		t.Fatalf("practise the set: %d %q", res.status, res.location)
	}
	q, seen := res.location, 0
	for range 2 {
		page := teacher.get(q)
		prompt := page.doc.Find(`[data-testid="prompt"]`)
		switch {
		case strings.Contains(prompt.Text(), "treaty"):
			seen++
			if got := prompt.Find("b").Text(); got != "treaty" {
				t.Errorf("the HTML prompt's bold: %q; want treaty\n%s", got, outer(prompt))
			}
			label := page.doc.Find(`[data-testid="answer-form"] label`).FilterFunction(func(_ int, s *goquery.Selection) bool {
				return strings.Contains(s.Text(), "Declaration")
			})
			if label.Find("i").Text() != "Tashkent" {
				t.Errorf("the option's italics are lost: %s", outer(label))
			}
			// The value sent and checked stays the plain text.
			if v := label.Find(`input`).AttrOr("value", ""); v != "Tashkent Declaration" {
				t.Errorf("the option's value is %q; want the plain text", v)
			}
			if res := teacher.postForm(q, with(tok, url.Values{"question_id": {page.doc.Find(`input[name="question_id"]`).AttrOr("value", "")}, "answer": {"Simla Agreement"}})); res.status != http.StatusSeeOther {
				t.Fatalf("answer: %d", res.status)
			}
			fb := teacher.get(q)
			if got := fb.doc.Find(`[data-testid="explanation"] b`).Text(); got != "Tashkent" {
				t.Errorf("the feedback's explanation has bold %q; want Tashkent\n%s", got, outer(fb.doc.Find(`[data-testid="feedback"]`)))
			}
			if fb.doc.Find(`[data-testid="option-text"] i`).Text() != "Tashkent" {
				t.Errorf("the marked option's italics are lost")
			}
			if fb.doc.Find(`[data-testid="option-feedback"] em`).Text() != "1972" {
				t.Errorf("the chosen option's feedback lost its emphasis")
			}
			if strings.Contains(fb.body, "alert(1)") {
				t.Errorf("the explanation's script survived")
			}
			q = fb.doc.Find(`[data-testid="next"]`).AttrOr("href", "")
		case strings.Contains(prompt.Text(), "Tashkent"):
			seen++
			if got := prompt.Find("em").Text(); got != "Tashkent" {
				t.Errorf("the markdown prompt's emphasis: %q; want Tashkent\n%s", got, outer(prompt))
			}
			if strings.Contains(prompt.Text(), "*") {
				t.Errorf("the markdown shows raw: %q", prompt.Text())
			}
			if page.doc.Find("title").Text() == "" || strings.Contains(page.doc.Find("title").Text(), "<em>") {
				t.Errorf("the title: %q", page.doc.Find("title").Text())
			}
			if res := teacher.postForm(q, with(tok, url.Values{"question_id": {page.doc.Find(`input[name="question_id"]`).AttrOr("value", "")}, "answer": {"Tashkent"}})); res.status != http.StatusSeeOther {
				t.Fatalf("answer: %d", res.status)
			}
			fb := teacher.get(q)
			if got := fb.doc.Find(`[data-testid="verdict"]`).Text(); got != "Correct" {
				t.Errorf("the plain answer Tashkent is marked %q", got)
			}
			q = fb.doc.Find(`[data-testid="next"]`).AttrOr("href", "")
		default:
			t.Fatalf("unexpected question %q", prompt.Text())
		}
	}
	if seen != 2 {
		t.Errorf("saw %d of the 2 questions", seen)
	}
	// The same question as a review card, and the teacher's preview.
	items := h.setItemsOf(t, setID)
	for _, path := range []string{"/review/card/" + url.PathEscape(sets.QuestionID(setID, items[0].ID)) + "?mode=quiz", setPath(setID) + "/preview/1"} {
		page := teacher.get(path)
		if got := page.doc.Find(`[data-testid="prompt"] b`).Text(); got != "treaty" {
			t.Errorf("%s: %d, the prompt's bold %q; want treaty", path, page.status, got)
		}
		if page.doc.Find(`[data-testid="answer-form"] label i`).Text() != "Tashkent" {
			t.Errorf("%s: the option's italics are lost", path)
		}
	}
}
