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

// TestStmtCacheLentRowsOutliveClose: a lent statement closed while its rows
// are still open (database/sql closes a transaction's statement at once)
// is not given back under them: the same SQL run meanwhile starts its own
// query, and the open rows go on where they were.
func TestStmtCacheLentRowsOutliveClose(t *testing.T) {
	db := openCachedForTest(t)
	ctx := t.Context()
	for _, v := range []string{"a", "b", "c"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES (?)`, v); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	const q = `SELECT v FROM t ORDER BY v`
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.QueryContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	next := func() {
		var v string
		if !rows.Next() {
			t.Fatalf("rows ended after %v: %v", seen, rows.Err())
		}
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, v)
	}
	next()
	st.Close()
	var first string
	if err := tx.QueryRowContext(ctx, q).Scan(&first); err != nil || first != "a" {
		t.Fatalf("the same SQL under the open rows read %q (%v), want a", first, err)
	}
	next()
	next()
	if rows.Next() {
		t.Fatal("a fourth row")
	}
	rows.Close()
	if fmt.Sprint(seen) != "[a b c]" {
		t.Fatalf("open rows read %v, want [a b c]", seen)
	}
	if err := tx.QueryRowContext(ctx, q).Scan(&first); err != nil || first != "a" {
		t.Fatalf("after both closed: %q %v", first, err)
	}
}
