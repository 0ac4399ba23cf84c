// Package clientip says who the client of a request is, for throttling
// (claim codes, sign-in, console login). Without trusted proxies that is the
// connection's address: X-Forwarded-For is the client's to forge. Behind a
// load balancer, the admin lists the proxies' networks (trustedProxies) and
// the client is the right-most X-Forwarded-For address that is not one of
// them. IPv6 addresses are cut to the /64 a single host usually controls.
//
// clientip must not be used for anything but keys: it never authorises.
package clientip

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/provisiond/provisiond/egress"
)

// Resolver names clients; the zero value trusts no proxy.
type Resolver struct {
	trusted []netip.Prefix
}

// Parse builds a Resolver from comma-separated CIDRs or addresses, e.g.
// "10.0.0.0/8, 192.168.1.10" (the same list syntax as the webhooks'
// allowed networks, egress.ParseNetworks). It reports every bad entry at once.
func Parse(list string) (Resolver, error) {
	nets, err := egress.ParseNetworks(list)
	if err != nil {
		return Resolver{}, err
	}
	return Resolver{trusted: nets}, nil
}

// Key returns the client's throttling key.
func (r Resolver) Key(req *http.Request) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		host = req.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if r.isTrusted(ip) {
		hops := strings.Split(strings.Join(req.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop := net.ParseIP(strings.TrimSpace(hops[i]))
			if hop == nil {
				break // a malformed hop: stop at the last address we can vouch for
			}
			ip = hop
			if !r.isTrusted(hop) {
				break
			}
		}
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}

func (r Resolver) isTrusted(ip net.IP) bool {
	a, ok := netip.AddrFromSlice(ip)
	if !ok {
		return false
	}
	a = a.Unmap()
	for _, n := range r.trusted {
		if n.Contains(a) {
			return true
		}
	}
	return false
}
