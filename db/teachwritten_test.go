package db

import (
	"context"
	"testing"

	"sabaq/questions"
)

// writtenClass is newClassroom's class (amna and bilal in it, chand not)
// with a written question assigned, due on 8 March 2026.
func writtenClass(t *testing.T) (*classroom, int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	cr := newClassroom(t)
	id, err := cr.s.AssignWritten(ctx, cr.class.ID, "w-tashkent", "2026-03-08")
	if err != nil {
		t.Fatal(err)
	}
	learners := map[string]int64{}
	for _, a := range []questions.Account{cr.amna, cr.bilal, cr.chand} {
		var l int64
		if err := cr.s.read.QueryRow(`SELECT id FROM learners WHERE account_id = ?`, a.ID).Scan(&l); err != nil {
			t.Fatal(err)
		}
		learners[a.Username] = l
	}
	return cr, id, learners
}

func TestAssignWritten_AgainChangesTheDueDateAndUnassignKeepsAnswers(t *testing.T) {
	ctx := context.Background()
	cr, id, learners := writtenClass(t)
	again, err := cr.s.AssignWritten(ctx, cr.class.ID, "w-tashkent", "2026-03-15")
	if err != nil || again != id {
		t.Fatalf("assign again: %d %v; want the same assignment %d", again, err, id)
	}
	as, err := cr.s.ClassWrittenAssignments(ctx, cr.class.ID)
	if err != nil || len(as) != 1 || as[0].Due != "2026-03-15" || as[0].Members != 2 || as[0].ClassName != "7B" {
		t.Fatalf("assignments %+v %v; want one, due 15 March, 2 members", as, err)
	}
	sub, err := cr.s.SubmitWrittenAssignment(ctx, learners["amna"], id, "w-tashkent", "Kosygin mediated.")
	if err != nil {
		t.Fatal(err)
	}
	if err := cr.s.UnassignWritten(ctx, cr.class.ID, id); err != nil {
		t.Fatal(err)
	}
	if err := cr.s.UnassignWritten(ctx, cr.class.ID, id); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("unassign twice: %v; want not found", err)
	}
	w, err := cr.s.WrittenSubmission(ctx, learners["amna"], sub)
	if err != nil || w.Text != "Kosygin mediated." {
		t.Errorf("amna's answer after unassigning: %+v %v; want it kept", w, err)
	}
	f, err := cr.s.WrittenFeedback(ctx, learners["amna"], sub)
	if err != nil || f.AssignmentID != 0 {
		t.Errorf("feedback after unassigning: %+v %v; want no assignment", f, err)
	}
}

func TestSubmitWrittenAssignment_OnlyMembersAndOnlyItsQuestion(t *testing.T) {
	ctx := context.Background()
	cr, id, learners := writtenClass(t)
	for name, tc := range map[string]struct {
		learner    int64
		assignment int64
		question   string
	}{
		"a student of another class": {learners["chand"], id, "w-tashkent"},
		"another question":           {learners["amna"], id, "w-other"},
		"no such assignment":         {learners["amna"], id + 99, "w-tashkent"},
	} {
		if _, err := cr.s.SubmitWrittenAssignment(ctx, tc.learner, tc.assignment, tc.question, "text"); questions.ErrorCode(err) != questions.ENOTFOUND {
			t.Errorf("%s: err %v; want not found", name, err)
		}
	}
	var n int
	if err := cr.s.read.QueryRow(`SELECT count(*) FROM written_submissions`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d submissions stored (%v); want none", n, err)
	}
	first, _ := cr.s.SubmitWrittenAssignment(ctx, learners["amna"], id, "w-tashkent", "first")
	latest, err := cr.s.SubmitWrittenAssignment(ctx, learners["amna"], id, "w-tashkent", "second")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cr.s.SubmitWritten(ctx, learners["bilal"], "w-tashkent", "practice, not handed in"); err != nil {
		t.Fatal(err)
	}
	subs, err := cr.s.AssignmentSubmissions(ctx, id)
	if err != nil || len(subs) != 1 || subs[learners["amna"]].ID != latest || subs[learners["amna"]].Text != "second" {
		t.Fatalf("submissions %+v %v; want amna's latest only", subs, err)
	}
	as, _ := cr.s.ClassWrittenAssignment(ctx, cr.class.ID, id)
	if as.Submitted != 1 || as.Marked != 0 {
		t.Errorf("counts %+v; want 1 submitted, 0 marked", as)
	}
	mine, err := cr.s.StudentWrittenAssignments(ctx, cr.amna.ID)
	if err != nil || len(mine) != 1 || mine[0].SubmissionID != latest || mine[0].Marked {
		t.Errorf("amna's written assignments %+v %v", mine, err)
	}
	if theirs, _ := cr.s.StudentWrittenAssignments(ctx, cr.chand.ID); len(theirs) != 0 {
		t.Errorf("chand, in no class, sees %+v", theirs)
	}
	// A student who leaves the class is no longer counted.
	if _, err := cr.s.RemoveMember(ctx, cr.class.ID, cr.amna.ID); err != nil {
		t.Fatal(err)
	}
	if subs, _ := cr.s.AssignmentSubmissions(ctx, id); len(subs) != 0 {
		t.Errorf("a removed student's answer still listed: %+v", subs)
	}
	if err := cr.s.MarkWritten(ctx, cr.teacher.ID, id, latest, 2, 3, ""); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("marking a removed student's answer: %v; want not found", err)
	}
	_ = first
}

