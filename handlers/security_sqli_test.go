package handlers_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"

	"sabaq/handlers"
	"sabaq/questions"
)

// sqliStrings are SQL injection attempts, NUL bytes and overlong values.
var sqliStrings = []string{
	`' OR 1=1 --`,
	`' OR '1'='1`,
	`" OR ""="`,
	`admin'--`,
	`'; DROP TABLE accounts; --`,
	`"; DROP TABLE accounts; --`,
	`1' UNION SELECT password_hash FROM accounts --`,
	`1 UNION SELECT username, password_hash FROM accounts`,
	`%' AND 1=(SELECT count(*) FROM sqlite_master) --`,
	`') OR ('a'='a`,
	`1; DELETE FROM learners; --`,
	`' || (SELECT group_concat(username || ':' || hex(password_hash)) FROM accounts) || '`,
	`1 OR 1=1`,
	`-1`,
	`9223372036854775808`,
	`0x7FFFFFFF`,
	`%`,
	`_`,
	`\`,
	"\x00",
	"eve\x00' OR 1=1 --",
	`*/ OR 1=1 /*`,
	strings.Repeat(`' OR 1=1 -- `, 400),
	strings.Repeat("A", 60000),
}

// sqliInput is one place text goes in: a form field, a query parameter or
// a path segment. In path and form, "{}" stands for the string.
type sqliInput struct {
	name   string
	who    string // eve (a student), mallory (a teacher), root (an admin teacher), visitor, proxied (a visitor through a trusted proxy)
	method string
	path   string
	form   url.Values
	// few marks inputs that go through bcrypt (a tenth of a second each, and
	// ten times that under the race detector): they get a few of the
	// strings, to keep the test quick; fewer, those that reach only bcrypt,
	// never SQL.
	few, fewer bool
}

// fewerStrings are the strings the inputs marked fewer get.
var fewerStrings = map[int]bool{4: true, 23: true}

// fewStrings are the strings the inputs marked few get: quotes, a DROP, a
// UNION, a LIKE wildcard, a NUL, and the overlong ones.
var fewStrings = map[int]bool{0: true, 4: true, 6: true, 16: true, 19: true, 22: true, 23: true}

// fill puts s where "{}" is: escaped for a path or query, as it is in a form.
func (in sqliInput) fill(s string) (string, url.Values) {
	path := in.path
	if i := strings.Index(path, "{}"); i >= 0 {
		if len(s) > 1000 {
			s2 := s[:1000] // a URL that long is refused before any handler
			s = s2
		}
		esc := url.PathEscape(s)
		if q := strings.Index(path, "?"); q >= 0 && q < i {
			esc = url.QueryEscape(s)
		}
		path = path[:i] + esc + path[i+2:]
	}
	var form url.Values
	if in.form != nil {
		form = url.Values{}
		for k, vs := range in.form {
			for _, v := range vs {
				form.Add(k, strings.ReplaceAll(v, "{}", s))
			}
		}
	}
	return path, form
}

// formKeys are the random keys that make a resubmitted form harmless.
var formKeys = regexp.MustCompile(`name="form_key" value="[^"]*"`)

// leakMarkers are what only the victims' own pages may show.
var leakMarkers = []string{"$2a$", "$2b$", "$2y$", "mrs-khan", "amna", "Victim class zq4411", "Victim set zq7731",
	"SQL logic error", "syntax error", "sqlite3", "no such table", "no such column", "unrecognized token"}

func csvQuote(s string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{s, "x"})
	w.Flush()
	return b.String()
}

func TestSQLInjection_EveryTextInputIsInertAndLeaksNothing(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	ctx := context.Background()
	// The victims: mrs-khan's set, renamed to something no page of anyone
	// else's could show, a second class, and her student amna.
	if err := h.store.UpdateSet(ctx, f.setID, "Victim set zq7731", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.CreateClass(ctx, f.teacherID, "Victim class zq4411"); err != nil {
		t.Fatal(err)
	}
	// The attackers: eve, a student, and mallory, a teacher with a set, an
	// item and a class of her own.
	eve := h.client()
	signup(t, eve, "eve", "eve's long password")
	mallory := h.teacher(t, "mallory")
	malSet := createSetViaForm(t, mallory, "Mallory's set")
	mallory.post(setPath(malSet), setPath(malSet)+"/items/new", copyForm(itemForms[3].form))
	malItem := h.setItemsOf(t, malSet)[0].ID
	malClass := makeClass(t, mallory, "Mallory's class")
	etok := eve.token()
	eveSession := strings.Split(eve.postForm("/practice", with(etok, url.Values{"length": {"3"}})).location, "/")[2]
	eveMock := strings.Split(eve.postForm("/mock", with(etok, url.Values{"length": {"5"}, "minutes": {"10"}})).location, "/")[2]
	var clozeCard string
	for _, q := range h.bank.Questions {
		if q.Kind == questions.KindCloze {
			clozeCard = "/review/card/" + url.PathEscape(q.ID)
			break
		}
	}
	proxied := h.withDeps(t, func(d *handlers.Deps) { d.TrustedProxies = []string{"0.0.0.0"} })
	// root, an admin teacher, may hide the timeline's questions.
	root := h.adminTeacher(t, "root-admin")
	report, queue := "/report/"+url.PathEscape(h.bank.Questions[0].ID), "/reports/"+url.PathEscape(h.bank.Questions[0].ID)

	victimItems := h.setItemsOf(t, f.setID)
	victimMembers := f.members(t)
	victimAssignments, _ := h.store.ClassAssignments(ctx, f.classID)
	victimLogs := len(h.reviewLogs(t, accountLearner(t, h, "amna")))
	hashes := map[string][]byte{}
	for _, name := range []string{"mrs-khan", "amna", "eve", "mallory"} {
		_, hash, err := h.store.AccountByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		hashes[name] = hash
	}
	tablesBefore, _ := h.store.Tables(ctx)
	accountsBefore := h.rows(t, `SELECT count(*) FROM accounts`)

	base := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v
	}
	settings := func(field string) url.Values {
		v := base("retention", "0.9", "new_per_day", "20", "reviews_per_day", "200", "timezone", "Asia/Karachi", "mode", "quiz")
		v.Set(field, "{}")
		return v
	}
	item := func(field string) url.Values {
		v := base("kind", "short-answer", "prompt", "Q?", "accepted", "A", "format", "plain")
		v.Set(field, "{}")
		return v
	}
	choice := func(field string) url.Values {
		v := base("kind", "multiple-choice", "prompt", "Q?", "option_text", "a", "option_text", "b", "option_correct", "0",
			"option_feedback", "", "option_feedback", "", "option_weight", "", "option_weight", "")
		v[field] = []string{"{}", v[field][len(v[field])-1]}
		return v
	}
	ms, mi, mc := setPath(malSet), setPath(malSet)+"/items/"+idStr(malItem), malClass
	inputs := []sqliInput{
		// Accounts
		{name: "log-in username", who: "proxied", method: "POST", path: "/login", form: base("username", "{}", "password", "wrong password"), few: true},
		{name: "log-in password", who: "proxied", method: "POST", path: "/login", form: base("username", "amna", "password", "{}"), fewer: true},
		{name: "log-in next", who: "proxied", method: "POST", path: "/login", form: base("username", "nobody", "password", "wrong password", "next", "{}"), fewer: true},
		{name: "sign-up username", who: "visitor", method: "POST", path: "/signup", form: base("username", "{}", "password", "a long password", "password2", "a long password")},
		{name: "sign-up password", who: "fresh", method: "POST", path: "/signup", form: base("username", "", "password", "{}", "password2", "{}"), fewer: true},
		{name: "sign-up invite", who: "fresh", method: "POST", path: "/signup", form: base("username", "", "password", "a long password", "password2", "a long password", "invite", "{}"), fewer: true},
		{name: "invite link", who: "visitor", method: "GET", path: "/signup?invite={}"},
		{name: "log-in link", who: "visitor", method: "GET", path: "/login?next={}"},
		{name: "current password", who: "eve", method: "POST", path: "/account/password", form: base("current", "{}", "password", "a new long password", "password2", "a new long password"), fewer: true},
		{name: "new password", who: "eve", method: "POST", path: "/account/password", form: base("current", "not eve's password", "password", "{}", "password2", "{}"), fewer: true},
		{name: "delete my data password", who: "eve", method: "POST", path: "/data/delete", form: base("confirm", "yes", "password", "{}"), fewer: true},
		{name: "delete my data confirm", who: "eve", method: "POST", path: "/data/delete", form: base("confirm", "{}", "password", "wrong")},
		// Settings
		{name: "settings time zone", who: "eve", method: "POST", path: "/settings", form: settings("timezone")},
		{name: "settings exam date", who: "eve", method: "POST", path: "/settings", form: settings("exam_date")},
		{name: "settings mode", who: "eve", method: "POST", path: "/settings", form: settings("mode")},
		{name: "settings retention", who: "eve", method: "POST", path: "/settings", form: settings("retention")},
		{name: "settings new a day", who: "eve", method: "POST", path: "/settings", form: settings("new_per_day")},
		{name: "settings reviews a day", who: "eve", method: "POST", path: "/settings", form: settings("reviews_per_day")},
		{name: "settings era", who: "eve", method: "POST", path: "/settings", form: settings("era")},
		{name: "settings theme", who: "eve", method: "POST", path: "/settings", form: settings("theme")},
		{name: "settings saved", who: "eve", method: "GET", path: "/settings?saved={}"},
		// Practice and mock exams
		{name: "practice era", who: "eve", method: "POST", path: "/practice", form: base("era", "{}")},
		{name: "practice theme", who: "eve", method: "POST", path: "/practice", form: base("theme", "{}")},
		{name: "practice kind", who: "eve", method: "POST", path: "/practice", form: base("kind", "{}")},
		{name: "practice event", who: "eve", method: "POST", path: "/practice", form: base("event", "{}")},
		{name: "practice length", who: "eve", method: "POST", path: "/practice", form: base("length", "{}")},
		{name: "practice set", who: "eve", method: "POST", path: "/practice", form: base("set", "{}")},
		{name: "practice link event", who: "eve", method: "GET", path: "/practice?event={}"},
		{name: "timeline theme", who: "eve", method: "GET", path: "/timeline?theme={}"},
		{name: "mock era", who: "eve", method: "POST", path: "/mock", form: base("era", "{}", "length", "5", "minutes", "10")},
		{name: "mock length", who: "eve", method: "POST", path: "/mock", form: base("length", "{}", "minutes", "10")},
		{name: "mock minutes", who: "eve", method: "POST", path: "/mock", form: base("length", "5", "minutes", "{}")},
		{name: "mock form key", who: "eve", method: "POST", path: "/mock", form: base("length", "200", "minutes", "10", "form_key", "{}")},
		// Joining a class
		{name: "join code", who: "eve", method: "POST", path: "/join", form: base("code", "{}")},
		{name: "join link", who: "eve", method: "GET", path: "/join/{}"},
		// Route parameters and queries of a learner's pages
		{name: "event id", who: "eve", method: "GET", path: "/timeline/{}"},
		{name: "card id", who: "eve", method: "GET", path: "/review/card/{}"},
		{name: "card id revealed", who: "eve", method: "GET", path: "/review/card/{}?reveal=1&mode=flashcard"},
		{name: "card mode", who: "eve", method: "GET", path: clozeCard + "?mode={}"},
		{name: "card shown", who: "eve", method: "GET", path: clozeCard + "?shown={}"},
		{name: "grade card id", who: "eve", method: "POST", path: "/review/card/{}/grade", form: base("rating", "3", "version", "0")},
		{name: "answer card id", who: "eve", method: "POST", path: "/review/card/{}/answer", form: base("answer", "x", "version", "0")},
		{name: "grade rating", who: "eve", method: "POST", path: clozeCard + "/grade", form: base("rating", "{}", "version", "0")},
		{name: "grade version", who: "eve", method: "POST", path: clozeCard + "/grade", form: base("rating", "3", "version", "{}")},
		{name: "review log id", who: "eve", method: "GET", path: "/review/log/{}"},
		{name: "regrade log id", who: "eve", method: "POST", path: "/review/log/{}/regrade", form: base("rating", "3")},
		{name: "practice session", who: "eve", method: "GET", path: "/practice/{}"},
		{name: "practice question number", who: "eve", method: "GET", path: "/practice/" + eveSession + "/q/{}"},
		{name: "practice summary", who: "eve", method: "GET", path: "/practice/{}/summary"},
		{name: "practice answer session", who: "eve", method: "POST", path: "/practice/{}/q/1", form: base("answer", "x")},
		{name: "practice question id", who: "eve", method: "POST", path: "/practice/" + eveSession + "/q/1", form: base("question_id", "{}", "answer", "x")},
		{name: "mock id", who: "eve", method: "GET", path: "/mock/{}"},
		{name: "mock question number", who: "eve", method: "GET", path: "/mock/" + eveMock + "/q/{}"},
		{name: "mock results", who: "eve", method: "GET", path: "/mock/{}/results"},
		{name: "mock finish", who: "eve", method: "POST", path: "/mock/{}/finish", form: base()},
		{name: "mock answer", who: "eve", method: "POST", path: "/mock/" + eveMock + "/q/1", form: base("question_id", "{}", "answer", "x")},
		// A teacher's sets, items, classes, imports and exports
		{name: "set title", who: "mallory", method: "POST", path: "/teach/sets/new", form: base("title", "{}", "description", "d")},
		{name: "set description", who: "mallory", method: "POST", path: "/teach/sets/new", form: base("title", "t", "description", "{}")},
		{name: "rename set", who: "mallory", method: "POST", path: ms + "/edit", form: base("title", "{}")},
		{name: "class name", who: "mallory", method: "POST", path: "/teach/classes", form: base("name", "{}")},
		{name: "assign set", who: "mallory", method: "POST", path: mc + "/assignments", form: base("set", "{}")},
		{name: "assign due", who: "mallory", method: "POST", path: mc + "/assignments", form: base("set", idStr(malSet), "due", "{}")},
		{name: "assign exam", who: "mallory", method: "POST", path: mc + "/assignments", form: base("set", idStr(malSet), "exam", "{}")},
		{name: "item prompt", who: "mallory", method: "POST", path: ms + "/items/new", form: item("prompt")},
		{name: "item title", who: "mallory", method: "POST", path: ms + "/items/new", form: item("title")},
		{name: "item explanation", who: "mallory", method: "POST", path: ms + "/items/new", form: item("explanation")},
		{name: "item category", who: "mallory", method: "POST", path: ms + "/items/new", form: item("category")},
		{name: "item tags", who: "mallory", method: "POST", path: ms + "/items/new", form: item("tags")},
		{name: "item accepted", who: "mallory", method: "POST", path: ms + "/items/new", form: item("accepted")},
		{name: "item event", who: "mallory", method: "POST", path: ms + "/items/new", form: item("event_id")},
		{name: "item format", who: "mallory", method: "POST", path: ms + "/items/new", form: item("format")},
		{name: "item kind", who: "mallory", method: "POST", path: ms + "/items/new", form: item("kind")},
		{name: "item option", who: "mallory", method: "POST", path: ms + "/items/new", form: choice("option_text")},
		{name: "item option feedback", who: "mallory", method: "POST", path: ms + "/items/new", form: choice("option_feedback")},
		{name: "item option weight", who: "mallory", method: "POST", path: ms + "/items/new", form: choice("option_weight")},
		{name: "item number", who: "mallory", method: "POST", path: ms + "/items/new", form: base("kind", "numerical", "prompt", "Q?", "number_answer", "{}")},
		{name: "item tolerance", who: "mallory", method: "POST", path: ms + "/items/new", form: base("kind", "numerical", "prompt", "Q?", "number_answer", "1", "number_tolerance", "{}")},
		{name: "item pair", who: "mallory", method: "POST", path: ms + "/items/new", form: base("kind", "matching", "prompt", "Q?", "pair_left", "{}", "pair_right", "r", "pair_left", "l2", "pair_right", "r2")},
		{name: "item sequence", who: "mallory", method: "POST", path: ms + "/items/new", form: base("kind", "ordering", "prompt", "Q?", "sequence", "{}\nsecond")},
		{name: "item truth", who: "mallory", method: "POST", path: ms + "/items/new", form: base("kind", "true-false", "prompt", "Q?", "truth", "{}", "feedback_true", "{}")},
		{name: "edit item prompt", who: "mallory", method: "POST", path: mi + "/edit", form: item("prompt")},
		{name: "new item kind", who: "mallory", method: "GET", path: ms + "/items/new?kind={}"},
		{name: "build era", who: "mallory", method: "POST", path: ms + "/build", form: base("era", "{}", "count", "1")},
		{name: "build theme", who: "mallory", method: "POST", path: ms + "/build", form: base("theme", "{}", "count", "1")},
		{name: "build event", who: "mallory", method: "POST", path: ms + "/build", form: base("event", "{}", "count", "1")},
		{name: "build kind", who: "mallory", method: "POST", path: ms + "/build", form: base("kind", "{}", "count", "1")},
		{name: "build count", who: "mallory", method: "POST", path: ms + "/build", form: base("count", "{}")},
		{name: "import format", who: "mallory", method: "POST", path: "/teach/import", form: base("format", "{}", "title", "t", "text", "question,answer\nQ,A\n")},
		{name: "import title", who: "mallory", method: "POST", path: "/teach/import", form: base("format", "csv", "title", "{}", "text", "question,answer\nQ,A\n")},
		{name: "import text", who: "mallory", method: "POST", path: "/teach/import", form: base("format", "csv", "title", "t", "text", "question,answer\n{}")},
		{name: "import separator", who: "mallory", method: "POST", path: "/teach/import", form: base("format", "text", "title", "t", "text", "a\tb\n", "term_sep", "custom", "term_custom", "{}")},
		{name: "import row separator", who: "mallory", method: "POST", path: ms + "/import", form: base("format", "text", "text", "a\tb\n", "row_sep", "custom", "row_custom", "{}")},
		{name: "import confirm", who: "mallory", method: "POST", path: "/teach/import/confirm", form: base("pending", "{}", "hash", "{}")},
		{name: "import cancel", who: "mallory", method: "POST", path: ms + "/import/cancel", form: base("pending", "{}")},
		{name: "export format", who: "mallory", method: "GET", path: ms + "/export?format={}"},
		{name: "export separator", who: "mallory", method: "GET", path: ms + "/export?format=text&term_sep=custom&term_custom={}"},
		{name: "set notice", who: "mallory", method: "GET", path: ms + "?done=added&n={}"},
		{name: "set id", who: "mallory", method: "GET", path: "/teach/sets/{}"},
		{name: "set id edit", who: "mallory", method: "GET", path: "/teach/sets/{}/edit"},
		{name: "item id", who: "mallory", method: "GET", path: ms + "/items/{}/edit"},
		{name: "class id", who: "mallory", method: "GET", path: "/teach/classes/{}"},
		{name: "dashboard id", who: "mallory", method: "GET", path: "/teach/classes/{}/dashboard"},
		{name: "roster id", who: "mallory", method: "GET", path: "/teach/classes/{}/roster.csv"},
		{name: "items id", who: "mallory", method: "GET", path: "/teach/classes/{}/items.csv"},
		{name: "delete set id", who: "mallory", method: "POST", path: "/teach/sets/{}/delete", form: base()},
		{name: "delete item id", who: "mallory", method: "POST", path: ms + "/items/{}/delete", form: base()},
		{name: "unassign id", who: "mallory", method: "POST", path: mc + "/assignments/{}/delete", form: base()},
		// Reports of problems with questions, and the teachers' queue
		{name: "report form id", who: "eve", method: "GET", path: "/report/{}"},
		{name: "report form next", who: "eve", method: "GET", path: report + "?next={}"},
		{name: "report id", who: "eve", method: "POST", path: "/report/{}", form: base("reason", "unclear")},
		{name: "report reason", who: "eve", method: "POST", path: report, form: base("reason", "{}")},
		{name: "report comment", who: "eve", method: "POST", path: report, form: base("reason", "other", "comment", "{}")},
		{name: "report next", who: "eve", method: "POST", path: report, form: base("reason", "unclear", "next", "{}")},
		{name: "report on the victim's set", who: "eve", method: "POST", path: "/report/" + url.PathEscape(f.questionID), form: base("reason", "other", "comment", "{}")},
		{name: "queue done", who: "mallory", method: "GET", path: "/reports?done={}"},
		{name: "hide id", who: "root", method: "POST", path: "/reports/{}/hide", form: base()},
		{name: "hide note", who: "root", method: "POST", path: queue + "/hide", form: base("note", "{}")},
		{name: "unhide id", who: "root", method: "POST", path: "/reports/{}/unhide", form: base()},
		{name: "resolve id", who: "mallory", method: "POST", path: "/reports/{}/resolve", form: base()},
		{name: "resolve id as admin", who: "root", method: "POST", path: "/reports/{}/resolve", form: base()},
	}
	clients := map[string]*client{"eve": eve, "mallory": mallory, "visitor": h.client(), "proxied": proxied.client(), "root": root}
	tokens := map[string]string{}
	for name, c := range clients {
		tokens[name] = c.token()
	}
	requests, signups, fresh := 0, 0, 0
	createdSets := map[int64]string{}
	for _, in := range inputs {
		for si, s := range sqliStrings {
			if (in.few && !fewStrings[si]) || (in.fewer && !fewerStrings[si]) || (testing.Short() && !fewStrings[si]) {
				continue
			}
			path, form := in.fill(s)
			c := clients[in.who]
			headers := map[string]string{}
			if in.who == "proxied" {
				// A new client address each time, so that the throttle on
				// addresses does not stop the username reaching the store.
				headers["X-Forwarded-For"] = fmt.Sprintf("10.77.%d.%d", requests/250, requests%250)
			}
			if in.who == "fresh" {
				fresh++
				c = h.client()
				form.Set("username", fmt.Sprintf("fresh%d", fresh))
				form.Set("_csrf", c.token())
			} else if form != nil {
				form.Set("_csrf", tokens[in.who])
			}
			var res response
			var err error
			if form != nil {
				res, err = c.send(in.method, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", headers)
			} else {
				res, err = c.send(in.method, path, nil, "", headers)
			}
			requests++
			label := fmt.Sprintf("%s with %.40q", in.name, s)
			if errors.Is(err, fasthttp.ErrBodyTooLarge) {
				continue // the server answers 413 without reading the body
			}
			if err != nil {
				t.Errorf("%s: %v", label, err)
				continue
			}
			if res.status >= 500 {
				t.Errorf("%s: %d", label, res.status)
			}
			// Random form keys (base64) could spell a marker by chance.
			body := formKeys.ReplaceAllString(res.body, "")
			for _, m := range leakMarkers {
				if strings.Contains(body, m) && !strings.Contains(s, m) && !strings.Contains(form.Encode(), url.QueryEscape(m)) {
					t.Errorf("%s: the response shows %q", label, m)
				}
			}
			if in.path == "/signup" && res.status == http.StatusSeeOther {
				signups++
			}
			if in.name == "set title" && res.status == http.StatusSeeOther {
				if m := setLocation.FindStringSubmatch(res.location); m != nil {
					var id int64
					fmt.Sscan(m[1], &id)
					createdSets[id] = strings.TrimSpace(s)
				}
			}
		}
	}

	// Nothing dropped, nothing of the victims' touched, and what was
	// written was written as typed.
	if tables, _ := h.store.Tables(ctx); !reflect.DeepEqual(tables, tablesBefore) {
		t.Errorf("tables now %v; were %v", tables, tablesBefore)
	}
	if got := h.rows(t, `SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'`); got != 0 {
		t.Error("the database fails its integrity check")
	}
	if got := h.rows(t, `SELECT count(*) FROM pragma_foreign_key_check`); got != 0 {
		t.Errorf("%d rows break foreign keys", got)
	}
	if got := h.rows(t, `SELECT count(*) FROM accounts`); got != accountsBefore+signups {
		t.Errorf("%d accounts; want %d and the %d sign-ups with odd passwords", got, accountsBefore, signups)
	}
	for name, hash := range hashes {
		if _, now, err := h.store.AccountByUsername(ctx, name); err != nil || !slices.Equal(now, hash) {
			t.Errorf("%s's account changed or is gone: %v", name, err)
		}
	}
	if !reflect.DeepEqual(h.setItemsOf(t, f.setID), victimItems) || !reflect.DeepEqual(f.members(t), victimMembers) {
		t.Error("the victim's set or class changed")
	}
	if as, _ := h.store.ClassAssignments(ctx, f.classID); !reflect.DeepEqual(as, victimAssignments) {
		t.Error("the victim's assignments changed")
	}
	if n := len(h.reviewLogs(t, accountLearner(t, h, "amna"))); n != victimLogs {
		t.Errorf("amna has %d reviews; had %d", n, victimLogs)
	}
	if !testing.Short() && len(createdSets) < len(sqliStrings)-3 {
		t.Errorf("only %d of the odd set titles were saved", len(createdSets))
	}
	for id, title := range createdSets {
		if si, err := h.store.SetInfo(ctx, id); err != nil || si.Title != title {
			t.Errorf("set %d: title %q; typed %q", id, si.Title, title)
		}
	}
	t.Logf("%d SQL injection strings × %d inputs: %d requests, none an error, none leaking", len(sqliStrings), len(inputs), requests)
}

// accountLearner is the learner id of an account.
func accountLearner(t *testing.T, h *harness, name string) int64 {
	t.Helper()
	acc, _, err := h.store.AccountByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return acc.LearnerID
}

func TestSQLInjection_TypedAnswersAreStoredAsTyped(t *testing.T) {
	h := newHarness(t)
	eve := h.client()
	signup(t, eve, "eve", "eve's long password")
	tok := eve.token()
	learnerID := accountLearner(t, h, "eve")
	for _, s := range sqliStrings {
		res := eve.postForm("/practice", with(tok, url.Values{"kind": {"cloze"}, "length": {"1"}}))
		page := eve.get(res.location)
		ans := eve.postForm(res.location, fillAnswer(page, s))
		typed := strings.TrimSpace(s)
		switch {
		case len(typed) > 200:
			if ans.status != http.StatusBadRequest {
				t.Errorf("an answer of %d characters: %d; want 400", len(typed), ans.status)
			}
		case typed == "":
			if ans.status != http.StatusBadRequest {
				t.Errorf("an empty answer: %d", ans.status)
			}
		default:
			if ans.status != http.StatusSeeOther {
				t.Errorf("answer %q: %d", s, ans.status)
				continue
			}
			stored, _ := json.Marshal([]string{typed})
			if n := h.rows(t, `SELECT count(*) FROM attempts WHERE learner_id = ? AND answer = ?`, learnerID, string(stored)); n != 1 {
				t.Errorf("answer %q is stored %d times as typed", s, n)
			}
			// A browser drops NUL characters from a page's text.
			if fb := eve.get(res.location); !strings.Contains(fb.doc.Find(`[data-testid="feedback"]`).Text(), strings.ReplaceAll(typed, "\x00", "")) {
				t.Errorf("answer %q is not shown back as typed", s)
			}
		}
	}
}
