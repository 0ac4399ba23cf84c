package store

import (
	"context"
	"database/sql/driver"
)

// lentStmt is a kept statement lent to one explicit prepare: busy while
// lent or while rows it returned are open, so the same SQL run meanwhile
// gets a statement of its own (database/sql closes a statement prepared on
// a transaction at once, even under open rows); given back, not finalized,
// when both are closed. database/sql closes it under the connection's
// lock, at the latest when the transaction that prepared it ends; one
// prepared on a *sql.Conn stays lent until closed (the same SQL is then
// only parsed again).
type lentStmt struct {
	k      *keptStmt
	closed bool
	rows   int // open rows of this statement
}

func (l *lentStmt) Close() error {
	if !l.closed {
		l.closed = true
		l.giveBack()
	}
	return nil
}

// giveBack frees the kept statement once neither the prepare nor its rows
// hold it.
func (l *lentStmt) giveBack() {
	if l.closed && l.rows == 0 {
		l.k.busy = false
	}
}

func (l *lentStmt) NumInput() int { return l.k.st.NumInput() }

func (l *lentStmt) Exec(args []driver.Value) (driver.Result, error) { //nolint:staticcheck // the interface's
	return l.k.st.Exec(args) //nolint:staticcheck
}

func (l *lentStmt) Query(args []driver.Value) (driver.Rows, error) { //nolint:staticcheck // the interface's
	rows, err := l.k.st.Query(args) //nolint:staticcheck
	return l.track(rows, err)
}

func (l *lentStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return l.k.st.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (l *lentStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := l.k.st.(driver.StmtQueryContext).QueryContext(ctx, args)
	return l.track(rows, err)
}

// track counts rows as holding the statement until they are closed.
func (l *lentStmt) track(rows driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, err
	}
	l.rows++
	return &lentRows{fullRows: rows.(fullRows), l: l}, nil
}

// lentRows gives its statement back, if the prepare is closed too, when
// closed.
type lentRows struct {
	fullRows
	l    *lentStmt
	done bool
}

func (r *lentRows) Close() error {
	err := r.fullRows.Close()
	if !r.done {
		r.done = true
		r.l.rows--
		r.l.giveBack()
	}
	return err
}
