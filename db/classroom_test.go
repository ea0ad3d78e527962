package db

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// itemSet is a teacher's set of four true/false items, Q1 to Q4, on a
// store whose clock the test moves.
type itemSet struct {
	s     *Store
	clock *mockClock
	owner questions.Account
	id    int64
	items []int64 // Q1..Q4
}

func newItemSet(t *testing.T) *itemSet {
	t.Helper()
	ctx := context.Background()
	is := &itemSet{s: openTest(t), clock: &mockClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}}
	is.s.now = is.clock.now
	var err error
	if is.owner, err = is.s.CreateAccount(ctx, questions.NewAccount{Username: "mrs-khan", PasswordHash: []byte("x"), Role: questions.Teacher}); err != nil {
		t.Fatal(err)
	}
	var items []sets.Item
	for _, p := range []string{"Q1", "Q2", "Q3", "Q4"} {
		items = append(items, sets.Item{Kind: sets.TrueFalse, Prompt: p, Truth: true})
	}
	if is.id, is.items, err = is.s.CreateSet(ctx, is.owner.ID, "Tashkent", "", items); err != nil {
		t.Fatal(err)
	}
	return is
}

// prompts lists the set's items as every reader sees them: the items, the
// question ids, the bank's items and the set's count must all agree.
func (is *itemSet) prompts(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	items, err := is.s.SetItems(ctx, is.id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var qids []string
	for _, it := range items {
		out = append(out, it.Item.Prompt)
		qids = append(qids, sets.QuestionID(is.id, it.ID))
	}
	ids, err := is.s.SetQuestionIDs(ctx, is.id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, qids) {
		t.Errorf("SetQuestionIDs %v; SetItems %v", ids, qids)
	}
	all, err := is.s.AllSetItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(items) {
		t.Errorf("AllSetItems has %d items; SetItems %d", len(all), len(items))
	}
	si, err := is.s.SetInfo(ctx, is.id)
	if err != nil {
		t.Fatal(err)
	}
	if si.Items != len(items) {
		t.Errorf("SetInfo counts %d items; SetItems lists %d", si.Items, len(items))
	}
	return strings.Join(out, " ")
}

func TestDeleteItem_HidesItEverywhereAndRestoreBringsItBackInPlace(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	if err := is.s.DeleteItem(ctx, is.id, is.items[1]); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != "Q1 Q3 Q4" {
		t.Fatalf("after deleting Q2: %q", got)
	}
	// A double-clicked delete changes nothing.
	if err := is.s.DeleteItem(ctx, is.id, is.items[1]); err != nil {
		t.Errorf("deleting Q2 again: %v", err)
	}
	d, err := is.s.DeletedItem(ctx, is.id)
	if err != nil || d.ID != is.items[1] || !d.DeletedAt.Equal(is.clock.t) {
		t.Fatalf("DeletedItem = %d at %v, %v; want Q2 now", d.ID, d.DeletedAt, err)
	}
	if err := is.s.UpdateItem(ctx, is.id, is.items[1], sets.Item{Kind: sets.TrueFalse, Prompt: "edited"}); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("editing a deleted item: %v; want not found", err)
	}
	is.clock.t = is.clock.t.Add(sets.UndoDelete - time.Second)
	it, err := is.s.RestoreItem(ctx, is.id, is.items[1])
	if err != nil || it.Item.Prompt != "Q2" || !it.DeletedAt.IsZero() {
		t.Fatalf("restore within the time: %+v, %v", it, err)
	}
	if got := is.prompts(t); got != "Q1 Q2 Q3 Q4" {
		t.Errorf("after restoring Q2: %q; want it back in its place", got)
	}
	// Restoring twice changes nothing.
	if _, err := is.s.RestoreItem(ctx, is.id, is.items[1]); err != nil {
		t.Errorf("restoring Q2 again: %v", err)
	}
	if _, err := is.s.DeletedItem(ctx, is.id); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("DeletedItem after the restore: %v; want none", err)
	}
}

