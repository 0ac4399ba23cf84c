package webhook_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/jobs/jobstest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// TestBulkEnqueueFansOut: the events of a bulk change (150 accounts
// invited in one transaction) leave one fan-out job in the bulk queue and
// no delivery job; a later event of one of those accounts, enqueued alone,
// gets its delivery job at once. Once workers run, every event arrives
// exactly once, signed, and the later event after its account's first; the
// fan-out's jobs ran in the events queue, away from the mails.
func TestBulkEnqueueFansOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		rc := &receiver{}
		srv := httptest.NewServer(rc)
		t.Cleanup(srv.Close)
		u := srv.URL + "/hooks"
		_, sec, err := webhook.Endpoints{Store: st, Keys: keys, Egress: loopback}.Create(ctx, "token:test", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
		if err != nil {
			t.Fatal(err)
		}
		rc.secret = sec
		const n = 150
		accts := make([]*store.Account, n)
		evs := make([]webhook.Event, n)
		for i := range accts {
			accts[i] = &store.Account{ID: store.NewID(), UserName: "bulk" + string(rune('a'+i%26)), Status: store.StatusInvited, Active: true}
			evs[i] = webhook.AccountEvent(webhook.AccountInvited, accts[i], "admin:ada")
		}
		if err := st.Tx(ctx, func(tx *store.Store) error { return webhook.EnqueueAll(ctx, tx, evs) }); err != nil {
			t.Fatal(err)
		}
		if bulk, _ := st.AvailableJobs(ctx, jobs.QueueBulk, 10); bulk != 1 {
			t.Fatalf("%d jobs in the bulk queue, want the one fan-out", bulk)
		}
		if direct, _ := st.AvailableJobs(ctx, river.QueueDefault, 10); direct != 0 {
			t.Fatalf("%d delivery jobs before the fan-out ran, want 0", direct)
		}
		enqueue(t, st, webhook.AccountEvent(webhook.AccountClaimed, accts[0], "system"))
		if direct, _ := st.AvailableJobs(ctx, river.QueueDefault, 10); direct != 1 {
			t.Fatalf("a single event: %d delivery jobs, want 1 at once", direct)
		}
		if mine, _ := st.AvailableJobsOfKind(ctx, river.QueueDefault, webhook.DeliveryArgs{}.Kind(), 10); mine != 1 {
			t.Fatalf("%d webhook delivery jobs counted by kind, want 1", mine)
		}
		if other, _ := st.AvailableJobsOfKind(ctx, river.QueueDefault, "invitation_delivery", 10); other != 0 {
			t.Fatalf("%d invitation delivery jobs counted, want 0", other)
		}
		startWorkers(t, st, keys, loopback)
		jobstest.WaitFor(t, "every delivery", func() bool {
			rc.mu.Lock()
			defer rc.mu.Unlock()
			return len(rc.got) >= n+1
		})
		rc.mu.Lock()
		defer rc.mu.Unlock()
		seen := map[string]int{}
		for _, g := range rc.got {
			seen[g.EventID]++
		}
		if len(rc.got) != n+1 || len(seen) != n+1 || rc.bad != 0 {
			t.Fatalf("%d deliveries of %d events (%d badly signed), want %d once each", len(rc.got), len(seen), rc.bad, n+1)
		}
		var first []string
		for _, g := range rc.got {
			if g.Account == accts[0].ID {
				first = append(first, g.Type)
			}
		}
		if got := strings.Join(first, ","); got != webhook.AccountInvited+","+webhook.AccountClaimed {
			t.Fatalf("events of the first account in the order %s, want invited then claimed", got)
		}
		// The bulk change's jobs ran in the events queue; the single one in the default queue.
		var events, other int
		if err := st.DB().QueryRowContext(ctx, "SELECT count(CASE WHEN queue = 'events' THEN 1 END), count(CASE WHEN queue = 'default' THEN 1 END) FROM river_job WHERE kind = 'webhook_delivery'").Scan(&events, &other); err != nil {
			t.Fatal(err)
		}
		if events != n || other != 1 {
			t.Fatalf("delivery jobs: %d in the events queue and %d in the default one, want %d and 1", events, other, n)
		}
	})
}
