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

// Timeout leaves room for the wait and the insert, within River's rescue.
func (w *FanoutWorker) Timeout(*river.Job[FanoutArgs]) time.Duration {
	return jobs.FanoutWait + 30*time.Second
}

// Work waits for room (jobs.WaitForRoom), then inserts the batch's delivery jobs
// and completes itself, atomically.
func (w *FanoutWorker) Work(ctx context.Context, job *river.Job[FanoutArgs]) error {
	backlog := func(ctx context.Context) (int, error) {
		// Mails alone: a bulk change's webhook events wait in the same
		// queue behind them (webhook/fanout.go) and must not hold them back.
		return w.Service.Store.AvailableJobsOfKind(ctx, river.QueueDefault, DeliveryArgs{}.Kind(), jobs.FanoutBacklog)
	}
	if err := jobs.WaitForRoom(ctx, backlog, jobs.FanoutBacklog, jobs.FanoutPoll, jobs.FanoutWait); err != nil {
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

// AddWorkers registers every worker of this package with workers.
func AddWorkers(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &DeliveryWorker{Service: s})
	river.AddWorker(workers, &FanoutWorker{Service: s})
	river.AddWorker(workers, &MaintenanceWorker{Service: s})
	river.AddWorker(workers, &ReminderWorker{Service: s})
	river.AddWorker(workers, &ApprovedWorker{Service: s})
}
