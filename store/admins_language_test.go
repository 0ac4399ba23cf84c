package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

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
