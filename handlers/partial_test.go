package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// TestFeedback_PartlyRightTypedAnswersShowTheirShareAndFeedback answers
// Moodle's own weighted examples with the half-marks answers: the learner
// sees "Partly right (50%)" and the feedback of the answer matched.
func TestFeedback_PartlyRightTypedAnswersShowTheirShareAndFeedback(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.ShortAnswer, Prompt: "What is a group of cats called?",
			Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
			AcceptedFeedback: []string{"What is it with Moodlers and cats?", "Right"}, OtherFeedback: "A clowder."},
		{Kind: sets.Numerical, Prompt: "When was Ulysses S. Grant born?",
			Numbers: []sets.NumericAnswer{
				{Value: 1822, Weight: 100, Feedback: "Correct! Full credit."},
				{Value: 1822, Tolerance: 2, Weight: 50, Feedback: "He was born in 1822. Half credit for being close."},
			}, OtherFeedback: "Completely wrong"},
	}
	h := newHarness(t)
	teacher := h.teacher(t, "ms-khan")
	setID, _ := storeSet(t, h, accountIDOf(t, h, "ms-khan"), "Partial", items)
	res := teacher.post("/", "/practice", url.Values{"set": {idStr(setID)}, "length": {"5"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("practise the set: %d", res.status)
	}
	path := res.location
	for range items {
		page := teacher.get(path)
		q := question(t, h, page)
		answer, note := "cat", "What is it with Moodlers and cats?"
		if q.Kind == questions.KindNumerical {
			answer, note = "1823", "He was born in 1822. Half credit for being close."
		}
		if res := teacher.post(path, path, url.Values{"question_id": {q.ID}, "answer": {answer}}); res.status != http.StatusSeeOther {
			t.Fatalf("answer %s: %d", q.Kind, res.status)
		}
		fb := teacher.get(path)
		section := fb.doc.Find(`[data-testid="feedback"]`)
		if got := section.Find(`[data-testid="verdict"]`).Text(); got != "Partly right (50%)" {
			t.Errorf("%s: verdict %q; want Partly right (50%%)", q.Kind, got)
		}
		if got := strings.Join(strings.Fields(section.Find(`.typed [data-testid="mark"]`).Text()), " "); got != "◐ Partly right" {
			t.Errorf("%s: the answer given is marked %q; want ◐ Partly right, as the verdict says", q.Kind, got)
		}
		if got := section.Find(`[data-testid="option-feedback"]`).Text(); got != note {
			t.Errorf("%s: feedback %q; want %q", q.Kind, got, note)
		}
		path = fb.doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
}
