package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"sabaq/db"
)

// TestMain lets the test binary stand in for the server, so that the
// durability test can kill a real server process.
func TestMain(m *testing.M) {
	if os.Getenv("SABAQ_TEST_SERVE") == "1" {
		os.Args = os.Args[:1] // the server takes its settings from SABAQ_DB and SABAQ_ADDR
		main()
		return
	}
	os.Exit(m.Run())
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer runs the server in a child process on dbPath.
func startServer(t *testing.T, dbPath string) (*exec.Cmd, string) {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SABAQ_TEST_SERVE=1", "SABAQ_DB="+dbPath, "SABAQ_ADDR="+addr)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd, "http://" + addr
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the server did not answer /healthz within 20s")
	return nil, ""
}

var (
	revealRE  = regexp.MustCompile(`href="(/review/card/[^"?]+)\?reveal=1`)
	csrfRE    = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)
)

func fetch(c *http.Client, method, u string, form url.Values) (int, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return 0, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// reviewer grades cards until stopped, counting the grades the server
// acknowledged (303). Every second submit is sent twice, as a double click.
func reviewer(base string, stop *atomic.Bool, acked *atomic.Int64) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := 0; !stop.Load(); i++ {
		_, page, err := fetch(c, "GET", base+"/review", nil)
		if err != nil {
			return
		}
		m := revealRE.FindStringSubmatch(page)
		if m == nil {
			return
		}
		_, back, err := fetch(c, "GET", base+m[1]+"?reveal=1", nil)
		if err != nil {
			return
		}
		token, version := csrfRE.FindStringSubmatch(back), versionRE.FindStringSubmatch(back)
		if token == nil || version == nil {
			return
		}
		form := url.Values{"_csrf": {token[1]}, "version": {version[1]}, "rating": {fmt.Sprint(1 + i%4)}}
		for range 1 + i%2 {
			status, _, err := fetch(c, "POST", base+m[1]+"/grade", form)
			if err != nil {
				return
			}
			if status == http.StatusSeeOther && !stop.Load() {
				acked.Add(1)
				break
			}
		}
	}
}

func TestDurability_AcknowledgedReviewsSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills real server processes")
	}
	dbPath := filepath.Join(t.TempDir(), "sabaq.db")
	const clients, rounds = 8, 5
	var total int64
	for round := 1; round <= rounds; round++ {
		cmd, base := startServer(t, dbPath)
		var stop atomic.Bool
		var acked atomic.Int64
		var wg sync.WaitGroup
		for range clients {
			wg.Add(1)
			go func() { defer wg.Done(); reviewer(base, &stop, &acked) }()
		}
		// Let the load get going (a busy machine, a race build, may take
		// seconds to answer the first grade), then run a little longer.
		for deadline := time.Now().Add(20 * time.Second); acked.Load() < clients && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(150 * time.Millisecond)
		// Kill mid-flight: acknowledged reviews must be on disk already.
		stop.Store(true)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		wg.Wait()
		total += acked.Load()

		store, err := db.Open(context.Background(), dbPath)
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		ctx := context.Background()
		if ok, err := store.IntegrityCheck(ctx); err != nil || ok != "ok" {
			t.Fatalf("round %d: integrity_check = %q, %v", round, ok, err)
		}
		stored, dup, err := store.ReviewAudit(ctx)
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: %d reviews acknowledged so far, %d stored", round, total, stored)
		// Each client may have had one review committed but not yet
		// acknowledged when the process died.
		if stored < total || stored > total+int64(clients*round) {
			t.Fatalf("round %d: %d reviews stored; %d were acknowledged", round, stored, total)
		}
		if dup != 0 {
			t.Fatalf("round %d: %d cards whose version disagrees with their reviews: a review applied twice", round, dup)
		}
		if acked.Load() == 0 {
			t.Fatalf("round %d: no review was acknowledged; the load did not run", round)
		}
	}
}
