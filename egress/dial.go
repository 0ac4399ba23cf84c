package egress

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"syscall"
	"time"
)

// DialContext connects to address (host:port) only through permitted
// addresses: it resolves host once, refuses the connection when any answer
// is not permitted, and dials the checked addresses themselves, so that a
// second lookup cannot answer differently (DNS rebinding). It has
// http.Transport.DialContext's signature.
func (p Policy) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portText, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("egress: dial %s: %w", address, err)
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("egress: dial %s: bad port", address)
	}
	ips, err := p.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	if err := p.permitsAll(host, ips); err != nil {
		return nil, err
	}
	d := net.Dialer{Control: p.control}
	var errs []error
	for _, ip := range ips {
		c, err := d.DialContext(ctx, network, netip.AddrPortFrom(ip.Unmap(), uint16(port)).String())
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// control checks the address the socket is about to connect to: the last
// word, whatever resolved it.
func (p Policy) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("egress: unexpected socket address %q", address)
	}
	return p.Permits(ap.Addr())
}

// HTTPClient returns a client that connects through DialContext, uses no
// proxy from the environment and follows no redirects (a 3xx answer is the
// endpoint's response, never a request to another URL).
func (p Policy) HTTPClient(timeout time.Duration) *http.Client {
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           p.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Timeout: timeout, Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (p Policy) resolver() Resolver {
	if p.Resolver != nil {
		return p.Resolver
	}
	return net.DefaultResolver
}
