package egress_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/provisiond/provisiond/egress"
)

// rebinding answers a public address to its first lookup of each name and
// the loopback address afterwards, as a DNS server set up for rebinding does.
type rebinding struct {
	mu   sync.Mutex
	seen map[string]int
}

func (r *rebinding) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]int{}
	}
	r.seen[host]++
	if r.seen[host] == 1 {
		return []netip.Addr{netip.MustParseAddr("93.184.215.14")}, nil
	}
	return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
}

// countingServer is a local server that counts the requests it gets.
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if h != nil {
			h(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestDialRefusesARebindingName(t *testing.T) {
	srv, hits := countingServer(t, nil)
	port := srv.Listener.Addr().(interface{ AddrPort() netip.AddrPort }).AddrPort().Port()
	target := "http://rebind.test:" + itoa(port) + "/hook"
	for _, tc := range []struct {
		name  string
		allow []netip.Prefix
		want  error
	}{
		{"refused", nil, egress.ErrRefused},
		// The same lookups with loopback allowed reach the server: the
		// refusal above is the policy, not a broken test setup.
		{"allowed", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := hits.Load()
			p := egress.Policy{Allow: tc.allow, Resolver: &rebinding{}}
			if err := p.CheckHost(context.Background(), "rebind.test"); err != nil {
				t.Fatalf("the first lookup is public: %v", err)
			}
			resp, err := p.HTTPClient(5 * time.Second).Get(target)
			if resp != nil {
				resp.Body.Close()
			}
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("get: %v, want %v", err, tc.want)
			}
			got := hits.Load() - before
			if (tc.want != nil && got != 0) || (tc.want == nil && got != 1) {
				t.Errorf("the server got %d requests", got)
			}
		})
	}
}

func TestHTTPClientFollowsNoRedirect(t *testing.T) {
	inside, insideHits := countingServer(t, nil)
	outside, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/secret", http.StatusFound)
	})
	p := egress.Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	resp, err := p.HTTPClient(5*time.Second).Post(outside.URL, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || insideHits.Load() != 0 {
		t.Errorf("status %d, redirect target got %d requests", resp.StatusCode, insideHits.Load())
	}
}

func TestHTTPClientRefusesLiteralInternalAddresses(t *testing.T) {
	srv, hits := countingServer(t, nil)
	u, _ := url.Parse(srv.URL)
	for _, host := range []string{u.Host, "[::ffff:127.0.0.1]:" + u.Port(), "localhost:" + u.Port()} {
		resp, err := (egress.Policy{}).HTTPClient(5 * time.Second).Get("http://" + host + "/")
		if resp != nil {
			resp.Body.Close()
		}
		if !errors.Is(err, egress.ErrRefused) {
			t.Errorf("%s: got %v, want a refusal", host, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the server got %d requests", hits.Load())
	}
}

func itoa(n uint16) string { return strconv.Itoa(int(n)) }
