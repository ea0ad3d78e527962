package db

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// mockClock is a settable time for the store under test.
type mockClock struct{ t time.Time }

func (c *mockClock) now() time.Time { return c.t }

func newMockExam(t *testing.T, s *Store, minutes int, qids ...string) (questions.Learner, int64) {
	t.Helper()
	ctx := context.Background()
	l, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateMockExam(ctx, l.ID, "", questions.MockSetup{Length: len(qids), Minutes: minutes, Eras: []string{"zia"}}, 1<<63+5, qids)
	if err != nil {
		t.Fatal(err)
	}
	return l, id
}

func (s *Store) mockRows(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCreateMockExam_KeepsTheDeadlineAndOrder(t *testing.T) {
	s := openTest(t)
	clk := &mockClock{time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)}
	s.now = clk.now
	l, id := newMockExam(t, s, 30, "q1", "q2", "q3")
	e, err := s.MockExam(context.Background(), l.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Deadline.Equal(clk.t.Add(30*time.Minute)) || !e.StartedAt.Equal(clk.t) {
		t.Errorf("started %v, deadline %v; want %v and 30 minutes later", e.StartedAt, e.Deadline, clk.t)
	}
	if e.Seed != 1<<63+5 || e.Setup.Length != 3 || e.Setup.Minutes != 30 || len(e.Setup.Eras) != 1 || e.Finished() {
		t.Errorf("exam = %+v; want the seed, 3 questions, 30 minutes, one era, not finished", e)
	}
	for i, want := range []string{"q1", "q2", "q3"} {
		if it := e.Items[i]; it.QuestionID != want || it.Position != i || it.Answer != nil {
			t.Errorf("item %d = %+v; want %s unanswered", i, it, want)
		}
	}
	other, _, _ := s.CreateLearner(context.Background())
	if _, err := s.MockExam(context.Background(), other.ID, id); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner reading the exam: err = %v; want ErrNotFound", err)
	}
}

