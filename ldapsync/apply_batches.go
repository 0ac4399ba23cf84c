package ldapsync

import (
	"context"
	"fmt"
	"iter"
)

// BatchUpserter is a Target that writes several Upsert batches in one
// transaction: a database with one writer (SQLite), where every commit
// writes each index page it touched once more, and a large import touches
// them all at every commit. UpsertBatches writes every batch that batches
// yields, as Upsert would, and calls done after each transaction commits
// with the number of users it held and what they did; the first error
// stops it. apply uses it when the Target takes one batch at a time.
type BatchUpserter interface {
	UpsertBatches(ctx context.Context, integrationID string, batches iter.Seq2[[]User, error],
		done func(users int, res UpsertResult)) error
}

// upsertBatches writes the plan's users through a BatchUpserter, the next
// batch decoded while one is written (two batches in memory, as with
// upsertAll).
func upsertBatches(ctx context.Context, o *RunOptions, p *plan, s *Summary, tick func(int), bu BatchUpserter) error {
	batches, stop := readAhead(p.upserts.batches(batchSize))
	defer stop()
	err := bu.UpsertBatches(ctx, o.IntegrationID, batches, func(n int, res UpsertResult) {
		s.Created += res.Created
		s.Updated += res.Updated
		s.Invited += res.Invited
		tick(n)
	})
	if err != nil {
		return fmt.Errorf("ldapsync: upsert users: %w", err)
	}
	return nil
}

// readAhead runs seq in its own goroutine, one item ahead of the consumer.
// stop ends that goroutine and waits for it; call it before whatever seq
// reads from is closed. A panic in seq arrives as an error.
func readAhead[T any](seq iter.Seq2[T, error]) (iter.Seq2[T, error], func()) {
	type item struct {
		v   T
		err error
	}
	ch, quit := make(chan item), make(chan struct{})
	go func() {
		defer close(ch)
		defer func() {
			// A panic here (a spool that decodes wrong) would end the
			// process from a goroutine nobody can recover; the run fails.
			if p := recover(); p != nil {
				select {
				case ch <- item{err: fmt.Errorf("ldapsync: reading ahead: panic: %v", p)}:
				case <-quit:
				}
			}
		}()
		for v, err := range seq {
			select {
			case ch <- item{v, err}:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	next := func(yield func(T, error) bool) {
		for it := range ch {
			if !yield(it.v, it.err) {
				return
			}
		}
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		close(quit)
		for range ch { // until the goroutine has returned
		}
	}
	return next, stop
}
