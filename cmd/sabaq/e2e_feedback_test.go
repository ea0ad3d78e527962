//go:build e2e

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// feedbackGIFT is a teacher's set with feedback on each option, linked to no
// event.
const feedbackGIFT = `// Sabaq end-to-end test: feedback on each option
::Host:: Who hosted the Tashkent talks of 1966? {
	=Alexei Kosygin#Yes: the Soviet premier brought Ayub Khan and Shastri together.
	~Leonid Brezhnev#Brezhnev led the party; the talks were hosted by the premier, Kosygin.
	~Richard Nixon#Nixon was out of office in 1966.
}

::Badaber:: The U-2 shot down in 1960 had flown from Peshawar. {T#It did: from Badaber, near Peshawar.#Right: from Badaber.}
`

const (
	feedbackSetTitle = "Tashkent, with feedback"
	brezhnevNote     = "Brezhnev led the party; the talks were hosted by the premier, Kosygin."
)

// redrawn is an option as the feedback redraws it, with where its parts sit.
type redrawn struct {
	Text   string  `json:"text"`
	Mark   string  `json:"mark"`
	Note   string  `json:"note"`
	Right  bool    `json:"right"`
	Chosen bool    `json:"chosen"`
	TextB  float64 `json:"textBottom"` // the option's text, bottom edge
	NoteT  float64 `json:"noteTop"`    // the teacher's feedback, top edge
	NoteIn bool    `json:"noteIn"`     // the feedback lies within the option's box
}

const redrawnJS = `[...document.querySelectorAll("[data-testid=feedback] [data-testid=marked-option]")].map(li => {
	const text = li.querySelector("[data-testid=option-text]"), note = li.querySelector("[data-testid=option-feedback]");
	const box = li.getBoundingClientRect(), n = note?.getBoundingClientRect();
	return {text: text.innerText.trim(), mark: li.querySelector("[data-testid=mark]")?.innerText.trim() ?? "",
		note: note?.innerText.trim() ?? "", right: li.hasAttribute("data-right"), chosen: li.hasAttribute("data-chosen"),
		textBottom: text.getBoundingClientRect().bottom, noteTop: n?.top ?? 0,
		noteIn: !!n && n.left >= box.left && n.right <= box.right && n.bottom <= box.bottom};
})`

// feedback: a teacher imports a set with feedback on each option and
// assigns it; a student practises it and answers wrong. The feedback
// redraws the options in the order shown: the right one marked in words,
// the chosen one marked, the teacher's feedback under the chosen option;
// on a laptop and on a phone.
func (s *suite) feedback(t *testing.T) {
	_, join := s.importAndAssign(t, classSet{title: feedbackSetTitle, format: "gift", file: "feedback.gift",
		content: feedbackGIFT, class: "Feedback class", summary: "2 questions"}, nil)
	student := s.studentJoins(t, "farida", join, false)
	student.click("practise the set", `[data-testid=practise-set]`, "")

	checked := false
	for range 2 {
		prompt := student.text(`[data-testid=prompt]`)
		student.check("set practice: " + prompt)
		shown := eval[[]string](student, `[...document.querySelectorAll("[data-testid=answer-form] input[name=answer]")].map(i => i.value)`)
		wrong := map[bool]string{true: "Leonid Brezhnev", false: "False"}[strings.HasPrefix(prompt, "Who hosted")]
		student.do("choose "+wrong, chromedp.Click(chromedp.CSS(`[data-testid=answer-form] input[value=`+js(wrong)+`]`)))
		student.click("check the answer", `[data-testid=submit]`, "set practice: feedback")
		if got := student.text(`[data-testid=verdict]`); got != "Not quite" {
			t.Errorf("after %q the verdict is %q", wrong, got)
		}
		if strings.Contains(student.text(`[data-testid=feedback]`), "Read more") {
			t.Errorf("%q, linked to no event, offers to read more", prompt)
		}
		if wrong == "Leonid Brezhnev" {
			checkRedrawn(t, student, shown)
			student.narrow()
			student.check("set practice: feedback on a phone")
			checkRedrawn(t, student, shown)
			student.fits()
			checked = true
		} else {
			opts := eval[[]redrawn](student, redrawnJS)
			if len(opts) != 2 || opts[1].Text != "False" || opts[1].Note != "It did: from Badaber, near Peshawar." || !opts[1].Chosen {
				t.Errorf("true/false redrawn as %+v; want False chosen, with the teacher's feedback on it", opts)
			}
		}
		student.click("go on", `[data-testid=next]`, "")
	}
	if !checked {
		t.Fatal("the practice never asked the multiple-choice question")
	}
	student.check("set practice: summary")
	if n := student.count(`[data-testid=missed] > li details.result`); n != 2 {
		t.Errorf("the summary lists %d missed questions, each a line that opens; want 2", n)
	}
}

