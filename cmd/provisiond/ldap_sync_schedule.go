package main

import (
	"context"

	"github.com/provisiond/provisiond/directory"
)

// startLDAPScheduler runs the scheduled LDAP syncs for serve (every LDAP
// integration whose config has an interval); the returned func stops it and
// waits for the runs in progress, which end as failed (the next tick or a
// full reconcile catches up).
func startLDAPScheduler(ctx context.Context, a *app) func() {
	ctx, cancel := context.WithCancel(ctx)
	sc := &directory.Scheduler{Service: a.directory}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}
