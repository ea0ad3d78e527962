package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// bareEnv, when set to an address, makes this program serve the bare Fiber
// ceiling there instead of benchmarking.
const bareEnv = "SABAQ_BENCH_BARE_ADDR"

// serveBare is the ceiling for pages: a Fiber app with one handler that
// returns a short string, nothing else.
func serveBare(addr string) error {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app.Listen(addr)
}

// moduleRoot is the directory holding go.mod, so that the bench builds the
// server from wherever it is started.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run the bench from inside the sabaq module")
	}
	return filepath.Dir(mod), nil
}

// buildServer compiles ./cmd/sabaq into dir, as `make build` would.
func buildServer(dir string) (string, time.Duration, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", 0, err
	}
	bin := filepath.Join(dir, "sabaq")
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/sabaq")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", 0, fmt.Errorf("go build ./cmd/sabaq: %w", err)
	}
	return bin, time.Since(start), nil
}

// freeAddr finds a free loopback port.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// child is a server process started by the bench.
type child struct {
	cmd  *exec.Cmd
	addr string
	// coldStart is from exec to the first 200 answer on the ready path.
	coldStart time.Duration
	exited    chan struct{}
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// startChild runs bin with env on a free loopback port (given to it by
// addrEnv) and waits for 200 on readyPath. Its standard error, where the
// server logs each request, goes to logPath, as it would go to a file or
// the journal in production.
func startChild(bin string, args []string, env []string, addrEnv, readyPath, logPath string) (*child, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), env...), addrEnv+"="+addr)
	cmd.Stdout, cmd.Stderr = logf, logf
	// The child ends if the bench does, however it ends.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	exited := make(chan struct{})
	c := &child{cmd: cmd, addr: addr, exited: exited}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	go func() {
		cmd.Wait() //nolint:errcheck // an early exit is reported below
		logf.Close()
		close(exited)
	}()
	hc := &fasthttp.HostClient{Addr: addr, ReadTimeout: time.Second, WriteTimeout: time.Second}
	defer hc.CloseIdleConnections()
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + addr + readyPath)
	for {
		if err := hc.Do(req, resp); err == nil && resp.StatusCode() == fiber.StatusOK {
			c.coldStart = time.Since(start)
			break
		}
		select {
		case <-exited:
			tail, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("%s exited before answering: %s", filepath.Base(bin), lastLines(string(tail), 5))
		default:
		}
		if time.Since(start) > 60*time.Second {
			c.stop()
			return nil, fmt.Errorf("%s did not answer %s within a minute", filepath.Base(bin), readyPath)
		}
		time.Sleep(200 * time.Microsecond)
	}
	return c, nil
}

// stop ends the child gracefully (SIGTERM), or kills it after 15 seconds.
func (c *child) stop() {
	c.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited already
	select {
	case <-c.exited:
	case <-time.After(15 * time.Second):
		c.cmd.Process.Kill() //nolint:errcheck
		<-c.exited
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// startServer runs the real server on dbPath.
func startServer(bin, dbPath, logPath string) (*child, error) {
	return startChild(bin, nil, []string{"SABAQ_DB=" + dbPath}, "SABAQ_ADDR", "/healthz", logPath)
}

// startBare runs this program as the bare Fiber ceiling.
func startBare(logPath string) (*child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return startChild(self, nil, nil, bareEnv, "/", logPath)
}

func mb(b int64) string { return strconv.FormatFloat(float64(b)/(1<<20), 'f', 1, 64) + " MB" }
