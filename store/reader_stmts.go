package store

import (
	"context"
	"database/sql"
	"sync"

	"gorm.io/gorm"
)

// readerStmts keeps, by SQL (a few fixed strings, never built per call),
// statements of database/sql prepared on the SQLite reader connections, for
// the small reads every SCIM request or create batch makes: through gorm
// each cost as much again as the read itself (docs/performance.md). They
// are prepared at first use, not at open, when the migrations may not have
// made their tables yet.
type readerStmts struct {
	reader *gorm.DB
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
}

func newReaderStmts(reader *gorm.DB) *readerStmts {
	return &readerStmts{reader: reader, stmts: map[string]*sql.Stmt{}}
}

// get returns query's statement, prepared once. The prepare, which may
// wait for a reader connection, runs outside the lock: a caller holding
// one would otherwise stop every other first use.
func (r *readerStmts) get(ctx context.Context, query string) (*sql.Stmt, error) {
	r.mu.Lock()
	st, ok := r.stmts[query]
	r.mu.Unlock()
	if ok {
		return st, nil
	}
	db, err := r.reader.DB()
	if err != nil {
		return nil, err
	}
	if st, err = db.PrepareContext(ctx, query); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if kept, ok := r.stmts[query]; ok { // prepared meanwhile by another caller
		st.Close()
		return kept, nil
	}
	r.stmts[query] = st
	return st, nil
}

// close closes the statements, before their pool.
func (r *readerStmts) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for q, st := range r.stmts {
		st.Close()
		delete(r.stmts, q)
	}
}

// readRows runs a read that needs no transaction: with a kept reader
// statement on SQLite outside transactions, through q otherwise.
func (s *Store) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s.rstmts != nil && !s.inTx {
		st, err := s.rstmts.get(ctx, query)
		if err != nil {
			return nil, err
		}
		return st.QueryContext(ctx, args...)
	}
	return s.q(ctx).Raw(query, args...).Rows()
}
