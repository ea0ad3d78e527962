package revision

import (
	"context"
	"errors"
	"strconv"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// ErrStale means a grade from the review queue was not applied because the
// card had changed since the form was shown: a double click, a retry or a
// stale tab. Nothing was written.
var ErrStale = questions.Errorf(questions.ECONFLICT, "This card was already graded. Nothing was changed.")

// Card is the learner's card for a question, nil while it is new to them.
func (s *Service) Card(ctx context.Context, who Learner, questionID string) (*questions.CardRecord, error) {
	if st, _, ok := s.kept(who, s.Now()); ok {
		cr, _ := st.card(&s.ids, questionID)
		return cr, nil
	}
	return s.storeCard(ctx, who, questionID)
}

func (s *Service) storeCard(ctx context.Context, who Learner, questionID string) (*questions.CardRecord, error) {
	cr, err := s.store.Card(ctx, who.ID, questionID)
	switch {
	case err == nil:
		return &cr, nil
	case errors.Is(err, questions.ErrNotFound):
		return nil, nil
	}
	return nil, err
}

// Grade is a grade given in the review queue: a flashcard graded, or a
// quiz answer (right is Good, wrong Again).
type Grade struct {
	Question questions.Question
	Rating   srs.Rating
	Mode     questions.ReviewMode // ModeFlashcard or ModeQuiz
	// Version is the card's version the form was shown with (0 for a new
	// card): the grade applies only while the card is still at it.
	Version    int64
	DurationMS int64
	Answer     []string // the quiz answer given
}

// Review applies a grade from the review queue and returns the review's id.
// A grade for a card that has moved on since the form was shown changes
// nothing and returns ErrStale.
//
// While the learner's state is kept (see learnerState), the grade is made
// from it, and written through to it once committed: the page after the
// grade then reads nothing from SQLite.
func (s *Service) Review(ctx context.Context, who Learner, g Grade) (int64, error) {
	st, v, ok := s.kept(who, s.Now())
	var sched *srs.Scheduler
	var cur *questions.CardRecord
	if ok {
		sched = st.sched
		cur, _ = st.card(&s.ids, g.Question.ID)
	} else {
		var err error
		if sched, err = s.scheduler(ctx, who); err != nil {
			return 0, err
		}
		if cur, err = s.storeCard(ctx, who, g.Question.ID); err != nil {
			return 0, err
		}
	}
	if version(cur) != g.Version {
		return 0, ErrStale
	}
	id, rec, err := s.save(ctx, who, sched, g.Question, cur, g.Rating, g.Mode, g.DurationMS, g.Answer, Source{})
	if err != nil || !ok {
		return id, err
	}
	// The store counts each committed review once, before it answers: the
	// generation one on from the state's means no other write landed in
	// between, and the state plus this review is the store now. Anything
	// else, and the next page reads the learner afresh.
	if s.store.Generation(who.ID) == v.store+1 && s.bank.Version() == v.bank {
		if next, ok := st.withReview(&s.ids, rec, g.Version, v.store+1); ok {
			s.states.put(key(who), st, next)
			return id, nil
		}
	}
	s.states.put(key(who), st, nil)
	return id, nil
}

// Source names an answer given outside the review queue: a practice
// attempt, or the item of a mock exam. A learner's ledger holds at most one
// review of each source, which the store makes sure of.
type Source struct {
	AttemptID int64 // a practice attempt
	ExamID    int64 // a mock exam, with the item's position
	Position  int
}

// PracticeSource is the source of a practice attempt.
func PracticeSource(attemptID int64) Source { return Source{AttemptID: attemptID} }

// MockSource is the source of the answer to item position of a mock exam.
func MockSource(examID int64, position int) Source {
	return Source{ExamID: examID, Position: position}
}

// Key is how the ledger records the source: "attempt:12", "mock:3:4", or ""
// for none.
func (src Source) Key() string {
	switch {
	case src.AttemptID != 0:
		return "attempt:" + strconv.FormatInt(src.AttemptID, 10)
	case src.ExamID != 0:
		return "mock:" + strconv.FormatInt(src.ExamID, 10) + ":" + strconv.Itoa(src.Position)
	}
	return ""
}

func (src Source) mode() questions.ReviewMode {
	if src.ExamID != 0 {
		return questions.ModeMock
	}
	return questions.ModePractice
}

// Answer is an answer given outside the review queue.
type Answer struct {
	Question   questions.Question
	Correct    bool
	Given      []string
	DurationMS int64
	Source     Source // required: it makes the answer count once
}

// Answered records an answer given outside the review queue (practice, or a
// mock exam when it is submitted) as a review of the question's card, as a
// quiz answer would be: right is Good, wrong Again. It grades whatever state
// the card is in now, so an answer never conflicts with a stale card. An
// answer already in the ledger (a retried, double-clicked or replayed
// submit) changes nothing and gives the id of its review. A practice answer
// counts only while the learner's settings say practice counts toward
// revision (on by default); then it returns 0 and writes nothing.
func (s *Service) Answered(ctx context.Context, who Learner, a Answer) (int64, error) {
	if a.Source.Key() == "" {
		return 0, questions.Errorf(questions.EINVALID, "An answer outside the review queue must say where it was given.")
	}
	rs, err := s.store.ReviewSettings(ctx, who.ID)
	if err != nil {
		return 0, err
	}
	if a.Source.AttemptID != 0 && !rs.PracticeCounts {
		return 0, nil
	}
	sched, err := Scheduler(rs)
	if err != nil {
		return 0, err
	}
	for range 3 {
		cur, err := s.storeCard(ctx, who, a.Question.ID)
		if err != nil {
			return 0, err
		}
		id, _, err := s.save(ctx, who, sched, a.Question, cur, questions.QuizRating(a.Correct), a.Source.mode(),
			a.DurationMS, a.Given, a.Source)
		if !errors.Is(err, ErrStale) {
			return id, err
		}
		// Another review of this card landed in between: grade the new state.
	}
	return 0, questions.Errorf(questions.ECONFLICT, "This card is being reviewed elsewhere at the same time. Try again.")
}

// save grades q from cur (nil when new) and writes the review, which it
// returns with its id.
func (s *Service) save(ctx context.Context, who Learner, sched *srs.Scheduler, q questions.Question, cur *questions.CardRecord,
	rating srs.Rating, mode questions.ReviewMode, durationMS int64, given []string, src Source) (int64, questions.ReviewRecord, error) {
	rec, v, err := questions.Grade(sched, q, cur, rating, s.Now(), durationMS, mode)
	if err != nil {
		return 0, rec, err
	}
	rec.Answer, rec.Source = given, src.Key()
	var id int64
	if src.ExamID != 0 {
		// The item records the review it fed, in the same transaction.
		id, err = s.store.SaveMockReview(ctx, who.ID, src.ExamID, src.Position, v, rec)
	} else {
		id, err = s.store.SaveReview(ctx, who.ID, v, rec)
	}
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return 0, rec, ErrStale
	}
	return id, rec, err
}

