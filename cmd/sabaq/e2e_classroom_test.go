//go:build e2e

package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// classroomGIFT is the file the teacher imports: one question of each of
// six kinds, so that the student answers every kind of form.
const classroomGIFT = `// Sabaq end-to-end test: six questions
::Mediator:: Who hosted the Tashkent talks of 1966? {=Alexei Kosygin ~Leonid Brezhnev ~Richard Nixon}

::U-2:: The U-2 that the Soviet Union shot down in 1960 had flown from Peshawar. {T}

::Declaration:: In which city was the 1966 declaration between India and Pakistan signed? {=Tashkent}

::Withdrawal:: In which year did the last Soviet troops leave Afghanistan? {#1989}

::Pacts:: Which pacts did Pakistan join in the 1950s? {
	~%50%SEATO
	~%50%CENTO (the Baghdad Pact)
	~%-100%The Warsaw Pact
}

::Visits:: Match each leader with the visit. {
	=Ayub Khan -> Moscow, 1965
	=Zulfikar Ali Bhutto -> Moscow, 1972
	=Alexei Kosygin -> Rawalpindi, 1968
}
`

// classroom: a teacher logs in, makes a set, imports a GIFT file into it,
// makes a class and assigns the set; a student, in a browser context of
// their own (dark mode), signs up, joins and studies; the teacher's
// dashboard shows what the student did. Both use the keyboard alone, but
// for picking the file, which the browser's file chooser would do.
func (s *suite) classroom(t *testing.T) {
	const setTitle = "Pakistan and the USSR: revision quiz"
	teacher := s.newTab(t, "teacher", tabOptions{})
	teacher.open("/login", "log in")
	teacher.typeInto("#username", teacherName)
	teacher.typeInto("#password", teacherPassword)
	teacher.activate("log in", `[data-testid=login]`, "home (teacher)")
	teacher.activate("open Teach", `header nav a[href="/teach"]`, "teach")
	teacher.activate("open the question sets", `[data-testid=teach-sets]`, "question sets (none)")
	teacher.activate("make a set", `[data-testid=new-set]`, "new set")
	teacher.typeInto("#title", setTitle)
	teacher.typeInto("#description", "Four questions for the end-to-end test.")
	teacher.activate("save the set", `[data-testid=save]`, "set (empty)")
	if got := teacher.text(`[data-testid=set-title]`); got != setTitle {
		t.Fatalf("the new set is called %q", got)
	}

	teacher.activate("import into the set", `[data-testid=import]`, "import form")
	if f := eval[string](teacher, `document.querySelector("#format").value`); f != "gift" {
		t.Fatalf("the import form's format is %q; want gift", f)
	}
	gift := filepath.Join(t.TempDir(), "sabaq-e2e.gift")
	if err := os.WriteFile(gift, []byte(classroomGIFT), 0o644); err != nil {
		t.Fatal(err)
	}
	teacher.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{gift}))
	teacher.activate("preview the import", `[data-testid=preview]`, "import preview")
	if got := teacher.text(`[data-testid=summary]`); !strings.Contains(got, "6 questions from sabaq-e2e.gift") {
		t.Fatalf("the preview says %q", got)
	}
	if n := teacher.count(`[data-testid=import-errors] li`); n != 0 {
		t.Fatalf("the preview lists %d errors: %s", n, teacher.text(`[data-testid=import-errors]`))
	}
	teacher.activate("confirm the import", `[data-testid=confirm]`, "set with its questions")
	if n := teacher.count(`[data-testid=item]`); n != 6 {
		t.Fatalf("the set holds %d questions after the import; want 6", n)
	}

	teacher.activate("open Teach", `header nav a[href="/teach"]`, "teach (one set)")
	teacher.activate("open the classes", `[data-testid=teach-classes]`, "classes (none)")
	teacher.typeInto("#name", "Year 11 History")
	teacher.activate("make the class", `[data-testid=create-class]`, "class")
	joinLink := teacher.text(`[data-testid=join-link]`)
	u, err := url.Parse(joinLink)
	if err != nil || !regexp.MustCompile(`^/join/[A-Z0-9]{6}$`).MatchString(u.Path) {
		t.Fatalf("the class's join link is %q", joinLink)
	}
	classPath := teacher.path()
	due := time.Now().AddDate(0, 0, 7)
	teacher.typeDate("#due", due)
	teacher.activate("assign the set", `[data-testid=assign]`, "class with an assignment")
	if got := teacher.text(`[data-testid=assignment] th`); got != setTitle {
		t.Fatalf("the class's assignment is %q", got)
	}

	student := s.newTab(t, "student", tabOptions{dark: true})
	student.open(u.Path, "join link, logged out")
	if student.count(`[data-testid=login-first]`) == 0 {
		t.Fatalf("the join link does not ask a visitor to log in first")
	}
	student.activate("sign up", `[data-testid=login-first] [data-testid=signup-link]`, "sign up")
	student.typeInto("#username", "amina")
	student.typeInto("#password", "amina's long password")
	student.typeInto("#password2", "amina's long password")
	// Signing up brings her back to the join link.
	student.activate("sign up", `[data-testid=signup]`, "join link, signed up")
	student.activate("join the class", `[data-testid=join]`, "home with an assignment")
	if got := student.text(`[data-testid=home-assignment] h3`); got != setTitle {
		t.Fatalf("the student's home shows the assignment %q", got)
	}
	if got := student.text(`[data-testid=home-assignment] [data-testid=studied]`); got != "0 of 6 questions studied" {
		t.Errorf("before studying the student's home says %q", got)
	}

	student.activate("practise the set", `[data-testid=practise-set]`, "")
	res := student.practise("set practice", true)
	if res.answered != 6 {
		t.Fatalf("the set's practice had %d questions; the set has 6", res.answered)
	}
	student.checkSummary(res)

	// Practice counts toward revision: every question of the set is
	// studied, on her home page and on her class's page alike.
	student.activate("go home", `header a.brand`, "home after practising the set")
	if got := student.text(`[data-testid=home-assignment] [data-testid=studied]`); got != "6 of 6 questions studied" {
		t.Errorf("after practising the set the student's home says %q; want 6 of 6", got)
	}
	onHome := student.reviewCounts()
	if onHome.Studied < 6 || onHome.ReviewedToday != 6 {
		t.Errorf("after practising six questions the home page counts %+v; want 6 reviewed today and at least 6 studied", onHome)
	}
	student.activate("open the class", `[data-testid=home-class-names] a`, "the student's class page")
	if got := student.text(`[data-testid=class-assignment] [data-testid=studied]`); got != "6 of 6 questions studied" {
		t.Errorf("the class page says %q; want 6 of 6", got)
	}
	if got := student.reviewCounts(); got.Studied != onHome.Studied || got.ReviewedToday != onHome.ReviewedToday || got.DueToday != onHome.DueToday {
		t.Errorf("the class page counts %+v; home counted %+v", got, onHome)
	}

	// The review queue goes on from there: one card, by keyboard.
	student.activate("open the review", `header nav a[href="/review"]`, "review after practising the set")
	student.revealByKey()
	student.gradeByKey("3")
	reviewed := student.reviewCounts()
	if reviewed.ReviewedToday != onHome.ReviewedToday+1 {
		t.Errorf("after one more review the review page counts %+v; before it %+v", reviewed, onHome)
	}

	// The teacher's dashboard: the student in the roster, and each question's
	// first attempts.
	teacher.open(classPath, "class with a student")
	if got := teacher.text(`[data-testid=member] th`); got != "amina" {
		t.Errorf("the class lists the student %q", got)
	}
	teacher.activate("open the dashboard", `[data-testid=dashboard-link]`, "dashboard")
	row := `[data-testid=roster-row] `
	if got := teacher.text(row + `[data-testid=student]`); got != "amina" {
		t.Fatalf("the roster shows %q", got)
	}
	// The roster shows her own counts: the same function computes both.
	if got := teacher.text(row + `[data-testid=assigned]`); got != "6 / 6" {
		t.Errorf("the roster shows %q assigned questions studied; her pages say 6 of 6", got)
	}
	for col, want := range map[string]int{"cards": reviewed.Studied, "reviewed-today": reviewed.ReviewedToday, "due-today": reviewed.DueToday} {
		if got := teacher.text(row + `[data-testid=` + col + `]`); got != strconv.Itoa(want) {
			t.Errorf("the roster's %s is %q; the student's review page showed %d", col, got, want)
		}
	}
	if got := teacher.text(row + `[data-testid=last-active]`); got == "Never" || got == "" {
		t.Errorf("the roster shows the student last active %q", got)
	}
	type itemRow struct {
		Prompt, Attempts, Facility string
	}
	items := eval[[]itemRow](teacher, `[...document.querySelectorAll("[data-testid=item]")].map(r => ({
		prompt: r.querySelector("[data-testid=item-prompt]").innerText.trim(),
		attempts: r.querySelector("[data-testid=item-attempts]").innerText.trim(),
		facility: r.querySelector("[data-testid=facility]").innerText.trim()}))`)
	if len(items) != 6 {
		t.Fatalf("the dashboard has statistics for %d questions; the set has 6", len(items))
	}
	for _, it := range items {
		right, ok := res.verdicts[it.Prompt]
		if !ok {
			t.Errorf("the dashboard lists %q, which the student was not asked", it.Prompt)
			continue
		}
		want := map[bool]string{true: "100%", false: "0%"}[right]
		if it.Attempts != "1" || it.Facility != want {
			t.Errorf("%q: %s attempts, facility %s; the student answered it once, right: %v", it.Prompt, it.Attempts, it.Facility, right)
		}
	}
}
