package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// CompleteTx marks a running job completed inside tx, so that what the job
// records (an invitation's delivered state) and its completion commit
// together: the job never ends completed with the outcome unrecorded, nor
// the reverse.
//
// On SQLite, and on PostgreSQL under the pgx runner (serve), the job is
// completed by one small statement (completeSmall): River's JobCompleteTx
// would look for a Client[*sql.Tx] that the pgx runner does not have, and
// its statement is costly (completeSQLite). A PostgreSQL worker client on
// database/sql (tests) uses River's JobCompleteTx. River's own completion
// after Work returns is then a no-op.
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
	return completeSmall(ctx, tx, `UPDATE river_job SET state = 'completed', finalized_at = $1 WHERE id = $2 AND state = 'running'`,
		job.ID, time.Now().UTC())
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
//
// On PostgreSQL (the pgx runner) the same small statement stands for
// River's JobSetStateIfRunningMany, whose every column is a CASE over
// unnested arrays: 0.7 ms of the server's CPU for each mail delivered,
// more than the delivery's own statements together.
func completeSQLite(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return completeSmall(ctx, tx, `UPDATE river_job SET state = 'completed', finalized_at = ? WHERE id = ? AND state = 'running'`, id, now)
}

// completeSmall runs query with the arguments (now, id), completing job id,
// and expects one row.
func completeSmall(ctx context.Context, tx *sql.Tx, query string, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, query, now, id)
	if err != nil {
		return fmt.Errorf("jobs: complete job %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("jobs: complete job %d: %w", id, river.ErrNotFound)
	}
	return nil
}
