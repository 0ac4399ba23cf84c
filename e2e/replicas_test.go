package e2e

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestReplicasCreateOnce starts three replicas on one database and creates
// users concurrently through all of them, with IdP-style retries: some
// requests are sent twice at once to two replicas (a retry after a client
// timeout while the first is still running), some again after success (the
// answer was lost). Each user must end as one account with one invitation
// and one mail; the workers must be woken by NOTIFY (LISTEN connections),
// and the periodic maintenance job must run once per tick, not per replica.
func TestReplicasCreateOnce(t *testing.T) {
	const users, parallel = 300, 24
	c := newCluster(t, nil)
	c.env["PROVISIOND_MAINTENANCE_EVERY"] = "2s"
	token := c.integration("okta", true)
	started := time.Now()
	rs := c.startReplicas(3)
	cl := newSCIMClient(token, rs)

	statuses := make([][]int, users)
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	for n := range users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var mu sync.Mutex
			record := func(seen []int) { mu.Lock(); statuses[n] = append(statuses[n], seen...); mu.Unlock() }
			var inner sync.WaitGroup
			if n%3 == 0 { // the same request on another replica, at the same time
				inner.Add(1)
				go func() { defer inner.Done(); _, seen := cl.createUser(n, n+1); record(seen) }()
			}
			_, seen := cl.createUser(n, n)
			record(seen)
			if n%5 == 0 { // resent after success on yet another replica
				_, seen := cl.createUser(n, n+2)
				record(seen)
			}
			inner.Wait()
		}()
	}
	wg.Wait()
	conflicts := 0
	for n, seen := range statuses {
		conflicts += count(seen, http.StatusConflict)
		if count(seen, http.StatusCreated) != 1 {
			t.Errorf("user %d: statuses %v, want exactly one 201 (the rest 409)", n, seen)
		}
	}
	c.checkOnce(t, users)
	c.checkMailOnce(t, users)
	listening := c.count(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'listen%'`)
	t.Logf("%d users, %d answered 409 to a repeated create, %d LISTEN connections, %d mails",
		users, conflicts, listening, len(c.mail.Messages()))
	if n := listening; n < len(rs) {
		t.Errorf("%d connections LISTEN, want at least one per replica (%d)", n, len(rs))
	}
	// The first run waits for River to elect a leader among the replicas,
	// which can take several seconds: poll for it, then bound the count.
	const maintenanceRuns = `SELECT count(*) FROM river_job WHERE kind = 'invitation_maintenance'`
	for deadline := time.Now().Add(30 * time.Second); c.count(maintenanceRuns) < 1 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
	ticks := int(time.Since(started)/(2*time.Second)) + 2
	if n := c.count(maintenanceRuns); n < 1 || n > ticks {
		t.Errorf("maintenance ran %d times in %v, want 1..%d (once per 2 s tick, not per replica)", n, time.Since(started), ticks)
	}
}

// checkOnce asserts want live accounts, none sharing a userName, each with
// exactly one invitation.
func (c *cluster) checkOnce(t *testing.T, want int) {
	t.Helper()
	if n := c.count(`SELECT count(*) FROM accounts WHERE status <> 'deleted'`); n != want {
		t.Errorf("%d accounts, want %d", n, want)
	}
	if n := c.count(`SELECT count(*) FROM (SELECT lower(user_name) FROM accounts GROUP BY 1 HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d userNames have more than one account", n)
	}
	if n := c.count(`SELECT count(*) FROM invitations`); n != want {
		t.Errorf("%d invitations, want %d", n, want)
	}
	if n := c.count(`SELECT count(*) FROM accounts a WHERE (SELECT count(*) FROM invitations i WHERE i.account_id = a.id) <> 1`); n != 0 {
		t.Errorf("%d accounts do not have exactly one invitation", n)
	}
}

func count(xs []int, x int) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}