func TestCreateMockExam_SameFormKeyStartsOneExam(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	other, _, _ := s.CreateLearner(ctx)
	setup := questions.MockSetup{Length: 2, Minutes: 30}
	var wg sync.WaitGroup
	ids := make([]int64, 6)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if ids[i], err = s.CreateMockExam(ctx, l.ID, "key-1", setup, uint64(i), []string{"q1", "q2"}); err != nil {
				t.Errorf("create %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("exam ids %v; want one exam for one form key", ids)
		}
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_exams`); n != 1 {
		t.Fatalf("%d exams; want 1", n)
	}
	// The key is the learner's own; another learner's form starts another exam.
	if id, err := s.CreateMockExam(ctx, other.ID, "key-1", setup, 1, []string{"q1", "q2"}); err != nil || id == ids[0] {
		t.Errorf("another learner with the same key: id %d err %v; want a new exam", id, err)
	}
}

func TestSaveMockAnswer_LatestCountsAndARepeatWritesNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newMockExam(t, s, 30, "q1", "q2")
	if err := s.MarkMockShown(ctx, id, 0); err != nil {
		t.Fatal(err)
	}
	first, saved, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"1965"}, true)
	if err != nil || !saved || first.Late {
		t.Fatalf("first answer: saved=%v late=%v err=%v; want saved in time", saved, first.Late, err)
	}
	again, saved, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"1965"}, true)
	if err != nil || saved || again.ID != first.ID {
		t.Fatalf("repeat: saved=%v id=%d err=%v; want nothing saved and the first answer %d", saved, again.ID, err, first.ID)
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 1 {
		t.Fatalf("%d answer rows after a repeat; want 1", n)
	}
	changed, saved, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"1971"}, false)
	if err != nil || !saved || changed.ID == first.ID {
		t.Fatalf("change: saved=%v err=%v; want a new answer", saved, err)
	}
	e, _ := s.MockExam(ctx, l.ID, id)
	if a := e.Items[0].Answer; a == nil || a.Given[0] != "1971" || a.Correct || e.Items[0].ShownAt.IsZero() {
		t.Errorf("item 0 = %+v; want the changed answer 1971, wrong, with a shown time", e.Items[0])
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 2 {
		t.Errorf("%d answer rows; want 2: a changed answer keeps the first", n)
	}
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, id, 1, "q1", []string{"x"}, true); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("answer for the wrong question: err = %v; want EINVALID", err)
	}
	other, _, _ := s.CreateLearner(ctx)
	if _, _, err := s.SaveMockAnswer(ctx, other.ID, id, 1, "q2", []string{"x"}, true); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner answering: err = %v; want ErrNotFound", err)
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 2 {
		t.Errorf("%d answer rows after refused answers; want 2", n)
	}
}

func TestSaveMockAnswer_AfterTheDeadlineIsLateAndNotScored(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	clk := &mockClock{time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)}
	s.now = clk.now
	l, id := newMockExam(t, s, 10, "q1", "q2", "q3")
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"a"}, true); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(10 * time.Minute) // on the deadline: still in time
	if a, _, err := s.SaveMockAnswer(ctx, l.ID, id, 1, "q2", []string{"b"}, true); err != nil || a.Late {
		t.Fatalf("answer on the deadline: late=%v err=%v; want in time", a.Late, err)
	}
	clk.t = clk.t.Add(time.Second)
	a, saved, err := s.SaveMockAnswer(ctx, l.ID, id, 2, "q3", []string{"c"}, true)
	if err != nil || !saved || !a.Late {
		t.Fatalf("answer after the deadline: saved=%v late=%v err=%v; want saved and late", saved, a.Late, err)
	}
	e, err := s.FinishMockExam(ctx, l.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Score != 2 || !e.Items[2].Answer.Late || !e.FinishedAt.Equal(clk.t) {
		t.Errorf("score %v, item 3 late %v, finished %v; want 2, late, %v", e.Score, e.Items[2].Answer.Late, e.FinishedAt, clk.t)
	}
}

func TestSaveMockAnswer_FinishedExamTakesNoAnswers(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	clk := &mockClock{time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)}
	s.now = clk.now
	l, id := newMockExam(t, s, 30, "q1", "q2")
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"a"}, true); err != nil {
		t.Fatal(err)
	}
	first, err := s.FinishMockExam(ctx, l.ID, id)
	if err != nil || first.Score != 1 {
		t.Fatalf("finish: score %v err %v; want 1", first.Score, err)
	}
	for _, pos := range []int{0, 1} {
		_, saved, err := s.SaveMockAnswer(ctx, l.ID, id, pos, "q"+string(rune('1'+pos)), []string{"b"}, true)
		if !errors.Is(err, ErrMockFinished) || saved || questions.ErrorCode(err) != questions.ECONFLICT {
			t.Errorf("answer %d after finishing: saved=%v err=%v; want ErrMockFinished", pos, saved, err)
		}
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 1 {
		t.Errorf("%d answer rows; want 1", n)
	}
	clk.t = clk.t.Add(time.Hour)
	again, err := s.FinishMockExam(ctx, l.ID, id)
	if err != nil || !again.FinishedAt.Equal(first.FinishedAt) || again.Score != 1 {
		t.Errorf("second finish: finished %v score %v err %v; want unchanged %v and 1", again.FinishedAt, again.Score, err, first.FinishedAt)
	}
}

func TestSaveMockReview_FeedsEachAnswerOnceUnderConcurrency(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newMockExam(t, s, 30, "q1", "q2")
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, id, 0, "q1", []string{"a"}, true); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	rec := questions.ReviewRecord{QuestionID: "q1", EventID: "e1", Rating: srs.Good, After: srs.NewCard(now),
		ReviewedAt: now, Mode: questions.ModeMock, Answer: []string{"a"}}
	if _, err := s.SaveMockReview(ctx, l.ID, id, 0, 0, rec); err == nil {
		t.Fatal("fed an exam that is not finished")
	}
	if _, err := s.FinishMockExam(ctx, l.ID, id); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if ids[i], err = s.SaveMockReview(ctx, l.ID, id, 0, 0, rec); err != nil {
				t.Errorf("feed %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	for _, got := range ids {
		if got != ids[0] || got == 0 {
			t.Fatalf("review ids %v; want one id returned to every caller", ids)
		}
	}
	if n := s.mockRows(t, `SELECT count(*) FROM review_logs WHERE learner_id = ? AND mode = 'mock'`, l.ID); n != 1 {
		t.Errorf("%d mock reviews; want 1", n)
	}
	e, _ := s.MockExam(ctx, l.ID, id)
	if e.Items[0].ReviewID != ids[0] || e.Items[1].ReviewID != 0 {
		t.Errorf("review ids on items = %d, %d; want %d and none", e.Items[0].ReviewID, e.Items[1].ReviewID, ids[0])
	}
	unanswered := rec
	unanswered.QuestionID = "q2"
	if _, err := s.SaveMockReview(ctx, l.ID, id, 1, 0, unanswered); err == nil {
		t.Error("fed an unanswered question")
	}
}

func TestFlagMockItem_SetsAndClearsOnlyTheLearnersOwnOpenExam(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newMockExam(t, s, 30, "q1", "q2", "q3")
	// Flagging twice (a double click) leaves one flag; the answer is untouched.
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, id, 1, "q2", []string{"a"}, true); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.FlagMockItem(ctx, l.ID, id, 1, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FlagMockItem(ctx, l.ID, id, 2, true); err != nil {
		t.Fatal(err)
	}
	e, _ := s.MockExam(ctx, l.ID, id)
	if got := e.Flagged(); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("flagged %v; want questions at 1 and 2", got)
	}
	if a := e.Items[1].Answer; a == nil || a.Given[0] != "a" {
		t.Errorf("flagging changed the answer: %+v", a)
	}
	for range 2 {
		if err := s.FlagMockItem(ctx, l.ID, id, 2, false); err != nil {
			t.Fatal(err)
		}
	}
	if e, _ := s.MockExam(ctx, l.ID, id); e.Items[2].Flagged || !e.Items[1].Flagged {
		t.Errorf("after removing the flag at 2: flagged %v; want only 1", e.Flagged())
	}

	other, _, _ := s.CreateLearner(ctx)
	if err := s.FlagMockItem(ctx, other.ID, id, 0, true); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner flagging: err = %v; want ErrNotFound", err)
	}
	if err := s.FlagMockItem(ctx, l.ID, id, 3, true); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("flagging past the last question: err = %v; want ErrNotFound", err)
	}
	if _, err := s.FinishMockExam(ctx, l.ID, id); err != nil {
		t.Fatal(err)
	}
	if err := s.FlagMockItem(ctx, l.ID, id, 0, true); !errors.Is(err, ErrMockFinished) {
		t.Errorf("flagging a finished exam: err = %v; want ErrMockFinished", err)
	}
	if n := s.mockRows(t, `SELECT count(*) FROM mock_items WHERE exam_id = ? AND flagged = 1`, id); n != 1 {
		t.Errorf("%d flagged items after refused flags; want still 1", n)
	}
}

func TestFinishMockExam_ScoreSumsTheCreditsGivenInTime(t *testing.T) {
	type answer struct {
		credit float64
		late   bool
	}
	for _, tc := range []struct {
		name    string
		answers []answer
		want    float64
	}{
		{"all or nothing", []answer{{1, false}, {0, false}, {1, false}}, 2},
		{"half marks add up", []answer{{1, false}, {0.5, false}, {0.5, false}}, 2},
		{"one half", []answer{{0.5, false}, {0, false}, {0, false}}, 0.5},
		{"a late half does not count", []answer{{1, false}, {0.5, false}, {0.5, true}}, 1.5},
		{"a late full mark does not count", []answer{{0.5, false}, {0, false}, {1, true}}, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			ctx := context.Background()
			clk := &mockClock{time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)}
			s.now = clk.now
			l, id := newMockExam(t, s, 10, "q1", "q2", "q3")
			// In-time answers first, then the clock passes the deadline.
			for _, late := range []bool{false, true} {
				if late {
					clk.t = clk.t.Add(11 * time.Minute)
				}
				for i, a := range tc.answers {
					if a.late != late {
						continue
					}
					got, saved, err := s.SaveMockMark(ctx, l.ID, id, i, "q"+strconv.Itoa(i+1), []string{"x"}, a.credit)
					if err != nil || !saved || got.Credit != a.credit || got.Correct != (a.credit == 1) || got.Late != late {
						t.Fatalf("answer %d: %+v saved %v err %v; want credit %v, correct only at 1, late %v", i, got, saved, err, a.credit, late)
					}
				}
			}
			e, err := s.FinishMockExam(ctx, l.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			if e.Score != tc.want {
				t.Errorf("score %v; want %v", e.Score, tc.want)
			}
			for i, a := range tc.answers {
				if got := e.Items[i].Answer; got.Credit != a.credit || got.Correct != (a.credit == 1) {
					t.Errorf("item %d read back credit %v correct %v; want %v", i, got.Credit, got.Correct, a.credit)
				}
			}
			if list, err := s.MockExams(ctx, l.ID, 5); err != nil || len(list) != 1 || list[0].Score != tc.want {
				t.Errorf("exam list: %+v %v; want score %v", list, err, tc.want)
			}
		})
	}
}

func TestSaveMockMark_RepeatKeepsTheCreditAndClampsIt(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newMockExam(t, s, 30, "q1", "q2")
	first, _, err := s.SaveMockMark(ctx, l.ID, id, 0, "q1", []string{"cat"}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	again, saved, err := s.SaveMockMark(ctx, l.ID, id, 0, "q1", []string{"cat"}, 0.5)
	if err != nil || saved || again.ID != first.ID || again.Credit != 0.5 || again.Correct {
		t.Errorf("repeat: %+v saved %v err %v; want the first answer with its half mark", again, saved, err)
	}
	if a, _, err := s.SaveMockMark(ctx, l.ID, id, 1, "q2", []string{"y"}, 1.5); err != nil || a.Credit != 1 || !a.Correct {
		t.Errorf("credit 1.5: %+v err %v; want full marks", a, err)
	}
}

// oldMockDB makes a database at path with the migrations that keep(v)
// says, as a server that had only those would have left it.
func oldMockDB(t *testing.T, path string, keep func(v int) bool) *sql.DB {
	t.Helper()
	old, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { old.Close() })
	if _, err := old.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, _ := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if !keep(v) {
			continue
		}
		body, _ := migrations.ReadFile(name)
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		if _, err := old.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 0)`, v, base); err != nil {
			t.Fatal(err)
		}
	}
	return old
}

