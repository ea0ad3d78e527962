package handlers

import (
	"math"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

func (a *App) healthz(c *fiber.Ctx) error {
	if err := a.Store.Ping(c.UserContext()); err != nil {
		a.Logger.Error("health check", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	return c.SendString("ok")
}

func (a *App) page(c *fiber.Ctx, title, nav string) views.Page {
	p := views.Page{Title: title, CSRF: a.csrfToken(c), Nav: nav}
	if c.Query(reportedFlag) == "1" {
		p.Notice = reportThanks
	}
	if acc, ok := account(c); ok {
		p.User, p.Teacher = acc.Username, acc.Role == questions.Teacher
	}
	return p
}

func (a *App) home(c *fiber.Ctx) error {
	l, _ := learner(c)
	ctx := c.UserContext()
	attempts, err := a.Store.LearnerAttempts(ctx, l.ID)
	if err != nil {
		return err
	}
	activity, err := a.Store.Activity(ctx, l.ID)
	if err != nil {
		return err
	}
	overall, _, _ := questions.Accuracy(a.Timeline, a.Bank, attempts)
	vm := views.HomePage{
		Page:        a.page(c, "Home", "home"),
		Events:      len(a.Timeline.Events),
		Questions:   len(a.Bank.Questions),
		Attempts:    activity.PracticeAnswers,
		AccuracyPct: overall.Pct(),
		Reviews:     activity.Reviews,
		MockAnswers: activity.MockAnswers,
	}
	q, err := a.Revision.Queue(ctx, who(c))
	if err != nil {
		return err
	}
	recent, err := a.Store.RecentSessions(ctx, l.ID, 1)
	if err != nil {
		return err
	}
	if len(recent) > 0 {
		row := sessionRow(recent[0], q.Settings.Location())
		vm.LastSession = &row
	}
	vm.Counts, vm.ReviewReady = countsView(q.Counts), q.Found
	vm.ExamCountdown, vm.ExamForecast = q.ExamCountdown, q.ExamForecast
	if vm.Workload, err = a.workload(c, l); err != nil {
		return err
	}
	classes, err := a.studentClasses(c, q.Counts)
	if err != nil {
		return err
	}
	return render(c, views.Home(vm, classes))
}

func eventLink(e questions.Event) views.EventLink {
	return views.EventLink{ID: e.ID, Date: e.Date.Human(), Title: e.Title, Tone: string(e.Tone)}
}

func (a *App) timeline(c *fiber.Ctx) error {
	vm, err := a.timelineView(a.page(c, "Timeline", "timeline"), c.Query("theme"))
	if err != nil {
		return err
	}
	return render(c, views.Timeline(vm))
}

// timelineView is the timeline page, of one theme or ("") all, in page p.
func (a *App) timelineView(p views.Page, theme string) (views.TimelinePage, error) {
	vm := views.TimelinePage{Page: p, Chart: a.chart}
	if theme != "" {
		th, ok := questions.ThemeByID(theme)
		if !ok {
			return vm, badRequest("There is no theme called %q. Pick one from the list.", theme)
		}
		vm.ThemeName = th.Name
	}
	for _, th := range questions.Themes {
		vm.Themes = append(vm.Themes, views.Option{Value: th.ID, Label: th.Name, Checked: th.ID == theme})
	}
	var shown []questions.Event
	for _, era := range questions.Eras {
		g := views.EraGroup{ID: era.ID, Name: era.Name, Span: era.Span}
		for _, e := range a.Timeline.Events {
			if e.Era == era.ID && (theme == "" || slices.Contains(e.Themes, theme)) {
				g.Events = append(g.Events, eventLink(e))
				shown = append(shown, e)
			}
		}
		if len(g.Events) > 0 {
			vm.Eras = append(vm.Eras, g)
		}
	}
	vm.EventCount = len(shown)
	if theme != "" {
		vm.Chart = layoutChart(shown)
	}
	return vm, nil
}

func (a *App) event(c *fiber.Ctx) error {
	e, ok := a.Timeline.Event(c.Params("id"))
	if !ok {
		return notFound("event")
	}
	return render(c, views.Event(a.eventView(a.page(c, e.Title, "timeline"), e)))
}

// eventView is the page of event e, in page p.
func (a *App) eventView(page views.Page, e questions.Event) views.EventPage {
	era, _ := questions.EraByID(e.Era)
	page.Description = e.Date.Human() + ": " + e.Summary
	vm := views.EventPage{
		Page:    page,
		ID:      e.ID,
		Title:   e.Title,
		Date:    e.Date.Human(),
		Era:     era.Name + " (" + era.Span + ")",
		Summary: e.Summary,
		Tone:    string(e.Tone),
		Sources: sources(e.Sources),
	}
	for _, id := range e.Actors {
		if act, ok := a.Timeline.Actor(id); ok {
			vm.Actors = append(vm.Actors, views.Actor{Name: act.Name, Role: act.Role})
		}
	}
	for _, id := range e.Themes {
		th, _ := questions.ThemeByID(id)
		vm.Themes = append(vm.Themes, th.Name)
	}
	for _, d := range e.Disputes {
		vd := views.Dispute{Aspect: string(d.Aspect), Note: d.Note}
		for _, doc := range d.Sources {
			vd.Docs = append(vd.Docs, questions.Documents[doc])
		}
		vm.Disputes = append(vm.Disputes, vd)
	}
	for _, ce := range a.Timeline.Causes(e.ID) {
		vm.Causes = append(vm.Causes, eventLink(ce))
	}
	for _, id := range e.LedTo {
		if to, ok := a.Timeline.Event(id); ok {
			vm.LedTo = append(vm.LedTo, eventLink(to))
		}
	}
	i := slices.IndexFunc(a.Timeline.Events, func(x questions.Event) bool { return x.ID == e.ID })
	if i > 0 {
		p := eventLink(a.Timeline.Events[i-1])
		vm.Prev = &p
	}
	if i+1 < len(a.Timeline.Events) {
		n := eventLink(a.Timeline.Events[i+1])
		vm.Next = &n
	}
	vm.QuestionCount = min(len(a.Bank.Select(questions.Filter{EventIDs: []string{e.ID}})), questions.DefaultLength)
	return vm
}

func sources(src []questions.Source) []views.Source {
	out := make([]views.Source, 0, len(src))
	for _, s := range src {
		out = append(out, views.Source{Doc: questions.Documents[s.Doc], File: s.Doc, Quote: s.Quote})
	}
	return out
}

func (a *App) progress(c *fiber.Ctx) error {
	l, _ := learner(c)
	ctx := c.UserContext()
	attempts, err := a.Store.LearnerAttempts(ctx, l.ID)
	if err != nil {
		return err
	}
	overall, eras, themes := questions.Accuracy(a.Timeline, a.Bank, attempts)
	recent, err := a.Store.RecentSessions(ctx, l.ID, 20)
	if err != nil {
		return err
	}
	p, err := a.Revision.Progress(ctx, who(c))
	if err != nil {
		return err
	}
	vm := views.ProgressPage{
		Page:        a.page(c, "Your progress", "progress"),
		Counts:      countsView(p.Counts),
		Charts:      chartsView(p.Stats),
		Attempts:    overall.Total,
		AccuracyPct: overall.Pct(),
		Eras:        scoreRows(eras),
		Themes:      scoreRows(themes),
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	for _, s := range recent {
		vm.Sessions = append(vm.Sessions, sessionRow(s, loc))
	}
	if vm.Written, err = a.writtenProgress(c, l.ID, loc); err != nil {
		return err
	}
	return render(c, views.Progress(vm))
}

// chartsView shapes revision statistics for the progress page's charts.
func chartsView(st questions.Stats) views.ProgressCharts {
	day := func(d questions.DayCount) views.ChartDay {
		return views.ChartDay{Weekday: d.Start.Format("Mon"), Date: d.Start.Format("2 Jan"), Count: d.Count}
	}
	percent := func(f float64) int { return int(math.Round(f * 100)) }
	v := views.ProgressCharts{
		Forecast: views.Forecast{Overdue: st.Overdue},
		States:   views.StateChart{New: st.States.New, Learning: st.States.Learning, Review: st.States.Review, Relearning: st.States.Relearning},
		Retention: views.RetentionChart{Reviews: st.Retention.Reviews, Passed: st.Retention.Passed,
			Pct: percent(st.Retention.Rate()), DesiredPct: percent(st.Retention.Desired)},
		Streak: views.StreakInfo{Current: st.Streak.Current, Longest: st.Streak.Longest,
			ReviewedToday: st.Streak.ReviewedToday, Unbounded: st.Streak.Unbounded},
	}
	for _, d := range st.Reviews {
		v.Heatmap.Days = append(v.Heatmap.Days, day(d))
	}
	for _, d := range st.Forecast {
		v.Forecast.Days = append(v.Forecast.Days, day(d))
	}
	for _, m := range st.Mastery {
		v.Mastery.Rows = append(v.Mastery.Rows, views.MasteryRow{Era: m.Era.Name, Span: m.Era.Span,
			Cards: m.Cards, Questions: m.Questions, Pct: percent(m.Mean)})
	}
	return v
}

func scoreRows(scores []questions.Score) []views.ScoreRow {
	out := make([]views.ScoreRow, 0, len(scores))
	for _, s := range scores {
		out = append(out, views.ScoreRow{Name: s.Name, Correct: s.Correct, Total: s.Total, Pct: s.Pct()})
	}
	return out
}

func sessionRow(s questions.PracticeSession, loc *time.Location) views.SessionRow {
	url := "/practice/" + itoa64(s.ID) + "/summary"
	if s.FinishedAt.IsZero() {
		url = "/practice/" + itoa64(s.ID)
	}
	return views.SessionRow{ID: s.ID, Started: stamp(s.StartedAt, loc), Score: s.Score,
		Answered: s.Answered, Total: s.Total, Finished: !s.FinishedAt.IsZero(), URL: url}
}
