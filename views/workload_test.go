package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestWorkloadMessage_SaysPlainlyWhatAnExamCosts(t *testing.T) {
	base := Workload{ExamDate: "14 May 2027", DaysLeft: 12, Scope: "everything in your deck", NewLimit: 20, ReviewLimit: 200}
	tests := []struct {
		name                    string
		edit                    func(w *Workload)
		status, summary, detail string
	}{
		{"whole bank that cannot be covered", func(w *Workload) {
			w.Cards, w.NewPerDay, w.NewDays, w.AvgReviews, w.PeakReviews = 856, 20, 12, 69, 107
			w.SeenByExam, w.CoveragePercent, w.NeededNewPerDay, w.RecallPercent, w.HasRecall = 240, 28, 72, 27, true
		}, "This cannot be covered within your limits",
			"856 cards in scope, 12 days: at your limit of 20 new cards a day, 240 of the 856 cards (about 28%) are seen by the exam and 616 are never seen.",
			"Seeing every card by the exam takes 72 new cards a day."},
		{"a scope covered in the first days", func(w *Workload) {
			w.Cards, w.NewPerDay, w.NewDays, w.AvgReviews, w.PeakReviews, w.Covered = 48, 20, 3, 16, 40, true
			w.SeenByExam, w.CoveragePercent, w.RecallPercent, w.HasRecall = 48, 100, 99, true
		}, "Within your limits",
			"48 cards in scope, 12 days: about 16 reviews a day, and 20 new cards a day for the first 3 days, within your limits.",
			"expect to recall about 99% of these cards"},
		{"new cards every day", func(w *Workload) {
			w.Cards, w.NewPerDay, w.NewDays, w.AvgReviews, w.Covered, w.SeenByExam = 240, 20, 12, 60, true, 240
		}, "Within your limits", "240 cards in scope, 12 days: about 60 reviews and 20 new cards a day, within your limits.", ""},
		{"everything seen already", func(w *Workload) {
			w.Cards, w.Seen, w.AvgReviews, w.Covered, w.SeenByExam = 30, 30, 3, true, 30
		}, "Within your limits", "30 cards in scope, all seen, 12 days: about 3 reviews a day, within your limits.", ""},
		{"the busiest day over the review limit", func(w *Workload) {
			w.Cards, w.Seen, w.AvgReviews, w.PeakReviews, w.PeakCapped, w.Covered, w.OverReviewLimit, w.SeenByExam = 400, 400, 90, 260, 250, true, true, 400
		}, "Some days go over your review limit", "400 cards in scope, all seen, 12 days: about 90 reviews a day.",
			"The busiest day needs about 250 reviews, more than your limit of 200"},
		{"an empty scope", func(w *Workload) { w.Covered = true }, "Nothing to revise in this scope", "The exam's scope holds no cards", ""},
		{"a limit of 0 and a tiny share seen", func(w *Workload) {
			w.NewLimit, w.Cards, w.Seen, w.SeenByExam, w.NeededNewPerDay = 0, 900, 3, 3, 75
		}, "This cannot be covered within your limits", "at your limit of 0 new cards a day, 3 of the 900 cards (under 1%) are seen", "takes 75 new cards a day"},
		{"exam today", func(w *Workload) { w.DaysLeft, w.Cards, w.Seen = 0, 40, 35 }, "Your exam is today", "40 cards in scope, 35 of them seen.", ""},
		{"exam past", func(w *Workload) { w.DaysLeft, w.Cards = -3, 40 }, "Your exam date has passed", "Set your next exam date", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := base
			tt.edit(&w)
			var b strings.Builder
			if err := WorkloadMessage(w).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
			if err != nil {
				t.Fatal(err)
			}
			find := func(id string) string { return strings.TrimSpace(doc.Find(`[data-testid="` + id + `"]`).Text()) }
			if got := find("workload-status"); got != tt.status {
				t.Errorf("status %q, want %q", got, tt.status)
			}
			if got := find("workload-summary"); !strings.Contains(got, tt.summary) {
				t.Errorf("summary %q, want it to say %q", got, tt.summary)
			}
			if got := find("workload-detail"); !strings.Contains(got, tt.detail) {
				t.Errorf("details %q, want them to say %q", got, tt.detail)
			}
			if within := doc.Find(`[data-testid="workload"]`).AttrOr("data-within-limits", ""); within != boolAttr(w.WithinLimits()) {
				t.Errorf("data-within-limits %q", within)
			}
		})
	}
}

func TestWorkloadMessage_NamesTheExamAndWhoSetIt(t *testing.T) {
	w := Workload{ExamDate: "14 May 2027", DaysLeft: 1, Scope: "the assigned set “Tashkent” (Year 9) only", SetBy: "your teacher of Year 9",
		Cards: 3, NewPerDay: 3, NewDays: 1, Covered: true, SeenByExam: 3, SettingsURL: "/settings#exam-scope"}
	var b strings.Builder
	if err := WorkloadMessage(w).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	want := "Exam on 14 May 2027 (tomorrow), set by your teacher of Year 9. It covers the assigned set “Tashkent” (Year 9) only."
	if got := strings.TrimSpace(doc.Find(`[data-testid="workload-exam"]`).Text()); got != want {
		t.Errorf("exam line %q, want %q", got, want)
	}
	if href := doc.Find(`a[data-testid="workload-settings"]`).AttrOr("href", ""); href != "/settings#exam-scope" {
		t.Errorf("settings link %q", href)
	}
}
