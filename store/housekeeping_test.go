package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Dead rows go; live ones stay.
func TestPurgeExpired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := store.Now()
		exec := func(q string, args ...any) {
			t.Helper()
			if err := s.DBForTest().WithContext(ctx).Exec(q, args...).Error; err != nil {
				t.Fatal(err)
			}
		}
		exec("INSERT INTO attempt_counters (key, failures, window_start) VALUES (?, 3, ?), (?, 1, ?)",
			"old", now.Add(-48*time.Hour), "fresh", now.Add(-time.Minute))
		ad := &store.Admin{Email: "a@example.com", Role: "owner", CreatedAt: now, UpdatedAt: now}
		if err := s.CreateAdmin(ctx, ad); err != nil {
			t.Fatal(err)
		}
		exec("INSERT INTO sessions (id_hash, admin_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
			"dead", ad.ID, now.Add(-13*time.Hour), now.Add(-13*time.Hour), now.Add(-time.Hour),
			"live", ad.ID, now, now, now.Add(time.Hour))
		w, err := s.PurgeExpired(ctx, now, 365*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if w.Attempts != 1 || w.Sessions != 1 {
			t.Fatalf("swept %+v, want one counter and one session", w)
		}
		var n int64
		s.DBForTest().Raw("SELECT COUNT(*) FROM attempt_counters WHERE key = 'fresh'").Scan(&n)
		if n != 1 {
			t.Fatal("a live counter was purged")
		}
	})
}
