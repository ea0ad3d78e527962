package db

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/written"
)

// paperFixture is a store on a clock the test moves, a learner, and a
// paper of three questions asking for two, allowed 30 minutes.
type paperFixture struct {
	s       *Store
	now     time.Time
	learner int64
	paper   int64
	start   time.Time
}

func newPaperFixture(t *testing.T) *paperFixture {
	t.Helper()
	f := &paperFixture{s: openTest(t), now: time.UnixMilli(1_765_000_000_000)}
	f.start = f.now
	f.s.now = func() time.Time { return f.now }
	l, _, err := f.s.CreateLearner(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f.learner = l.ID
	f.paper, err = f.s.CreateWrittenPaper(context.Background(), l.ID, "key-1",
		written.PaperSetup{Era: "zia", Kinds: []written.Kind{written.Describe, written.Essay}, Offered: 3, Answer: 2},
		[]written.Question{{ID: "q1", Marks: 4}, {ID: "q2", Marks: 7}, {ID: "q3", Marks: 20}}, 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *paperFixture) read(t *testing.T) written.Paper {
	t.Helper()
	p, err := f.s.WrittenPaper(context.Background(), f.learner, f.paper)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *paperFixture) save(t *testing.T, pos int, text string, savedAt time.Time) PaperSave {
	t.Helper()
	r, err := f.s.SavePaperTexts(context.Background(), f.learner, f.paper, map[int]string{pos: text}, savedAt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCreateWrittenPaper_OnePaperPerFormKeyWithItsDeadline(t *testing.T) {
	f := newPaperFixture(t)
	ctx := context.Background()
	again, err := f.s.CreateWrittenPaper(ctx, f.learner, "key-1", written.PaperSetup{Offered: 2, Answer: 1},
		[]written.Question{{ID: "other", Marks: 4}, {ID: "q9", Marks: 4}}, time.Hour)
	if err != nil || again != f.paper {
		t.Fatalf("the same form key again: paper %d, %v; want %d", again, err, f.paper)
	}
	if n := f.s.mockRows(t, `SELECT count(*) FROM written_papers`); n != 1 {
		t.Errorf("%d papers after a resubmitted form, want 1", n)
	}
	p := f.read(t)
	if !p.StartedAt.Equal(f.start) || !p.Deadline.Equal(f.start.Add(30*time.Minute)) {
		t.Errorf("started %v, deadline %v; want the server's now and 30 minutes on", p.StartedAt, p.Deadline)
	}
	if p.Setup.Era != "zia" || !slices.Equal(p.Setup.Kinds, []written.Kind{written.Describe, written.Essay}) ||
		p.Setup.Offered != 3 || p.Setup.Answer != 2 || p.Finished() {
		t.Errorf("setup = %+v, finished %v", p.Setup, p.Finished())
	}
	var ids []string
	for i, it := range p.Items {
		if it.Position != i || it.Text != "" || it.HasLate || it.SubmissionID != 0 {
			t.Errorf("item %d = %+v", i, it)
		}
		ids = append(ids, it.QuestionID)
	}
	if !slices.Equal(ids, []string{"q1", "q2", "q3"}) || p.Items[2].Marks != 20 {
		t.Errorf("questions %v, marks %d", ids, p.Items[2].Marks)
	}
	other, err := f.s.CreateWrittenPaper(ctx, f.learner, "key-2", written.PaperSetup{Offered: 2, Answer: 1},
		[]written.Question{{ID: "a", Marks: 4}, {ID: "b", Marks: 4}}, time.Hour)
	if err != nil || other == f.paper {
		t.Errorf("a new form key: paper %d, %v", other, err)
	}
	if _, err := f.s.CreateWrittenPaper(ctx, f.learner, "", written.PaperSetup{Offered: 2, Answer: 1}, nil, time.Hour); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("no questions: %v, want EINVALID", err)
	}
	list, err := f.s.WrittenPapers(ctx, f.learner, 10)
	if err != nil || len(list) != 2 || list[0].ID != other || len(list[1].Items) != 3 {
		t.Errorf("papers listed: %d, %v", len(list), err)
	}
	// Someone else's paper is not found, to read or to write in.
	b, _, err := f.s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WrittenPaper(ctx, b.ID, f.paper); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner read the paper: %v", err)
	}
	if _, err := f.s.SavePaperTexts(ctx, b.ID, f.paper, map[int]string{0: "mine"}, f.now); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner wrote in the paper: %v", err)
	}
	if _, err := f.s.FinishWrittenPaper(ctx, b.ID, f.paper, nil); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner finished the paper: %v", err)
	}
	if _, err := f.s.SavePaperTexts(ctx, f.learner, f.paper, map[int]string{3: "no such question"}, f.now); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("a position not in the paper: %v", err)
	}
}

