package jobs_test

import (
	"testing"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestAvailableJobs: the backlog the fan-out waits on counts the jobs of one
// queue that wait for a worker, up to its limit, on both databases.
func TestAvailableJobs(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := t.Context()
			st, err := store.Open(ctx, storetest.URL(t, d))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			c, err := jobs.New(st, jobs.Config{}) // insert-only: nothing works them
			if err != nil {
				t.Fatal(err)
			}
			err = st.Tx(ctx, func(tx *store.Store) error {
				for i := range 5 {
					if _, err := c.InsertTx(ctx, tx.SQLTx(), pingArgs{N: i}, nil); err != nil {
						return err
					}
				}
				_, err := c.InsertTx(ctx, tx.SQLTx(), plainArgs{}, &river.InsertOpts{Queue: jobs.QueueBulk})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				queue       string
				limit, want int
			}{{river.QueueDefault, 3, 3}, {river.QueueDefault, 100, 5}, {jobs.QueueBulk, 100, 1}, {"other", 100, 0}} {
				if n, err := st.AvailableJobs(ctx, tc.queue, tc.limit); err != nil || n != tc.want {
					t.Errorf("AvailableJobs(%s, %d) = %d, %v; want %d", tc.queue, tc.limit, n, err, tc.want)
				}
			}
		})
	}
}
