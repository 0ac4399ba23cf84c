package directory_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// dbState is what a run must not change when it says it changed nothing.
type dbState struct {
	audit  int64
	status map[string]string
	cookie []byte
}

func snapshotDB(t *testing.T, s *store.Store, in *store.Integration) dbState {
	t.Helper()
	ctx := context.Background()
	_, n, _ := s.AuditEvents(ctx, store.AuditFilter{})
	st := dbState{audit: n, status: map[string]string{}}
	for _, name := range []string{"ann", "bob", "cat", "dan"} {
		if a, err := s.AccountByUserName(ctx, name); err == nil {
			st.status[name] = a.Status + "/" + a.Email
		}
	}
	fresh, _ := s.IntegrationByID(ctx, in.ID)
	st.cookie = fresh.SyncCookie
	return st
}

func sameDB(t *testing.T, what string, a, b dbState) {
	t.Helper()
	if a.audit != b.audit || len(a.status) != len(b.status) || !bytes.Equal(a.cookie, b.cookie) {
		t.Fatalf("%s changed the database: %+v -> %+v", what, a, b)
	}
	for k, v := range a.status {
		if b.status[k] != v {
			t.Fatalf("%s changed %s: %s -> %s", what, k, v, b.status[k])
		}
	}
}

// TestLDAPSafetyStopAndDryRun: a dry run and a safety stop write nothing but
// their sync_runs row; --force lets the stopped run through once.
func TestLDAPSafetyStopAndDryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := ldapAdmin(t)
		ou := ldaptest.Subtree(t, c)
		var dns []string
		for _, uid := range []string{"ann", "bob", "cat", "dan"} {
			dns = append(dns, ldaptest.AddPerson(t, c, ou, uid, nil))
		}
		svc := directory.New(account.New(s, &invitingPolicy{}, slog.New(slog.DiscardHandler)), nil, directory.AllowList{})
		in := ldapIntegration(t, s, ou, 10, false)
		y := syncer{t, svc, in}
		y.must()

		ldaptest.Replace(t, c, dns[0], "mail", "changed@example.org")
		before := snapshotDB(t, s, in)
		run, sum, err := y.run(func(o *directory.RunOptions) { o.DryRun = true })
		if err != nil || !sum.DryRun || sum.Updated != 1 || len(sum.Sample) != 1 || run.Status != store.SyncSucceeded || !run.DryRun {
			t.Fatalf("dry run: %+v %+v %v", sum, run, err)
		}
		sameDB(t, "dry run", before, snapshotDB(t, s, in))

		// Two of four leave: 50% > maxDeactivatePercent 10.
		for _, dn := range dns[2:] {
			if err := c.Del(ldap.NewDelRequest(dn, nil)); err != nil {
				t.Fatal(err)
			}
		}
		run, _, err = y.run()
		if !ldapsync.IsSafetyStop(err) || run.Status != store.SyncStopped || run.FinishedAt == nil {
			t.Fatalf("want a safety stop, got %v, run %+v", err, run)
		}
		sameDB(t, "safety stop", before, snapshotDB(t, s, in))
		// The breaker at its most sensitive would hold both deletions; a
		// forced run is an admin's decision, so it applies them.
		if err := s.SetIntegrationBreaker(context.Background(), in.ID, store.BreakerSettings{Enabled: true, Percent: 1, Min: 1, WindowSeconds: 3600}); err != nil {
			t.Fatal(err)
		}
		if sum := y.must(func(o *directory.RunOptions) { o.Force = true }); sum.Deleted != 2 || sum.Updated != 1 {
			t.Fatalf("forced: %+v", sum)
		}
		if held, n, err := s.HeldChanges(context.Background(), store.HeldQuery{IntegrationID: in.ID}); err != nil || n != 0 {
			t.Fatalf("a forced run's deletions were held: %d %+v %v", n, held, err)
		}

		// The directory down: a stop, nothing changed.
		bad := *in
		js := `{"url":"ldap://127.0.0.1:1","users":{"baseDN":"ou=people,` + ou + `"}}`
		bad.LDAPConfig = &js
		s.UpdateIntegration(context.Background(), in.ID, func(x *store.Integration) error { x.LDAPConfig = &js; return nil })
		before = snapshotDB(t, s, in)
		if run, _, err := (syncer{t, svc, &bad}).run(); !ldapsync.IsSafetyStop(err) || run.Status != store.SyncStopped {
			t.Fatalf("directory down: %v %+v", err, run)
		}
		sameDB(t, "directory down", before, snapshotDB(t, s, in))
	})
}

