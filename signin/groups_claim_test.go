package signin_test

import (
	"context"
	"slices"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Two integrations each push a group "Admins": the groups claim must not
// let a member of one pass for a member of the other (an application that
// grants access to "Admins" would grant it to both). Shared names, and
// names containing "/", are qualified by the integration's name.
func TestGroupsClaimTellsSameNamedGroupsApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		integration := func(name string) *store.Integration {
			in := &store.Integration{Name: name, Kind: "scim"}
			if err := st.CreateIntegration(ctx, in); err != nil {
				t.Fatal(err)
			}
			return in
		}
		okta, ldap := integration("okta"), integration("ldap")
		hash, _ := password.Hash(testPassword)
		now := store.Now()
		person := func(name string, in *store.Integration) *store.Account {
			a := &store.Account{UserName: name, Email: name + "@example.com", Active: true, Status: store.StatusActive,
				PasswordHash: hash, ClaimedAt: &now, IntegrationID: &in.ID}
			if err := st.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		ada, bob := person("ada", okta), person("bob", ldap)
		group := func(in *store.Integration, name string, members ...*store.Account) {
			g := &store.Group{DisplayName: name}
			if in != nil {
				g.IntegrationID = &in.ID
			}
			if err := st.CreateGroup(ctx, g); err != nil {
				t.Fatal(err)
			}
			var ms []store.GroupMember
			for _, m := range members {
				ms = append(ms, store.GroupMember{AccountID: m.ID})
			}
			if n, err := st.AddGroupMembers(ctx, g, ms); err != nil || int(n) != len(ms) {
				t.Fatalf("members of %s: %d, %v", name, n, err)
			}
		}
		group(nil, "Engineering", ada) // a name no other group has
		group(okta, "Admins", ada)
		group(ldap, "admins", bob)
		group(okta, "R&D/Paris", ada)
		group(ldap, "Staff", bob)
		group(nil, "staff/all", bob)

		r := newRP(t, e)
		for _, tc := range []struct {
			user string
			want []string
		}{
			{"ada", []string{"okta/Admins", "Engineering", "okta/R&D/Paris"}},
			{"bob", []string{"ldap/admins", "Staff", "/staff/all"}},
		} {
			tok := r.tokens(t, tc.user)
			raw, _ := tok.Extra("id_token").(string)
			idt, err := r.provider.Verifier(&oidc.Config{ClientID: r.conf.ClientID}).Verify(ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			var claims struct{ Groups []string }
			decode(t, idt.Claims, &claims)
			if !slices.Equal(claims.Groups, tc.want) {
				t.Errorf("%s: ID token groups %q, want %q", tc.user, claims.Groups, tc.want)
			}
			ui, err := r.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
			if err != nil {
				t.Fatal(err)
			}
			decode(t, ui.Claims, &claims)
			if !slices.Equal(claims.Groups, tc.want) {
				t.Errorf("%s: userinfo groups %q, want %q", tc.user, claims.Groups, tc.want)
			}
		}
	})
}
