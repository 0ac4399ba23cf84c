package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"
)

// CompleteTx marks a running job completed inside tx, so that what the job
// records (an invitation's delivered state) and its completion commit
// together: the job never ends completed with the outcome unrecorded, nor
// the reverse.
//
// On SQLite the worker's client works on *sql.Tx and River's JobCompleteTx
// takes it from the context. On PostgreSQL the worker's client is the pgx
// one (NewRunner) while tx is gorm's *sql.Tx: River's JobCompleteTx would
// look for a Client[*sql.Tx] that is not there, so the job is completed
// with the database/sql driver's own query on tx, the same statement
// JobCompleteTx runs (the executor's later completion is then a no-op).
func CompleteTx[T river.JobArgs](ctx context.Context, tx *sql.Tx, job *river.Job[T]) error {
	if _, err := river.ClientFromContextSafely[*sql.Tx](ctx); err == nil {
		if _, err := river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx, job); err != nil {
			return fmt.Errorf("jobs: complete job %d: %w", job.ID, err)
		}
		return nil
	}
	if job.State != rivertype.JobStateRunning {
		return fmt.Errorf("jobs: complete job %d: job is %s, not running", job.ID, job.State)
	}
	p := riverdriver.JobSetStateCompleted(job.ID, time.Now().UTC(), nil)
	exec := riverdatabasesql.New(nil).UnwrapExecutor(tx)
	rows, err := exec.JobSetStateIfRunningMany(ctx, &riverdriver.JobSetStateIfRunningManyParams{
		ID:              []int64{p.ID},
		Attempt:         []*int{p.Attempt},
		ErrData:         [][]byte{p.ErrData},
		FinalizedAt:     []*time.Time{p.FinalizedAt},
		MetadataDoMerge: []bool{false},
		MetadataUpdates: [][]byte{nil},
		ScheduledAt:     []*time.Time{p.ScheduledAt},
		State:           []rivertype.JobState{p.State},
	})
	if err != nil {
		return fmt.Errorf("jobs: complete job %d: %w", job.ID, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("jobs: complete job %d: %w", job.ID, river.ErrNotFound)
	}
	return nil
}

// Stop stops c's workers, waiting at most grace for running jobs before
// cancelling them (they are retried later, nothing is lost).
func Stop(c *Client, grace time.Duration) error {
	return stop(c, grace)
}

// stopper is what Stop needs of a River client, whatever its driver.
type stopper interface {
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

func stop(c stopper, grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer ccancel()
		if err := c.StopAndCancel(cctx); err != nil {
			return fmt.Errorf("jobs: stop: %w", err)
		}
	}
	return nil
}
