package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
)

// client is one simulated user of a scenario: it fills in each request and
// judges each response (updating what it knows, such as a card's version).
// A client is used by one goroutine only.
type client interface {
	prepare(req *fasthttp.Request)
	check(resp *fasthttp.Response) bool
}

// loadResult is what one run of a scenario measured.
type loadResult struct {
	hist      histogram
	requests  uint64 // in the measured window
	errors    uint64 // in the measured window
	window    time.Duration
	errSample string // the first error seen, to say what went wrong
	// CPU used over the measured window, in cores (CPU seconds per second):
	// the generator's own (this process) and the server's.
	genCores, serverCores float64
	// otherCores is what the rest of the machine used meanwhile: anything
	// much above zero means the figures were disturbed.
	otherCores float64
	serverCPU  time.Duration // the server's CPU time in the window
	peakRSS    int64         // the server's largest resident set seen in the window, bytes
	okTotal    uint64        // successful requests, warm-up included
}

func (r loadResult) rps() float64 { return float64(r.requests) / r.window.Seconds() }

// cpuPerRequest is the server's CPU time per request in the window.
func (r loadResult) cpuPerRequest() time.Duration {
	if r.requests == 0 {
		return 0
	}
	return r.serverCPU / time.Duration(r.requests)
}

// generate drives the clients against addr over keep-alive connections, one
// goroutine and connection each, closed loop (each sends its next request
// when the last is answered): a warm-up that is not counted, then the
// measured window. pid is the server's, for its CPU time and memory.
func generate(addr string, clients []client, warmup, window time.Duration, pid int) loadResult {
	hc := &fasthttp.HostClient{
		Addr:                addr,
		MaxConns:            len(clients) * 2,
		ReadTimeout:         30 * time.Second,
		WriteTimeout:        30 * time.Second,
		MaxIdleConnDuration: time.Minute,
		// The pages are read whole, as a browser would, but not parsed.
		ReadBufferSize: 64 << 10,
	}
	defer hc.CloseIdleConnections()

	const (
		warming = iota
		measuring
		done
	)
	var phase atomic.Int32
	hists := make([]histogram, len(clients))
	errs := make([]uint64, len(clients))
	oks := make([]uint64, len(clients))
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for i, cl := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			h := &hists[i]
			for {
				p := phase.Load()
				if p == done {
					return
				}
				req.Reset()
				resp.Reset()
				cl.prepare(req)
				start := time.Now()
				err := hc.Do(req, resp)
				d := time.Since(start)
				ok := err == nil && cl.check(resp)
				if ok {
					oks[i]++
				}
				if phase.Load() != measuring || p != measuring {
					continue // started or ended outside the window
				}
				h.record(d)
				if !ok {
					errs[i]++
					if err == nil {
						err = fmt.Errorf("status %d: %.200q", resp.StatusCode(), resp.Body())
					}
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	rss := watchRSS(pid)
	time.Sleep(warmup)
	cpu0, srv0, all0 := selfCPU(), processCPU(pid), machineBusy()
	rss.reset()
	start := time.Now()
	phase.Store(measuring)
	time.Sleep(window)
	phase.Store(done)
	elapsed := time.Since(start)
	cpu1, srv1, all1 := selfCPU(), processCPU(pid), machineBusy()
	peak := rss.stop()
	wg.Wait()

	var res loadResult
	for i := range clients {
		res.hist.merge(&hists[i])
		res.errors += errs[i]
		res.okTotal += oks[i]
	}
	res.requests = res.hist.n
	res.window = elapsed
	res.genCores = (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	res.serverCPU = srv1 - srv0
	res.serverCores = res.serverCPU.Seconds() / elapsed.Seconds()
	res.otherCores = max(0, (all1-all0).Seconds()/elapsed.Seconds()-res.genCores-res.serverCores)
	res.peakRSS = peak
	if s, ok := firstErr.Load().(string); ok {
		res.errSample = s
	}
	return res
}

// selfCPU is the user and system CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// firstPages asks for path once as each learner, from n clients taking the
// learners in turn, and measures that pass as a whole: each learner's first
// page, made from the database with nothing kept in memory yet, as when a
// class all open Sabaq at once.
func firstPages(addr, path string, learners []*benchLearner, n, pid int) loadResult {
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: n * 2, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		ReadBufferSize: 64 << 10}
	defer hc.CloseIdleConnections()
	var next atomic.Int64
	hists := make([]histogram, n)
	errs := make([]uint64, n)
	var firstErr atomic.Value
	rss := watchRSS(pid)
	cpu0, srv0, all0 := selfCPU(), processCPU(pid), machineBusy()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			for {
				j := next.Add(1) - 1
				if j >= int64(len(learners)) {
					return
				}
				req.Reset()
				resp.Reset()
				req.SetRequestURI("http://" + addr + path)
				req.Header.Set(fasthttp.HeaderAcceptEncoding, acceptEncoding)
				req.Header.SetCookie(learnerCookie, learners[j].Token)
				t := time.Now()
				err := hc.Do(req, resp)
				hists[i].record(time.Since(t))
				if err == nil && resp.StatusCode() != fasthttp.StatusOK {
					err = fmt.Errorf("status %d", resp.StatusCode())
				}
				if err != nil {
					errs[i]++
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1, srv1, all1 := selfCPU(), processCPU(pid), machineBusy()
	var res loadResult
	for i := range hists {
		res.hist.merge(&hists[i])
		res.errors += errs[i]
	}
	res.requests, res.window = res.hist.n, elapsed
	res.okTotal = res.requests - res.errors
	res.genCores = (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	res.serverCPU = srv1 - srv0
	res.serverCores = res.serverCPU.Seconds() / elapsed.Seconds()
	res.otherCores = max(0, (all1-all0).Seconds()/elapsed.Seconds()-res.genCores-res.serverCores)
	res.peakRSS = rss.stop()
	if s, ok := firstErr.Load().(string); ok {
		res.errSample = s
	}
	return res
}
