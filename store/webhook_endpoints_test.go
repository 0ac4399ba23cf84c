package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestWebhookEndpointsFor: an endpoint is listed for an event type it names
// exactly, or for every type when it names "*"; never when disabled, nor for
// a type that merely shares a prefix, a case-folded spelling or a pattern
// character with one it names.
func TestWebhookEndpointsFor(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, d)
			add := func(id, events string, disabled bool) {
				e := &store.WebhookEndpoint{ID: id, URL: "https://hooks.example.com/" + id, Events: events, Disabled: disabled, SecretSealed: []byte("sealed")}
				if err := s.CreateWebhookEndpoint(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
			add("a-created", "account.created account.deleted", false)
			add("b-all", "*", false)
			add("c-off", "account.created", true)
			add("d-group", "group.created", false)
			add("e-prefix", "account.created.later", false)
			for typ, want := range map[string][]string{
				"account.created": {"a-created", "b-all"},
				"account.deleted": {"a-created", "b-all"},
				"group.created":   {"b-all", "d-group"},
				"ACCOUNT.CREATED": {"b-all"},
				"account_created": {"b-all"},
				"account.%":       {"b-all"},
				"account":         {"b-all"},
			} {
				// Outside a transaction (SQLite: a kept reader statement)
				// and inside one (the transaction's connection, via gorm).
				for _, inTx := range []bool{false, true} {
					var eps []store.WebhookEndpoint
					var err error
					if inTx {
						err = s.Tx(ctx, func(tx *store.Store) error {
							eps, err = tx.WebhookEndpointsFor(ctx, typ)
							return err
						})
					} else {
						eps, err = s.WebhookEndpointsFor(ctx, typ)
					}
					if err != nil {
						t.Fatal(err)
					}
					var got []string
					for _, e := range eps {
						got = append(got, e.ID)
						if e.URL != "https://hooks.example.com/"+e.ID || string(e.SecretSealed) != "sealed" || e.CreatedAt.IsZero() {
							t.Errorf("%s (in a transaction: %v): %s is not the whole row: %+v", typ, inTx, e.ID, e)
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s (in a transaction: %v): got %v, want %v", typ, inTx, got, want)
					}
				}
			}
		})
	}
}
