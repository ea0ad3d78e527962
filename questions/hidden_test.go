package questions

import "testing"

func TestBank_HiddenQuestionsLeaveEveryDrawUntilShownAgain(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b := NewBank(tl)
	q := b.Questions[0]
	before, v := b.Deck(nil, nil), b.Version()

	b.SetHidden([]string{q.ID})
	if !b.Hidden(q.ID) || b.Hidden(b.Questions[1].ID) {
		t.Fatalf("Hidden(%s) = %v, Hidden(%s) = %v; want only the first hidden", q.ID, b.Hidden(q.ID), b.Questions[1].ID, b.Hidden(b.Questions[1].ID))
	}
	if b.Version() == v {
		t.Error("hiding a question left the bank's version as it was: kept queues would not see it")
	}
	d := b.Deck(nil, nil)
	if d == before || d.Has(q.ID) || len(d.Questions) != len(b.Questions)-1 {
		t.Errorf("the deck after hiding: the same deck %v, holds the question %v, %d questions of %d", d == before, d.Has(q.ID), len(d.Questions), len(b.Questions))
	}
	for _, f := range []Filter{{}, {EventIDs: q.EventIDs[:1]}, {Kinds: []Kind{q.Kind}}} {
		for _, got := range b.Select(f) {
			if got.ID == q.ID {
				t.Errorf("Select(%+v) draws the hidden question", f)
			}
		}
	}
	if got, ok := b.Question(q.ID); !ok || got.ID != q.ID {
		t.Error("a hidden question no longer resolves by id: sessions that hold it would break")
	}

	b.SetHidden(nil)
	if b.Hidden(q.ID) || !b.Deck(nil, nil).Has(q.ID) {
		t.Error("shown again, the question is not back in the deck")
	}
}
