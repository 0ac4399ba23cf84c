package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/provisiond/provisiond/store"
)

// Runner runs serve's workers and periodic jobs. Inserter is the client to
// insert jobs with inside store transactions.
//
// On PostgreSQL the workers run on a second River client over pgx, with a
// small pool of its own on the same database: it LISTENs, so a job inserted
// by any replica wakes a worker at once, and River elects one leader among
// the replicas, which alone enqueues periodic jobs and rescues stuck ones.
// Inserter stays on database/sql, whose inserts NOTIFY in the inserting
// transaction. On SQLite one client does both, as before.
type Runner struct {
	Inserter *Client
	worker   interface {
		stopper
		Start(ctx context.Context) error
	}
	pool *pgxpool.Pool // nil on SQLite
}

// workerPoolConns bounds the pgx pool: one LISTEN connection, the
// producer's fetches, the completer and the leader's maintenance. Workers do
// their own work through the store's pool.
const workerPoolConns = 8

// NewRunner builds the worker side for st. cfg.Workers must be set; on
// PostgreSQL so must cfg.PostgresURL.
func NewRunner(ctx context.Context, st *store.Store, cfg Config) (*Runner, error) {
	if cfg.Workers == nil {
		return nil, errors.New("jobs: runner without workers")
	}
	if st.Dialect() == store.SQLite {
		c, err := New(st, cfg)
		if err != nil {
			return nil, err
		}
		return &Runner{Inserter: c, worker: c}, nil
	}
	ins, err := New(st, Config{Log: cfg.Log, RescueAfter: cfg.RescueAfter})
	if err != nil {
		return nil, err
	}
	pcfg, err := pgxpool.ParseConfig(cfg.PostgresURL)
	if err != nil {
		return nil, fmt.Errorf("jobs: worker pool: parse database URL: %w", err)
	}
	pcfg.MaxConns = workerPoolConns
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: worker pool: %w", err)
	}
	c, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), riverConfig(cfg))
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("jobs: river worker client: %w", err)
	}
	return &Runner{Inserter: ins, worker: c, pool: pool}, nil
}

// Start starts the workers; on failure the worker pool is closed.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.worker.Start(ctx); err != nil {
		if r.pool != nil {
			r.pool.Close()
		}
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop stops the workers, waiting at most grace for running jobs (anything
// cut off is rescued later), then closes the worker pool.
func (r *Runner) Stop(grace time.Duration) error {
	err := stop(r.worker, grace)
	if r.pool != nil {
		r.pool.Close()
	}
	return err
}
