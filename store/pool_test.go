package store_test

import (
	"database/sql"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestPostgresPoolKeepsItsConnections: after a burst that opened every
// connection the pool allows, all of them stay idle for the next burst
// instead of being closed and reopened (a new PostgreSQL backend each).
func TestPostgresPoolKeepsItsConnections(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		if d != store.Postgres {
			continue
		}
		ctx := t.Context()
		st, err := store.Open(ctx, storetest.URL(t, d))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		db := st.DB()
		max := db.Stats().MaxOpenConnections
		conns := make([]*sql.Conn, max)
		for i := range conns {
			if conns[i], err = db.Conn(ctx); err != nil {
				t.Fatal(err)
			}
			if err := conns[i].PingContext(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range conns {
			c.Close()
		}
		if s := db.Stats(); s.Idle != max || s.MaxIdleClosed != 0 {
			t.Fatalf("after a burst of %d connections: %d idle, %d closed for exceeding the idle limit", max, s.Idle, s.MaxIdleClosed)
		}
	}
}
