package invite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// FanoutArgs carries the delivery jobs of one invite-all batch. Inserting
// one job per invitation inside the admin's request is River's slowest
// path on SQLite (row by row, about half of invite-all's time); one fan-out
// job per batch commits with the invitations just as durably, and its
// worker inserts the delivery jobs in one transaction that also completes
// it, so each delivery job is created exactly once.
//
// In River's table the deliveries are one base64 string (fanoutJSON), not
// an array: PostgreSQL's GIN index on river_job.args takes one entry per
// key and value of the document, 3,000 for a batch of 1,000, and writes
// them again at each change of the job's state.
type FanoutArgs struct {
	Deliveries []DeliveryArgs
}

// fanoutJSON is FanoutArgs as stored. Packed is the JSON of Deliveries;
// Deliveries is what a job queued before the packing holds.
type fanoutJSON struct {
	Packed     []byte         `json:"packed,omitempty"`
	Deliveries []DeliveryArgs `json:"deliveries,omitempty"`
}

// MarshalJSON packs the deliveries into one string.
func (a FanoutArgs) MarshalJSON() ([]byte, error) {
	packed, err := json.Marshal(a.Deliveries)
	if err != nil {
		return nil, err
	}
	return json.Marshal(fanoutJSON{Packed: packed})
}

// UnmarshalJSON reads either form.
func (a *FanoutArgs) UnmarshalJSON(b []byte) error {
	var j fanoutJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	a.Deliveries = j.Deliveries
	if len(j.Packed) > 0 {
		return json.Unmarshal(j.Packed, &a.Deliveries)
	}
	return nil
}

// Kind names the job in River's table.
func (FanoutArgs) Kind() string { return "invitation_delivery_fanout" }

// InsertOpts puts fan-outs in the bulk queue, worked a few at a time.
func (FanoutArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: jobs.QueueBulk} }

// FanoutWorker turns a FanoutArgs into delivery jobs.
type FanoutWorker struct {
	river.WorkerDefaults[FanoutArgs]
	Service *Service
}

// Fan-outs keep the delivery workers fed, not far ahead: a fan-out waits
// while fanoutBacklog delivery jobs already wait for a worker (about four
// seconds of sending), checking every fanoutPoll, for at most fanoutWait
// (then it goes ahead: a backlog that does not move is no reason to hold
// mail back). Written all at once, the delivery jobs of a 100,000-account
// invite-all were inserted while its later batches were still being
// written, and competed with them for the database: the admin's call took
// 10.4 s instead of 8.5 (docs/performance.md).
const (
	fanoutBacklog = 2000
	fanoutPoll    = 200 * time.Millisecond
	fanoutWait    = 45 * time.Second
)

// Timeout leaves room for the wait and the insert, within River's rescue.
func (w *FanoutWorker) Timeout(*river.Job[FanoutArgs]) time.Duration {
	return fanoutWait + 30*time.Second
}

// Work waits for room (waitForRoom), then inserts the batch's delivery jobs
// and completes itself, atomically.
func (w *FanoutWorker) Work(ctx context.Context, job *river.Job[FanoutArgs]) error {
	backlog := func(ctx context.Context) (int, error) {
		return w.Service.Store.AvailableJobs(ctx, river.QueueDefault, fanoutBacklog)
	}
	if err := waitForRoom(ctx, backlog, fanoutBacklog, fanoutPoll, fanoutWait); err != nil {
		return err
	}
	params := make([]river.InsertManyParams, len(job.Args.Deliveries))
	for i, d := range job.Args.Deliveries {
		params[i] = river.InsertManyParams{Args: d}
	}
	return w.Service.Store.Tx(ctx, func(tx *store.Store) error {
		if _, err := w.Service.Jobs.InsertManyFastTx(ctx, tx.SQLTx(), params); err != nil {
			return fmt.Errorf("invite: fan out %d deliveries: %w", len(params), err)
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}

// waitForRoom returns once backlog reports fewer than limit, or after at
// most wait, checking every poll. An error of backlog ends the wait (the
// fan-out then goes ahead); only ctx's end is returned.
func waitForRoom(ctx context.Context, backlog func(context.Context) (int, error), limit int, poll, wait time.Duration) error {
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

// AddWorkers registers every worker of this package with workers.
func AddWorkers(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &DeliveryWorker{Service: s})
	river.AddWorker(workers, &FanoutWorker{Service: s})
	river.AddWorker(workers, &MaintenanceWorker{Service: s})
	river.AddWorker(workers, &ReminderWorker{Service: s})
	river.AddWorker(workers, &ApprovedWorker{Service: s})
}
