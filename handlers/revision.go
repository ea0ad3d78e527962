package handlers

import (
	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/questions/srs"
	"sabaq/views"
)

// who is whom the revision service works for in this request: the learner
// and, when logged in, their account.
func who(c *fiber.Ctx) revision.Learner {
	l, _ := learner(c)
	w := revision.Learner{Learner: l}
	if acc, ok := account(c); ok {
		w.AccountID, w.Role = acc.ID, acc.Role
	}
	return w
}

// scheduler builds the FSRS scheduler for a learner's settings.
func scheduler(rs questions.ReviewSettings) (*srs.Scheduler, error) { return revision.Scheduler(rs) }

// deck is what the learner revises: the questions of the sets assigned to
// their classes first, then the timeline's questions filtered by their
// settings, in bank order. The slice is the caller's own.
func (a *App) deck(c *fiber.Ctx, rs questions.ReviewSettings) ([]questions.Question, error) {
	d, err := a.Revision.Deck(c.UserContext(), who(c), rs)
	if err != nil {
		return nil, err
	}
	return append([]questions.Question(nil), d.Questions()...), nil
}

// countsView shapes a learner's counts as every page shows them.
func countsView(n revision.Counts) views.Counts {
	return views.Counts{New: n.New, Studied: n.Studied, Learning: n.Learning, DueNow: n.DueNow,
		DueToday: n.DueToday, ReviewedToday: n.ReviewedToday}
}

// assignmentRows shapes a student's assignments with how much of each they
// have studied, for their home and class pages; classID 0 means all.
func assignmentRows(n revision.Counts, classID int64, today string) []views.StudentAssignment {
	var out []views.StudentAssignment
	for _, as := range n.Assignments {
		if classID != 0 && as.ClassID != classID {
			continue
		}
		out = append(out, views.StudentAssignment{SetID: as.SetID, SetTitle: as.SetTitle, ClassName: as.ClassName,
			ClassURL: studentClassURL(as.ClassID), Due: humanDate(as.DueDate), Exam: humanDate(as.ExamDate),
			Overdue: as.DueDate != "" && as.DueDate < today, Items: as.Items, Studied: as.Studied, Pct: as.Pct(),
			Length: min(max(as.Items, 1), questions.MaxLength)})
	}
	return out
}
