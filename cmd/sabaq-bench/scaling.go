package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
)

// scalingRow is the review session served with the server held to procs
// cores (GOMAXPROCS).
type scalingRow struct {
	procs int
	res   loadResult
}

// scaling runs the review-session scenario again on the main database,
// against a server started with GOMAXPROCS 1 and then 2: how what one
// machine serves grows with its cores.
func (b *bench) scaling(rep *report) error {
	cfg := b.cfg
	n := min(cfg.concurrency, len(b.mainLearners))
	for _, procs := range []int{1, 2} {
		srv, err := startChild(b.bin, nil, []string{"SABAQ_DB=" + b.mainPath, fmt.Sprintf("GOMAXPROCS=%d", procs)},
			"SABAQ_ADDR", "/healthz", filepath.Join(b.dir, fmt.Sprintf("scaling%d.log", procs)))
		if err != nil {
			return err
		}
		// As in the main run, each learner's first page comes first (not
		// measured): the session is measured with their states kept.
		b.progress("scaling: GOMAXPROCS=%d, each learner's first review page (not measured)", procs)
		firstPages(srv.addr, "/review", b.mainLearners, n, srv.pid())
		b.progress("scaling: review session with GOMAXPROCS=%d, %d clients, %s", procs, n, cfg.duration)
		b.quiet()
		res := generate(srv.addr, sessionClients(n, srv.addr, b.questions, b.mainLearners, cfg.seed+uint64(procs)),
			cfg.warmup, cfg.duration, srv.pid())
		srv.stop()
		rep.scaling = append(rep.scaling, scalingRow{procs: procs, res: res})
	}
	return nil
}

func (r *report) printScaling(w io.Writer) {
	if len(r.scaling) == 0 {
		return
	}
	fmt.Fprintf(w, "\nScaling with cores: the review session (GET next card, POST grade), %d clients, the server started afresh with GOMAXPROCS set and every learner's first page made\n", r.cfg.concurrency)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "GOMAXPROCS\trequests/s\treviews/s\tp50\tp99\tserver CPU/request\terrors\t")
	for _, s := range r.scaling {
		fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%s\t%s\t%s\t%d\t\n", s.procs, s.res.rps(), s.res.rps()/2, ms(s.res.hist.percentile(.5)),
			ms(s.res.hist.percentile(.99)), us(s.res.cpuPerRequest()), s.res.errors)
	}
	tw.Flush()
}
