package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestTokenLookupFollowsChanges: a rotated or disabled integration's token
// stops working on the replica that changed it at once, and on another
// replica (or after the CLI changed it) as soon as PostgreSQL delivers the
// notification, well before the cache's safety TTL; on SQLite, after a
// change by another process (the CLI), at the next lookup.
func TestTokenLookupFollowsChanges(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			u := storetest.URL(t, d)
			a := storetest.OpenURL(t, u)
			b := storetest.OpenURL(t, u) // another replica, or the CLI
			h1, h2 := "hash-one", "hash-two"
			in := &store.Integration{Name: "okta", Kind: "scim", TokenHash: &h1}
			if err := a.CreateIntegration(ctx, in); err != nil {
				t.Fatal(err)
			}
			{
				// The cache is real: once listening (PostgreSQL) it answers
				// without reading the integration (a write that bypasses
				// the store goes unseen).
				waitFor(t, "cached lookup", func() bool {
					_, err := a.IntegrationByTokenHash(ctx, h1)
					return err == nil && a.TokenCached(h1)
				})
				if err := b.DBForTest().Exec("UPDATE integrations SET disabled = true").Error; err != nil {
					t.Fatal(err)
				}
				if _, err := a.IntegrationByTokenHash(ctx, h1); err != nil {
					t.Fatalf("cached lookup went to the database: %v", err)
				}
			}
			// Rotated by the other replica: a refuses the old token soon.
			if _, err := b.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error {
				i.TokenHash, i.Disabled = &h2, false
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := a.IntegrationByTokenHash(ctx, h1); d == store.SQLite && !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("token rotated by another process: %v, want ErrNotFound at its commit", err)
			}
			start := time.Now()
			waitFor(t, "old token refused", func() bool {
				_, err := a.IntegrationByTokenHash(ctx, h1)
				return errors.Is(err, store.ErrNotFound)
			})
			if took := time.Since(start); took > 3*time.Second {
				t.Fatalf("old token kept working for %v", took)
			}
			// Disabled by this replica: refused at once, without waiting.
			if _, err := a.IntegrationByTokenHash(ctx, h2); err != nil {
				t.Fatal(err)
			}
			if _, err := a.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error { i.Disabled = true; return nil }); err != nil {
				t.Fatal(err)
			}
			if _, err := a.IntegrationByTokenHash(ctx, h2); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("disabled integration's token: %v, want ErrNotFound at once", err)
			}
		})
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
