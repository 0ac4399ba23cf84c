package store

import (
	"database/sql"
	"fmt"
	"testing"
)

// keptOf returns the statement the connection keeps for query, or nil.
func keptOf(t *testing.T, conn *sql.Conn, query string) *keptStmt {
	t.Helper()
	var k *keptStmt
	conn.Raw(func(dc any) error { k = dc.(*cachingConn).stmts[query]; return nil }) //nolint:errcheck
	return k
}

// TestStmtCacheLendsToPrepare: an explicit prepare in a transaction (one per
// batch of single-row INSERTs) runs on the kept statement instead of parsing
// the SQL again, in every transaction; while lent it is busy, so the same SQL
// run or prepared meanwhile gets its own statement and both stay right; a
// refused row leaves it usable; the end of the transaction gives it back.
func TestStmtCacheLendsToPrepare(t *testing.T) {
	db := openCachedForTest(t)
	ctx := t.Context()
	const ins = `INSERT INTO t (v) VALUES (?)`
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var first *keptStmt
	for batch := range 3 {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback() //nolint:errcheck // after a failure: conn.Close waits for it
		st, err := tx.PrepareContext(ctx, ins)
		if err != nil {
			t.Fatal(err)
		}
		k := keptOf(t, conn, ins)
		if k == nil || !k.busy {
			t.Fatalf("batch %d: the prepare did not borrow the kept statement (%+v)", batch, k)
		}
		if first == nil {
			first = k
		} else if k != first {
			t.Fatalf("batch %d: the SQL was prepared again", batch)
		}
		for i := range 3 {
			if _, err := st.ExecContext(ctx, fmt.Sprintf("b%d-%d", batch, i)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.ExecContext(ctx, fmt.Sprintf("b%d-0", batch)); err == nil {
			t.Fatal("duplicate accepted")
		}
		// The same SQL meanwhile, run and prepared: statements of their own.
		if _, err := tx.ExecContext(ctx, ins, fmt.Sprintf("b%d-direct", batch)); err != nil {
			t.Fatal(err)
		}
		other, err := tx.PrepareContext(ctx, ins)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.ExecContext(ctx, fmt.Sprintf("b%d-other", batch)); err != nil {
			t.Fatal(err)
		}
		other.Close()
		if !k.busy {
			t.Fatal("closing the second prepare gave back the first's statement")
		}
		if _, err := st.ExecContext(ctx, fmt.Sprintf("b%d-3", batch)); err != nil {
			t.Fatalf("the lent statement after a refusal and a nested use: %v", err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if k.busy {
			t.Fatalf("batch %d: still lent after the commit", batch)
		}
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n); err != nil || n != 3*6 {
		t.Fatalf("%d rows (%v), want %d", n, err, 3*6)
	}
	if keptOf(t, conn, ins) != first {
		t.Fatal("the kept statement changed")
	}
}
