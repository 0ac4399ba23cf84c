package backchanneltest

import (
	"net/netip"
	"testing"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/backchannel"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/jobs/jobstest"
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
	jobstest.Start(t, st, workers)
}
