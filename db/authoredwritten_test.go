package db

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"

	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/questions/written"
)

func authoredQuestion(prompt string) written.Question {
	return written.Question{Kind: written.Describe, Prompt: prompt, Marks: 4, Eras: []string{"military"},
		Levels:  []written.Level{{Level: 1, Min: 1, Max: 2, Descriptor: "Some."}, {Level: 2, Min: 3, Max: 4, Descriptor: "More."}},
		Points:  []written.Point{{ID: "p1", Text: "Tashkent.", Events: []string{"tashkent-declaration"}}, {ID: "p2", Text: "Free text."}},
		Outline: []string{"One", "Two"}}
}

func authoredFixture(t *testing.T) (*Store, questions.Account, int64) {
	t.Helper()
	ctx := context.Background()
	s := openTest(t)
	owner, err := s.CreateAccount(ctx, questions.NewAccount{Username: "mrs-khan", PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		t.Fatal(err)
	}
	setID, _, err := s.CreateSet(ctx, owner.ID, "Tashkent", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, owner, setID
}

func TestAuthoredWritten_AddUpdateDeleteKeepOrderAndIDs(t *testing.T) {
	ctx := context.Background()
	s, owner, setID := authoredFixture(t)
	a, err := s.AddWritten(ctx, setID, authoredQuestion("First?"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddWritten(ctx, setID, authoredQuestion("Second?"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := written.AuthoredRow(a); !ok || a == b {
		t.Fatalf("ids %q, %q", a, b)
	}
	got, err := s.SetWritten(ctx, setID)
	if err != nil {
		t.Fatal(err)
	}
	want := authoredQuestion("First?")
	want.ID = a
	if len(got) != 2 || !reflect.DeepEqual(got[0], want) || got[1].Prompt != "Second?" || got[1].ID != b {
		t.Fatalf("SetWritten = %+v", got)
	}

	changed := authoredQuestion("First, changed?")
	if err := s.UpdateWritten(ctx, setID, a, changed); err != nil {
		t.Fatal(err)
	}
	aw, err := s.AuthoredWrittenQuestion(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if aw.SetID != setID || aw.OwnerID != owner.ID || aw.Question.Prompt != "First, changed?" || aw.Question.ID != a {
		t.Errorf("AuthoredWrittenQuestion = %+v", aw)
	}
	byOwner, err := s.WrittenByOwner(ctx, owner.ID)
	if err != nil || len(byOwner) != 2 {
		t.Errorf("WrittenByOwner = %d, %v", len(byOwner), err)
	}

	other, _, err := s.CreateSet(ctx, owner.ID, "Other", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateWritten(ctx, other, a, changed); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("update through another set: %v", err)
	}
	if err := s.DeleteWritten(ctx, other, a); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("delete through another set: %v", err)
	}
	if err := s.DeleteWritten(ctx, setID, a); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWritten(ctx, setID, a); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, err := s.AuthoredWrittenQuestion(ctx, a); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("deleted question found: %v", err)
	}
	for _, bad := range []string{"democracy-describe-first-contacts", "t0", ""} {
		if _, err := s.AuthoredWrittenQuestion(ctx, bad); !errors.Is(err, questions.ErrNotFound) {
			t.Errorf("AuthoredWrittenQuestion(%q): %v", bad, err)
		}
	}
}

func TestAuthoredWritten_DeletedWithTheirSet(t *testing.T) {
	ctx := context.Background()
	s, _, setID := authoredFixture(t)
	id, err := s.AddWritten(ctx, setID, authoredQuestion("Gone?"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSet(ctx, setID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthoredWrittenQuestion(ctx, id); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("question of a deleted set: %v", err)
	}
}

func TestImportWritten_ItemsAndWrittenQuestionsInOneTransaction(t *testing.T) {
	ctx := context.Background()
	s, owner, setID := authoredFixture(t)
	items := []sets.Item{{Kind: sets.TrueFalse, Prompt: "Tashkent was in 1966.", Truth: true}}
	ws := []written.Question{authoredQuestion("Imported?")}
	ids, _, wids, err := s.ImportItemsWritten(ctx, setID, items, nil, ws)
	if err != nil || len(ids) != 1 || len(wids) != 1 {
		t.Fatalf("ImportItemsWritten = %v, %v, %v", ids, wids, err)
	}
	newSet, _, wids2, err := s.ImportSetWritten(ctx, owner.ID, "New", "", items, nil, ws)
	if err != nil || len(wids2) != 1 {
		t.Fatalf("ImportSetWritten = %v, %v", wids2, err)
	}
	if got, _ := s.SetWritten(ctx, newSet); len(got) != 1 || got[0].Prompt != "Imported?" {
		t.Errorf("new set's written questions: %+v", got)
	}

	// A refused picture (over the quota) refuses the written questions too.
	s.mediaQuota = 1
	pic := media.File{Name: "x.png", Data: []byte("\x89PNG\r\n\x1a\nmore than one byte")}
	if _, _, _, err := s.ImportItemsWritten(ctx, setID, items, []media.File{pic}, ws); err == nil {
		t.Fatal("an import over the quota was written")
	}
	if got, _ := s.SetWritten(ctx, setID); len(got) != 1 {
		t.Errorf("after a refused import the set has %d written questions, want 1", len(got))
	}
}

func TestWrittenAssignedTo_StudentsOfAnAssignedClassOnly(t *testing.T) {
	if _, err := os.Stat("migrations/0018_written_assignments.sql"); err != nil {
		t.Skip("written_assignments (migration 0018) is not there yet")
	}
	ctx := context.Background()
	s, owner, setID := authoredFixture(t)
	qid, err := s.AddWritten(ctx, setID, authoredQuestion("Assigned?"))
	if err != nil {
		t.Fatal(err)
	}
	student, err := s.CreateAccount(ctx, questions.NewAccount{Username: "ali", PasswordHash: []byte("x"), Role: questions.Student})
	if err != nil {
		t.Fatal(err)
	}
	outsider, err := s.CreateAccount(ctx, questions.NewAccount{Username: "sara", PasswordHash: []byte("x"), Role: questions.Student})
	if err != nil {
		t.Fatal(err)
	}
	class, err := s.CreateClass(ctx, owner.ID, "11B")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.JoinClass(ctx, class.ID, student.ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.WrittenAssignedTo(ctx, qid, student.ID); err != nil || ok {
		t.Fatalf("before assigning: %v, %v", ok, err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO written_assignments (class_id, question_id, due, created_at) VALUES (?, ?, '2027-01-01', 0)`,
		class.ID, qid); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		who  int64
		want bool
	}{{student.ID, true}, {outsider.ID, false}, {owner.ID, true}} {
		if ok, err := s.WrittenAssignedTo(ctx, qid, c.who); err != nil || ok != c.want {
			t.Errorf("account %d: %v, %v; want %v", c.who, ok, err, c.want)
		}
	}

	// Deleting the question, or its set, takes its assignments with it.
	count := func() (n int) {
		t.Helper()
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM written_assignments`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := s.DeleteWritten(ctx, setID, qid); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("%d assignments left after deleting the question", n)
	}
	qid2, err := s.AddWritten(ctx, setID, authoredQuestion("Assigned again?"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO written_assignments (class_id, question_id, due, created_at) VALUES (?, ?, '2027-01-01', 0)`,
		class.ID, qid2); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSet(ctx, setID); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("%d assignments left after deleting the set", n)
	}
}
