package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs/jobstest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// receiver is an application endpoint: it verifies signatures, fails the
// first request of each event id listed in failFirst, and records the rest.
type receiver struct {
	mu        sync.Mutex
	secret    string
	failFirst map[string]bool // event type -> fail once
	got       []received
	bad       int
}

type received struct {
	Type, EventID, Account string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if webhook.Verify(rc.secret, r.Header.Get(webhook.SignatureHeader), body, 5*time.Minute, time.Now()) != nil {
		rc.bad++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var p struct {
		ID, Type string
		Data     struct{ Account struct{ ID string } }
	}
	json.Unmarshal(body, &p)
	if rc.failFirst[p.Type] {
		rc.failFirst[p.Type] = false
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	}
	rc.got = append(rc.got, received{p.Type, p.ID, p.Data.Account.ID})
	w.Write([]byte("ok"))
}

func (rc *receiver) events(account string) []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []string
	for _, g := range rc.got {
		if g.Account == account {
			out = append(out, g.Type)
		}
	}
	return out
}

// loopback lets tests reach their httptest servers on 127.0.0.1, which
// the default policy refuses (egress/doc.go): the operator's
// webhookAllowedNetworks, wired explicitly.
var loopback = egress.Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}

// testKeys are the secret keys of the package's tests.
func testKeys(t *testing.T) *secret.Keys {
	t.Helper()
	keys, err := secret.NewKeys(strings.Repeat("webhook-test-key-", 3))
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func startWorkers(t *testing.T, st *store.Store, keys *secret.Keys, reach egress.Policy) {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, &webhook.DeliveryWorker{Store: st, Keys: keys, Egress: reach, OrderWait: 20 * time.Millisecond})
	river.AddWorker(workers, &webhook.FanoutWorker{Store: st})
	jobstest.Start(t, st, workers)
}

func enqueue(t *testing.T, st *store.Store, ev webhook.Event) {
	t.Helper()
	if err := st.Tx(context.Background(), func(tx *store.Store) error { return webhook.Enqueue(context.Background(), tx, ev) }); err != nil {
		t.Fatal(err)
	}
}

func TestDeliverySignedRetriedInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		rc := &receiver{failFirst: map[string]bool{webhook.AccountCreated: true}}
		srv := httptest.NewServer(rc)
		t.Cleanup(srv.Close)
		u := srv.URL + "/hooks"
		ep, sec, err := webhook.Endpoints{Store: st, Keys: keys, Egress: loopback}.Create(ctx, "token:test", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
		if err != nil || !strings.HasPrefix(sec, webhook.SecretPrefix) {
			t.Fatalf("create endpoint: %v", err)
		}
		rc.secret = sec

		a := &store.Account{ID: store.NewID(), UserName: "ada", Status: store.StatusNotInvited, Active: true}
		b := &store.Account{ID: store.NewID(), UserName: "bob", Status: store.StatusNotInvited, Active: true}
		want := []string{webhook.AccountCreated, webhook.AccountInvited, webhook.AccountClaimed,
			webhook.AccountSuspended, webhook.AccountReactivated, webhook.AccountDeleted}
		for _, typ := range want { // enqueued before any worker runs: the retry must hold the rest back
			enqueue(t, st, webhook.AccountEvent(typ, a, "system"))
		}
		enqueue(t, st, webhook.AccountEvent(webhook.AccountClaimed, b, "system"))
		startWorkers(t, st, keys, loopback)

		jobstest.WaitFor(t, "every delivery", func() bool { return len(rc.events(a.ID)) == len(want) && len(rc.events(b.ID)) == 1 })
		if got := rc.events(a.ID); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("order: got %v, want %v", got, want)
		}
		ds, total, err := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EndpointID: ep.ID, Limit: 50})
		if err != nil || total != 7 {
			t.Fatalf("deliveries: %d, %v", total, err)
		}
		first := ds[len(ds)-1] // newest first
		if first.EventType != webhook.AccountCreated || first.Attempts != 2 || first.LastStatusCode != 200 ||
			first.LastResponse != "ok" || first.Status != store.WebhookDelivered {
			t.Errorf("retried delivery: %+v", first)
		}
		if rc.bad != 0 {
			t.Errorf("%d requests with a bad signature", rc.bad)
		}

		// Replay: the same event (same id) is delivered again.
		n, err := webhook.Replay(ctx, st, "token:test", first.ID)
		if err != nil || n.EventID != first.EventID {
			t.Fatalf("replay: %+v, %v", n, err)
		}
		jobstest.WaitFor(t, "the replay", func() bool { return len(rc.events(a.ID)) == len(want)+1 })
	})
}

// A dead endpoint never slows a change: Enqueue only writes rows.
func TestEnqueueDoesNotCallEndpoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		hang := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
		t.Cleanup(func() { close(hang); srv.Close() })
		u := srv.URL
		if _, _, err := (webhook.Endpoints{Store: st, Keys: keys, Egress: loopback}).Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{webhook.AccountCreated}}); err != nil {
			t.Fatal(err)
		}
		a := &store.Account{ID: store.NewID(), UserName: "ada"}
		start := time.Now()
		enqueue(t, st, webhook.AccountEvent(webhook.AccountCreated, a, "system"))
		enqueue(t, st, webhook.AccountEvent(webhook.AccountDeleted, a, "system")) // not subscribed
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Enqueue took %v", d)
		}
		_, total, _ := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{Limit: 10})
		if total != 1 {
			t.Errorf("%d deliveries, want 1 (only subscribed events)", total)
		}
	})
}

func TestEnqueueAccountIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		var ids []string
		for _, n := range []string{"ada", "bob", "cy"} {
			a := &store.Account{UserName: n, Active: true, Status: store.StatusInvited}
			if err := st.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		// A deleted account is still told about (read on its own), and an
		// unknown id fails the batch, as before the batched read.
		if err := st.MarkAccountDeleted(ctx, ids[2]); err != nil {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *store.Store) error {
			return webhook.EnqueueAccountIDs(ctx, tx, webhook.AccountInvited, "system", []string{store.NewID()})
		}); err != nil {
			t.Fatalf("no endpoint: an unknown id is not even read: %v", err)
		}
		run := func() int64 {
			if err := st.Tx(ctx, func(tx *store.Store) error {
				return webhook.EnqueueAccountIDs(ctx, tx, webhook.AccountInvited, "system", ids)
			}); err != nil {
				t.Fatal(err)
			}
			_, n, _ := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountInvited, Limit: 10})
			return n
		}
		if n := run(); n != 0 {
			t.Fatalf("%d deliveries without an endpoint", n)
		}
		u := "https://app.example.com/h"
		if _, _, err := (webhook.Endpoints{Store: st, Keys: keys}).Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}}); err != nil {
			t.Fatal(err)
		}
		if n := run(); n != 3 {
			t.Fatalf("%d deliveries, want 3", n)
		}
		err := st.Tx(ctx, func(tx *store.Store) error {
			return webhook.EnqueueAccountIDs(ctx, tx, webhook.AccountInvited, "system", []string{ids[0], store.NewID()})
		})
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("an unknown id: %v, want not found", err)
		}
		if _, n, _ := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountInvited, Limit: 10}); n != 3 {
			t.Fatalf("the failed batch left %d deliveries, want the 3 before", n)
		}
	})
}
