package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions/written"
	"sabaq/views"
)

// missedEvents gives the events of the points an answer did not earn, in
// the mark scheme's order. An event the answer mentioned is among them when
// a point on it was missed: the answer named it without the point the
// scheme asks for, and its cards go over that.
func (a *App) missedEvents(q written.Question, text string) []string {
	credited, _ := a.creditWritten(q, text)
	seen := map[string]bool{}
	var out []string
	for i, p := range q.Points {
		if credited[i] {
			continue
		}
		for _, ev := range p.Events {
			if !seen[ev] {
				seen[ev] = true
				out = append(out, ev)
			}
		}
	}
	return out
}

// pullMissed brings the cards of the events the learner's answer missed
// into their review queue, due now, and notes how many on the answer.
func (a *App) pullMissed(c *fiber.Ctx, submissionID int64, q written.Question, text string) error {
	ids, err := a.Revision.Pull(c.UserContext(), who(c), a.missedEvents(q, text))
	if err != nil || len(ids) == 0 {
		return err
	}
	l, _ := learner(c)
	return a.Store.NoteWrittenPulled(c.UserContext(), l.ID, submissionID, len(ids))
}

// pullPaperMissed pulls, for each answer of a finished paper that counted,
// the cards of the events it missed. Finishing twice finds the same
// answers, so the same cards are pulled again: no more.
func (a *App) pullPaperMissed(c *fiber.Ctx, p written.Paper) error {
	l, _ := learner(c)
	for _, it := range p.Items {
		if it.SubmissionID == 0 {
			continue
		}
		w, err := a.Store.WrittenSubmission(c.UserContext(), l.ID, it.SubmissionID)
		if err != nil {
			return err
		}
		q, ok, err := a.lookupAnswered(c, w.QuestionID)
		if err != nil {
			return err
		}
		if ok {
			if err := a.pullMissed(c, w.ID, q, w.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

// writtenProgressStore is what the progress page needs of written answers.
type writtenProgressStore interface {
	WrittenSubmissions(ctx context.Context, learnerID int64) ([]db.WrittenSubmission, error)
	NoteWrittenPulled(ctx context.Context, learnerID, submissionID int64, n int) error
}

// writtenRowsShown is how many answers the progress page lists.
const writtenRowsShown = 20

// writtenProgress shapes the learner's written answers for the progress
// page: each with the points Sabaq found and the level the student gave
// it, and the points their answers miss most often.
func (a *App) writtenProgress(c *fiber.Ctx, learnerID int64, loc *time.Location) (views.WrittenProgress, error) {
	var vm views.WrittenProgress
	if learnerID == 0 {
		return vm, nil
	}
	subs, err := a.Store.WrittenSubmissions(c.UserContext(), learnerID)
	if err != nil {
		return vm, err
	}
	questionsSeen := map[string]bool{}
	var marked []written.Marked
	for _, w := range subs {
		q, ok, err := a.lookupAnswered(c, w.QuestionID)
		if err != nil {
			return vm, err
		}
		if !ok {
			continue // its question has left the bank
		}
		vm.Answers++
		questionsSeen[q.ID] = true
		if w.SelfLevel != 0 {
			vm.SelfMarked++
		}
		credited, _ := a.creditWritten(q, w.Text)
		marked = append(marked, written.Marked{Question: q, Credited: credited})
		if len(vm.Rows) == writtenRowsShown {
			vm.More++
			continue
		}
		found := 0
		for _, ok := range credited {
			if ok {
				found++
			}
		}
		level := "Not yet"
		if w.SelfLevel != 0 {
			level = "Level " + strconv.Itoa(w.SelfLevel) + " of " + strconv.Itoa(q.Levels[len(q.Levels)-1].Level)
		}
		vm.Rows = append(vm.Rows, views.WrittenProgressRow{Submitted: stamp(w.SubmittedAt, loc), Prompt: q.Prompt,
			URL: writtenAnswerPath(w.ID), Found: strconv.Itoa(found) + " of " + strconv.Itoa(len(q.Points)), Level: level})
	}
	vm.Questions = len(questionsSeen)
	for _, m := range written.MostMissed(marked, 5) {
		vm.Missed = append(vm.Missed, views.MissedPointRow{Point: m.Point.Text, Prompt: m.Question.Prompt,
			URL: writePath(m.Question.ID), Missed: m.Missed, Answers: m.Answers})
	}
	return vm, nil
}
