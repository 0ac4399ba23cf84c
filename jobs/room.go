package jobs

import (
	"context"
	"time"
)

// Fan-outs (a job that inserts many jobs: invite-all's mails, a bulk
// change's webhook deliveries) keep the workers fed, not far ahead: they
// wait while FanoutBacklog of their jobs already wait for a worker (a few
// seconds of work). Invite-all's waits in WaitForRoom, checking every
// FanoutPoll, for at most FanoutWait (then it goes ahead: a backlog that
// does not move is no reason to hold mail back); the webhook fan-out
// snoozes instead (webhook/fanout.go). Written all at once, the delivery jobs of a
// 100,000-account invite-all were inserted while its later batches were
// still being written, and competed with them for the database: the
// admin's call took 10.4 s instead of 8.5 (docs/performance.md).
const (
	FanoutBacklog = 2000
	FanoutPoll    = 200 * time.Millisecond
	FanoutWait    = 45 * time.Second
)

// WaitForRoom returns once backlog reports fewer than limit, or after at
// most wait, checking every poll. An error of backlog ends the wait (the
// fan-out then goes ahead); only ctx's end is returned.
func WaitForRoom(ctx context.Context, backlog func(context.Context) (int, error), limit int, poll, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		n, err := backlog(ctx)
		if err != nil || n < limit || !time.Now().Before(deadline) {
			return ctx.Err()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(poll):
		}
	}
}
