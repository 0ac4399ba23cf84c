package egress_test

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/egress"
)

func TestPermitsRefusesInternalAddresses(t *testing.T) {
	refused := []string{
		"127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3",
		"10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
		"169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254",
		"192.0.0.8", "198.18.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
		"::", "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
		"fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2001:0:4136:e378::1",
		"100::1", "2001:db8::1", "64:ff9b:1::1", "4000::1",
	}
	var p egress.Policy
	for _, s := range refused {
		err := p.Permits(netip.MustParseAddr(s))
		var re *egress.RefusedError
		if !errors.As(err, &re) || !errors.Is(err, egress.ErrRefused) || re.Reason == "" {
			t.Errorf("%s: got %v, want a refusal", s, err)
		}
	}
	permitted := []string{"93.184.215.14", "8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1",
		"2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"}
	for _, s := range permitted {
		if err := p.Permits(netip.MustParseAddr(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

func TestPermitsWhatTheOperatorAllows(t *testing.T) {
	allow, err := egress.ParseNetworks("10.20.0.0/16, 127.0.0.1, ::ffff:192.168.7.0/120")
	if err != nil {
		t.Fatal(err)
	}
	p := egress.Policy{Allow: allow}
	for _, s := range []string{"10.20.1.2", "127.0.0.1", "::ffff:127.0.0.1", "192.168.7.9"} {
		if err := p.Permits(netip.MustParseAddr(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"10.21.0.1", "127.0.0.2", "169.254.169.254", "192.168.8.1"} {
		if err := p.Permits(netip.MustParseAddr(s)); err == nil {
			t.Errorf("%s permitted outside the allowed networks", s)
		}
	}
	if _, err := egress.ParseNetworks("10.0.0.0/8, nonsense, 1.2.3.4/99"); err == nil ||
		!strings.Contains(err.Error(), "nonsense") || !strings.Contains(err.Error(), "1.2.3.4/99") {
		t.Errorf("bad entries: %v", err)
	}
}

// answers is a Resolver whose answers the test sets.
type answers map[string][]netip.Addr

func (a answers) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if ips, ok := a[host]; ok {
		return ips, nil
	}
	return nil, errors.New("no such host")
}

func TestCheckHost(t *testing.T) {
	p := egress.Policy{Resolver: answers{
		"public.test":   {netip.MustParseAddr("93.184.215.14")},
		"mixed.test":    {netip.MustParseAddr("93.184.215.14"), netip.MustParseAddr("10.0.0.5")},
		"metadata.test": {netip.MustParseAddr("169.254.169.254")},
	}}
	ctx := context.Background()
	if err := p.CheckHost(ctx, "public.test"); err != nil {
		t.Errorf("public: %v", err)
	}
	for _, h := range []string{"mixed.test", "metadata.test", "127.0.0.1", "[::1]", "[::ffff:7f00:1]"} {
		err := p.CheckHost(ctx, h)
		if !errors.Is(err, egress.ErrRefused) {
			t.Errorf("%s: got %v, want a refusal", h, err)
		}
	}
	err := p.CheckHost(ctx, "metadata.test")
	if err == nil || !strings.Contains(err.Error(), "metadata.test resolves to 169.254.169.254") {
		t.Errorf("refusal text: %v", err)
	}
	if err := p.CheckHost(ctx, "unknown.test"); err == nil || errors.Is(err, egress.ErrRefused) {
		t.Errorf("unresolvable: got %v, want a lookup error that is not a refusal", err)
	}
}
