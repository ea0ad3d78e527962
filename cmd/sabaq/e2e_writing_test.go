//go:build e2e

package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// writingAnswer names the Tashkent Declaration and its month, so the
// matcher finds it.
const writingAnswer = "After the 1965 war Kosygin brought Ayub Khan and Shastri to Tashkent, where they signed the Tashkent Declaration in January 1966."

// writing: a student on a phone writes an exam answer with scripts on (the
// draft saves as they type and survives a reload), submits it, sees what
// Sabaq found and marks it themselves; then, with scripts off, saves a draft
// of another answer with the Save button and finds it after a reload.
func (s *suite) writing(t *testing.T) {
	tb := s.newTab(t, "student", tabOptions{})
	tb.narrow()
	tb.open("/write", "written questions")
	if n := tb.count(`[data-testid=write-questions] li`); n < 40 {
		t.Fatalf("%d written questions listed; want the bank's 43", n)
	}
	path := "/write/military-describe-tashkent"
	tb.open(path, "a written question")
	tb.do("type the answer", chromedp.Click(chromedp.CSS(`#text`)), chromedp.SendKeys(chromedp.CSS(`#text`), writingAnswer))
	tb.waitFor("the draft saved", `document.querySelector("[data-testid=save-status]").textContent.includes("Saved")`)
	if got := tb.text(`[data-testid=word-count]`); !strings.HasPrefix(got, "21 words") {
		t.Errorf("the word count says %q; the answer has 21 words", got)
	}
	tb.open(path, "the question again, after a reload")
	if got := eval[string](tb, `document.querySelector("#text").value.trim()`); got != writingAnswer {
		t.Fatalf("after a reload the answer box holds %q; want the draft", got)
	}
	// The connection drops while the student writes (fetch fails as it
	// would offline or while the server restarts): the text is kept on the
	// device and saved once the connection is back.
	eval[bool](tb, `window.realFetch = window.fetch; window.fetch = () => Promise.reject(new TypeError("offline")); true`)
	tb.do("type more", chromedp.SendKeys(chromedp.CSS(`#text`), " It ended the war."))
	tb.waitFor("the save put off", `document.querySelector("[data-testid=save-status]").textContent.includes("Not saved yet")`)
	eval[bool](tb, `window.fetch = window.realFetch; true`)
	tb.waitFor("the draft saved once the connection is back", `document.querySelector("[data-testid=save-status]").textContent === "Saved"`)
	if n := s.count(t, `SELECT count(*) FROM written_drafts WHERE text LIKE '%It ended the war.%'`); n != 1 {
		t.Errorf("after the connection came back the stored draft lacks the words typed offline")
	}
	tb.click("submit the answer", `[data-testid=submit-answer]`, "the answer marked")
	if got := tb.text(`[data-testid=found-summary]`); !strings.HasPrefix(got, "Sabaq found ") || strings.HasPrefix(got, "Sabaq found 0 ") {
		t.Errorf("the result says %q; the answer names the Tashkent Declaration", got)
	}
	if n := tb.count(`[data-testid=answer] mark`); n == 0 {
		t.Errorf("nothing highlighted in the answer")
	}
	tb.do("choose level 1", chromedp.Click(chromedp.CSS(`#level-1`)))
	tb.click("save the level", `[data-testid=save-level]`, "the answer with a level")
	if got := tb.text(`[data-testid=self-level]`); !strings.Contains(got, "level 1") {
		t.Errorf("after choosing level 1 the page says %q", got)
	}

	// The events of the points not found are due in review now: the next
	// card is one of those pulled, and the progress page lists the answer.
	if got := tb.text(`[data-testid=pulled]`); !strings.Contains(got, "brought into your review, due now") {
		t.Errorf("the answer page says %q of review; want the pulled cards named", got)
	}
	tb.click("review the missed points", `[data-testid=pulled] a`, "review, with the missed points' cards")
	target := eval[string](tb, `(() => { const e = document.querySelector('main a[href^="/review/card/"], main form[action^="/review/card/"]'); return e ? (e.getAttribute("href") || e.getAttribute("action")) : "" })()`)
	target, _, _ = strings.Cut(strings.TrimPrefix(target, "/review/card/"), "?")
	target, _, _ = strings.Cut(target, "/")
	id, err := url.PathUnescape(target)
	if err != nil || id == "" {
		t.Fatalf("no card on the review page")
	}
	if n := s.count(t, `SELECT count(*) FROM review_pulls WHERE question_id = ?`, id); n != 1 {
		t.Errorf("review shows %s, which was not pulled by the answer", id)
	}
	tb.open("/progress", "progress with a written answer")
	if got := tb.text(`[data-testid=written-answer]`); !strings.Contains(got, "Level 1 of") {
		t.Errorf("the progress page lists the answer as %q; want its level", got)
	}
	if tb.count(`[data-testid=most-missed] li`) == 0 {
		t.Error("the progress page names no missed point")
	}

	// Without scripts: the Save button keeps the draft.
	nj := s.newTab(t, "learner without scripts", tabOptions{noJS: true})
	nj.narrow()
	nj.open("/write", "written questions, no scripts")
	nj.click("open another question", `[data-testid=write-questions] li:nth-child(2) a`, "a written question, no scripts")
	other := nj.path()
	nj.do("type a draft", chromedp.Click(chromedp.CSS(`#text`)), chromedp.SendKeys(chromedp.CSS(`#text`), "SEATO in 1954 and the Baghdad Pact in 1955."))
	nj.click("save the draft", `[data-testid=save-draft]`, "the draft saved, no scripts")
	nj.open(other, "the question again, no scripts")
	if got := eval[string](nj, `document.querySelector("#text").value.trim()`); got != "SEATO in 1954 and the Baghdad Pact in 1955." {
		t.Errorf("without scripts, after Save and a reload, the box holds %q", got)
	}
	if nj.scriptsRan() {
		t.Error("scripts ran in the tab without them")
	}
}
