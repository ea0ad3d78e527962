package main

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/valyala/fasthttp"
)

// resource is one response of a page, as sent and unpacked.
type resource struct {
	path     string
	kind     string // html, css, js, other
	sent     int    // body bytes on the wire, with Accept-Encoding: gzip, deflate, br
	unpacked int    // body bytes without compression
	encoding string // Content-Encoding when compression was offered
	text     bool
}

// pageWeight is a page and the CSS and JavaScript it links.
type pageWeight struct {
	path      string
	resources []resource
}

func (p pageWeight) totals() (sent, unpacked int) {
	for _, r := range p.resources {
		if r.kind != "other" {
			sent += r.sent
			unpacked += r.unpacked
		}
	}
	return sent, unpacked
}

// uncompressed lists the text responses that came back without compression.
func (p pageWeight) uncompressed() []string {
	var out []string
	for _, r := range p.resources {
		if r.text && r.encoding == "" {
			out = append(out, r.path)
		}
	}
	return out
}

var linked = regexp.MustCompile(`<(?:link[^>]*href|script[^>]*src)="(/[^"]+)"`)

// measurePage fetches path as learner l (whose next card is due), with and
// without compression, then every stylesheet, script and icon it links.
func measurePage(addr, path string, l *benchLearner) (pageWeight, error) {
	pw := pageWeight{path: path}
	page, body, err := fetchResource(addr, path, l)
	if err != nil {
		return pw, err
	}
	pw.resources = append(pw.resources, page)
	for _, m := range linked.FindAllStringSubmatch(string(body), -1) {
		r, _, err := fetchResource(addr, m[1], l)
		if err != nil {
			return pw, err
		}
		pw.resources = append(pw.resources, r)
	}
	return pw, nil
}

func fetchResource(addr, path string, l *benchLearner) (resource, []byte, error) {
	r := resource{path: path}
	var plain []byte
	for _, compressed := range []bool{true, false} {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURI("http://" + addr + path)
		req.Header.SetCookie(learnerCookie, l.Token)
		if compressed {
			req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
		}
		err := fasthttp.DoTimeout(req, resp, 10*time.Second)
		status := resp.StatusCode()
		body := append([]byte(nil), resp.Body()...)
		ctype := string(resp.Header.ContentType())
		enc := string(resp.Header.ContentEncoding())
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
		if err != nil {
			return r, nil, fmt.Errorf("GET %s: %w", path, err)
		}
		if status != fasthttp.StatusOK {
			return r, nil, fmt.Errorf("GET %s: status %d", path, status)
		}
		if compressed {
			r.sent, r.encoding = len(body), enc
		} else {
			r.unpacked, plain = len(body), body
			if enc != "" {
				return r, nil, fmt.Errorf("GET %s without Accept-Encoding came back %s", path, enc)
			}
		}
		switch {
		case strings.HasPrefix(ctype, "text/html"):
			r.kind = "html"
		case strings.HasPrefix(ctype, "text/css"):
			r.kind = "css"
		case strings.Contains(ctype, "javascript"):
			r.kind = "js"
		default:
			r.kind = "other"
		}
		r.text = strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
			strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
	}
	return r, plain, nil
}