// checkRedrawn checks the feedback on the choice answered wrong: the options
// in the order shown, the right one and the chosen one marked in words, and
// the teacher's feedback under the chosen one.
func checkRedrawn(t *testing.T, tb *tab, shown []string) {
	t.Helper()
	opts := eval[[]redrawn](tb, redrawnJS)
	var texts []string
	for _, o := range opts {
		texts = append(texts, o.Text)
	}
	if !slices.Equal(texts, shown) {
		t.Fatalf("the feedback redraws the options %q; the question showed %q", texts, shown)
	}
	for _, o := range opts {
		switch o.Text {
		case "Alexei Kosygin":
			if !o.Right || o.Chosen || o.Mark != "✓ Right answer" {
				t.Errorf("the right option is redrawn as %+v; want it marked ✓ Right answer", o)
			}
		case "Leonid Brezhnev":
			if !o.Chosen || o.Right || o.Mark != "✗ Your answer" {
				t.Errorf("the chosen option is redrawn as %+v; want it marked ✗ Your answer", o)
			}
			if o.Note != brezhnevNote {
				t.Errorf("under the chosen option: %q; want the teacher's feedback %q", o.Note, brezhnevNote)
			}
			if !o.NoteIn || o.NoteT < o.TextB {
				t.Errorf("the teacher's feedback is not under the option it belongs to: %+v", o)
			}
		case "Richard Nixon":
			if o.Right || o.Chosen || o.Mark != "" || o.Note != "Nixon was out of office in 1966." {
				t.Errorf("the option neither right nor chosen is redrawn as %+v", o)
			}
		}
	}
}

// classSet is a file a teacher imports as a new set and assigns to a new
// class, for a flow in which a student practises it.
type classSet struct {
	title, format  string
	file, content  string // the file's name and what it holds
	class, summary string // the class's name; what the preview's summary must say
}

// importAndAssign logs the teacher in, imports cs (calling onPreview, if
// any, on the preview before confirming), makes the class and assigns the
// set. It returns the teacher's tab and the class's join link.
func (s *suite) importAndAssign(t *testing.T, cs classSet, onPreview func(*tab)) (*tab, string) {
	teacher := s.newTab(t, "teacher", tabOptions{})
	teacher.open("/login", "log in")
	teacher.typeInto("#username", teacherName)
	teacher.typeInto("#password", teacherPassword)
	teacher.activate("log in", `[data-testid=login]`, "home (teacher)")
	teacher.open("/teach/import", "import a new set")
	teacher.typeInto("#title", cs.title)
	teacher.do("choose the format", chromedp.SetValue("#format", cs.format))
	file := filepath.Join(t.TempDir(), cs.file)
	if err := os.WriteFile(file, []byte(cs.content), 0o644); err != nil {
		t.Fatal(err)
	}
	teacher.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	teacher.click("preview the import", `[data-testid=preview]`, "import preview of "+cs.file)
	if got := teacher.text(`[data-testid=summary]`); !strings.Contains(got, cs.summary) {
		t.Fatalf("the preview says %q; want %q", got, cs.summary)
	}
	if onPreview != nil {
		onPreview(teacher)
	}
	teacher.click("confirm the import", `[data-testid=confirm]`, "the new set "+cs.title)
	teacher.open("/teach/classes", "classes")
	teacher.typeInto("#name", cs.class)
	teacher.click("make the class", `[data-testid=create-class]`, "class")
	join := teacher.text(`[data-testid=join-link]`)
	set := eval[string](teacher, `[...document.querySelectorAll("#set option")].find(o => o.textContent.trim().startsWith(`+js(cs.title+" (")+`))?.value ?? ""`)
	if set == "" {
		t.Fatalf("the class's set list has no %q", cs.title)
	}
	teacher.do("choose the set", chromedp.SetValue("#set", set))
	teacher.click("assign the set", `[data-testid=assign]`, "class with the set assigned")
	return teacher, join
}

// studentJoins signs a new student up (on a phone when phone is set) and
// joins the class by its link, ending on their home page.
func (s *suite) studentJoins(t *testing.T, name, join string, phone bool) *tab {
	student := s.newTab(t, "student", tabOptions{})
	if phone {
		student.narrow()
	}
	student.open("/signup", "sign up")
	student.typeInto("#username", name)
	student.typeInto("#password", name+"'s long password")
	student.typeInto("#password2", name+"'s long password")
	student.click("sign up", `[data-testid=signup]`, "home (student)")
	student.open(join[strings.Index(join, "/join/"):], "join link")
	student.click("join the class", `[data-testid=join]`, "home with the assignment")
	return student
}
