package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"

	"sabaq/db"
)

// acceptEncoding is what browsers send, so the server compresses as it
// would for them.
const acceptEncoding = "gzip, deflate, br"

// learnerCookie is the anonymous learner's cookie (handlers.learnerCookie).
const learnerCookie = "sabaq_learner"

// benchLearner is a seeded learner as the load generator knows it.
type benchLearner struct {
	db.SeededLearner
	csrf string
}

// csrfToken derives an anonymous learner's CSRF token as the server does
// (an HMAC of its cookie token under the "csrf" secret), so that the submit
// scenario needs no extra request per learner. checkCSRF below confirms it
// against a page.
func csrfToken(key []byte, cookieToken string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf:anon:" + cookieToken))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// verifyCSRF fetches l's home page and checks that the token in its forms
// is the one the bench derived.
func verifyCSRF(addr string, l *benchLearner) error {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + addr + "/")
	req.Header.SetCookie(learnerCookie, l.Token)
	if err := fasthttp.DoTimeout(req, resp, 10*time.Second); err != nil {
		return err
	}
	m := csrfField.FindSubmatch(resp.Body())
	if resp.StatusCode() != fasthttp.StatusOK || m == nil {
		return fmt.Errorf("home page of learner %d: status %d, no CSRF field", l.ID, resp.StatusCode())
	}
	if string(m[1]) != l.csrf {
		return fmt.Errorf("the server's CSRF token for learner %d is not HMAC(csrf secret, \"csrf:learner:ID\"): update csrfToken", l.ID)
	}
	return nil
}

// pageClient asks for one path as random learners.
type pageClient struct {
	url      string
	learners []*benchLearner
	r        *rand.Rand
}

func (c *pageClient) prepare(req *fasthttp.Request) {
	l := c.learners[c.r.IntN(len(c.learners))]
	req.SetRequestURI(c.url)
	req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
	req.Header.SetCookie(learnerCookie, l.Token)
}

func (c *pageClient) check(resp *fasthttp.Response) bool {
	return resp.StatusCode() == fasthttp.StatusOK
}

// pageClients makes n clients for path, each with its own random stream.
func pageClients(n int, addr, path string, learners []*benchLearner, seed uint64) []client {
	out := make([]client, n)
	for i := range out {
		out[i] = &pageClient{url: "http://" + addr + path, learners: learners, r: rand.New(rand.NewPCG(seed, uint64(i)))}
	}
	return out
}

// submitClient grades random cards of its own learners, as the flashcard
// form does: POST /review/card/ID/grade with the card's version, which it
// tracks (each applied review moves it one on). Learners are split between
// clients so that no two clients grade the same card at once: a stale
// version would be answered with the same redirect but change nothing.
type submitClient struct {
	base     string
	paths    []string // grade path per question index
	learners []*benchLearner
	r        *rand.Rand
	card     *db.SeededCard // the card in flight
	body     []byte
}

// ratings are drawn as a typical learner grades: mostly Good.
var ratings = [...]byte{'1', '2', '3', '3', '3', '3', '3', '3', '3', '4'}

func (c *submitClient) prepare(req *fasthttp.Request) {
	l := c.learners[c.r.IntN(len(c.learners))]
	c.card = &l.Cards[c.r.IntN(len(l.Cards))]
	req.Header.SetMethod(fasthttp.MethodPost)
	req.SetRequestURI(c.base + c.paths[c.card.Question])
	req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
	req.Header.SetContentType("application/x-www-form-urlencoded")
	req.Header.SetCookie(learnerCookie, l.Token)
	b := appendGrade(c.body[:0], l.csrf, int64(c.card.Version), c.r)
	b = append(b, "&shown_at="...)
	b = strconv.AppendInt(b, time.Now().Add(-time.Duration(2000+c.r.IntN(8000))*time.Millisecond).UnixMilli(), 10)
	c.body = b
	req.SetBody(b)
}

// appendGrade appends the grade form's fields: the CSRF token, the card's
// version and a rating drawn as a typical learner grades.
func appendGrade(b []byte, csrf string, version int64, r *rand.Rand) []byte {
	b = append(b, "_csrf="...)
	b = append(b, csrf...)
	b = append(b, "&version="...)
	b = strconv.AppendInt(b, version, 10)
	b = append(b, "&rating="...)
	return append(b, ratings[r.IntN(len(ratings))])
}

