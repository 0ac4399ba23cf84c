package directory

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/provisiond/provisiond/store"
)

// Scheduler runs the scheduled syncs of LDAP integrations inside serve.
// An integration whose config has an interval first runs one interval after
// the scheduler starts, then every interval; a full reconcile replaces the
// incremental run once FullEvery has passed since the last full one, to
// catch what incremental sync cannot see (timestamp fallback deletions).
//
// Once per tick across replicas: the tick lives in ldap_sync_schedule, and a
// replica runs it only if its single UPDATE claimed it (next_run_at due,
// lease free). River's periodic jobs were the alternative; a 100k-user sync
// can outlast River's job timeout and 2-minute stuck-job rescue (which would
// start a second copy), while the lease here is renewed as long as the run
// lives and freed within 2 minutes if its process dies.
type Scheduler struct {
	Service   *Service
	Poll      time.Duration // how often due ticks are looked for; default 10 s
	FullEvery time.Duration // periodic full reconcile; default 24 h
	Owner     string        // lease owner (this process); default a fresh id

	mu      sync.Mutex
	running map[string]bool
	wg      sync.WaitGroup
}

// Run schedules until ctx ends, then waits for the runs it started.
func (sc *Scheduler) Run(ctx context.Context) {
	if sc.Poll <= 0 {
		sc.Poll = 10 * time.Second
	}
	if sc.FullEvery <= 0 {
		sc.FullEvery = 24 * time.Hour
	}
	if sc.Owner == "" {
		sc.Owner = "serve-" + store.NewID()
	}
	sc.running = map[string]bool{}
	intervals := map[string]time.Duration{} // what this process last set up
	t := time.NewTicker(sc.Poll)
	defer t.Stop()
	defer sc.wg.Wait()
	for {
		sc.tick(ctx, intervals)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (sc *Scheduler) tick(ctx context.Context, intervals map[string]time.Duration) {
	st, log := sc.Service.Accounts.Store, sc.Service.Accounts.Log
	ins, err := st.Integrations(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("ldap scheduler: list integrations", "err", err)
		}
		return
	}
	for i := range ins {
		in := &ins[i]
		if in.Kind != "ldap" || in.Disabled {
			continue
		}
		cfg, err := ConfigOf(in)
		if err != nil || cfg.Interval <= 0 {
			continue
		}
		if err := sc.setUp(ctx, in.ID, cfg.Interval, intervals); err != nil {
			log.Warn("ldap scheduler", "integration", in.Name, "err", err)
			continue
		}
		sc.maybeRun(ctx, in, cfg.Interval)
	}
}

// setUp sets an integration's first tick when this process first sees it,
// and brings the tick forward when its interval was shortened.
func (sc *Scheduler) setUp(ctx context.Context, id string, every time.Duration, intervals map[string]time.Duration) error {
	prev, seen := intervals[id]
	var err error
	switch {
	case !seen:
		err = sc.Service.Accounts.Store.PostponeLDAPTick(ctx, id, time.Now().Add(every))
	case every < prev:
		err = sc.Service.Accounts.Store.AdvanceLDAPTick(ctx, id, time.Now().Add(every))
	}
	if err == nil {
		intervals[id] = every
	}
	return err
}

func (sc *Scheduler) maybeRun(ctx context.Context, in *store.Integration, every time.Duration) {
	sc.mu.Lock()
	busy := sc.running[in.ID]
	sc.mu.Unlock()
	if busy {
		return
	}
	st, log := sc.Service.Accounts.Store, sc.Service.Accounts.Log
	claimed, err := st.ClaimLDAPTick(ctx, in.ID, sc.Owner, time.Now().Add(every), time.Now().Add(leaseTTL))
	if err != nil || !claimed {
		if err != nil && ctx.Err() == nil {
			log.Warn("ldap scheduler: claim", "integration", in.Name, "err", err)
		}
		return
	}
	sched, err := st.LDAPScheduleOf(ctx, in.ID)
	full := err == nil && (sched.LastFullAt == nil || time.Since(*sched.LastFullAt) >= sc.FullEvery)
	sc.mu.Lock()
	sc.running[in.ID] = true
	sc.mu.Unlock()
	sc.wg.Add(1)
	go func() {
		defer sc.wg.Done()
		defer func() { sc.mu.Lock(); delete(sc.running, in.ID); sc.mu.Unlock() }()
		run, sum, err := sc.Service.Sync(ctx, RunOptions{Integration: in, Full: full, Trigger: "schedule", Owner: sc.Owner})
		switch {
		case run == nil && err != nil:
			_ = st.ReleaseLDAPLease(context.WithoutCancel(ctx), in.ID, sc.Owner, false)
			log.Error("scheduled ldap sync not started", "integration", in.Name, "err", err)
		case err != nil && !errors.Is(err, context.Canceled):
			log.Error("scheduled ldap sync failed", "integration", in.Name, "run", run.ID, "status", run.Status, "err", err)
		case err == nil:
			log.Info("scheduled ldap sync", "integration", in.Name, "run", run.ID, "summary", sum.String())
		}
	}()
}
