package handlers

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/questions/sets"
	"sabaq/views"
)

// setAnalysis is the item analysis of one set assigned to a class.
type setAnalysis struct {
	title string
	items []sets.ItemStats
}

// classAnalyses analyses each set assigned to a class from its students'
// first attempts. The questions come from the stored items, as they are now.
func (a *App) classAnalyses(c *fiber.Ctx, cl questions.Class) ([]setAnalysis, error) {
	ctx := c.UserContext()
	assigned, err := a.Store.ClassAssignments(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	attempts, err := a.Store.ClassFirstAttempts(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	bySet := map[int64][]sets.FirstAttempt{}
	for _, at := range attempts {
		bySet[at.SetID] = append(bySet[at.SetID], sets.FirstAttempt{Student: at.LearnerID, QuestionID: at.QuestionID,
			Correct: at.Correct, Answer: at.Answer})
	}
	out := make([]setAnalysis, 0, len(assigned))
	for _, as := range assigned {
		items, err := a.Store.SetItems(ctx, as.SetID)
		if err != nil {
			return nil, err
		}
		qs := make([]questions.Question, len(items))
		for i, it := range items {
			qs[i] = it.Item.Question(it.SetID, it.ID)
		}
		out = append(out, setAnalysis{title: as.SetTitle, items: sets.AnalyseItems(qs, bySet[as.SetID])})
	}
	return out, nil
}

// rosterCounts is each student's counts, by learner id: the same figures,
// from the same function, as the student's own pages show.
func (a *App) rosterCounts(c *fiber.Ctx, roster db.Roster) (map[int64]revision.Counts, error) {
	out := make(map[int64]revision.Counts, len(roster.Rows))
	for _, r := range roster.Rows {
		n, err := a.Revision.Counts(c.UserContext(), student(r.Member))
		if err != nil {
			return nil, err
		}
		out[r.LearnerID] = n
	}
	return out, nil
}

// student names a class's student to the revision service as their own
// requests do (see who), so that a teacher's page reads the revision they
// see, kept plans included.
func student(m questions.Member) revision.Learner {
	return revision.Learner{Learner: questions.Learner{ID: m.LearnerID, CreatedAt: m.LearnerCreatedAt},
		AccountID: m.AccountID, Role: questions.Student}
}

// dashboard shows a class's roster and item statistics.
func (a *App) dashboard(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	roster, err := a.Store.Roster(c.UserContext(), cl.ID, time.Now())
	if err != nil {
		return err
	}
	counts, err := a.rosterCounts(c, roster)
	if err != nil {
		return err
	}
	analyses, err := a.classAnalyses(c, cl)
	if err != nil {
		return err
	}
	exams, err := a.classExams(c, cl, roster, loc)
	if err != nil {
		return err
	}
	base := classURL(cl.ID)
	vm := views.DashboardPage{
		Page: a.page(c, "Dashboard: "+cl.Name, "teach"), ClassName: cl.Name, ClassURL: base,
		RosterCSV: base + "/roster.csv", ItemsCSV: base + "/items.csv", AssignedItems: roster.AssignedItems,
		TimeZone: loc.String(), RetentionDays: questions.RetentionDays, Exams: exams,
	}
	for _, r := range roster.Rows {
		n := counts[r.LearnerID]
		studied, items := n.ClassStudied(cl.ID)
		row := views.RosterRow{Username: r.Username, Cards: n.Studied, Reviews: r.RetentionReviews,
			DueNow: n.DueNow, DueToday: n.DueToday, Reviewed: n.ReviewedToday,
			Assigned:  strconv.Itoa(studied) + " / " + strconv.Itoa(items),
			Retention: "–", LastActive: "Never", Mocks: r.Mocks, LatestMock: "–", BestMock: "–"}
		if r.RetentionReviews > 0 {
			row.Retention = percent(float64(r.RetentionPassed) / float64(r.RetentionReviews))
		}
		if !r.LastActive.IsZero() {
			row.LastActive = stamp(r.LastActive, loc)
		}
		if r.Mocks > 0 {
			row.LatestMock = marksText(r.LatestMockScore) + " / " + strconv.Itoa(r.LatestMockTotal)
			row.BestMock = percent(r.BestMock)
		}
		vm.Roster = append(vm.Roster, row)
	}
	for _, an := range analyses {
		sa := views.SetAnalysis{SetTitle: an.title}
		for _, st := range an.items {
			sa.Items = append(sa.Items, itemStatRow(st))
		}
		vm.Analyses = append(vm.Analyses, sa)
	}
	return render(c, views.Dashboard(vm))
}

func itemStatRow(st sets.ItemStats) views.ItemStatRow {
	row := views.ItemStatRow{Number: st.Position + 1, Prompt: clip(st.Question.Prompt, 160),
		Kind: questions.KindNames[st.Question.Kind], Attempts: st.Attempts, Facility: "–", Discrimination: "–",
		Answered: st.Answered, Other: st.Other}
	if st.Attempts > 0 {
		row.Facility = percent(st.Facility / 100)
		row.Missed = st.Facility < 50
	}
	if st.HasDiscrimination {
		row.Discrimination = strconv.Itoa(int(math.Round(st.Discrimination)))
	}
	for _, ch := range st.Choices {
		row.Choices = append(row.Choices, views.ChoiceStatRow{Option: ch.Option, Correct: ch.Correct, Count: ch.Count})
	}
	return row
}

// percent shows a share as a whole percentage.
func percent(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" }

// clip shortens a text to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// rosterCSV exports the class's roster.
func (a *App) rosterCSV(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	roster, err := a.Store.Roster(c.UserContext(), cl.ID, time.Now())
	if err != nil {
		return err
	}
	counts, err := a.rosterCounts(c, roster)
	if err != nil {
		return err
	}
	rows := [][]string{{"Student", "Joined", "Cards studied", "Assigned questions studied", "Assigned questions",
		"Retention % (" + strconv.Itoa(questions.RetentionDays) + " days)", "Reviews counted for retention", "Due now",
		"Due today", "Reviewed today", "Last active (UTC)", "Finished mock exams", "Latest mock score", "Latest mock total", "Best mock %"}}
	for _, r := range roster.Rows {
		n := counts[r.LearnerID]
		studied, items := n.ClassStudied(cl.ID)
		retention, last, latest, total, best := "", "", "", "", ""
		if r.RetentionReviews > 0 {
			retention = decimal(100*float64(r.RetentionPassed)/float64(r.RetentionReviews), 1)
		}
		if !r.LastActive.IsZero() {
			last = r.LastActive.UTC().Format(time.RFC3339)
		}
		if r.Mocks > 0 {
			latest, total, best = marksText(r.LatestMockScore), strconv.Itoa(r.LatestMockTotal), decimal(100*r.BestMock, 1)
		}
		rows = append(rows, []string{r.Username, r.JoinedAt.UTC().Format(time.DateOnly), strconv.Itoa(n.Studied),
			strconv.Itoa(studied), strconv.Itoa(items), retention, strconv.Itoa(r.RetentionReviews),
			strconv.Itoa(n.DueNow), strconv.Itoa(n.DueToday), strconv.Itoa(n.ReviewedToday), last, strconv.Itoa(r.Mocks),
			latest, total, best})
	}
	return sendCSV(c, csvName(cl, "roster"), rows)
}

// itemsCSV exports the item statistics of the class's assigned sets.
func (a *App) itemsCSV(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	analyses, err := a.classAnalyses(c, cl)
	if err != nil {
		return err
	}
	rows := [][]string{{"Set", "Question number", "Question", "Kind", "Attempts", "Correct at first attempt",
		"Facility index %", "Discrimination index", "Recorded answers", "Answers chosen", "Other answers"}}
	for _, an := range analyses {
		for _, st := range an.items {
			facility, discrimination := "", ""
			if st.Attempts > 0 {
				facility = decimal(st.Facility, 1)
			}
			if st.HasDiscrimination {
				discrimination = decimal(st.Discrimination, 2)
			}
			var chosen []string
			for _, ch := range st.Choices {
				label := ch.Option
				if ch.Correct {
					label += " (correct)"
				}
				chosen = append(chosen, label+": "+strconv.Itoa(ch.Count))
			}
			rows = append(rows, []string{an.title, strconv.Itoa(st.Position + 1), st.Question.Prompt,
				questions.KindNames[st.Question.Kind], strconv.Itoa(st.Attempts), strconv.Itoa(st.Correct), facility,
				discrimination, strconv.Itoa(st.Answered), strings.Join(chosen, "; "), strconv.Itoa(st.Other)})
		}
	}
	return sendCSV(c, csvName(cl, "items"), rows)
}

func decimal(x float64, places int) string { return strconv.FormatFloat(x, 'f', places, 64) }

// sendCSV writes rows as a CSV attachment, every cell guarded by csvCell.
func sendCSV(c *fiber.Ctx, filename string, rows [][]string) error {
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	w := csv.NewWriter(c.Response().BodyWriter())
	for _, row := range rows {
		for i := range row {
			row[i] = csvCell(row[i])
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvCell guards a cell against formula injection: a spreadsheet runs a
// cell that starts with = + - or @ (or a tab or carriage return, which some
// strip first) as a formula, so such a cell gets a leading apostrophe. A
// negative number is left alone: no spreadsheet runs it.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvName is an export's file name: the class's name in plain letters and
// digits, and what the file holds.
func csvName(cl questions.Class, what string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(cl.Name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	name := b.String()
	if len(name) > 40 {
		name = strings.TrimRight(name[:40], "-")
	}
	if name == "" {
		name = "class-" + itoa64(cl.ID)
	}
	return name + "-" + what + ".csv"
}
