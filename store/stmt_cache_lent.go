package store

import (
	"context"
	"database/sql/driver"
)

// lentStmt is a kept statement lent to one explicit prepare: busy while
// lent, so the same SQL run meanwhile gets a statement of its own; given
// back, not finalized, when closed. database/sql closes it under the
// connection's lock, at the latest when the transaction that prepared it
// ends.
type lentStmt struct {
	k      *keptStmt
	closed bool
}

func (l *lentStmt) Close() error {
	if !l.closed {
		l.closed = true
		l.k.busy = false
	}
	return nil
}

func (l *lentStmt) NumInput() int { return l.k.st.NumInput() }

func (l *lentStmt) Exec(args []driver.Value) (driver.Result, error) { //nolint:staticcheck // the interface's
	return l.k.st.Exec(args) //nolint:staticcheck
}

func (l *lentStmt) Query(args []driver.Value) (driver.Rows, error) { //nolint:staticcheck // the interface's
	return l.k.st.Query(args) //nolint:staticcheck
}

func (l *lentStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return l.k.st.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext: the rows are the statement's while open; the statement
// stays lent (busy) until the lender closes it.
func (l *lentStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return l.k.st.(driver.StmtQueryContext).QueryContext(ctx, args)
}
