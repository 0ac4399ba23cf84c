package store_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestManyEmails: an account with more emails than one statement may bind
// (SQLite: 32,766 variables, PostgreSQL: 65,535; 6 per email) can be
// created, saved and read back. Written by an LDAP directory or before the
// SCIM cap, such an account could never be updated again.
func TestManyEmails(t *testing.T) {
	eachWithIntegration(t, "many", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		emails := func(n int, domain string) []store.Email {
			out := make([]store.Email, n)
			for i := range out {
				out[i] = store.Email{Value: "u" + strconv.Itoa(i) + "@" + domain, Type: "work"}
			}
			return out
		}
		a := &store.Account{IntegrationID: &in.ID, UserName: "many", Active: true, Emails: emails(12000, "a.example")}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatalf("create: %v", err)
		}
		a.Emails = emails(11000, "b.example")
		if err := s.SaveAccount(ctx, a, a.Version); err != nil {
			t.Fatalf("save: %v", err)
		}
		got, err := s.AccountByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Emails) != 11000 || got.Emails[10999].Value != "u10999@b.example" {
			t.Fatalf("%d emails read back, last %+v", len(got.Emails), got.Emails[len(got.Emails)-1])
		}
	})
}