// TestScheduler: a scheduled integration runs one interval after start
// (not before), and two schedulers (replicas) run a due tick once.
func TestScheduler(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := ldapAdmin(t)
		ou := ldaptest.Subtree(t, c)
		ldaptest.AddPerson(t, c, ou, "ann", nil)
		in := ldapIntegration(t, s, ou, 10, false)
		s.UpdateIntegration(context.Background(), in.ID, func(x *store.Integration) error {
			js := (*x.LDAPConfig)[:len(*x.LDAPConfig)-1] + `,"interval":60000000000}`
			x.LDAPConfig = &js
			return nil
		})
		svc := directory.New(account.New(s, nil, slog.New(slog.DiscardHandler)), nil, directory.AllowList{})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{}, 2)
		for range 2 {
			sc := &directory.Scheduler{Service: svc, Poll: 20 * time.Millisecond}
			go func() { sc.Run(ctx); done <- struct{}{} }()
		}
		t.Cleanup(func() { cancel(); <-done; <-done })
		start := time.Now()
		var sched store.LDAPSchedule
		waitFor(t, func() bool {
			sched, _ = s.LDAPScheduleOf(context.Background(), in.ID)
			return sched.NextRunAt != nil
		})
		if d := sched.NextRunAt.Sub(start); d < 59*time.Second || d > 61*time.Second {
			t.Fatalf("first tick %s after start, want one interval", d)
		}
		if _, n, _ := s.SyncRuns(context.Background(), in.ID, 10, 0); n != 0 {
			t.Fatalf("%d runs before the first tick", n)
		}
		s.AdvanceLDAPTick(context.Background(), in.ID, time.Now().Add(-time.Second))
		var runs []store.SyncRun
		waitFor(t, func() bool {
			runs, _, _ = s.SyncRuns(context.Background(), in.ID, 10, 0)
			if len(runs) == 0 {
				// The second scheduler's first look may come after the
				// advance: it postpones the tick to one interval after its
				// start, as a replica starting later does. Force the tick
				// again, unless a scheduler has claimed it already.
				sc, _ := s.LDAPScheduleOf(context.Background(), in.ID)
				if sc.LeaseOwner == "" && sc.NextRunAt != nil && time.Until(*sc.NextRunAt) > 30*time.Second {
					s.AdvanceLDAPTick(context.Background(), in.ID, time.Now().Add(-time.Second))
				}
			}
			return len(runs) > 0 && runs[0].Status != store.SyncRunning
		})
		time.Sleep(100 * time.Millisecond) // five more polls of both schedulers: still one run
		runs, _, _ = s.SyncRuns(context.Background(), in.ID, 10, 0)
		if len(runs) != 1 || runs[0].Status != store.SyncSucceeded || runs[0].Trigger != "schedule" || runs[0].Mode != "full" {
			t.Fatalf("runs: %+v", runs)
		}
	})
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not met within 10s")
}

// TestLDAPUserNameTaken: an entry whose userName another account holds is
// skipped (logged) and the rest of the run proceeds; a full reconcile
// retries it (an incremental run does only when the entry changes).
func TestLDAPUserNameTaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := ldapAdmin(t)
		ou := ldaptest.Subtree(t, c)
		for _, uid := range []string{"ann", "bob"} {
			ldaptest.AddPerson(t, c, ou, uid, nil)
		}
		svc := directory.New(account.New(s, nil, slog.New(slog.DiscardHandler)), nil, directory.AllowList{})
		if _, err := svc.Accounts.Create(context.Background(), account.System, nil, &store.Account{UserName: "BOB", Active: true}); err != nil {
			t.Fatal(err)
		}
		y := syncer{t, svc, ldapIntegration(t, s, ou, 10, false)}
		for i, want := range []int{1, 0} { // an idle incremental run
			if sum := y.must(); sum.Created != want {
				t.Fatalf("run %d created %d, want %d", i, sum.Created, want)
			}
			if a := byName(t, s, "bob"); a.Origin != "admin" {
				t.Fatalf("bob taken over: %+v", a)
			}
		}
	})
}
