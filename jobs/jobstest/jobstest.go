// Package jobstest runs River workers for tests of the packages that
// enqueue jobs (backchannel/, webhook/), and waits for what they do.
package jobstest

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// Start runs workers over st with fast retries (jobs.FastRetry) until the
// test ends.
func Start(t testing.TB, st *store.Store, workers *river.Workers) {
	t.Helper()
	c, err := jobs.New(st, jobs.Config{Workers: workers, RetryPolicy: jobs.FastRetry{}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(c, 5*time.Second) })
}

// WaitFor polls cond until it holds, failing the test after 20 s.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
