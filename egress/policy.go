package egress

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// ErrRefused is matched (errors.Is) by every *RefusedError.
var ErrRefused = errors.New("egress: address not allowed")

// RefusedError says which address was refused and why; its text is safe to
// show to the admin who chose the URL.
type RefusedError struct {
	Host   string // the name that resolved to IP; "" for a literal address
	IP     netip.Addr
	Reason string // e.g. "a loopback address"
}

func (e *RefusedError) Error() string {
	if e.Host != "" && e.Host != e.IP.String() {
		return fmt.Sprintf("%s resolves to %s, %s", e.Host, e.IP, e.Reason)
	}
	return fmt.Sprintf("%s is %s", e.IP, e.Reason)
}

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Resolver looks host names up; *net.Resolver is one. Tests inject their
// own answers here (DNS rebinding).
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Policy is what outbound connections may reach: every public address, and
// the networks in Allow. The zero value allows no internal address.
type Policy struct {
	Allow    []netip.Prefix
	Resolver Resolver // nil: net.DefaultResolver
}

// ParseNetworks reads comma-separated CIDRs or single addresses, e.g.
// "10.20.0.0/16, 127.0.0.1", reporting every bad entry at once.
func ParseNetworks(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	var bad []string
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			a, err := netip.ParseAddr(item)
			if err != nil {
				bad = append(bad, item)
				continue
			}
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			bad = append(bad, item)
			continue
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		out = append(out, p.Masked())
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("not a network or address: %s", strings.Join(bad, ", "))
	}
	return out, nil
}

// Permits returns nil when ip may be reached, else a *RefusedError.
func (p Policy) Permits(ip netip.Addr) error {
	ip = ip.WithZone("").Unmap()
	for _, n := range p.Allow {
		if n.Contains(ip) {
			return nil
		}
	}
	if why := classify(ip); why != "" {
		return &RefusedError{IP: ip, Reason: why}
	}
	return nil
}

// CheckHost checks a URL's host when an admin saves it: a literal address,
// or every address the name resolves to now. A name that does not resolve
// is not refused here (DialContext checks again at every connection); the
// lookup error is returned wrapped, not as a *RefusedError.
func (p Policy) CheckHost(ctx context.Context, host string) error {
	ips, err := p.resolve(ctx, host)
	if err != nil {
		return err
	}
	return p.permitsAll(host, ips)
}

func (p Policy) permitsAll(host string, ips []netip.Addr) error {
	for _, ip := range ips {
		if err := p.Permits(ip); err != nil {
			var re *RefusedError
			if errors.As(err, &re) {
				re.Host = host
			}
			return err
		}
	}
	return nil
}

// resolve returns host's addresses: itself when literal, else a lookup.
func (p Policy) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := p.resolver().LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, fmt.Errorf("egress: resolve %s: %w", host, err)
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("egress: resolve %s: no address", host)
	}
	return ips, nil
}