func TestRestoreItem_NotAfterItsTimeNorAfterTheNextDeletion(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	if err := is.s.DeleteItem(ctx, is.id, is.items[0]); err != nil {
		t.Fatal(err)
	}
	is.clock.t = is.clock.t.Add(sets.UndoDelete + time.Second)
	if _, err := is.s.RestoreItem(ctx, is.id, is.items[0]); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("restore after the time: %v; want not found", err)
	}
	if _, err := is.s.DeletedItem(ctx, is.id); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("DeletedItem after the time: %v; want none", err)
	}
	// The next deletion removes Q1 for good, and ends Q2's undo when Q3 goes.
	if err := is.s.DeleteItem(ctx, is.id, is.items[1]); err != nil {
		t.Fatal(err)
	}
	if err := is.s.DeleteItem(ctx, is.id, is.items[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := is.s.RestoreItem(ctx, is.id, is.items[1]); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("restoring Q2 after Q3 was deleted: %v; want not found", err)
	}
	var rows int
	if err := is.s.read.QueryRow(`SELECT count(*) FROM set_items WHERE set_id = ?`, is.id).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 2 {
		t.Errorf("%d rows left; want Q3 (still restorable) and Q4", rows)
	}
	if got := is.prompts(t); got != "Q4" {
		t.Errorf("left: %q", got)
	}
}

func TestMoveItem_ReordersAndARepeatedMoveDoesNothingMore(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	if err := is.s.MoveItem(ctx, is.id, is.items[2], 1); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != "Q3 Q1 Q2 Q4" {
		t.Fatalf("after moving Q3 to the top: %q", got)
	}
	if err := is.s.MoveItem(ctx, is.id, is.items[2], 1); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != "Q3 Q1 Q2 Q4" {
		t.Errorf("after moving Q3 to the top twice: %q", got)
	}
	if err := is.s.MoveItem(ctx, is.id, is.items[0], 5); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("moving below the last: %v; want invalid", err)
	}
	// A deleted item keeps its place while the others move past it.
	if err := is.s.DeleteItem(ctx, is.id, is.items[1]); err != nil {
		t.Fatal(err)
	}
	if err := is.s.MoveItem(ctx, is.id, is.items[3], 2); err != nil {
		t.Fatal(err)
	}
	if _, err := is.s.RestoreItem(ctx, is.id, is.items[1]); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != "Q3 Q4 Q1 Q2" {
		t.Errorf("after moving Q4 up past deleted Q2 and restoring it: %q", got)
	}
}

func TestDuplicateItem_CopiesRightAfterOncePerForm(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	id, created, err := is.s.DuplicateItem(ctx, is.id, is.items[1], "key-1")
	if err != nil || !created {
		t.Fatalf("duplicate: %d %v %v", id, created, err)
	}
	if got := is.prompts(t); got != "Q1 Q2 Q2 Q3 Q4" {
		t.Fatalf("after duplicating Q2: %q", got)
	}
	again, created, err := is.s.DuplicateItem(ctx, is.id, is.items[1], "key-1")
	if err != nil || created || again != id {
		t.Errorf("the same form again: %d %v %v; want the copy %d, not made again", again, created, err, id)
	}
	if _, _, err := is.s.DuplicateItem(ctx, is.id, is.items[3], "key-2"); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != "Q1 Q2 Q2 Q3 Q4 Q4" {
		t.Errorf("after duplicating the last: %q", got)
	}
	if err := is.s.DeleteItem(ctx, is.id, is.items[0]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := is.s.DuplicateItem(ctx, is.id, is.items[0], "key-3"); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("duplicating a deleted item: %v; want not found", err)
	}
}

func TestMigration0010_NumbersPositionsInTheirOrder(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	// Positions as older versions could leave them: tied, with gaps.
	for i, p := range []int{5, 2, 2, 0} {
		if _, err := is.s.write.Exec(`UPDATE set_items SET position = ? WHERE id = ?`, p, is.items[i]); err != nil {
			t.Fatal(err)
		}
	}
	before := is.prompts(t)
	body, err := os.ReadFile("migrations/0010_teach.sql")
	if err != nil {
		t.Fatal(err)
	}
	update := string(body[strings.Index(string(body), "UPDATE set_items SET position"):])
	if _, err := is.s.write.ExecContext(ctx, update); err != nil {
		t.Fatal(err)
	}
	if got := is.prompts(t); got != before {
		t.Errorf("order %q after the migration; was %q", got, before)
	}
	items, _ := is.s.SetItems(ctx, is.id)
	for i, it := range items {
		if it.Position != i {
			t.Errorf("%s at position %d; want %d", it.Item.Prompt, it.Position, i)
		}
	}
}