func version(cur *questions.CardRecord) int64 {
	if cur == nil {
		return 0
	}
	return cur.Version
}

func (s *Service) scheduler(ctx context.Context, who Learner) (*srs.Scheduler, error) {
	rs, err := s.store.ReviewSettings(ctx, who.ID)
	if err != nil {
		return nil, err
	}
	return Scheduler(rs)
}

// LastReview is the learner's latest review not undone; ErrNotFound when
// there is none.
func (s *Service) LastReview(ctx context.Context, who Learner) (questions.ReviewRecord, error) {
	return s.store.LastReview(ctx, who.ID)
}

// ReviewRecord is one of the learner's reviews; anyone else's is not found.
func (s *Service) ReviewRecord(ctx context.Context, who Learner, id int64) (questions.ReviewRecord, error) {
	return s.store.Review(ctx, who.ID, id)
}

// Undo reverts the learner's last review and returns the question whose
// card it was; "" when there was nothing to undo.
func (s *Service) Undo(ctx context.Context, who Learner) (string, error) {
	last, err := s.store.LastReview(ctx, who.ID)
	if errors.Is(err, questions.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if _, err := s.store.UndoReview(ctx, who.ID, last.ID); err != nil && questions.ErrorCode(err) != questions.ECONFLICT {
		return "", err
	}
	return last.QuestionID, nil
}

// Regrade changes the grade of review id, as of when it was made, and
// returns the id of the review that replaces it (id itself when the grade
// is the same). A review that is not the card's latest one any more gives
// ErrStale; a review or question that does not exist, ErrNotFound.
func (s *Service) Regrade(ctx context.Context, who Learner, id int64, rating srs.Rating) (int64, error) {
	if rating < srs.Again || rating > srs.Easy {
		return 0, questions.Errorf(questions.EINVALID, "A grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
	}
	old, err := s.store.Review(ctx, who.ID, id)
	if err != nil {
		return 0, err
	}
	if old.Rating == rating {
		return id, nil
	}
	q, ok := s.bank.Question(old.QuestionID)
	if !ok {
		return 0, questions.ErrNotFound
	}
	sched, err := s.scheduler(ctx, who)
	if err != nil {
		return 0, err
	}
	newID, err := s.store.RegradeReview(ctx, who.ID, id, func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error) {
		var cur *questions.CardRecord
		if before.Before != nil {
			cur = &questions.CardRecord{QuestionID: q.ID, EventID: before.EventID, Card: *before.Before, Version: version}
		}
		rec, _, err := questions.Grade(sched, q, cur, rating, before.ReviewedAt, before.DurationMS, before.Mode)
		rec.Answer = before.Answer
		return rec, err
	})
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return 0, ErrStale
	}
	return newID, err
}
