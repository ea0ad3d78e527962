package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// karachiDate is the date days from today in Karachi, the default zone.
func karachiDate(days int) string {
	return time.Now().In(questions.DefaultReviewSettings().Location()).AddDate(0, 0, days).Format(time.DateOnly)
}

// settingsForm is the settings form as the page sends it, with an exam
// date and the whole deck as its scope.
func settingsForm(exam string) url.Values {
	return url.Values{"retention": {"0.90"}, "new_per_day": {"20"}, "reviews_per_day": {"200"},
		"timezone": {"Asia/Karachi"}, "mode": {"flashcard"}, "exam_date": {exam},
		"practice_counts_shown": {"1"}, "practice_counts": {"on"}, "exam_scope": {"all"}}
}

// withFields is a copy of form with the given fields set.
func withFields(form url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func byTestID(res response, testid string) string {
	return strings.Join(strings.Fields(res.doc.Find(`[data-testid="`+testid+`"]`).Text()), " ")
}

// previewKeyOn is the key the preview's choices send back.
func previewKeyOn(t *testing.T, res response) string {
	t.Helper()
	v, ok := res.doc.Find(`[data-testid="workload-preview"] input[name="previewed"]`).Attr("value")
	if !ok {
		t.Fatalf("no workload preview (status %d):\n%.600s", res.status, byTestID(res, "settings-form"))
	}
	return v
}

// saveSettingsConfirmed saves the settings form as a learner would: a
// changed exam date or scope first shows its workload, and is saved by the
// preview's second submit (saving as it is, whatever the coverage).
func saveSettingsConfirmed(t *testing.T, c *client, form url.Values) response {
	t.Helper()
	res := c.post("/settings", "/settings", form)
	if res.status != http.StatusOK || res.doc.Find(`[data-testid="workload-preview"]`).Length() == 0 {
		return res
	}
	return c.post("/settings", "/settings", withFields(form, "confirm", "accept", "previewed", previewKeyOn(t, res)))
}

func storedSettings(t *testing.T, h *harness, learnerID int64) questions.ReviewSettings {
	t.Helper()
	rs, err := h.store.ReviewSettings(context.Background(), learnerID)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestSettings_WholeBankExamThatCannotBeCoveredIsPreviewedNotSaved(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	form := settingsForm(karachiDate(12))
	res := c.post("/settings", "/settings", form)
	if res.status != http.StatusOK {
		t.Fatalf("changed exam date: %d; want 200 and a preview", res.status)
	}
	if rs := storedSettings(t, h, 1); rs.ExamDate != "" {
		t.Fatalf("the preview saved the exam date: %+v", rs)
	}
	if byTestID(res, "not-saved") == "" {
		t.Error("no word that nothing is saved yet")
	}
	status, summary := byTestID(res, "workload-status"), byTestID(res, "workload-summary")
	deck := strconv.Itoa(len(h.bank.Questions))
	if status != "This cannot be covered within your limits" ||
		!strings.HasPrefix(summary, deck+" cards in scope, ") || !strings.Contains(summary, "at your limit of 20 new cards a day") ||
		!strings.Contains(summary, "are never seen") {
		t.Errorf("status %q, summary %q; want the whole bank of %s cards, plainly not covered", status, summary, deck)
	}
	t.Logf("whole bank: %s %s %s", status, summary, byTestID(res, "workload-detail"))
	// The choices are buttons of the settings form: no JavaScript needed.
	choices := res.doc.Find(`form[method="post"][action="/settings"] [data-testid="workload-choices"]`)
	if choices.Length() != 1 {
		t.Fatal("the choices are not in the settings form")
	}
	if href, _ := choices.Find(`[data-testid="narrow-scope"]`).Attr("href"); href != "#exam-scope" || res.doc.Find("#exam-scope").Length() != 1 {
		t.Errorf("narrow the scope links to %q", href)
	}
	raise := choices.Find(`button[type="submit"][name="raise_new"]`)
	n, err := strconv.Atoi(raise.AttrOr("value", ""))
	if err != nil || n <= 20 || !strings.Contains(raise.Text(), "Raise new cards to "+strconv.Itoa(n)+" a day") {
		t.Errorf("raise the limit: value %q, %q", raise.AttrOr("value", ""), raise.Text())
	}
	t.Logf("choices: %s | %s", strings.Join(strings.Fields(raise.Text()), " "), strings.Join(strings.Fields(choices.Find(`[data-testid="accept"]`).Text()), " "))
	accept := choices.Find(`button[type="submit"][name="confirm"][value="accept"]`)
	if !strings.Contains(accept.Text(), "% covered") {
		t.Errorf("accept choice %q; want about X%% covered", accept.Text())
	}
	if choices.Find(`[value="save"]`).Length() != 0 {
		t.Error("a plain save is offered for an exam that cannot be covered")
	}

	t.Run("accept saves as is, the limit kept", func(t *testing.T) {
		res := c.post("/settings", "/settings", withFields(form, "confirm", "accept", "previewed", previewKeyOn(t, res)))
		if res.status != http.StatusSeeOther {
			t.Fatalf("accept: %d", res.status)
		}
		if rs := storedSettings(t, h, 1); rs.ExamDate != form.Get("exam_date") || rs.NewPerDay != 20 || rs.ExamScope.Kind != questions.ScopeAll {
			t.Errorf("saved %+v", rs)
		}
	})

	t.Run("raise the limit to N saves with N", func(t *testing.T) {
		form := withFields(form, "exam_date", karachiDate(13))
		res := c.post("/settings", "/settings", form)
		n := res.doc.Find(`[name="raise_new"]`).AttrOr("value", "")
		res = c.post("/settings", "/settings", withFields(form, "raise_new", n, "previewed", previewKeyOn(t, res)))
		if res.status != http.StatusSeeOther {
			t.Fatalf("raise: %d", res.status)
		}
		if rs := storedSettings(t, h, 1); strconv.Itoa(rs.NewPerDay) != n || rs.ExamDate != form.Get("exam_date") {
			t.Errorf("saved %+v; want %s new cards a day", rs, n)
		}
		// At N the whole bank is covered: the page says so.
		if got := byTestID(c.get("/settings"), "workload-status"); got != "Within your limits" && got != "Some days go over your review limit" {
			t.Errorf("after raising, status %q", got)
		}
	})
}

func TestSettings_ScopedExamWithinLimitsSavesOnASecondSubmit(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	// The smallest era: at 20 new cards a day for 12 days, covered.
	era, size := "", 0
	for _, e := range questions.Eras {
		if n := len(h.bank.Select(questions.Filter{Eras: []string{e.ID}})); n > 0 && (era == "" || n < size) {
			era, size = e.ID, n
		}
	}
	if size > 20*12 {
		t.Fatalf("smallest era has %d questions", size)
	}
	form := withFields(settingsForm(karachiDate(12)), "exam_scope", "topics", "exam_era", era)
	res := c.post("/settings", "/settings", form)
	summary := byTestID(res, "workload-summary")
	if res.status != http.StatusOK || byTestID(res, "workload-status") != "Within your limits" ||
		!strings.HasPrefix(summary, strconv.Itoa(size)+" cards in scope, ") || !strings.HasSuffix(summary, "within your limits.") {
		t.Fatalf("%d, status %q, summary %q; want %d cards within limits", res.status, byTestID(res, "workload-status"), summary, size)
	}
	t.Logf("scoped: %s %s", summary, byTestID(res, "workload-detail"))
	if rs := storedSettings(t, h, 1); rs.ExamDate != "" {
		t.Fatalf("saved before the second submit: %+v", rs)
	}
	if res.doc.Find(`[data-testid="workload-choices"] [name="raise_new"], [data-testid="accept"]`).Length() != 0 {
		t.Error("choices for an exam that cannot be covered are offered")
	}
	key := previewKeyOn(t, res)

	// A choice sent with a form changed since its preview shows the new
	// preview; nothing is saved.
	changed := withFields(form, "exam_era", "russia", "confirm", "save", "previewed", key)
	if res := c.post("/settings", "/settings", changed); res.status != http.StatusOK || byTestID(res, "workload-preview") == "" {
		t.Errorf("choice on a changed form: %d; want its preview", res.status)
	}
	if rs := storedSettings(t, h, 1); rs.ExamDate != "" {
		t.Fatalf("a stale choice saved: %+v", rs)
	}

	res = c.post("/settings", "/settings", withFields(form, "confirm", "save", "previewed", key))
	if res.status != http.StatusSeeOther {
		t.Fatalf("save: %d", res.status)
	}
	rs := storedSettings(t, h, 1)
	if rs.ExamDate != form.Get("exam_date") || rs.ExamScope.Kind != questions.ScopeTopics || len(rs.ExamScope.Eras) != 1 || rs.ExamScope.Eras[0] != era {
		t.Errorf("saved %+v", rs)
	}
	// Saved, the page shows the exam's workload; a change elsewhere in the
	// form saves at once.
	page := c.get("/settings")
	if got := page.doc.Find(`[data-testid="workload-current"] [data-testid="workload-status"]`).Text(); got != "Within your limits" {
		t.Errorf("settings after saving: status %q", got)
	}
	if res := c.post("/settings", "/settings", withFields(form, "retention", "0.85")); res.status != http.StatusSeeOther {
		t.Errorf("retention changed, exam unchanged: %d; want saved at once", res.status)
	}
	if rs := storedSettings(t, h, 1); rs.DesiredRetention != 0.85 {
		t.Errorf("retention %v", rs.DesiredRetention)
	}
}

func TestSettings_BadExamScopeIs400AndSavesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	form := settingsForm(karachiDate(20))
	for _, tc := range []struct {
		name string
		form url.Values
	}{
		{"an unknown kind", withFields(form, "exam_scope", "everything")},
		{"topics with none chosen", withFields(form, "exam_scope", "topics")},
		{"an unknown era", withFields(form, "exam_scope", "topics", "exam_era", "atlantis")},
		{"an assignment for a learner in no class", withFields(form, "exam_scope", "assignment", "exam_assignment", "1")},
		{"an assignment that is no number", withFields(form, "exam_scope", "assignment", "exam_assignment", "x")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post("/settings", "/settings", withFields(tc.form, "confirm", "save"))
			if res.status != http.StatusBadRequest {
				t.Errorf("%d; want 400", res.status)
			}
			if byTestID(res, "exam_scope-error") == "" {
				t.Error("no message beside the scope")
			}
			if res.doc.Find(`[data-testid="workload-preview"]`).Length() != 0 {
				t.Error("a preview for a bad scope")
			}
		})
	}
	for _, tc := range []struct{ field, value string }{{"raise_new", "lots"}, {"raise_new", "-3"}, {"raise_reviews", "0"}} {
		form := settingsForm(karachiDate(20))
		res := c.post("/settings", "/settings", form)
		res = c.post("/settings", "/settings", withFields(form, tc.field, tc.value, "previewed", previewKeyOn(t, res)))
		if res.status != http.StatusBadRequest {
			t.Errorf("%s=%s: %d; want 400", tc.field, tc.value, res.status)
		}
	}
	if rs := storedSettings(t, h, 1); rs.ExamDate != "" || rs.ExamScope.Kind != questions.ScopeAll || rs.NewPerDay != 20 {
		t.Errorf("bad forms saved: %+v", rs)
	}
}

