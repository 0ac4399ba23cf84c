package storetest

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/provisiond/provisiond/store"
)

// RawInsertRate is the baseline of the SCIM create benchmarks (scim/ in
// process, cmd/provisiond-bench through a serve process): n account rows
// named prefix0..prefix<n-1>, each inserted in its own transaction, by
// clients goroutines through s's pool. It returns transactions per second.
// It bypasses account.Service on purpose: it is the floor a create through
// the product is compared with.
func RawInsertRate(ctx context.Context, s *store.Store, integrationID, prefix string, n, clients int) (float64, error) {
	q := "INSERT INTO accounts (id, integration_id, user_name, created_at, updated_at) VALUES " + placeholders(s, 1, 5)
	return Concurrently(n, clients, func(i int) error {
		tx, err := s.DB().BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		now := store.Now()
		if _, err := tx.ExecContext(ctx, q, store.NewID(), integrationID, prefix+strconv.Itoa(i), now, now); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// Concurrently runs fn(0..n-1) on clients goroutines, each taking the next
// index when done with one, and returns calls per second. The first error
// stops every goroutine at its next call and is returned.
func Concurrently(n, clients int, fn func(i int) error) (float64, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := fn(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					next.Store(int64(n)) // the others stop at their next call
					return
				}
			}
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		return 0, errors.Join(errs...)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}
