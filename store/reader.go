package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// readerConns is how many read-only SQLite connections serve hot reads.
const readerConns = 4

// openSQLiteReader opens read-only connections to the SQLite file beside
// the one writer. In WAL mode readers never wait for the writer nor it for
// them, so a hot read (the SCIM token lookup of every request) need not
// queue behind a write transaction on the writer's single connection.
// Each read sees the last committed state when it starts.
func openSQLiteReader(dsn string, q url.Values, cfg *gorm.Config) (*gorm.DB, error) {
	sqlDB, err := sql.Open("sqlite", sqliteURI(dsn, withPragma(q, "query_only(1)")))
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite reader %s: %w", dsn, err)
	}
	sqlDB.SetMaxOpenConns(readerConns)
	sqlDB.SetMaxIdleConns(readerConns)
	// Readers run outside transactions, where gorm's prepared statements
	// are reused (inside one it prepares again each time): the parse is
	// most of a small lookup's cost on the pure-Go SQLite.
	rcfg := *cfg
	rcfg.PrepareStmt, rcfg.PrepareStmtMaxSize, rcfg.PrepareStmtTTL = true, 256, time.Hour
	gdb, err := gorm.Open(sqlite.Dialector{DriverName: "sqlite", Conn: sqlDB}, &rcfg)
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("store: open sqlite reader %s: %w", dsn, err)
	}
	return gdb, nil
}

func closeReader(r *gorm.DB) {
	if r == nil {
		return
	}
	if db, err := r.DB(); err == nil {
		db.Close()
	}
}

// read returns a session for a read that needs no transaction: on a
// read-only SQLite connection outside transactions, q otherwise.
func (s *Store) read(ctx context.Context) *gorm.DB {
	if s.reader != nil && !s.inTx {
		return s.reader.WithContext(ctx)
	}
	return s.q(ctx)
}

// withPragma is a copy of the connection parameters q with one more pragma,
// for the connections that differ from the others by it.
func withPragma(q url.Values, pragma string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	out.Add("_pragma", pragma)
	return out
}
