package store

import (
	"context"
	"fmt"
	"sync"
)

// changeCache keeps the integration of each SCIM token seen, on SQLite,
// where the lookup of every request read the integration's row through gorm
// (62 µs of CPU, 17% of serve's during SCIM creates). Every change to an
// integration bumps integration_changes in its transaction, whichever
// process makes it (serve, the CLI); an entry is trusted only while the
// counter read before it was filled is still the counter now. A change
// committed between that read and the row's read leaves an entry filled
// with the older counter, so it is refetched at the next lookup: an entry
// is never newer-looking than its row.
type changeCache struct {
	mu      sync.Mutex
	n       int64 // the counter the entries were filled under
	entries map[string]Integration
}

func newChangeCache() *changeCache { return &changeCache{entries: map[string]Integration{}} }

// get returns a copy of hash's integration if it was filled under n.
func (c *changeCache) get(hash string, n int64) (*Integration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n != n {
		// A change since: every entry may be stale (the rotated token's
		// among them), and none is kept. A lookup that read the counter
		// before that change and comes late never sets it back.
		if n > c.n {
			c.n = n
			clear(c.entries)
		}
		return nil, false
	}
	in, ok := c.entries[hash]
	if !ok {
		return nil, false
	}
	return &in, true
}

// put keeps in for hash if the counter is still n.
func (c *changeCache) put(hash string, in *Integration, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == n {
		c.entries[hash] = *in
	}
}

// integrationChanges reads the change counter on a reader connection, with
// a kept statement of database/sql (reader_stmts.go), no gorm.
func (s *Store) integrationChanges(ctx context.Context) (int64, error) {
	rows, err := s.readRows(ctx, "SELECT n FROM integration_changes WHERE id = 1")
	if err != nil {
		return 0, fmt.Errorf("store: integration changes: %w", mapErr(err))
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, fmt.Errorf("store: integration changes: %w", mapErr(err))
		}
		return 0, fmt.Errorf("store: integration changes: %w", ErrNotFound)
	}
	if err := rows.Scan(&n); err != nil {
		return 0, fmt.Errorf("store: integration changes: %w", mapErr(err))
	}
	return n, nil
}

// bumpIntegrationChanges counts a change, in the changing transaction.
func (s *Store) bumpIntegrationChanges(ctx context.Context) error {
	if err := s.q(ctx).Exec("UPDATE integration_changes SET n = n + 1 WHERE id = 1").Error; err != nil {
		return fmt.Errorf("store: count integration change: %w", mapErr(err))
	}
	return nil
}