func TestMarkWritten_ReplacesAndTheStudentSeesIt(t *testing.T) {
	ctx := context.Background()
	cr, id, learners := writtenClass(t)
	sub, err := cr.s.SubmitWrittenAssignment(ctx, learners["bilal"], id, "w-tashkent", "an answer")
	if err != nil {
		t.Fatal(err)
	}
	practice, _ := cr.s.SubmitWritten(ctx, learners["bilal"], "w-tashkent", "practice")
	if err := cr.s.MarkWritten(ctx, cr.teacher.ID, id, practice, 1, 1, ""); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("marking an answer not handed in: %v; want not found", err)
	}
	other, _ := cr.s.AssignWritten(ctx, cr.class.ID, "w-other", "2026-03-09")
	if err := cr.s.MarkWritten(ctx, cr.teacher.ID, other, sub, 1, 1, ""); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("marking through another assignment: %v; want not found", err)
	}
	for _, m := range []struct{ level, mark int }{{1, 2}, {2, 4}, {2, 4}} {
		if err := cr.s.MarkWritten(ctx, cr.teacher.ID, id, sub, m.level, m.mark, "Name the mediator."); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := cr.s.read.QueryRow(`SELECT count(*) FROM written_marks`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d marks stored; want 1", n)
	}
	f, err := cr.s.WrittenFeedback(ctx, learners["bilal"], sub)
	if err != nil || f.Mark == nil || f.Mark.Level != 2 || f.Mark.Mark != 4 || f.Mark.Comment != "Name the mediator." ||
		f.ClassName != "7B" || f.Due != "2026-03-08" || f.AssignmentID != id {
		t.Fatalf("feedback %+v (mark %+v) %v", f, f.Mark, err)
	}
	// The mark is part of the student's data export.
	d, err := cr.s.ExportLearner(ctx, learners["bilal"])
	if err != nil || len(d.WrittenMarks) != 1 || d.WrittenMarks[0]["comment"] != "Name the mediator." || d.WrittenMarks[0]["class"] != "7B" {
		t.Errorf("export's written marks %v %v; want the one mark", d.WrittenMarks, err)
	}
	if _, err := cr.s.WrittenFeedback(ctx, learners["amna"], sub); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("amna reads bilal's feedback: %v", err)
	}
	as, _ := cr.s.ClassWrittenAssignment(ctx, cr.class.ID, id)
	if as.Submitted != 1 || as.Marked != 1 {
		t.Errorf("counts %+v; want 1 submitted, 1 marked", as)
	}
	// A later answer is not marked until the teacher marks it.
	if _, err := cr.s.SubmitWrittenAssignment(ctx, learners["bilal"], id, "w-tashkent", "better"); err != nil {
		t.Fatal(err)
	}
	if as, _ := cr.s.ClassWrittenAssignment(ctx, cr.class.ID, id); as.Marked != 0 {
		t.Errorf("marked %d after a new answer; want 0", as.Marked)
	}
	if _, err := cr.s.ClassWrittenAssignment(ctx, cr.class.ID+1, id); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the assignment through another class: %v", err)
	}
}
