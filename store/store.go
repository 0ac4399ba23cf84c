package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Dialect names the SQL flavour of an open store.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is a handle on the database. Inside Tx it is bound to the
// transaction; every query method then runs in that transaction.
type Store struct {
	db      *gorm.DB
	sqlDB   *sql.DB
	reader  *gorm.DB     // SQLite: read-only connections beside the writer; nil on PostgreSQL
	tokens  *tokenCache  // PostgreSQL: SCIM token lookups (token_cache.go); nil on SQLite
	changes *changeCache // SQLite: SCIM token lookups (token_cache_sqlite.go); nil on PostgreSQL
	rstmts  *readerStmts // SQLite: statements kept on the reader connections (reader_stmts.go); nil on PostgreSQL
	dialect Dialect
	inTx    bool
	// commitHooks run after the transaction this store is bound to commits.
	commitHooks *[]func()
}

// Now is the store's clock: UTC, truncated to the microsecond.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ParseURL splits a database URL into dialect and driver DSN.
// Accepted: sqlite:PATH, sqlite://PATH, postgres://..., postgresql://...
func ParseURL(raw string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			return "", "", fmt.Errorf("malformed PostgreSQL URL: %w", redactURLError(err))
		}
		return Postgres, raw, nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
		if path == "" {
			return "", "", errors.New(`sqlite URL needs a path, as in "sqlite:data/provisiond.db"`)
		}
		return SQLite, path, nil
	}
	return "", "", errors.New(`database URL must start with "sqlite:" or "postgres://"`)
}

// redactURLError drops the URL (and so any password) from a url.Error.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Open connects to the database named by rawURL. It does not migrate; call
// Migrate before using the store.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	dialect, dsn, err := ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	cfg := &gorm.Config{
		NowFunc:                Now,
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	}
	var gdb, reader *gorm.DB
	switch dialect {
	case SQLite:
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("store: data directory %s: %w", dir, err)
			}
		}
		// Create the file owner-only before SQLite does (it would use 0644).
		if f, err := os.OpenFile(dsn, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
			f.Close()
		}
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// Checkpoint every 10,000 pages (about 40 MB of WAL) rather than
		// 1,000: a bulk write (an LDAP import) rewrote the same index
		// pages into the database file at every commit (measured: 35 s ->
		// 28 s for 100,000 users).
		q.Add("_pragma", "wal_autocheckpoint(10000)")
		q.Set("_time_format", "sqlite")
		// The writer alone gets an 8 MB page cache (SQLite's default is
		// 2 MB): the indexes a bulk write touches then stay in memory
		// instead of being read back from the OS page by page (LDAP import
		// of 100,000 users: 10% faster, 12 MB more RSS).
		sqlDB, err := sql.Open(cachedDriverName(), sqliteURI(dsn, withPragma(q, "cache_size(-8192)")))
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite %s: %w", dsn, err)
		}
		// SQLite allows one writer; one connection avoids SQLITE_BUSY storms
		// and is what River's SQLite driver expects.
		sqlDB.SetMaxOpenConns(1)
		gdb, err = gorm.Open(sqlite.Dialector{DriverName: "sqlite", Conn: sqlDB}, cfg)
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite %s: %w", dsn, err)
		}
		if reader, err = openSQLiteReader(dsn, q, cfg); err != nil {
			sqlDB.Close()
			return nil, err
		}
	case Postgres:
		gdb, err = gorm.Open(postgres.New(postgres.Config{DSN: dsn}), cfg)
		if err != nil {
			return nil, fmt.Errorf("store: connect to PostgreSQL: %w", mapErr(err))
		}
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if dialect == Postgres {
		// As many may stay idle as may be open: with fewer, a burst of
		// delivery workers (50) closed and reopened connections by the
		// hundred a second, each a new PostgreSQL backend. The idle time
		// still gives them back after the burst.
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		closeReader(reader)
		if dialect == SQLite {
			return nil, fmt.Errorf("store: open sqlite %s: %w", dsn, err)
		}
		return nil, fmt.Errorf("store: connect to PostgreSQL: %w", mapErr(err))
	}
	st := &Store{db: gdb, sqlDB: sqlDB, reader: reader, dialect: dialect}
	if dialect == Postgres {
		st.tokens = newTokenCache()
	} else {
		st.changes, st.rstmts = newChangeCache(), newReaderStmts(reader)
	}
	return st, nil
}

// Dialect reports which database this store talks to.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB returns the underlying pool, for River and metrics. Never use it inside
// a transaction: with SQLite's single connection that deadlocks.
func (s *Store) DB() *sql.DB { return s.sqlDB }

// Close closes the pool.
func (s *Store) Close() error {
	if s.tokens != nil {
		s.tokens.close()
	}
	if s.rstmts != nil {
		s.rstmts.close()
	}
	closeReader(s.reader)
	return s.sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return mapErr(s.sqlDB.PingContext(ctx)) }

// Tx runs fn in a transaction; fn's store is bound to it. A Tx inside a Tx
// reuses the outer transaction.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx {
		return fn(s)
	}
	var hooks []func()
	err := s.db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		return fn(&Store{db: gtx, sqlDB: s.sqlDB, reader: s.reader, tokens: s.tokens, changes: s.changes, rstmts: s.rstmts, dialect: s.dialect, inTx: true, commitHooks: &hooks})
	})
	if err == nil {
		for _, h := range hooks {
			h()
		}
	}
	return mapErr(err)
}

// AfterCommit runs h once the transaction commits (at once outside one);
// never if it rolls back.
func (s *Store) AfterCommit(h func()) { s.afterCommit(h) }

// afterCommit runs h once the transaction commits (at once outside one).
func (s *Store) afterCommit(h func()) {
	if s.commitHooks == nil {
		h()
		return
	}
	*s.commitHooks = append(*s.commitHooks, h)
}

// SQLTx returns the *sql.Tx of a store bound to a transaction, so that River
// can insert jobs in the same transaction. It panics outside Tx: that is a
// programming error.
func (s *Store) SQLTx() *sql.Tx {
	if !s.inTx {
		panic("store: SQLTx outside a transaction")
	}
	switch p := s.db.Statement.ConnPool.(type) {
	case *sql.Tx:
		return p
	case *gorm.PreparedStmtTX:
		if tx, ok := p.Tx.(*sql.Tx); ok {
			return tx
		}
	}
	panic(fmt.Sprintf("store: unexpected transaction type %T", s.db.Statement.ConnPool))
}

// InTx reports whether the store is bound to a transaction.
func (s *Store) InTx() bool { return s.inTx }

// q returns a gorm session bound to ctx.
func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }
