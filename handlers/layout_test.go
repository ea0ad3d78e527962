package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestLayout_EveryPageHasAMetaDescription(t *testing.T) {
	h := newHarness(t)
	visitor := h.client()
	teacher := h.teacher(t, "ms.khan")
	e := h.tl.Events[0]
	for _, tc := range []struct {
		c          *client
		path, want string // want: a phrase the description holds
	}{
		{visitor, "/", "Pakistan’s relations with the Soviet Union and Russia"},
		{visitor, "/timeline", "1947 to 2011"},
		{visitor, "/timeline/" + e.ID, e.Summary},
		{visitor, "/practice", "1947 to 2011"},
		{visitor, "/review", "1947 to 2011"},
		{visitor, "/progress", "1947 to 2011"},
		{visitor, "/mock", "1947 to 2011"},
		{visitor, "/login", "Log in to Sabaq"},
		{visitor, "/signup", "Make a Sabaq account"},
		{visitor, "/no-such-page", "1947 to 2011"},
		{teacher, "/teach", "1947 to 2011"},
		{teacher, "/account", "1947 to 2011"},
	} {
		res := tc.c.get(tc.path)
		metas := res.doc.Find(`head meta[name="description"]`)
		got, _ := metas.Attr("content")
		if metas.Length() != 1 || !strings.Contains(got, tc.want) {
			t.Errorf("GET %s (%d): %d meta descriptions, %q; want one holding %q", tc.path, res.status, metas.Length(), got, tc.want)
		}
	}
}

func TestLayout_MenuMarksTheCurrentSection(t *testing.T) {
	h := newHarness(t)
	visitor := h.client()
	student := h.client()
	if res := signup(t, student, "ayesha", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("signup: %d", res.status)
	}
	teacher := h.teacher(t, "ms.khan")
	for _, tc := range []struct {
		c          *client
		path, want string // want: the href marked as the current page, "" for none
	}{
		{visitor, "/", ""},
		{visitor, "/review", "/review"},
		{visitor, "/settings", "/review"},
		{visitor, "/timeline", "/timeline"},
		{visitor, "/practice", "/practice"},
		{visitor, "/mock", "/mock"},
		{visitor, "/progress", "/progress"},
		{visitor, "/login", "/login"},
		{visitor, "/signup", "/signup"},
		{student, "/account", "/account"},
		{teacher, "/teach", "/teach"},
		{teacher, "/teach/classes", "/teach"},
	} {
		res := tc.c.get(tc.path)
		var got []string
		res.doc.Find(`header nav [aria-current="page"]`).Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			got = append(got, href)
		})
		if strings.Join(got, " ") != tc.want {
			t.Errorf("GET %s: the menu marks %q as the current page; want %q", tc.path, got, tc.want)
		}
	}
}

func TestLayout_MenuHoldsEverySectionAndTheAccount(t *testing.T) {
	h := newHarness(t)
	visitor := h.client()
	student := h.client()
	signup(t, student, "ayesha", "a long password")
	teacher := h.teacher(t, "ms.khan")
	for _, tc := range []struct {
		name  string
		c     *client
		links []string
	}{
		{"visitor", visitor, []string{"/review", "/timeline", "/practice", "/mock", "/progress", "/login", "/signup"}},
		{"student", student, []string{"/review", "/timeline", "/practice", "/mock", "/progress", "/account"}},
		{"teacher", teacher, []string{"/review", "/timeline", "/practice", "/mock", "/progress", "/teach", "/account"}},
	} {
		// One menu for every width: a disclosure whose list the stylesheet
		// shows inline on a wide screen.
		menu := tc.c.get("/").doc.Find(`header nav[aria-label="Main"] details.menu`)
		if got := strings.TrimSpace(menu.Find("summary").Text()); got != "Menu" {
			t.Errorf("%s: the menu's button says %q", tc.name, got)
		}
		var got []string
		menu.Find("ul a[href]").Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			got = append(got, href)
		})
		if strings.Join(got, " ") != strings.Join(tc.links, " ") {
			t.Errorf("%s: the menu links to %q; want %q", tc.name, got, tc.links)
		}
		logout := menu.Find(`form[method="post"][action="/logout"] button[data-testid="logout"]`)
		if loggedIn := tc.c != visitor; (logout.Length() == 1) != loggedIn {
			t.Errorf("%s: %d log-out buttons in the menu", tc.name, logout.Length())
		}
		if tc.c != visitor && menu.Find(`form[action="/logout"] input[name="_csrf"]`).Length() != 1 {
			t.Errorf("%s: the log-out form has no CSRF field", tc.name)
		}
	}
}
