package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/provisiond/provisiond/store"
)

// Client is River's client over the store's database.
type Client = river.Client[*sql.Tx]

// Timeouts (ARCHITECTURE.md §4b): rescue within 2 minutes, jobs time out first.
const (
	RescueStuckJobsAfter = 2 * time.Minute
	JobTimeout           = 90 * time.Second
)

// Config says what a Client runs. Zero Workers makes an insert-only client
// (CLI commands enqueue; serve's workers deliver).
type Config struct {
	Workers      *river.Workers
	PeriodicJobs []*river.PeriodicJob
	MaxWorkers   int                     // default 50
	PollInterval time.Duration           // default 1 s
	RetryPolicy  river.ClientRetryPolicy // nil: River's exponential backoff (attempt^4 s)
	Log          *slog.Logger
}

// New returns a River client for st; Start it to run workers.
func New(st *store.Store, cfg Config) (*Client, error) {
	rc := &river.Config{
		JobTimeout:           JobTimeout,
		RescueStuckJobsAfter: RescueStuckJobsAfter,
		Logger:               cfg.Log,
		RetryPolicy:          cfg.RetryPolicy,
	}
	if cfg.Log != nil {
		// River logs every retry at INFO/WARN; keep its chatter out of ours.
		rc.Logger = cfg.Log.With("component", "river")
	}
	if cfg.Workers != nil {
		n := cfg.MaxWorkers
		if n <= 0 {
			n = 50
		}
		rc.Workers = cfg.Workers
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}}
		rc.PeriodicJobs = cfg.PeriodicJobs
		rc.FetchPollInterval = cfg.PollInterval
		if rc.FetchPollInterval == 0 {
			rc.FetchPollInterval = time.Second
		}
		if rc.FetchPollInterval < 100*time.Millisecond {
			rc.FetchCooldown = rc.FetchPollInterval
		}
	}
	c, err := river.NewClient[*sql.Tx](driver(st), rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return c, nil
}

func driver(st *store.Store) riverdriver.Driver[*sql.Tx] {
	if st.Dialect() == store.SQLite {
		return riversqlite.New(st.DB())
	}
	return riverdatabasesql.New(st.DB())
}

// CompleteTx marks a running job completed inside tx, so that what the job
// records (an invitation's delivered state) and its completion commit
// together: the job never ends completed with the outcome unrecorded, nor
// the reverse. Both of our drivers work on *sql.Tx and
// JobCompleteTx takes the real driver from the worker's context, so the
// type argument only has to satisfy the constraint.
func CompleteTx[T river.JobArgs](ctx context.Context, tx *sql.Tx, job *river.Job[T]) error {
	if _, err := river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx, job); err != nil {
		return fmt.Errorf("jobs: complete job %d: %w", job.ID, err)
	}
	return nil
}

// Stop stops c's workers, waiting at most grace for running jobs before
// cancelling them (they are retried later, nothing is lost).
func Stop(c *Client, grace time.Duration) error {
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
