package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat: USER_HZ,
// which is 100 on every Linux that Go supports.
const clockTick = 10 * time.Millisecond

// processCPU is the user and system CPU time process pid has used, from
// /proc/PID/stat (fields 14 and 15; the command name in field 2 may hold
// spaces, so fields are counted from its closing parenthesis).
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * clockTick
}

// machineBusy is the CPU time all processes have used, from the first line
// of /proc/stat (user, nice, system, irq, softirq and steal; not idle or
// I/O wait).
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		n, _ := strconv.ParseInt(f[i], 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * clockTick
}

// procStatus reads a "kB" field such as VmRSS or VmHWM from
// /proc/PID/status, in bytes.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// rssWatch samples a process's resident set every 20 ms and keeps the
// largest seen.
type rssWatch struct {
	mu   sync.Mutex
	peak int64
	quit chan struct{}
	done chan struct{}
}

func watchRSS(pid int) *rssWatch {
	w := &rssWatch{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			rss := procStatus(pid, "VmRSS")
			w.mu.Lock()
			w.peak = max(w.peak, rss)
			w.mu.Unlock()
			select {
			case <-w.quit:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *rssWatch) reset() {
	w.mu.Lock()
	w.peak = 0
	w.mu.Unlock()
}

// stop ends the sampling and returns the peak.
func (w *rssWatch) stop() int64 {
	close(w.quit)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.peak
}

// waitQuiet waits, up to limit, until the machine has been nearly idle
// (under a tenth of a core busy) for half a second, so that other work on a
// shared machine does not disturb the next measurement. It reports whether
// the machine went quiet.
func waitQuiet(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for {
		b0, t0 := machineBusy(), time.Now()
		time.Sleep(500 * time.Millisecond)
		if (machineBusy()-b0).Seconds()/time.Since(t0).Seconds() < 0.1 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// fsType names the file system dir is on, as far as the bench cares.
func fsType(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "unknown file system"
	}
	switch uint32(st.Type) {
	case 0xEF53:
		return "ext4"
	case 0x58465342:
		return "xfs"
	case 0x9123683E:
		return "btrfs"
	case 0x01021994:
		return "tmpfs (in memory: fsync costs nothing, so the SQLite figures are not a disk's)"
	case 0x794C7630:
		return "overlayfs"
	}
	return "file system 0x" + strconv.FormatUint(uint64(st.Type), 16)
}
