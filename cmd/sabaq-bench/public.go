package main

import (
	"math/rand/v2"

	"github.com/valyala/fasthttp"
)

// publicClient asks for a public page as someone not logged in does: with
// the browsers' Accept-Encoding or none, and with no cookie (a first visit)
// or an anonymous learner's.
type publicClient struct {
	url      string
	encoding string          // Accept-Encoding; "" sends none
	learners []*benchLearner // whose cookie to send; none sends no cookie
	r        *rand.Rand
}

func (c *publicClient) prepare(req *fasthttp.Request) {
	req.SetRequestURI(c.url)
	if c.encoding != "" {
		req.Header.Set(fasthttp.HeaderAcceptEncoding, c.encoding)
	}
	if len(c.learners) > 0 {
		req.Header.SetCookie(learnerCookie, c.learners[c.r.IntN(len(c.learners))].Token)
	}
}

// check wants the page, and no cookie for a client that sent none: a
// visitor's public page is served without making a learner.
func (c *publicClient) check(resp *fasthttp.Response) bool {
	return resp.StatusCode() == fasthttp.StatusOK && len(resp.Body()) > 0 &&
		(len(c.learners) > 0 || len(resp.Header.Peek(fasthttp.HeaderSetCookie)) == 0)
}

// publicScenarios measures the timeline page against the bare Fiber
// ceiling as visitors ask for it: without a cookie, with and without
// Accept-Encoding, and with an anonymous learner's cookie but no
// Accept-Encoding (with both, it is the "timeline page" scenario).
func (b *bench) publicScenarios(rep *report, addr string, pid, n int, learners []*benchLearner) {
	for _, s := range []struct {
		name, encoding string
		cookie         bool
	}{
		{"timeline page, no cookie", acceptEncoding, false},
		{"timeline page, no cookie, no Accept-Encoding", "", false},
		{"timeline page, learner's cookie, no Accept-Encoding", "", true},
	} {
		b.progress("%s: GET /timeline, %d clients, %s", s.name, n, b.cfg.duration)
		b.quiet()
		clients := make([]client, n)
		for i := range clients {
			c := &publicClient{url: "http://" + addr + "/timeline", encoding: s.encoding, r: rand.New(rand.NewPCG(b.cfg.seed, uint64(i)))}
			if s.cookie {
				c.learners = learners
			}
			clients[i] = c
		}
		rep.scenarios = append(rep.scenarios, scenarioRow{name: s.name, ceiling: "fiber",
			res: generate(addr, clients, b.cfg.warmup, b.cfg.duration, pid)})
	}
}
