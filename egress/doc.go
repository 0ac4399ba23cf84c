// Package egress decides which addresses provisiond's own outbound HTTP
// requests may reach when an admin chose the URL (webhook endpoints), so
// that the server cannot be turned against the network it runs in (SSRF):
// its loopback, link-local addresses such as a cloud's metadata service at
// 169.254.169.254, private and shared (CGNAT) networks, unspecified,
// multicast and reserved addresses, in IPv4, IPv6 and the IPv6 forms that
// carry an IPv4 address (mapped, compatible, NAT64, 6to4). The operator may
// allow chosen networks (Policy.Allow, from webhookAllowedNetworks).
//
// The check happens twice:
//
//	admin saves a URL ──Policy.CheckHost──> the host (literal or every
//	  address it resolves to now) must be permitted: a clear refusal
//	delivery ──Policy.DialContext──> resolves the host again, refuses if
//	  any answer is not permitted, dials the checked address itself (never
//	  the name again), and a net.Dialer Control hook checks the socket's
//	  address once more
//
// so a name that resolved to a public address when saved and to 127.0.0.1
// at delivery (DNS rebinding) is refused at the second check. Clients
// built here follow no redirects (a 3xx is the endpoint's answer) and use
// no proxy from the environment (it would connect on our behalf, unchecked).
//
// egress must not log or return the bodies it fetches; it only dials.
package egress
