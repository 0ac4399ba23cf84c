package invite

import (
	"context"
	"fmt"

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
type FanoutArgs struct {
	Deliveries []DeliveryArgs `json:"deliveries"`
}

// Kind names the job in River's table.
func (FanoutArgs) Kind() string { return "invitation_delivery_fanout" }

// FanoutWorker turns a FanoutArgs into delivery jobs.
type FanoutWorker struct {
	river.WorkerDefaults[FanoutArgs]
	Service *Service
}

// Work inserts the batch's delivery jobs and completes itself, atomically.
func (w *FanoutWorker) Work(ctx context.Context, job *river.Job[FanoutArgs]) error {
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

// AddWorkers registers every worker of this package with workers.
func AddWorkers(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &DeliveryWorker{Service: s})
	river.AddWorker(workers, &FanoutWorker{Service: s})
	river.AddWorker(workers, &MaintenanceWorker{Service: s})
	river.AddWorker(workers, &ReminderWorker{Service: s})
	river.AddWorker(workers, &ApprovedWorker{Service: s})
}
