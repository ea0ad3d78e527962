package handlers_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/sets"
)

// BenchmarkClassDashboard loads the dashboard of a class of 30 students
// with a 60-question set assigned, each student holding cards of 45 of its
// questions: with the set's exam in 20 days (inside the exam plan's
// window, where a plan costs most) and with no exam date, for the cost of
// the class forecast. "cold" restarts the app before each load (no kept
// state or plan), "warm" loads it again as a teacher reloading does.
func BenchmarkClassDashboard(b *testing.B) {
	for _, exam := range []int{20, 0} {
		for _, cold := range []bool{true, false} {
			name := "exam-in-" + strconv.Itoa(exam) + "-days"
			if exam == 0 {
				name = "no-exam"
			}
			if cold {
				name += "/cold"
			} else {
				name += "/warm"
			}
			b.Run(name, func(b *testing.B) { benchDashboard(b, exam, cold) })
		}
	}
}

func benchDashboard(b *testing.B, examDays int, cold bool) {
	ctx := context.Background()
	tl, err := questions.Load()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.db")
	store, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	author, err := store.CreateAccount(ctx, questions.NewAccount{Username: "author", PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		b.Fatal(err)
	}
	items := make([]sets.Item, 60)
	for i := range items {
		items[i] = sets.Item{Kind: sets.ShortAnswer, Prompt: "Question " + strconv.Itoa(i+1) + "?", Accepted: []string{"answer"}}
	}
	setID, itemIDs, err := store.CreateSet(ctx, author.ID, "Sixty", "", items)
	if err != nil {
		b.Fatal(err)
	}
	qs := make([]db.SeedQuestion, len(itemIDs))
	for i, id := range itemIDs {
		qs[i] = db.SeedQuestion{ID: sets.QuestionID(setID, id)}
	}
	sc, err := store.SeedClass(ctx, db.ClassSeedOptions{Students: 30, CardsEach: 45, Questions: qs, Now: time.Now(),
		Rand: rand.New(rand.NewPCG(3, 4))})
	if err != nil {
		b.Fatal(err)
	}
	exam := ""
	if examDays > 0 {
		exam = time.Now().AddDate(0, 0, examDays).Format(time.DateOnly)
	}
	if err := store.Assign(ctx, sc.ClassID, setID, "", exam); err != nil {
		b.Fatal(err)
	}
	store.Close()

	h := &harness{t: &testing.T{}, tl: tl, bank: questions.NewBank(tl), path: path}
	h.start()
	defer func() { h.store.Close() }()
	target := "/teach/classes/" + strconv.FormatInt(sc.ClassID, 10) + "/dashboard"
	load := func() *http.Response {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.AddCookie(&http.Cookie{Name: "sabaq_session", Value: sc.TeacherToken})
		res, err := h.app.Test(req, -1)
		if err != nil {
			b.Fatal(err)
		}
		if res.StatusCode != http.StatusOK {
			b.Fatalf("dashboard: %d", res.StatusCode)
		}
		return res
	}
	res := load()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	if s := doc.Find(`[data-testid="class-exam-summary"]`).Text(); s != "" {
		b.Log(s)
	}
	b.ResetTimer()
	for range b.N {
		if cold {
			b.StopTimer()
			h.restart()
			b.StartTimer()
		}
		load().Body.Close()
	}
}