func TestRemoveMemberAndResetJoinCode(t *testing.T) {
	ctx := context.Background()
	cr := newClassroom(t)
	removed, err := cr.s.RemoveMember(ctx, cr.class.ID, cr.amna.ID)
	if err != nil || !removed {
		t.Fatalf("remove amna: %v %v", removed, err)
	}
	if removed, err := cr.s.RemoveMember(ctx, cr.class.ID, cr.amna.ID); err != nil || removed {
		t.Errorf("remove amna again: %v %v; want nothing removed", removed, err)
	}
	ms, _ := cr.s.Members(ctx, cr.class.ID)
	if len(ms) != 1 || ms[0].Username != "bilal" {
		t.Errorf("members %+v; want bilal", ms)
	}
	if as, _ := cr.s.StudentAssignments(ctx, cr.amna.ID); len(as) != 0 {
		t.Errorf("amna still has the class's assignments: %+v", as)
	}
	old := cr.class.JoinCode
	code, err := cr.s.ResetJoinCode(ctx, cr.class.ID, old)
	if err != nil || code == old || len(code) != 6 {
		t.Fatalf("reset: %q %v", code, err)
	}
	if _, err := cr.s.ClassByCode(ctx, old); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the old code still finds the class: %v", err)
	}
	if c, err := cr.s.ClassByCode(ctx, code); err != nil || c.ID != cr.class.ID {
		t.Errorf("the new code: %+v %v", c, err)
	}
	// The same reset sent again keeps the new code.
	if again, err := cr.s.ResetJoinCode(ctx, cr.class.ID, old); err != nil || again != code {
		t.Errorf("reset again: %q %v; want %q kept", again, err, code)
	}
}

func TestDeletedItem_LeavesTheClassFiguresButNotTheStudentsHistory(t *testing.T) {
	cr := newClassroom(t)
	ctx := context.Background()
	a := cr.amna.LearnerID
	cr.practise(t, a, cr.t1, map[string][]string{cr.q1: {"Kosygin"}, cr.q2: {"True"}}, map[string]bool{cr.q1: true, cr.q2: true})
	id := mustItems(t, cr.s, cr.setID)[0].ID
	if sets.QuestionID(cr.setID, id) != cr.q1 {
		t.Fatalf("the first item is not q1")
	}
	if err := cr.s.DeleteItem(ctx, cr.setID, id); err != nil {
		t.Fatal(err)
	}
	roster, err := cr.s.Roster(ctx, cr.class.ID, cr.now)
	if err != nil {
		t.Fatal(err)
	}
	if roster.AssignedItems != 1 {
		t.Errorf("%d assigned items; want 1 once q1 is deleted", roster.AssignedItems)
	}
	got, err := cr.s.ClassFirstAttempts(ctx, cr.class.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].QuestionID != cr.q2 {
		t.Errorf("first attempts %+v; want only q2's", got)
	}
	// Amna's own answer to q1 is still hers.
	if at, _ := cr.s.LearnerAttempts(ctx, a); len(at) != 2 {
		t.Errorf("amna has %d attempts; want her 2 kept", len(at))
	}
}

func mustItems(t *testing.T, s *Store, setID int64) []SetItem {
	t.Helper()
	items, err := s.SetItems(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// A teacher's page reads a student's revision as the student's own
// requests name their learner: by id and creation time, which Members
// carries from the learner their session finds.
func TestMembers_NameEachLearnerAsTheirSessionDoes(t *testing.T) {
	ctx := context.Background()
	cr := newClassroom(t)
	ms, err := cr.s.Members(ctx, cr.class.ID)
	if err != nil || len(ms) != 2 {
		t.Fatalf("members %+v, %v", ms, err)
	}
	for _, m := range ms {
		token, _, err := cr.s.CreateSession(ctx, m.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		_, l, err := cr.s.AccountBySession(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if m.LearnerID != l.ID || !m.LearnerCreatedAt.Equal(l.CreatedAt) || l.CreatedAt.IsZero() {
			t.Errorf("%s: member's learner %d made %v; their session's %d made %v", m.Username, m.LearnerID,
				m.LearnerCreatedAt, l.ID, l.CreatedAt)
		}
	}
}
