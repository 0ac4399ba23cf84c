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

// Finished webhook deliveries and back-channel logouts older than the
// retention go; a pending one stays whatever its age, and so does a
// finished one inside the retention.
func TestPurgeFinishedOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ep := &store.WebhookEndpoint{URL: "https://app.example.com/hook", Events: "*", SecretSealed: []byte("x")}
		if err := s.CreateWebhookEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		c := &store.OIDCClient{Name: "wiki"}
		if err := s.CreateOIDCClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		old := store.Now().Add(-48 * time.Hour)
		var deliveries, logouts []int64
		for i := 0; i < 3; i++ { // old finished, old pending, fresh finished
			d := &store.WebhookDelivery{EndpointID: ep.ID, EventID: "e", EventType: "account.created", Payload: "{}"}
			l := &store.BackchannelLogout{ClientID: c.ID, AccountID: "a"}
			if err := s.CreateWebhookDelivery(ctx, d); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateBackchannelLogout(ctx, l); err != nil {
				t.Fatal(err)
			}
			if i != 1 {
				if err := s.RecordWebhookAttempt(ctx, d.ID, store.WebhookAttempt{Status: store.WebhookDelivered}); err != nil {
					t.Fatal(err)
				}
				if err := s.RecordBackchannelAttempt(ctx, l.ID, store.WebhookFailed, 0, "refused"); err != nil {
					t.Fatal(err)
				}
			}
			deliveries, logouts = append(deliveries, d.ID), append(logouts, l.ID)
		}
		db := s.DBForTest().WithContext(ctx)
		for table, ids := range map[string][]int64{"webhook_deliveries": deliveries[:2], "backchannel_logouts": logouts[:2]} {
			if err := db.Exec("UPDATE "+table+" SET created_at = ? WHERE id IN ?", old, ids).Error; err != nil {
				t.Fatal(err)
			}
		}
		before := store.Now().Add(-24 * time.Hour)
		if n, err := s.PurgeWebhookDeliveries(ctx, before); err != nil || n != 1 {
			t.Fatalf("purge deliveries: %d %v, want 1", n, err)
		}
		if n, err := s.PurgeBackchannelLogouts(ctx, before); err != nil || n != 1 {
			t.Fatalf("purge logouts: %d %v, want 1", n, err)
		}
		kept, _, err := s.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{Limit: 10})
		if err != nil || len(kept) != 2 || kept[0].ID != deliveries[2] || kept[1].ID != deliveries[1] {
			t.Fatalf("deliveries kept: %+v %v, want the fresh one and the pending one", kept, err)
		}
		left, _, err := s.BackchannelLogouts(ctx, store.BackchannelLogoutQuery{Limit: 10})
		if err != nil || len(left) != 2 || left[0].ID != logouts[2] || left[1].ID != logouts[1] {
			t.Fatalf("logouts kept: %+v %v, want the fresh one and the pending one", left, err)
		}
	})
}
