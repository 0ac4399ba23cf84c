package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// integrationsChannel is the PostgreSQL NOTIFY channel on which every
// change to an integration is announced to every replica.
const integrationsChannel = "provisiond_integrations"

// tokenCacheTTL bounds how long a cached lookup is trusted even while the
// listener reports nothing: a safety net for a connection that died
// silently, never the mechanism that makes a rotation take effect.
const tokenCacheTTL = 10 * time.Second

// tokenCache keeps the integration of each SCIM token seen recently, on
// PostgreSQL, where the lookup of every request is a round trip (it was a
// third of the create benchmark's cost). Entries are trusted only while a
// LISTEN connection is up: any integration change anywhere (another
// replica, the CLI) NOTIFYs in its transaction, and each replica then
// drops every entry when it commits. The replica making the change drops
// them at once. A lookup started before a flush never fills the cache
// after it (gen), so a rotated or disabled token cannot be re-cached stale.
type tokenCache struct {
	mu      sync.Mutex
	gen     uint64
	live    bool
	started bool
	closed  bool
	entries map[string]tokenEntry
	stop    context.CancelFunc
	done    chan struct{}
}

type tokenEntry struct {
	in Integration
	at time.Time
}

func newTokenCache() *tokenCache { return &tokenCache{entries: map[string]tokenEntry{}} }

// get returns a copy of the cached integration of hash, if trusted.
func (c *tokenCache) get(hash string) (*Integration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if !ok || !c.live || time.Since(e.at) > tokenCacheTTL {
		return nil, false
	}
	in := e.in
	return &in, true
}

// begin starts the listener once and returns the generation a lookup
// starting now must still see to fill the cache.
func (c *tokenCache) begin(s *Store) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started && !c.closed {
		c.started = true
		ctx, cancel := context.WithCancel(context.Background())
		c.stop, c.done = cancel, make(chan struct{})
		go c.listen(ctx, s)
	}
	return c.gen
}

// put caches in for hash unless the cache was flushed since gen.
func (c *tokenCache) put(gen uint64, hash string, in *Integration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.live && c.gen == gen {
		c.entries[hash] = tokenEntry{in: *in, at: time.Now()}
	}
}

// flush drops every entry and sets whether entries may be trusted.
func (c *tokenCache) flush(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.live = live
	clear(c.entries)
}

// invalidate drops every entry.
func (c *tokenCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.entries)
}

// close stops the listener, if it runs.
func (c *tokenCache) close() {
	c.mu.Lock()
	c.closed = true // no listener starts after Close
	stop, done := c.stop, c.done
	c.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

// listen holds one pool connection LISTENing and flushes on every
// notification; while it is not listening nothing is trusted.
func (c *tokenCache) listen(ctx context.Context, s *Store) {
	defer close(c.done)
	for ctx.Err() == nil {
		c.listenOnce(ctx, s) // its error only means: not listening; lookups go to the database
		c.flush(false)
		if ctx.Err() != nil {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (c *tokenCache) listenOnce(ctx context.Context, s *Store) error {
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: token cache: unexpected driver connection %T", dc)
		}
		pc := sc.Conn()
		if _, err := pc.Exec(ctx, "LISTEN "+integrationsChannel); err != nil {
			return errors.Join(err, driver.ErrBadConn)
		}
		c.flush(true)
		for {
			if _, err := pc.WaitForNotification(ctx); err != nil {
				// Never hand a LISTENing connection back to the pool.
				return errors.Join(err, driver.ErrBadConn)
			}
			c.flush(true)
		}
	})
}

// integrationsChanged announces a change to the integrations table: every
// replica's token cache drops its entries when the transaction commits
// (NOTIFY), this one's at once and again right after the commit, so that a
// lookup that ran between the two cannot keep the old row.
func (s *Store) integrationsChanged(ctx context.Context) error {
	if s.dialect == SQLite {
		return s.bumpIntegrationChanges(ctx)
	}
	if s.tokens == nil {
		return nil
	}
	s.tokens.invalidate()
	s.afterCommit(s.tokens.invalidate)
	if err := s.q(ctx).Exec("SELECT pg_notify(?, '')", integrationsChannel).Error; err != nil {
		return fmt.Errorf("store: notify integration change: %w", mapErr(err))
	}
	return nil
}
