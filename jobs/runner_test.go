package jobs_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

type pingArgs struct{ N int }

func (pingArgs) Kind() string { return "jobs_test_ping" }

// pingWorker records its job in the store and completes it in the same
// transaction, as the delivery worker does.
type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	st *store.Store
}

func (w *pingWorker) Work(ctx context.Context, job *river.Job[pingArgs]) error {
	return w.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.Audit(ctx, "system", "jobs_test.ping", "job", "ping", map[string]any{"n": job.Args.N}); err != nil {
			return err
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}

type plainArgs struct{}

func (plainArgs) Kind() string { return "jobs_test_plain" }

// plainWorker does nothing: River completes its jobs itself.
type plainWorker struct {
	river.WorkerDefaults[plainArgs]
}

func (plainWorker) Work(context.Context, *river.Job[plainArgs]) error { return nil }

// TestRunner inserts a job inside a store transaction and expects the
// runner's workers to complete it inside theirs. On PostgreSQL the workers
// poll only every 30 s, so completing within 10 s shows that the insert's
// NOTIFY woke them (LISTEN on the pgx driver).
func TestRunner(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := t.Context()
			url := storetest.URL(t, d)
			st, err := store.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			workers := river.NewWorkers()
			river.AddWorker(workers, &pingWorker{st: st})
			river.AddWorker(workers, plainWorker{})
			poll := 100 * time.Millisecond // SQLite cannot LISTEN: it polls
			if d == store.Postgres {
				poll = 30 * time.Second
			}
			r, err := jobs.NewRunner(ctx, st, jobs.Config{Workers: workers, PollInterval: poll,
				PostgresURL: url, RescueAfter: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Start(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Stop(5 * time.Second) })
			time.Sleep(time.Second) // let the first fetch pass: the job must wake a waiting worker
			var ids []int64
			err = st.Tx(ctx, func(tx *store.Store) error {
				for _, args := range []river.JobArgs{pingArgs{N: 1}, plainArgs{}} {
					res, err := r.Inserter.InsertTx(ctx, tx.SQLTx(), args, nil)
					if err != nil {
						return err
					}
					ids = append(ids, res.Job.ID)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second)
			for _, id := range ids {
				for {
					job, err := r.Inserter.JobGet(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					if job.State == "completed" && job.FinalizedAt != nil && time.Since(*job.FinalizedAt).Abs() < time.Minute {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("job %d is %s (finalized %v) after 10 s, want completed now", id, job.State, job.FinalizedAt)
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
			// The completion written in the worker's transaction stores its
			// time as River's own completion does: River's cleaner compares them.
			var shapes []string
			for _, id := range ids {
				var raw string
				if err := st.DB().QueryRowContext(ctx, "SELECT CAST(finalized_at AS TEXT) FROM river_job WHERE id = "+strconv.FormatInt(id, 10)).Scan(&raw); err != nil {
					t.Fatal(err)
				}
				shapes = append(shapes, regexp.MustCompile(`\d+`).ReplaceAllString(raw, "9"))
			}
			if shapes[0] != shapes[1] {
				t.Fatalf("finalized_at written in the worker's transaction looks like %q, River's own like %q", shapes[0], shapes[1])
			}
		})
	}
}
