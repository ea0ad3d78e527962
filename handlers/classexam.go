package handlers

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/views"
)

// behindRecall is the expected recall on exam day under which the class
// forecast counts a student as behind.
const behindRecall = 0.80

// classExams forecasts, for each assignment of the class with an exam date
// to come, each student's revision towards it: the plan their home page
// forecasts when that exam is theirs (revision.Service.ExamOutlook), from
// their own cards, settings, time zone and scheduler. An exam today says
// so; a past one shows nothing, and neither does a class with no students.
// The dates are read in the teacher's time zone, loc.
func (a *App) classExams(c *fiber.Ctx, cl questions.Class, roster db.Roster, loc *time.Location) ([]views.ClassExam, error) {
	if len(roster.Rows) == 0 {
		return nil, nil
	}
	assigned, err := a.Store.ClassAssignments(c.UserContext(), cl.ID)
	if err != nil {
		return nil, err
	}
	y, m, d := time.Now().In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []views.ClassExam
	for _, as := range assigned {
		date, err := time.Parse(time.DateOnly, as.ExamDate)
		if err != nil || date.Before(today) {
			continue // no exam date, or a past one
		}
		ce := views.ClassExam{SetTitle: as.SetTitle, Bar: percent(behindRecall)}
		when := date.Format("2 January 2006")
		if date.Equal(today) {
			ce.Summary = "Exam day has come (" + when + ")."
			out = append(out, ce)
			continue
		}
		e := questions.Exam{Date: as.ExamDate, ByTeacher: true, Assignments: []questions.Assignment{as},
			Scope: questions.ExamScope{Kind: questions.ScopeAssignment, AssignmentID: as.ID}}
		type plan struct {
			row views.ExamStudentRow
			o   revision.ExamOutlook
		}
		var plans []plan
		for _, r := range roster.Rows {
			o, ok, err := a.Revision.ExamOutlook(c.UserContext(), student(r.Member), e)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue // exam day has come in the student's time zone
			}
			plans = append(plans, plan{o: o, row: views.ExamStudentRow{Username: r.Username, PerDay: o.Forecast.PerDay,
				ExamRecall: floorPercent(o.Forecast.Recall), NowRecall: floorPercent(o.RecallNow),
				Behind: o.Forecast.Recall < behindRecall}})
		}
		slices.SortStableFunc(plans, func(x, y plan) int { return cmp.Compare(x.o.Forecast.Recall, y.o.Forecast.Recall) })
		outlooks := make([]revision.ExamOutlook, len(plans))
		for i, p := range plans {
			outlooks[i] = p.o
			ce.Students = append(ce.Students, p.row)
		}
		ce.Summary = classExamSummary(when, int(date.Sub(today).Hours()/24), outlooks)
		out = append(out, ce)
	}
	return out, nil
}

// classExamSummary tells a class's forecast in a sentence: "Exam on
// 14 May 2027 (12 days): for the 28 students, about 14 reviews a day each
// to reach about 93% on exam day (today about 61%); 3 students are behind:
// they would reach under 80%." The figures are the students' means;
// shares are rounded down, as each student's own forecast rounds them.
func classExamSummary(when string, days int, outlooks []revision.ExamOutlook) string {
	head := fmt.Sprintf("Exam on %s (%s)", when, plural(days, "day", "days"))
	if len(outlooks) == 0 {
		return head + "."
	}
	perDay, exam, now, behind := 0.0, 0.0, 0.0, 0
	for _, o := range outlooks {
		perDay += float64(o.Forecast.PerDay)
		exam += o.Forecast.Recall
		now += o.RecallNow
		if o.Forecast.Recall < behindRecall {
			behind++
		}
	}
	n := float64(len(outlooks))
	who, each := "the "+plural(len(outlooks), "student", "students"), " each"
	if len(outlooks) == 1 {
		who, each = "the one student", ""
	}
	s := fmt.Sprintf("%s: for %s, about %s a day%s to reach about %s on exam day (today about %s)", head,
		who, reviews(int(math.Round(perDay/n))), each, floorPercent(exam/n), floorPercent(now/n))
	switch behind {
	case 0:
		return s + "."
	case 1:
		return s + "; 1 student is behind: they would reach under " + percent(behindRecall) + "."
	}
	return fmt.Sprintf("%s; %d students are behind: they would reach under %s.", s, behind, percent(behindRecall))
}

// floorPercent shows a share as a whole percentage rounded down, never
// overstated (as srs.Forecast shows recall).
func floorPercent(share float64) string { return fmt.Sprintf("%d%%", int(math.Floor(100*share+1e-9))) }

func reviews(n int) string { return plural(n, "review", "reviews") }
