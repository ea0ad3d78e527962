package handlers

import (
	"testing"

	"sabaq/questions/revision"
	"sabaq/questions/srs"
)

func TestClassExamSummary_CountsStudentsBehind(t *testing.T) {
	o := func(perDay int, exam, now float64) revision.ExamOutlook {
		return revision.ExamOutlook{Forecast: srs.Forecast{PerDay: perDay, Recall: exam}, RecallNow: now}
	}
	for _, tc := range []struct {
		name     string
		outlooks []revision.ExamOutlook
		want     string
	}{
		{"none behind", []revision.ExamOutlook{o(10, 0.95, 0.6), o(13, 0.91, 0.7)},
			"Exam on 14 May 2027 (12 days): for the 2 students, about 12 reviews a day each to reach about 93% on exam day (today about 65%)."},
		{"one behind", []revision.ExamOutlook{o(1, 0.79, 0.1)},
			"Exam on 14 May 2027 (12 days): for the one student, about 1 review a day to reach about 79% on exam day (today about 10%); 1 student is behind: they would reach under 80%."},
		{"two behind", []revision.ExamOutlook{o(20, 0.5, 0), o(20, 0.7, 0), o(20, 0.99, 0.9)},
			"Exam on 14 May 2027 (12 days): for the 3 students, about 20 reviews a day each to reach about 73% on exam day (today about 30%); 2 students are behind: they would reach under 80%."},
		{"no plans", nil, "Exam on 14 May 2027 (12 days)."},
	} {
		if got := classExamSummary("14 May 2027", 12, tc.outlooks); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
