package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs/jobstest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// Saving an endpoint that is, or resolves to, an internal address is
// refused, at creation and on update; the operator's allowed networks are
// the exception.
func TestEndpointsRefuseInternalAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		dns := dnsAnswers{"metadata.test": "169.254.169.254", "intranet.test": "10.1.2.3", "public.test": "93.184.215.14"}
		eps := webhook.Endpoints{Store: st, Keys: keys, Egress: egress.Policy{Resolver: dns}}
		internal := []string{
			"http://127.0.0.1:8080/h", "http://localhost/h", "http://169.254.169.254/latest/meta-data/",
			"http://metadata.test/", "https://intranet.test/hooks", "http://[::1]/h", "http://[::ffff:127.0.0.1]/h",
			"http://[::ffff:a9fe:a9fe]/", "http://[fd00::1]/h", "http://[fe80::1%25eth0]/h", "http://0.0.0.0:8080/",
			"http://100.64.0.1/", "http://192.168.1.1/", "http://172.16.0.1/",
		}
		for _, u := range internal {
			_, _, err := eps.Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
			if !errors.Is(err, webhook.ErrInvalid) || !strings.Contains(err.Error(), "webhookAllowedNetworks") {
				t.Errorf("create %s: got %v, want a refusal", u, err)
			}
		}
		if es, _ := st.WebhookEndpoints(ctx); len(es) != 0 {
			t.Fatalf("%d endpoints saved", len(es))
		}

		good := "https://public.test/hooks"
		ep, _, err := eps.Create(ctx, "t", webhook.EndpointInput{URL: &good, Events: []string{"*"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range internal {
			if _, err := eps.Update(ctx, "t", ep.ID, webhook.EndpointInput{URL: &u}); !errors.Is(err, webhook.ErrInvalid) {
				t.Errorf("update to %s: got %v, want a refusal", u, err)
			}
		}
		if got, _ := st.WebhookEndpointByID(ctx, ep.ID); got.URL != good {
			t.Errorf("url changed to %s", got.URL)
		}

		eps.Egress.Allow, _ = egress.ParseNetworks("10.0.0.0/8, 127.0.0.1")
		for _, u := range []string{"https://intranet.test/hooks", "http://127.0.0.1:8080/h"} {
			if _, _, err := eps.Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}}); err != nil {
				t.Errorf("allowed %s: %v", u, err)
			}
		}
	})
}

// A name that resolved to a public address when the endpoint was saved and
// resolves to 127.0.0.1 at delivery (DNS rebinding) is not connected to:
// the attempt fails with the reason, the local server gets nothing.
func TestDeliveryRefusesRebinding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		srv, hits := countingServer(t)
		port := mustURL(t, srv.URL).Port()
		dns := &rebindingDNS{}
		u := "http://rebind.test:" + port + "/hooks"
		ep, _, err := webhook.Endpoints{Store: st, Keys: keys, Egress: egress.Policy{Resolver: dns}}.
			Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
		if err != nil {
			t.Fatalf("the name is public when saved: %v", err)
		}
		d := deliverFirst(t, st, keys, egress.Policy{Resolver: dns}, ep.ID)
		if d.Status == store.WebhookDelivered || !strings.Contains(d.LastError, "127.0.0.1, a loopback address") {
			t.Errorf("delivery %s, error %q", d.Status, d.LastError)
		}
		if hits.Load() != 0 {
			t.Errorf("the local server got %d requests", hits.Load())
		}
	})
}

// A redirect is the endpoint's answer, not a request to follow: the
// delivery fails with the 3xx and the redirect target gets nothing. The
// endpoint's response, NUL bytes and invalid UTF-8 included, is recorded
// (PostgreSQL refuses both in text).
func TestDeliveryFollowsNoRedirect(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		inner, innerHits := countingServer(t)
		outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", inner.URL+"/latest/meta-data/")
			w.WriteHeader(http.StatusTemporaryRedirect)
			w.Write([]byte("moved\x00\xff\xfe here"))
		}))
		t.Cleanup(outer.Close)
		u := outer.URL + "/hooks"
		ep, _, err := webhook.Endpoints{Store: st, Keys: keys, Egress: loopback}.Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
		if err != nil {
			t.Fatal(err)
		}
		d := deliverFirst(t, st, keys, loopback, ep.ID)
		if d.Status == store.WebhookDelivered || d.LastStatusCode != http.StatusTemporaryRedirect ||
			d.LastResponse != "moved\uFFFD here" || innerHits.Load() != 0 {
			t.Errorf("delivery %s %d %q; redirect target got %d requests", d.Status, d.LastStatusCode, d.LastResponse, innerHits.Load())
		}
	})
}

// countingServer is a test server that answers 200 and counts the
// requests it gets.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// deliverFirst enqueues one account.created event, starts the delivery
// workers with reach, and returns the endpoint's first attempted delivery.
func deliverFirst(t *testing.T, st *store.Store, keys *secret.Keys, reach egress.Policy, endpointID string) store.WebhookDelivery {
	t.Helper()
	enqueue(t, st, webhook.AccountEvent(webhook.AccountCreated, &store.Account{ID: store.NewID(), UserName: "ada"}, "system"))
	startWorkers(t, st, keys, reach)
	return firstAttempt(t, st, endpointID)
}

// firstAttempt waits for the endpoint's one delivery to be attempted.
func firstAttempt(t *testing.T, st *store.Store, endpointID string) store.WebhookDelivery {
	t.Helper()
	var d store.WebhookDelivery
	jobstest.WaitFor(t, "an attempt", func() bool {
		ds, _, _ := st.WebhookDeliveries(context.Background(), store.WebhookDeliveryQuery{EndpointID: endpointID, Limit: 1})
		if len(ds) == 1 && ds[0].Attempts > 0 {
			d = ds[0]
			return true
		}
		return false
	})
	return d
}

// dnsAnswers answers one address per name.
type dnsAnswers map[string]string

func (a dnsAnswers) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if ip, ok := a[host]; ok {
		return []netip.Addr{netip.MustParseAddr(ip)}, nil
	}
	if host == "localhost" {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	return nil, errors.New("no such host")
}

// rebindingDNS answers a public address to the first lookup, 127.0.0.1 after.
type rebindingDNS struct {
	mu sync.Mutex
	n  int
}

func (r *rebindingDNS) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if r.n == 1 {
		return []netip.Addr{netip.MustParseAddr("93.184.215.14")}, nil
	}
	return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
