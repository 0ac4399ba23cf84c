package e2e

import (
	"net/url"
	"strconv"
	"testing"
	"time"
)

// TestReplicaKilledDuringLDAPSync SIGKILLs the replica running a scheduled
// LDAP sync in the middle of it. The run's lease frees within 2 minutes, a
// survivor runs the next tick, the sync converges (every person one
// account, none twice), the dead run is marked failed, and no two runs of
// the integration ever overlapped (one run per tick across replicas).
func TestReplicaKilledDuringLDAPSync(t *testing.T) {
	t.Parallel() // mostly waiting on River's rescuer or the LDAP lease
	const people = 3000
	dir := newLDAPDir(t, people)
	c := newCluster(t, nil)
	dir.integration(t, c, "directory", "1m") // the shortest interval allowed
	u, _ := url.Parse(dir.url)
	port, _ := strconv.Atoi(u.Port())
	rs := c.startReplicas(3)

	var victim *replica
	// The first tick is one interval after start. A run writes its 3,000
	// accounts in a few hundred milliseconds: look often to catch it.
	if !pollEvery(3*time.Minute, 5*time.Millisecond, func() bool {
		if c.count(`SELECT count(*) FROM accounts`) == 0 {
			return false
		}
		victim = connectedTo(rs, port)
		return victim != nil
	}) {
		t.Fatal("no replica was seen syncing (the directory may be too small to catch a run in progress)")
	}
	victim.kill()
	atKill := c.count(`SELECT count(*) FROM accounts`)
	var killedRun string
	c.db.QueryRow(`SELECT id FROM sync_runs WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`).Scan(&killedRun)

	// leaseTTL (2 min) plus a scheduler poll (10 s) plus the run itself.
	if !poll(4*time.Minute, func() bool {
		return c.count(`SELECT count(*) FROM sync_runs WHERE status = 'succeeded' AND id <> $1`, killedRun) > 0
	}) {
		t.Fatalf("no sync succeeded after replica %s was killed", victim.name)
	}
	t.Logf("killed replica %s during run %s at %d of %d accounts", victim.name, killedRun, atKill, people)
	if n := c.count(`SELECT count(*) FROM accounts WHERE status <> 'deleted'`); n != people {
		t.Errorf("%d accounts after the next sync, want %d", n, people)
	}
	if n := c.count(`SELECT count(*) FROM (SELECT external_id FROM accounts GROUP BY 1 HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d directory entries have more than one account", n)
	}
	if n := c.count(`SELECT count(*) FROM sync_runs WHERE id = $1 AND status = 'running'`, killedRun); n != 0 {
		t.Errorf("the killed run %s is still marked running", killedRun)
	}
	if n := c.count(`SELECT count(*) FROM sync_runs a JOIN sync_runs b ON a.id < b.id
		AND a.id <> $1 AND b.id <> $1
		AND a.started_at < coalesce(b.finished_at, now()) AND b.started_at < coalesce(a.finished_at, now())`, killedRun); n != 0 {
		t.Errorf("%d pairs of sync runs overlapped, want none (one run per tick)", n)
	}
}
