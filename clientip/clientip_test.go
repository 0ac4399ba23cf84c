package clientip

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	behind, err := Parse("10.0.0.0/8, 192.168.1.10")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		r      Resolver
		remote string
		xff    string
		want   string
	}{
		{"direct", Resolver{}, "203.0.113.7:5555", "", "203.0.113.7"},
		{"forged header ignored without trusted proxies", Resolver{}, "203.0.113.7:5555", "198.51.100.1", "203.0.113.7"},
		{"forged header ignored from an untrusted peer", behind, "203.0.113.7:5555", "198.51.100.1", "203.0.113.7"},
		{"client behind the load balancer", behind, "10.1.2.3:5555", "198.51.100.1", "198.51.100.1"},
		{"client's own forged prefix is skipped", behind, "10.1.2.3:5555", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"chain of trusted proxies", behind, "10.1.2.3:5555", "198.51.100.1, 192.168.1.10, 10.9.9.9", "198.51.100.1"},
		{"malformed hop stops the walk", behind, "10.1.2.3:5555", "198.51.100.1, junk", "10.1.2.3"},
		{"ipv6 cut to /64", Resolver{}, "[2001:db8:1:2:3::4]:5555", "", "2001:db8:1:2::/64"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tc.remote
			if tc.xff != "" {
				req.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := tc.r.Key(req); got != tc.want {
				t.Fatalf("Key = %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := Parse("10.0.0.0/8, nope, 300.1.1.1"); err == nil || !strings.Contains(err.Error(), "nope") || !strings.Contains(err.Error(), "300.1.1.1") {
		t.Fatalf("bad entries: %v", err)
	}
}
