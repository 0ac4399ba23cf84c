package main

import (
	"context"

	"github.com/provisiond/provisiond/account"
)

// startLDAPScheduler runs the scheduled LDAP syncs for serve (every LDAP
// integration whose config has an interval); the returned func stops it and
// waits for the runs in progress, which end as failed (the next tick or a
// full reconcile catches up).
func startLDAPScheduler(ctx context.Context, a *app) func() {
	ctx, cancel := context.WithCancel(ctx)
	sc := &account.LDAPScheduler{Service: a.accounts}
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