func TestSavePaperTexts_LaterWinsAndLateTextNeverOverwritesTheTextInTime(t *testing.T) {
	f := newPaperFixture(t)
	t0 := f.now.Add(time.Minute)
	if r := f.save(t, 0, "first", t0); !slices.Equal(r.Saved, []int{0}) || r.Late {
		t.Fatalf("save = %+v", r)
	}
	if r := f.save(t, 0, "newer", t0.Add(time.Second)); !slices.Equal(r.Saved, []int{0}) {
		t.Fatalf("a later save = %+v", r)
	}
	if r := f.save(t, 0, "older", t0); !slices.Equal(r.Stale, []int{0}) || len(r.Saved) != 0 {
		t.Errorf("an older save = %+v, want it refused as stale", r)
	}
	// The same text again, even with an old saved_at (a plain form sending
	// every box), writes nothing and is not refused.
	if r := f.save(t, 0, "newer", t0); len(r.Stale)+len(r.Saved) != 0 {
		t.Errorf("the same text again = %+v", r)
	}
	// Several at once: each is judged on its own.
	r, err := f.s.SavePaperTexts(context.Background(), f.learner, f.paper,
		map[int]string{0: "stale box", 1: "second", 2: ""}, t0)
	if err != nil || !slices.Equal(r.Saved, []int{1}) || !slices.Equal(r.Stale, []int{0}) {
		t.Errorf("three boxes = %+v %v; want the second saved, the first stale, the empty third unchanged", r, err)
	}

	// Past the deadline, by the server's clock: text goes to the late slot.
	f.now = f.start.Add(30*time.Minute + time.Second)
	r = f.save(t, 0, "newer, and a late paragraph", f.now)
	if !r.Late || !slices.Equal(r.Saved, []int{0}) {
		t.Fatalf("late save = %+v", r)
	}
	f.save(t, 2, "written only after time", f.now)
	if r := f.save(t, 0, "an older late text", t0.Add(time.Second)); !slices.Equal(r.Stale, []int{0}) {
		t.Errorf("a late text older than the text in time = %+v, want stale", r)
	}
	p := f.read(t)
	it := p.Items[0]
	if it.Text != "newer" || !it.HasLate || it.LateText != "newer, and a late paragraph" || it.Current() != it.LateText {
		t.Errorf("item 0 = %+v; want the text in time kept and the late text apart", it)
	}
	if p.Items[1].Text != "second" || p.Items[1].HasLate {
		t.Errorf("item 1 = %+v", p.Items[1])
	}
	if !p.Items[2].OnlyLate() || p.Items[2].Text != "" {
		t.Errorf("item 2 = %+v; want answered only after time", p.Items[2])
	}
}

