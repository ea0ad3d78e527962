package main

import (
	"net/http"
	"net/http/pprof"
	"time"
)

// servePprof serves the runtime profiles, for measuring the server under
// load (see make bench). Only the handlers are registered on a mux of our
// own: importing net/http/pprof for its side effect would add them to
// http.DefaultServeMux.
func servePprof(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}
