package handlers_test

import (
	"context"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
)

// planFigures reads "about 3 reviews a day to reach about 97% on exam day"
// from a student's exam banner on the review page.
var planFigures = regexp.MustCompile(`about (\d+) reviews? a day to reach about (\d+)% on exam day`)

func TestDashboard_ClassExamForecastIsEachStudentsOwnPlan(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	students := map[string]*client{}
	right := map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin", questions.KindTrueFalse: questions.OptionFalse, questions.KindShortAnswer: "Tashkent"}
	wrong := map[questions.Kind]string{questions.KindMultipleChoice: "Nixon", questions.KindTrueFalse: questions.OptionTrue, questions.KindShortAnswer: "Lahore"}
	for name, answers := range map[string]map[questions.Kind]string{"amna": right, "bilal": wrong, "dara": nil} {
		students[name] = cr.student(t, name)
		if answers != nil {
			cr.practise(t, students[name], answers)
		}
	}

	res := cr.teacher.get(cr.url + "/dashboard")
	if res.status != http.StatusOK {
		t.Fatalf("dashboard: %d\n%.300s", res.status, res.body)
	}
	exams := res.doc.Find(`[data-testid="class-exam"]`)
	if exams.Length() != 1 {
		t.Fatalf("%d exam forecasts, want 1", exams.Length())
	}
	exam, _ := time.Parse(time.DateOnly, cr.exam)
	summary := exams.Find(`[data-testid="class-exam-summary"]`).Text()
	t.Logf("summary: %s", summary)
	if want := "Exam on " + exam.Format("2 January 2006") + " (30 days): for the 3 students, about "; !strings.HasPrefix(summary, want) {
		t.Fatalf("summary %q; want it to start %q", summary, want)
	}
	rows := exams.Find(`[data-testid="exam-student"]`)
	if rows.Length() != 3 {
		t.Fatalf("%d student rows, want 3", rows.Length())
	}
	perDaySum, lowest, highest := 0, 100, 0
	for i := range rows.Length() {
		row := rows.Eq(i)
		name := row.Find(`[data-testid="exam-student-name"]`).Text()
		perDay := row.Find(`[data-testid="exam-per-day"]`).Text()
		recall := row.Find(`[data-testid="exam-recall"]`).Text()
		now := row.Find(`[data-testid="now-recall"]`).Text()
		// The student's own forecast, on their review page.
		banner := students[name].get("/review").doc.Find(`[data-testid="exam-banner"]`).Text()
		m := planFigures.FindStringSubmatch(banner)
		if m == nil {
			t.Fatalf("%s: no forecast in the exam banner %q", name, banner)
		}
		if perDay != m[1] || recall != m[2]+"%" {
			t.Errorf("%s: dashboard %s reviews a day, %s on exam day; their own forecast %q", name, perDay, recall, banner)
		}
		if (name == "dara") != (now == "0%") {
			t.Errorf("%s: recall today %s; only dara, who has studied nothing, has 0%%", name, now)
		}
		n, _ := strconv.Atoi(m[1])
		p, _ := strconv.Atoi(m[2])
		perDaySum += n
		lowest, highest = min(lowest, p), max(highest, p)
	}
	if want := "about " + strconv.Itoa(int(math.Round(float64(perDaySum)/3))) + " review"; !strings.Contains(summary, want) {
		t.Errorf("summary %q; want the mean reviews a day, %q", summary, want)
	}
	m := regexp.MustCompile(`reach about (\d+)% on exam day`).FindStringSubmatch(summary)
	if m == nil {
		t.Fatalf("summary %q has no recall on exam day", summary)
	}
	if p, _ := strconv.Atoi(m[1]); p < lowest-1 || p > highest {
		t.Errorf("class recall on exam day %d%%, outside the students' %d%%–%d%%", p, lowest, highest)
	}
}

func TestDashboard_NoClassExamForecastForAPastExamOrAnEmptyClass(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	if n := cr.teacher.get(cr.url + "/dashboard").doc.Find(`[data-testid="class-exam"]`).Length(); n != 0 {
		t.Errorf("a class with no students shows %d exam forecasts", n)
	}
	cr.student(t, "amna")
	ctx := context.Background()
	yesterday := cr.karachiToday.AddDate(0, 0, -1).Format(time.DateOnly)
	if err := cr.h.store.Assign(ctx, cr.classID, cr.setID, "", yesterday); err != nil {
		t.Fatal(err)
	}
	res := cr.teacher.get(cr.url + "/dashboard")
	if res.status != http.StatusOK {
		t.Fatalf("dashboard: %d", res.status)
	}
	if n := res.doc.Find(`[data-testid="class-exam"]`).Length(); n != 0 {
		t.Errorf("a past exam shows %d exam forecasts", n)
	}
	today := cr.karachiToday.Format(time.DateOnly)
	if err := cr.h.store.Assign(ctx, cr.classID, cr.setID, "", today); err != nil {
		t.Fatal(err)
	}
	res = cr.teacher.get(cr.url + "/dashboard")
	got := res.doc.Find(`[data-testid="class-exam-summary"]`).Text()
	if want := "Exam day has come (" + cr.karachiToday.Format("2 January 2006") + ")."; got != want {
		t.Errorf("exam today: %q; want %q", got, want)
	}
	if n := res.doc.Find(`[data-testid="exam-student"]`).Length(); n != 0 {
		t.Errorf("exam today: %d student rows, want none", n)
	}
}
