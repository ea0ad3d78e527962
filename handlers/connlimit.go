package handlers

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// Listener wraps the server's listener so that one address holds at most
// MaxConnsPerAddress connections at once; a connection over the cap is
// answered 429 and closed. fasthttp's own MaxConnsPerIP is not used: in the
// version Fiber v2 brings, shutting down closes a counted connection twice,
// which counts it out twice and hands its record to the pool twice (the
// race detector found it). This one counts IPv6 addresses too.
func Listener(ln net.Listener) net.Listener {
	return &capListener{Listener: ln, max: MaxConnsPerAddress, open: map[netip.Addr]int{}}
}

type capListener struct {
	net.Listener
	max  int
	mu   sync.Mutex
	open map[netip.Addr]int
}

// tooManyConns is what a connection over the cap is sent before it is closed.
const tooManyConns = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 10\r\nConnection: close\r\nContent-Length: 52\r\n\r\nToo many connections from your address. Try again.\r\n"

func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		addr := remoteAddr(c)
		l.mu.Lock()
		if l.open[addr] >= l.max {
			l.mu.Unlock()
			go refuse(c)
			continue
		}
		l.open[addr]++
		l.mu.Unlock()
		return &capConn{Conn: c, release: func() { l.release(addr) }}, nil
	}
}

func (l *capListener) release(addr netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[addr]--; l.open[addr] <= 0 {
		delete(l.open, addr)
	}
}

// refuse answers a connection over the cap without waiting on it long.
func refuse(c net.Conn) {
	c.SetDeadline(time.Now().Add(time.Second))
	c.Write([]byte(tooManyConns))
	c.Close()
}

func remoteAddr(c net.Conn) netip.Addr {
	if ap, err := netip.ParseAddrPort(c.RemoteAddr().String()); err == nil {
		return ap.Addr().Unmap()
	}
	return netip.Addr{} // not TCP: all such connections count together
}

// capConn counts itself out once, however often it is closed.
type capConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *capConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
