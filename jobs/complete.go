package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// CompleteTx marks a running job completed inside tx, so that what the job
// records (an invitation's delivered state) and its completion commit
// together: the job never ends completed with the outcome unrecorded, nor
// the reverse.
//
// On SQLite the job is completed by completeSQLite's one small statement.
// A PostgreSQL worker client on database/sql (tests) uses River's
// JobCompleteTx. On PostgreSQL the worker's client is the pgx
// one (NewRunner) while tx is gorm's *sql.Tx: River's JobCompleteTx would
// look for a Client[*sql.Tx] that is not there, so the job is completed
// with the database/sql driver's own query on tx, the same statement
// JobCompleteTx runs (the executor's later completion is then a no-op).
func CompleteTx[T river.JobArgs](ctx context.Context, tx *sql.Tx, job *river.Job[T]) error {
	if job.State != rivertype.JobStateRunning {
		return fmt.Errorf("jobs: complete job %d: job is %s, not running", job.ID, job.State)
	}
	if c, err := river.ClientFromContextSafely[*sql.Tx](ctx); err == nil {
		if _, sqlite := c.Driver().(*riversqlite.Driver); sqlite {
			return completeSQLite(ctx, tx, job.ID, time.Now().UTC())
		}
		if _, err := river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx, job); err != nil {
			return fmt.Errorf("jobs: complete job %d: %w", job.ID, err)
		}
		return nil
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

// completeSQLite is, for a job completed without output (the only kind our
// workers complete in their transaction), what River's SQLite
// JobCompleteTx writes: state completed and finalized_at, only while the
// job is running. River's own statement handles every state change, so it
// is long, is parsed anew on each call (the driver keeps no prepared
// statement for it) and runs in a savepoint of tx: on a delivery worker it
// cost a quarter of serve's CPU during invite-all (docs/performance.md).
// finalized_at is a time.Time bound through the same driver as River's, so
// River's job cleaner compares it as it compares its own (TestRunner).
func completeSQLite(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE river_job SET state = 'completed', finalized_at = ? WHERE id = ? AND state = 'running'`, now, id)
	if err != nil {
		return fmt.Errorf("jobs: complete job %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("jobs: complete job %d: %w", id, river.ErrNotFound)
	}
	return nil
}
