package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func ptr[T any](v T) *T { return &v }

func newIntegration(t *testing.T, s *store.Store, name string) *store.Integration {
	t.Helper()
	in := &store.Integration{Name: name, Kind: "scim", TokenHash: ptr("h-" + name)}
	if err := s.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return in
}

// eachWithIntegration runs fn on a fresh store of every dialect that holds
// one SCIM integration (newIntegration's) named name.
func eachWithIntegration(t *testing.T, name string, fn func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fn(t, context.Background(), s, newIntegration(t, s, name))
	})
}

func TestIntegrations(t *testing.T) {
	eachWithIntegration(t, "Okta", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		if err := s.CreateIntegration(ctx, &store.Integration{Name: "okta", Kind: "scim"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate name (other case): %v, want ErrConflict", err)
		}
		got, err := s.IntegrationByTokenHash(ctx, "h-Okta")
		if err != nil || got.ID != in.ID {
			t.Fatalf("by token: %v %v", got, err)
		}
		if _, err := s.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error { i.Disabled = true; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.IntegrationByTokenHash(ctx, "h-Okta"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("disabled integration's token: %v, want ErrNotFound", err)
		}
		if _, err := s.IntegrationByName(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})
}

func TestAccountsUniquenessAndVersions(t *testing.T) {
	eachWithIntegration(t, "entra", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		a := &store.Account{IntegrationID: &in.ID, ExternalID: ptr("e1"), UserName: "Ada@Example.com", Active: true,
			Emails: []store.Email{{Value: "ada@example.com", Type: "work", IsPrimary: true}}}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		dup := &store.Account{IntegrationID: &in.ID, UserName: "ada@EXAMPLE.com", Active: true}
		err := s.CreateAccount(ctx, dup)
		if !errors.Is(err, store.ErrConflict) || !store.ConflictOn(err, "user_name") {
			t.Fatalf("duplicate userName: %v, want conflict on user_name", err)
		}
		got, err := s.AccountByUserName(ctx, "ADA@example.COM")
		if err != nil || got.ID != a.ID || len(got.Emails) != 1 {
			t.Fatalf("by userName: %+v %v", got, err)
		}
		got.DisplayName = "Ada"
		if err := s.SaveAccount(ctx, got, 1); err != nil {
			t.Fatal(err)
		}
		stale := *got
		stale.DisplayName = "Lost"
		if err := s.SaveAccount(ctx, &stale, 1); !errors.Is(err, store.ErrVersionMismatch) {
			t.Fatalf("stale save: %v, want ErrVersionMismatch", err)
		}
		if err := s.MarkAccountDeleted(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AccountByID(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted account still found: %v", err)
		}
		// A deleted account frees its userName and externalId.
		again := &store.Account{IntegrationID: &in.ID, ExternalID: ptr("e1"), UserName: "ada@example.com", Active: true}
		if err := s.CreateAccount(ctx, again); err != nil {
			t.Fatalf("re-create after delete: %v", err)
		}
	})
}

func TestTimesRoundTripAndOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		for i, off := range []time.Duration{0, 100 * time.Millisecond, 120 * time.Millisecond, time.Second, 1001 * time.Millisecond} {
			at := base.Add(off)
			ev := store.AuditEvent{At: at, Actor: "t", Action: "tick", Details: "{}", TargetID: string(rune('a' + i))}
			if err := s.DBForTest().WithContext(ctx).Create(&ev).Error; err != nil {
				t.Fatal(err)
			}
		}
		evs, total, err := s.AuditEvents(ctx, store.AuditFilter{Action: "tick", Since: base.Add(110 * time.Millisecond)})
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 {
			t.Fatalf("events since +110ms: %d, want 3 (text order must be time order)", total)
		}
		if !evs[len(evs)-1].At.Equal(base.Add(120 * time.Millisecond)) {
			t.Fatalf("round trip: %v", evs[len(evs)-1].At)
		}
	})
}

// TestAdminLanguage: an admin's mail language is stored and changed on both
// dialects, is "" (the instance default) when none was given, and is
// recorded at sign-in only while unset.
func TestAdminLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		plain := &store.Admin{Email: "en@example.com", Role: "owner"}
		fr := &store.Admin{Email: "fr@example.com", Role: "owner", Language: "fr"}
		for _, a := range []*store.Admin{plain, fr} {
			if err := s.CreateAdmin(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := s.AdminByID(ctx, plain.ID); err != nil || got.Language != "" {
			t.Fatalf("default: %+v %v", got, err)
		}
		if got, err := s.AdminByID(ctx, fr.ID); err != nil || got.Language != "fr" {
			t.Fatalf("fr: %+v %v", got, err)
		}
		if ok, err := s.SetAdminLanguageIfUnset(ctx, fr.ID, "en"); err != nil || ok {
			t.Fatalf("a recorded language was replaced: %v %v", ok, err)
		}
		if ok, err := s.SetAdminLanguageIfUnset(ctx, plain.ID, "en"); err != nil || !ok {
			t.Fatalf("unset language not recorded: %v %v", ok, err)
		}
		if _, err := s.UpdateAdmin(ctx, plain.ID, func(a *store.Admin) error { a.Language = "fr-CA"; return nil }); err != nil {
			t.Fatal(err)
		}
		if got, err := s.AdminByID(ctx, plain.ID); err != nil || got.Language != "fr-CA" {
			t.Fatalf("updated: %+v %v", got, err)
		}
	})
}
