package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestServerSettingsRecordedOnce: nothing before the first serve, then the
// last record wins (one row, whatever the number of replicas).
func TestServerSettingsRecordedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.RecordedServerSettings(ctx); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("before any serve: %v", err)
		}
		for _, ss := range []store.ServerSettings{
			{BaseURL: "https://a.example", MailEnabled: true, MailFrom: "a@example.com", OrgName: "A"},
			{BaseURL: "https://b.example", MailEnabled: false, OrgName: "B"},
		} {
			if err := s.RecordServerSettings(ctx, ss); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.RecordedServerSettings(ctx)
		if err != nil || got.BaseURL != "https://b.example" || got.MailEnabled || got.MailFrom != "" || got.OrgName != "B" || got.RecordedAt.IsZero() {
			t.Fatalf("recorded: %+v %v", got, err)
		}
	})
}
