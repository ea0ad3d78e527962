package handlers_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sabaq/handlers"
)

// listen serves the harness's app on a loopback port, as the server does.
func listen(t *testing.T, h *harness) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(handlers.Listener(ln))
	t.Cleanup(func() { h.app.Shutdown() })
	return ln.Addr().String()
}

// peakHeap samples the heap in use until stop is closed, and returns the
// highest figure.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

func TestBodyLimit_300ConnectionsSending6MBAreRefusedAndHoldLittleMemory(t *testing.T) {
	h := newHarness(t)
	addr := listen(t, h)
	const conns, size = 300, 6 << 20
	chunk := make([]byte, 64<<10) // shared by every sender: the client's memory stays small
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := make(chan struct{})
	peak := peakHeap(stop)

	var refused, closed, other atomic.Int64
	var sent atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.DialTimeout("tcp4", addr, 10*time.Second)
			if err != nil {
				closed.Add(1)
				return
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			<-start
			chunked := i%2 == 1 // half announce their size, half send chunks
			if chunked {
				fmt.Fprintf(conn, "POST /nothing HTTP/1.1\r\nHost: sabaq\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
			} else {
				fmt.Fprintf(conn, "POST /nothing HTTP/1.1\r\nHost: sabaq\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", size)
			}
			go func() { // send the body until the server stops taking it
				for n := 0; n < size; n += len(chunk) {
					if chunked {
						if _, err := fmt.Fprintf(conn, "%x\r\n", len(chunk)); err != nil {
							return
						}
					}
					if _, err := conn.Write(chunk); err != nil {
						return
					}
					if chunked {
						io.WriteString(conn, "\r\n")
					}
					sent.Add(int64(len(chunk)))
				}
			}()
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			switch {
			case err != nil:
				closed.Add(1)
			case res.StatusCode == http.StatusRequestEntityTooLarge:
				refused.Add(1)
				res.Body.Close()
			default:
				other.Add(1)
				t.Errorf("a 6 MB body to /nothing: %d", res.StatusCode)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(stop)
	used := int64(<-peak) - int64(base.HeapInuse)
	t.Logf("%d connections: %d refused (413), %d closed, %d other; %.1f MB sent in all (socket buffers take some); heap in use at most %.1f MB above the %.1f MB before",
		conns, refused.Load(), closed.Load(), other.Load(), float64(sent.Load())/(1<<20), float64(used)/(1<<20), float64(base.HeapInuse)/(1<<20))
	if used > 200<<20 {
		t.Errorf("the heap grew by %d MB; want under 200 MB", used>>20)
	}
	if refused.Load() == 0 {
		t.Error("no connection saw a 413")
	}
	// The server still answers.
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

func TestBodyLimit_UploadsOver64KiBOnlyFromATeacher(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "khan")
	student := h.client()
	signup(t, student, "zara", "a long password")
	anonymous := h.client()
	anonymous.get("/")
	addr := listen(t, h)
	// A 1 MB import: a teacher's is read (and the preview shown), anyone
	// else's refused from its headers.
	post := func(c *client, path string) int {
		t.Helper()
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		w.WriteField("_csrf", c.token())
		w.WriteField("format", "csv")
		w.WriteField("title", "Big")
		fw, _ := w.CreateFormFile("file", "big.csv")
		fw.Write([]byte("question,answer\n"))
		for b.Len() < 1<<20 {
			fmt.Fprintf(fw, "Who hosted the talks in Tashkent, in January 1966?,Kosygin\n")
		}
		w.Close()
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, &b)
		req.Header.Set("Content-Type", w.FormDataContentType())
		for k, v := range c.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0 // the server closed the connection while the body was sent
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(teacher, "/teach/import"); got != http.StatusOK {
		t.Errorf("a teacher's 1 MB import: %d; want 200 (the preview)", got)
	}
	for name, c := range map[string]*client{"a student": student, "an anonymous learner": anonymous} {
		for _, path := range []string{"/teach/import", "/teach/sets/1/import", "/teach/sets/1/items/new", "/teach/sets/1/items/1/edit", "/nothing"} {
			if got := post(c, path); got != http.StatusRequestEntityTooLarge && got != 0 {
				t.Errorf("%s's 1 MB POST %s: %d; want 413", name, path, got)
			}
		}
	}
	// A teacher's, over MaxUpload, is refused before a byte of it is read:
	// only the headers are sent.
	conn, err := net.Dial("tcp4", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /teach/import HTTP/1.1\r\nHost: sabaq\r\nCookie: sabaq_session=%s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n",
		teacher.cookies["sabaq_session"], handlers.MaxUpload+1)
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a teacher's import over MaxUpload: %d; want 413", res.StatusCode)
	}
}

func TestBodyLimit_ConnectionsPerAddressAreCapped(t *testing.T) {
	h := newHarness(t)
	addr := listen(t, h)
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range handlers.MaxConnsPerAddress {
		c, err := net.Dial("tcp4", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// The server counts a connection once it accepts it: give it a moment.
	var status string
	for range 50 {
		c, err := net.Dial("tcp4", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(2 * time.Second))
		b, _ := io.ReadAll(c)
		c.Close()
		if status = string(b); strings.Contains(status, "429") {
			// Closing one makes room for another.
			conns[0].Close()
			conns = conns[1:]
			for range 50 {
				c, err := net.Dial("tcp4", addr)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: sabaq\r\nConnection: close\r\n\r\n")
				c.SetDeadline(time.Now().Add(2 * time.Second))
				b, _ := io.ReadAll(c)
				c.Close()
				if strings.Contains(string(b), "200 OK") {
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Error("no room after a connection closed")
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("connection %d from one address: %q; want 429", handlers.MaxConnsPerAddress+1, status)
}

// postOver posts a form with the client's CSRF token and cookies over a
// real connection to addr (see listen), and returns the status: the server
// refuses a body over its limit while reading it, which app.Test reports
// as an error rather than the 413 a browser sees. 0 means the connection
// closed before an answer.
func (c *client) postOver(addr, path string, form url.Values) int {
	c.h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(with(c.token(), form).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}