func (c *submitClient) check(resp *fasthttp.Response) bool {
	if resp.StatusCode() != fasthttp.StatusSeeOther || string(resp.Header.Peek(fasthttp.HeaderLocation)) != "/review" {
		return false
	}
	c.card.Version++
	return true
}

// submitClients splits the learners between n clients.
func submitClients(n int, addr string, paths []string, learners []*benchLearner, seed uint64) []client {
	out := make([]client, n)
	for i := range out {
		c := &submitClient{base: "http://" + addr, paths: paths, r: rand.New(rand.NewPCG(seed, uint64(i)))}
		for j := i; j < len(learners); j += n {
			c.learners = append(c.learners, learners[j])
		}
		out[i] = c
	}
	return out
}

// gradePaths is the grade form's action per question, as cardURL makes it.
func gradePaths(qs []db.SeedQuestion) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = "/review/card/" + url.PathEscape(q.ID) + "/grade"
	}
	return out
}

// sessionClient revises as a learner does, over and over: it loads the
// next card (GET /review), then grades it (POST .../grade), so that every
// page it asks for is the first after a review: the queue kept in memory
// is out of date and made afresh. Each client has learners of its own, one
// at a time, and knows their cards' versions (seeded, then counted on).
type sessionClient struct {
	base     string
	learners []*benchLearner
	versions []map[string]int64 // per learner: question id → card version
	r        *rand.Rand
	cur      int    // the learner being served
	card     string // the card shown, to grade next; "" to load one
	graded   bool   // the last request was a grade
	body     []byte
}

var (
	cardLink    = regexp.MustCompile(`/review/card/([^"?/]+)`)
	versionLink = regexp.MustCompile(`name="version" value="([0-9]+)"`)
)

func (c *sessionClient) prepare(req *fasthttp.Request) {
	l := c.learners[c.cur]
	req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
	req.Header.SetCookie(learnerCookie, l.Token)
	if c.card == "" {
		c.graded = false
		req.SetRequestURI(c.base + "/review")
		return
	}
	c.graded = true
	id, _ := url.PathUnescape(c.card)
	b := appendGrade(c.body[:0], l.csrf, c.versions[c.cur][id], c.r)
	c.body = b
	req.Header.SetMethod(fasthttp.MethodPost)
	req.Header.SetContentType("application/x-www-form-urlencoded")
	req.SetRequestURI(c.base + "/review/card/" + c.card + "/grade")
	req.SetBody(b)
}

func (c *sessionClient) check(resp *fasthttp.Response) bool {
	if !c.graded {
		body, err := resp.BodyUncompressed()
		if resp.StatusCode() != fasthttp.StatusOK || err != nil {
			return false
		}
		if m := cardLink.FindSubmatch(body); m != nil {
			c.card = string(m[1])
			// The page's form says the card's version: a later run on
			// the same database need not know what earlier runs graded.
			if v := versionLink.FindSubmatch(body); v != nil {
				id, _ := url.PathUnescape(c.card)
				c.versions[c.cur][id], _ = strconv.ParseInt(string(v[1]), 10, 64)
			}
		}
		return true // an empty queue is a page too; the next request loads again
	}
	ok := resp.StatusCode() == fasthttp.StatusSeeOther
	if ok {
		id, _ := url.PathUnescape(c.card)
		c.versions[c.cur][id]++
	}
	c.card = ""
	c.cur = c.r.IntN(len(c.learners))
	return ok
}

// sessionClients splits the learners between n clients, as submitClients.
func sessionClients(n int, addr string, qs []db.SeedQuestion, learners []*benchLearner, seed uint64) []client {
	out := make([]client, n)
	for i := range out {
		c := &sessionClient{base: "http://" + addr, r: rand.New(rand.NewPCG(seed, uint64(1000+i)))}
		for j := i; j < len(learners); j += n {
			l := learners[j]
			v := make(map[string]int64, len(l.Cards))
			for _, sc := range l.Cards {
				v[qs[sc.Question].ID] = int64(sc.Version)
			}
			c.learners = append(c.learners, l)
			c.versions = append(c.versions, v)
		}
		out[i] = c
	}
	return out
}
