package backchanneltest

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/backchannel"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// Loopback lets tests reach their httptest servers on 127.0.0.1, which the
// default policy refuses (egress/doc.go): the operator's
// webhookAllowedNetworks, wired explicitly.
var Loopback = egress.Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}

// StartWorker runs the logout worker over st with fast retries until the
// test ends; it may reach loopback addresses.
func StartWorker(t testing.TB, st *store.Store, signer backchannel.Signer) {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, &backchannel.Worker{Store: st, Signer: signer, Egress: Loopback})
	c, err := jobs.New(st, jobs.Config{Workers: workers, RetryPolicy: jobs.FastRetry{}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(c, 5*time.Second) })
}

// WaitFor polls cond until it holds, failing the test after 20 s.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