func TestMigration_MockAnswersBeforeCreditKeepTheirMarks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old := oldMockDB(t, path, func(v int) bool { return v < 12 })
	for _, stmt := range []string{
		`INSERT INTO learners (id, token_hash, created_at) VALUES (1, x'01', 0)`,
		`INSERT INTO mock_exams (id, learner_id, eras, minutes, seed, started_at, deadline, finished_at, score, total)
			VALUES (1, 1, '[]', 30, 1, 0, 1800000, 60000, 1, 2)`,
		`INSERT INTO mock_items (exam_id, position, question_id) VALUES (1, 0, 'q1'), (1, 1, 'q2')`,
		`INSERT INTO mock_answers (id, exam_id, position, answer, correct, late, answered_at, time_ms)
			VALUES (1, 1, 0, '["a"]', 1, 0, 1000, 10), (2, 1, 1, '["b"]', 0, 0, 2000, 10)`,
		`UPDATE mock_items SET answer_id = position + 1 WHERE exam_id = 1`,
	} {
		if _, err := old.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := s.MockExam(ctx, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if e.Score != 1 {
		t.Errorf("old exam's score %v; want its 1 right answer", e.Score)
	}
	for i, want := range []float64{1, 0} {
		if a := e.Items[i].Answer; a == nil || a.Credit != want || a.Correct != (want == 1) {
			t.Errorf("old answer %d = %+v; want credit %v", i, a, want)
		}
	}
}

// A database that had 0012 before another branch's 0011 arrived still
// takes 0011 when it next opens: versions are applied by whether they are
// recorded, not by being the next number.
func TestMigration_LowerNumberAddedAfterMockCreditStillApplies(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old := oldMockDB(t, path, func(v int) bool { return v != 11 })
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	if n := s.mockRows(t, `SELECT count(*) FROM schema_migrations`); n != len(names) {
		t.Errorf("%d migrations recorded; want all %d", n, len(names))
	}
}
