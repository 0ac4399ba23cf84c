package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// SeedGroupMembers creates n accounts of g's integration and makes them
// members of g, with multi-row INSERTs in one transaction (100,000 members
// in seconds), then sets member_count. Benchmarks use it to build big
// groups; it bypasses account.Service on purpose.
func SeedGroupMembers(tb testing.TB, s *store.Store, g *store.Group, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	now := store.Now()
	const chunk = 1000
	for start := 0; start < n; start += chunk {
		size := min(chunk, n-start)
		ids := make([]string, size)
		var acc, mem []any
		for i := range ids {
			ids[i] = store.NewID()
			acc = append(acc, ids[i], g.IntegrationID, fmt.Sprintf("seed-%s@example.com", ids[i]), now, now)
			mem = append(mem, g.ID, ids[i], now)
		}
		accSQL := "INSERT INTO accounts (id, integration_id, user_name, created_at, updated_at) VALUES " + placeholders(s, size, 5)
		if _, err := tx.ExecContext(ctx, accSQL, acc...); err != nil {
			tb.Fatalf("seed accounts: %v", err)
		}
		memSQL := "INSERT INTO group_members (group_id, account_id, created_at) VALUES " + placeholders(s, size, 3)
		if _, err := tx.ExecContext(ctx, memSQL, mem...); err != nil {
			tb.Fatalf("seed members: %v", err)
		}
	}
	q := "UPDATE groups SET member_count = member_count + ? WHERE id = ?"
	if s.Dialect() == store.Postgres {
		q = "UPDATE groups SET member_count = member_count + $1 WHERE id = $2"
	}
	if _, err := tx.ExecContext(ctx, q, n, g.ID); err != nil {
		tb.Fatalf("seed member_count: %v", err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	g.MemberCount += int64(n)
	// A real table has statistics (autovacuum); without them PostgreSQL
	// plans a 100,000-row join as if it were tiny and sorts on disk.
	if _, err := s.DB().ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatalf("seed analyze: %v", err)
	}
}

// placeholders returns rows groups of cols parameters in s's dialect.
func placeholders(s *store.Store, rows, cols int) string {
	var b strings.Builder
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			if s.Dialect() == store.Postgres {
				fmt.Fprintf(&b, "$%d", r*cols+c+1)
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}
