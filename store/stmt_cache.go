package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"

	_ "modernc.org/sqlite" // registers "sqlite", which this wraps
)

// The SQLite writer's connection keeps the statements it runs, prepared,
// for the next time the same SQL comes: on the pure-Go SQLite parsing a
// statement costs more than running it (an account import spent a quarter
// of its CPU in the parser, a delivery worker a fifth; docs/performance.md).
// gorm prepares nothing inside a transaction and River's SQLite driver
// nothing at all, so the cache sits under both, in the database/sql driver.
//
// A statement whose rows are still open is busy: the same SQL then gets a
// statement of its own, closed after use. SQLite re-prepares a kept
// statement by itself when the schema changes (a migration).
const (
	cachedSQLDriver = "sqlite-stmtcache"
	maxCachedStmts  = 128  // per connection
	maxCachedSQL    = 4096 // longer SQL (a multi-row INSERT) is rarely the same twice
)

var registerCached sync.Once

// cachedDriverName registers, once, the caching wrapper of modernc's driver.
func cachedDriverName() string {
	registerCached.Do(func() {
		// The driver registered as "sqlite", with whatever it was given.
		db, _ := sql.Open("sqlite", "")
		sql.Register(cachedSQLDriver, cachingDriver{db.Driver()})
		db.Close()
	})
	return cachedSQLDriver
}

type cachingDriver struct{ d driver.Driver }

func (c cachingDriver) Open(name string) (driver.Conn, error) {
	conn, err := c.d.Open(name)
	if err != nil {
		return nil, err
	}
	return &cachingConn{conn: conn, stmts: map[string]*keptStmt{}}, nil
}

// innerConn is what modernc's connection offers that database/sql uses.
type innerConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn is one connection and its kept statements. database/sql
// uses a connection from one goroutine at a time: no lock is needed.
type cachingConn struct {
	conn  driver.Conn
	stmts map[string]*keptStmt
	tick  uint64 // use counter, for evicting the least recently used
}

type keptStmt struct {
	st   driver.Stmt
	busy bool   // its rows are open
	used uint64 // tick of its last use
}

func (c *cachingConn) inner() innerConn { return c.conn.(innerConn) }

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

// PrepareContext lends the kept statement of query (its own one when the
// kept one is busy): a prepared single-row INSERT per batch (insertEach)
// was parsed again at every batch, a third of a SCIM create batch's insert.
func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	k, err := c.stmt(ctx, query)
	if err != nil || k == nil {
		return c.inner().PrepareContext(ctx, query)
	}
	k.busy = true
	return &lentStmt{k: k}, nil
}
func (c *cachingConn) Begin() (driver.Tx, error) { return c.conn.Begin() } //nolint:staticcheck // the interface's
func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner().BeginTx(ctx, opts)
}
func (c *cachingConn) Ping(ctx context.Context) error         { return c.inner().Ping(ctx) }
func (c *cachingConn) ResetSession(ctx context.Context) error { return c.inner().ResetSession(ctx) }
func (c *cachingConn) IsValid() bool                          { return c.inner().IsValid() }

// Close closes the kept statements, then the connection.
func (c *cachingConn) Close() error {
	for q, k := range c.stmts {
		k.st.Close()
		delete(c.stmts, q)
	}
	return c.conn.Close()
}

// stmt returns the kept statement for query, preparing and keeping it
// when new, or nil when query is not to be kept or its statement is busy.
func (c *cachingConn) stmt(ctx context.Context, query string) (*keptStmt, error) {
	if len(query) > maxCachedSQL {
		return nil, nil
	}
	c.tick++
	if k, ok := c.stmts[query]; ok {
		if k.busy {
			return nil, nil
		}
		k.used = c.tick
		return k, nil
	}
	st, err := c.inner().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if len(c.stmts) >= maxCachedStmts {
		c.evict()
	}
	k := &keptStmt{st: st, used: c.tick}
	c.stmts[query] = k
	return k, nil
}

// evict closes the least recently used statement that is not busy.
func (c *cachingConn) evict() {
	var oldest string
	var at uint64
	for q, k := range c.stmts {
		if !k.busy && (oldest == "" || k.used < at) {
			oldest, at = q, k.used
		}
	}
	if oldest != "" {
		c.stmts[oldest].st.Close()
		delete(c.stmts, oldest)
	}
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	k, err := c.stmt(ctx, query)
	if err != nil || k == nil {
		return c.inner().ExecContext(ctx, query, args)
	}
	return k.st.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	k, err := c.stmt(ctx, query)
	if err != nil || k == nil {
		return c.inner().QueryContext(ctx, query, args)
	}
	rows, err := k.st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	k.busy = true
	return &keptRows{rows.(fullRows), k}, nil
}

// fullRows is what modernc's rows offer: column types too.
type fullRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// keptRows frees its statement for the next use when closed.
type keptRows struct {
	fullRows
	k *keptStmt
}

func (r *keptRows) Close() error {
	err := r.fullRows.Close()
	r.k.busy = false
	return err
}
