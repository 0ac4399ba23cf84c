package egress

import "net/netip"

// addressRange is a block that is not the public internet, with the words
// that tell an admin why an address in it was refused.
type addressRange struct {
	prefix netip.Prefix
	reason string
	// embedded returns the IPv4 address an IPv6 form carries (NAT64,
	// 6to4): that address is what the packets reach, so it is classified.
	embedded func(netip.Addr) netip.Addr
}

func r(cidr, reason string) addressRange {
	return addressRange{prefix: netip.MustParsePrefix(cidr), reason: reason}
}

// IANA's special-purpose registries (RFC 6890 and successors), IPv4.
var ipv4Ranges = []addressRange{
	r("0.0.0.0/8", "an unspecified (this-network) address"),
	r("10.0.0.0/8", "a private address"),
	r("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
	r("127.0.0.0/8", "a loopback address"),
	r("169.254.0.0/16", "a link-local address (cloud metadata services live there)"),
	r("172.16.0.0/12", "a private address"),
	r("192.0.0.0/24", "an IETF protocol address"),
	r("192.0.2.0/24", "a documentation address"),
	r("192.88.99.0/24", "a 6to4 relay address"),
	r("192.168.0.0/16", "a private address"),
	r("198.18.0.0/15", "a benchmarking address"),
	r("198.51.100.0/24", "a documentation address"),
	r("203.0.113.0/24", "a documentation address"),
	r("224.0.0.0/4", "a multicast address"),
	r("240.0.0.0/4", "a reserved or broadcast address"),
}

// IPv6, most specific first. IPv4-mapped addresses (::ffff:a.b.c.d) are
// unmapped before they get here.
var ipv6Ranges = []addressRange{
	r("::/128", "an unspecified address"),
	r("::1/128", "a loopback address"),
	r("::/96", "an IPv4-compatible address (deprecated)"),
	{prefix: netip.MustParsePrefix("64:ff9b::/96"), reason: "a NAT64 address", embedded: last32},
	r("64:ff9b:1::/48", "a local NAT64 address"),
	r("100::/64", "a discard address"),
	r("2001::/32", "a Teredo address"),
	r("2001:db8::/32", "a documentation address"),
	{prefix: netip.MustParsePrefix("2002::/16"), reason: "a 6to4 address", embedded: sixToFour},
	r("fc00::/7", "a unique local (private) address"),
	r("fe80::/10", "a link-local address"),
	r("fec0::/10", "a site-local address (deprecated)"),
	r("ff00::/8", "a multicast address"),
}

// globalUnicast is IPv6's global unicast block; anything else is reserved.
var globalUnicast = netip.MustParsePrefix("2000::/3")

// classify returns why ip is not a public address, or "" when it is.
func classify(ip netip.Addr) string {
	if ip.Is4() {
		for _, rg := range ipv4Ranges {
			if rg.prefix.Contains(ip) {
				return rg.reason
			}
		}
		return ""
	}
	for _, rg := range ipv6Ranges {
		if !rg.prefix.Contains(ip) {
			continue
		}
		if rg.embedded == nil {
			return rg.reason
		}
		v4 := rg.embedded(ip)
		if why := classify(v4); why != "" {
			return why + " inside " + rg.reason + " (" + v4.String() + ")"
		}
		return ""
	}
	if !globalUnicast.Contains(ip) {
		return "a reserved IPv6 address"
	}
	return ""
}

// last32 is the IPv4 address in the low 32 bits (NAT64, RFC 6052).
func last32(ip netip.Addr) netip.Addr {
	b := ip.As16()
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
}

// sixToFour is the IPv4 address in bits 16-47 (2002:AABB:CCDD::, RFC 3056).
func sixToFour(ip netip.Addr) netip.Addr {
	b := ip.As16()
	return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
}
