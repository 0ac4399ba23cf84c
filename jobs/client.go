package jobs

import (
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

// Client is River's client over the store's database: the one that inserts
// jobs inside store transactions (InsertTx on the *sql.Tx).
type Client = river.Client[*sql.Tx]

// Timeouts: rescue within 2 minutes, jobs time out first.
const (
	RescueStuckJobsAfter = 2 * time.Minute
	JobTimeout           = 90 * time.Second
)

// QueueBulk is the queue of jobs that write in bulk (invite-all's fan-out
// of 1,000 delivery jobs), worked BulkWorkers at a time on each replica.
// In the default queue, when an invite-all's batches committed, up to 50
// of them ran at once: each held its thousand deliveries in memory (serve
// peaked at 170 MB; target 150), and together they took the database from
// the batches still being written, for no more mail per second (one at a
// time inserts 5,000 delivery jobs a second; delivery sends about 500).
const QueueBulk = "bulk"

// BulkWorkers is how many QueueBulk jobs a replica works at once.
const BulkWorkers = 2

// QueueEvents is the queue of a bulk change's webhook deliveries (an
// invite-all's 100,000 account.invited events), worked EventWorkers at a
// time on each replica. In the default queue they took half of the
// workers from the invitation mails of the same invite-all; at a lower
// priority there, a steady load of other jobs could hold them back without
// end. Their own few workers keep them moving, behind the mails.
const QueueEvents = "events"

// EventWorkers is how many QueueEvents jobs a replica works at once. River
// fetches at most a queue's MaxWorkers jobs per FetchCooldown (100 ms), so
// this also caps the queue's rate: 8 gave 80 events a second, 25 give 250
// beside the default queue's 50 (whose 500 a second is the mails' own
// ceiling), and the mails kept their pace (docs/performance.md).
const EventWorkers = 25

// Config says what a Client runs. Zero Workers makes an insert-only client
// (CLI commands enqueue; serve's workers deliver).
type Config struct {
	Workers      *river.Workers
	PeriodicJobs []*river.PeriodicJob
	MaxWorkers   int                     // default 50
	PollInterval time.Duration           // default 1 s (a fallback on PostgreSQL, which is woken by NOTIFY)
	RetryPolicy  river.ClientRetryPolicy // nil: River's exponential backoff (attempt^4 s)
	Log          *slog.Logger
	// RescueAfter overrides RescueStuckJobsAfter (tests shorten it so that a
	// killed replica's jobs come back in seconds); JobTimeout follows below it.
	RescueAfter time.Duration
	// PostgresURL is the database URL the workers' pgx pool connects to
	// (NewRunner on PostgreSQL); the store's own URL.
	PostgresURL string
}

// New returns a River client for st over database/sql; Start it to run
// workers (SQLite). On PostgreSQL serve runs workers with NewRunner.
func New(st *store.Store, cfg Config) (*Client, error) {
	c, err := river.NewClient[*sql.Tx](driver(st), riverConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return c, nil
}

// riverConfig turns cfg into River's configuration, whatever the driver.
func riverConfig(cfg Config) *river.Config {
	rescue := cfg.RescueAfter
	if rescue <= 0 {
		rescue = RescueStuckJobsAfter
	}
	rc := &river.Config{
		JobTimeout:           min(JobTimeout, rescue*3/4),
		RescueStuckJobsAfter: rescue,
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
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}, QueueBulk: {MaxWorkers: BulkWorkers},
			QueueEvents: {MaxWorkers: EventWorkers}}
		rc.PeriodicJobs = cfg.PeriodicJobs
		rc.FetchPollInterval = cfg.PollInterval
		if rc.FetchPollInterval == 0 {
			rc.FetchPollInterval = time.Second
		}
		if rc.FetchPollInterval < 100*time.Millisecond {
			rc.FetchCooldown = rc.FetchPollInterval
		}
	}
	return rc
}

func driver(st *store.Store) riverdriver.Driver[*sql.Tx] {
	if st.Dialect() == store.SQLite {
		return riversqlite.New(st.DB())
	}
	return riverdatabasesql.New(st.DB())
}