func TestSettings_AssignmentScopeOnlyForTheStudentsOwnClass(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	// Another teacher's class with a set of its own assigned.
	other := h.teacher(t, "mr-ali")
	otherURL := makeClass(t, other, "Year 10 History")
	otherSet, _ := storeSet(t, h, accountIDOf(t, h, "mr-ali"), "Simla", []sets.Item{
		{Kind: sets.TrueFalse, Prompt: "The Simla Agreement was signed in 1972.", Truth: true}})
	if res := other.post(otherURL, otherURL+"/assignments", url.Values{"set": {idStr(otherSet)}}); res.status != http.StatusSeeOther {
		t.Fatalf("assign: %d", res.status)
	}
	otherID, _ := strconv.ParseInt(strings.TrimPrefix(otherURL, "/teach/classes/"), 10, 64)
	as, err := h.store.ClassAssignments(context.Background(), otherID)
	if err != nil || len(as) != 1 {
		t.Fatalf("other class's assignments %+v, %v", as, err)
	}

	s := cr.student(t, "amna")
	learnerID := accountLearner(t, h, "amna")
	page := s.get("/settings")
	if opts := page.doc.Find(`select[name="exam_assignment"] option`); opts.Length() != 1 || opts.AttrOr("value", "") != idStr(cr.assignmentID) {
		t.Errorf("assignments offered: %q", opts.Text())
	}
	// No exam date of her own: the teacher's date, for the set only.
	current := byTestID(page, "workload-current")
	if !strings.Contains(current, "set by your teacher of Year 9 History") || !strings.Contains(current, "3 cards in scope") {
		t.Errorf("teacher's exam on settings: %q; want the assigned set's 3 cards", current)
	}

	form := withFields(settingsForm(karachiDate(10)), "exam_scope", "assignment", "exam_assignment", idStr(as[0].ID))
	res := s.post("/settings", "/settings", withFields(form, "confirm", "save"))
	if res.status != http.StatusBadRequest || byTestID(res, "exam_scope-error") == "" {
		t.Errorf("another class's assignment: %d, %q; want 400 with a message", res.status, byTestID(res, "exam_scope-error"))
	}
	if rs := storedSettings(t, h, learnerID); rs.ExamDate != "" || rs.ExamScope.Kind != questions.ScopeAll {
		t.Fatalf("another class's assignment saved: %+v", rs)
	}

	form.Set("exam_assignment", idStr(cr.assignmentID))
	res = s.post("/settings", "/settings", form)
	if summary := byTestID(res, "workload-summary"); res.status != http.StatusOK || !strings.HasPrefix(summary, "3 cards in scope, ") {
		t.Fatalf("own assignment: %d, %q; want the set's 3 cards", res.status, summary)
	}
	if res := s.post("/settings", "/settings", withFields(form, "confirm", "save", "previewed", previewKeyOn(t, res))); res.status != http.StatusSeeOther {
		t.Fatalf("save: %d", res.status)
	}
	rs := storedSettings(t, h, learnerID)
	if rs.ExamScope.Kind != questions.ScopeAssignment || rs.ExamScope.AssignmentID != cr.assignmentID || rs.ExamDate != form.Get("exam_date") {
		t.Errorf("saved %+v", rs)
	}
}

func TestSettings_PracticeCountsIsOnByDefaultAndCanBeTurnedOff(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	box := c.get("/settings").doc.Find(`input[type="checkbox"][name="practice_counts"]`)
	if _, on := box.Attr("checked"); box.Length() != 1 || !on {
		t.Fatal("practice counts toward revision: not a ticked box")
	}
	form := settingsForm("")
	form.Del("practice_counts")
	if res := c.post("/settings", "/settings", form); res.status != http.StatusSeeOther {
		t.Fatalf("save: %d", res.status)
	}
	if rs := storedSettings(t, h, 1); rs.PracticeCounts {
		t.Error("unticked, still on")
	}
	if _, on := c.get("/settings").doc.Find(`input[name="practice_counts"]`).Attr("checked"); on {
		t.Error("shown ticked after turning it off")
	}
	// A form that does not carry the box keeps what is stored.
	form = settingsForm("")
	form.Del("practice_counts_shown")
	form.Set("practice_counts", "on")
	form.Set("retention", "0.88")
	c.post("/settings", "/settings", form)
	if rs := storedSettings(t, h, 1); rs.PracticeCounts || rs.DesiredRetention != 0.88 {
		t.Errorf("saved %+v", rs)
	}
}