func TestFinishWrittenPaper_SubmitsTheCountedOnceAndClosesThePaper(t *testing.T) {
	f := newPaperFixture(t)
	ctx := context.Background()
	f.save(t, 0, "describe answer", f.now)
	f.save(t, 1, "   ", f.now) // blank: not an answer
	f.now = f.start.Add(31 * time.Minute)
	f.save(t, 2, "essay written after time", f.now)
	f.save(t, 1, "explain written after time", f.now.Add(time.Second))

	// Three answered, two asked for: a choice of one is refused, and
	// nothing is written.
	if _, err := f.s.FinishWrittenPaper(ctx, f.learner, f.paper, []int{0}); questions.ErrorCode(err) != questions.EINVALID {
		t.Fatalf("a choice of 1 of 2: %v, want EINVALID", err)
	}
	if f.read(t).Finished() || f.s.mockRows(t, `SELECT count(*) FROM written_submissions`) != 0 {
		t.Fatal("a refused choice finished the paper or submitted answers")
	}
	p, err := f.s.FinishWrittenPaper(ctx, f.learner, f.paper, []int{2, 0})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Finished() || p.Rule != written.CountChosen || !p.FinishedAt.Equal(f.now) {
		t.Errorf("finished %v at %v, rule %q", p.Finished(), p.FinishedAt, p.Rule)
	}
	if p.Items[0].SubmissionID == 0 || p.Items[1].SubmissionID != 0 || p.Items[2].SubmissionID == 0 {
		t.Fatalf("submissions %d %d %d; want the first and third", p.Items[0].SubmissionID, p.Items[1].SubmissionID, p.Items[2].SubmissionID)
	}
	for _, tc := range []struct {
		pos  int
		text string
		late int
	}{{0, "describe answer", 0}, {2, "essay written after time", 1}} {
		id := p.Items[tc.pos].SubmissionID
		w, err := f.s.WrittenSubmission(ctx, f.learner, id)
		if err != nil || w.Text != tc.text || w.QuestionID != p.Items[tc.pos].QuestionID {
			t.Errorf("submission of %d = %+v %v", tc.pos, w, err)
		}
		if n := f.s.mockRows(t, `SELECT count(*) FROM written_submissions WHERE id = ? AND paper_id = ? AND late = ?`, id, f.paper, tc.late); n != 1 {
			t.Errorf("submission of %d: not stored with the paper and late = %d", tc.pos, tc.late)
		}
	}

	// A second finish, with another choice or none, changes nothing.
	f.now = f.now.Add(time.Minute)
	again, err := f.s.FinishWrittenPaper(ctx, f.learner, f.paper, []int{1, 2})
	if err != nil || !again.FinishedAt.Equal(p.FinishedAt) || again.Items[1].SubmissionID != 0 || again.Rule != written.CountChosen {
		t.Errorf("a second finish: %+v %v", again, err)
	}
	if n := f.s.mockRows(t, `SELECT count(*) FROM written_submissions`); n != 2 {
		t.Errorf("%d submissions after a second finish, want 2", n)
	}
	// And the text is closed.
	if _, err := f.s.SavePaperTexts(ctx, f.learner, f.paper, map[int]string{1: "more"}, f.now); !errors.Is(err, ErrPaperFinished) || questions.ErrorCode(err) != questions.ECONFLICT {
		t.Errorf("text after the finish: %v, want ErrPaperFinished", err)
	}
	if got := f.read(t).Items[1].LateText; got != "explain written after time" {
		t.Errorf("late text after a refused save = %q", got)
	}

	// The paper is in the learner's export and goes with the learner.
	d, err := f.s.ExportLearner(ctx, f.learner)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.WrittenPapers) != 1 || len(d.WrittenPaperText) != 3 || len(d.WrittenAnswers) != 2 {
		t.Errorf("export: %d papers, %d questions, %d answers", len(d.WrittenPapers), len(d.WrittenPaperText), len(d.WrittenAnswers))
	}
	b, _ := json.Marshal(d)
	for _, want := range []string{`"late_text":"explain written after time"`, `"count_rule":"chosen"`, `"paper_id":1`} {
		if !json.Valid(b) || !strings.Contains(string(b), want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if err := f.s.DeleteLearner(ctx, f.learner); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"written_papers", "written_paper_items", "written_submissions"} {
		if n := f.s.mockRows(t, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%d rows left in %s after the learner was deleted", n, table)
		}
	}
}

func TestFinishWrittenPaper_TimeUpWithoutAChoiceCountsTheFirstInTime(t *testing.T) {
	f := newPaperFixture(t)
	f.save(t, 2, "essay in time", f.now)
	f.now = f.start.Add(40 * time.Minute)
	f.save(t, 0, "describe after time", f.now)
	f.save(t, 1, "explain after time", f.now)
	p, err := f.s.FinishWrittenPaper(context.Background(), f.learner, f.paper, nil)
	if err != nil {
		t.Fatal(err)
	}
	// In time first (the essay), then the first written after time.
	if p.Rule != written.CountFirst || p.Items[2].SubmissionID == 0 || p.Items[0].SubmissionID == 0 || p.Items[1].SubmissionID != 0 {
		t.Errorf("rule %q, submissions %d %d %d", p.Rule, p.Items[0].SubmissionID, p.Items[1].SubmissionID, p.Items[2].SubmissionID)
	}
}

func TestFinishWrittenPaper_NothingAnsweredSubmitsNothing(t *testing.T) {
	f := newPaperFixture(t)
	f.save(t, 0, "  \n", f.now)
	p, err := f.s.FinishWrittenPaper(context.Background(), f.learner, f.paper, []int{})
	if err != nil || !p.Finished() || p.Rule != written.CountAll {
		t.Fatalf("finish: %+v %v", p, err)
	}
	if n := f.s.mockRows(t, `SELECT count(*) FROM written_submissions`); n != 0 {
		t.Errorf("%d blank answers submitted", n)
	}
}
