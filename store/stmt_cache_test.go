package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// openCachedForTest opens a bare SQLite database through the caching
// driver, one connection, as the writer is.
func openCachedForTest(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open(cachedDriverName(), sqliteURI(filepath.Join(t.TempDir(), "c.db"), nil))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// kept returns how many statements the connection keeps.
func kept(t *testing.T, db *sql.DB) int {
	t.Helper()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n := -1
	conn.Raw(func(dc any) error { n = len(dc.(*cachingConn).stmts); return nil }) //nolint:errcheck
	return n
}

// TestStmtCacheReusesAndStaysCorrect: the same SQL is prepared once; a
// statement whose rows are open is not reused under them (a nested query
// with the same SQL); a refused statement (a constraint) stays usable;
// more distinct statements than the cache holds evict the oldest; a
// schema change is seen by a kept statement.
func TestStmtCacheReusesAndStaysCorrect(t *testing.T) {
	db := openCachedForTest(t)
	ctx := t.Context()
	for i := range 200 {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES (?)`, fmt.Sprintf("v%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	before := kept(t, db)
	if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES (?)`, "v000"); err == nil {
		t.Fatal("duplicate accepted")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES (?)`, "v200"); err != nil {
		t.Fatalf("the kept INSERT after a refusal: %v", err)
	}
	if got := kept(t, db); got != before {
		t.Fatalf("kept %d statements after reusing one, want %d", got, before)
	}

	// Nested: the outer rows stay open while the same SQL runs inside.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	const q = `SELECT v FROM t WHERE id <= ? ORDER BY id`
	outer, err := tx.QueryContext(ctx, q, 3)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for outer.Next() {
		var v string
		if err := outer.Scan(&v); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, v)
		var inner int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+`)`, 200).Scan(&inner); err != nil || inner != 200 {
			t.Fatalf("inner count %d, %v", inner, err)
		}
		in2, err := tx.QueryContext(ctx, q, 1)
		if err != nil {
			t.Fatal(err)
		}
		for in2.Next() {
		}
		in2.Close()
	}
	if err := outer.Err(); err != nil || fmt.Sprint(seen) != "[v000 v001 v002]" {
		t.Fatalf("outer rows under a nested use of the same SQL: %v %v", seen, err)
	}
	outer.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	// More distinct statements than the cache holds.
	for i := range maxCachedStmts + 20 {
		var v string
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT v FROM t WHERE id = ? AND %d = %d`, i, i), 1).Scan(&v); err != nil || v != "v000" {
			t.Fatalf("distinct statement %d: %q %v", i, v, err)
		}
	}
	if got := kept(t, db); got > maxCachedStmts {
		t.Fatalf("kept %d statements, at most %d", got, maxCachedStmts)
	}

	// A schema change after a statement was kept.
	const all = `SELECT * FROM t WHERE id = 1`
	cols := func() []string {
		rows, err := db.QueryContext(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		c, _ := rows.Columns()
		return c
	}
	cols()
	if _, err := db.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT`); err != nil {
		t.Fatal(err)
	}
	if c := cols(); len(c) != 3 {
		t.Fatalf("columns after ALTER TABLE: %v", c)
	}
}

// TestStmtCacheCanceledQuery: a query canceled mid-way leaves its kept
// statement usable.
func TestStmtCacheCanceledQuery(t *testing.T) {
	db := openCachedForTest(t)
	const slow = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) FROM n`
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, slow, 1_000_000_000).Scan(&n); err == nil {
		t.Fatal("a billion rows counted within 20 ms")
	}
	if err := db.QueryRowContext(t.Context(), slow, 10).Scan(&n); err != nil || n != 10 {
		t.Fatalf("the kept statement after a cancel: %d %v", n, err)
	}
	if _, err := db.ExecContext(t.Context(), `INSERT INTO t (v) VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
}
