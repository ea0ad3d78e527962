package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"sabaq/questions"
)

// The review queue is kept in memory between requests (the revision
// service keeps it; see questions/revision/cache.go): every change that
// could move it must show on the very next page, whoever made it. Each step
// below first loads /review, so that a queue is kept, then changes something
// and checks the next page.
func TestReviewQueue_KeptQueueFollowsEveryChange(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	amna := cr.student(t, "amna")
	// inEra: whether any of the card's events is of the era, as filters match.
	inEra := func(card, era string) bool {
		t.Helper()
		for _, id := range question2(t, cr.h, card).EventIDs {
			if e, ok := cr.h.tl.Event(id); ok && e.Era == era {
				return true
			}
		}
		return false
	}

	// Assigned questions come first.
	card, _ := currentCard(t, amna)
	if q := question2(t, cr.h, card); q.SetID != cr.setID {
		t.Fatalf("first card %s; want the assigned set's", q.ID)
	}
	if again, _ := currentCard(t, amna); again != card {
		t.Fatalf("reloading /review moved the card from %s to %s", card, again)
	}

	// The teacher withdraws the assignment: the timeline's questions now.
	currentCard(t, amna)
	res := cr.teacher.post(cr.url, cr.url+"/assignments/"+idStr(cr.assignmentID)+"/delete", url.Values{})
	if res.status != 303 {
		t.Fatalf("unassign: %d", res.status)
	}
	card, _ = currentCard(t, amna)
	if q := question2(t, cr.h, card); q.SetID != 0 {
		t.Fatalf("after the assignment was withdrawn the card is %s, of a set", q.ID)
	}
	if !inEra(card, "democracy") {
		t.Fatalf("first timeline card %s is not of the first era", card)
	}

	// Her own filters: only the Russian Federation.
	currentCard(t, amna)
	res = amna.post("/settings", "/settings", url.Values{"timezone": {questions.DefaultTimeZone}, "retention": {"0.9"},
		"new_per_day": {"20"}, "reviews_per_day": {"200"}, "mode": {"flashcard"}, "era": {"russia"}})
	if res.status != 303 {
		t.Fatalf("save settings: %d\n%.400s", res.status, res.body)
	}
	card, _ = currentCard(t, amna)
	if !inEra(card, "russia") {
		t.Fatalf("after filtering to the Russian era the card is %s", card)
	}

	// Grading moves on, and undo brings the card back.
	amna.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"4"}, "version": {"0"}})
	next, page := currentCard(t, amna)
	if next == card {
		t.Fatalf("after grading %s Easy, /review still shows it", card)
	}
	if page.doc.Find(`form[action="/review/undo"]`).Length() != 1 {
		t.Fatal("no undo button after a review")
	}
	amna.post("/review", "/review/undo", url.Values{})
	if back, _ := currentCard(t, amna); back != card {
		t.Fatalf("after undo the card is %s; want %s back", back, card)
	}

	// Someone else's changes leave her queue as it is, and hers theirs.
	other := cr.h.client()
	first, _ := currentCard(t, other)
	other.post(first+"?reveal=1", first+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
	if same, _ := currentCard(t, amna); same != card {
		t.Fatalf("another learner's review moved her card from %s to %s", card, same)
	}
	if !strings.HasPrefix(card, "/review/card/") {
		t.Fatalf("card URL %q", card)
	}
}
