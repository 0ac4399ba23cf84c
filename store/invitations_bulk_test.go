package store_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestBulkInvitationsInTx: invite-all's writes inside its transaction (on
// PostgreSQL one array per column): every field comes back as written,
// nulls included; an account with an open invitation gets no second one;
// the locked accounts move to invited with a new version, the others not;
// the status update refuses to run outside a transaction; and stale
// planner statistics are refreshed once (PostgreSQL only).
func TestBulkInvitationsInTx(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		var accts []*store.Account
		for _, n := range []string{"ann", "bob", "cy"} {
			a := &store.Account{UserName: n, Email: n + "@example.com", Active: true, Status: store.StatusNotInvited}
			if err := s.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			accts = append(accts, a)
		}
		hash := func(h string) *string { return &h }
		if err := s.CreateInvitation(ctx, &store.Invitation{AccountID: accts[2].ID, Status: store.InvitationSent,
			Delivery: store.DeliveryQueued, Method: "link", Email: accts[2].Email, TokenHash: hash("open")}); err != nil {
			t.Fatal(err)
		}
		integ, exp := "int-1", store.Now().Add(30*24*time.Hour).Truncate(time.Second)
		invs := []store.Invitation{
			{AccountID: accts[0].ID, IntegrationID: &integ, Status: store.InvitationSent, Delivery: store.DeliveryQueued,
				Method: "link", Email: accts[0].Email, Message: "Welcome, l'équipe", TokenHash: hash("t0"),
				TokenSealed: []byte{0, 1, 2, 255}, ExpiresAt: &exp, FirstSentAt: &exp, CreatedBy: "admin:1"},
			{AccountID: accts[1].ID, Status: store.InvitationSent, Delivery: store.DeliveryQueued, Method: "code",
				Email: accts[1].Email, CodeHMAC: hash("c1")},
			{AccountID: accts[2].ID, Status: store.InvitationSent, Delivery: store.DeliveryQueued, Method: "link",
				Email: accts[2].Email, TokenHash: hash("t2")},
		}
		err := s.Tx(ctx, func(tx *store.Store) error {
			got, err := tx.InsertInvitations(ctx, invs)
			if err != nil {
				return err
			}
			if !got[accts[0].ID] || !got[accts[1].ID] || got[accts[2].ID] || len(got) != 2 {
				t.Errorf("inserted for %v, want ann and bob only", got)
			}
			return tx.SetLockedAccountsStatus(ctx, []string{accts[0].ID, accts[1].ID}, store.StatusInvited)
		})
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.InvitationByID(ctx, invs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if first.IntegrationID == nil || *first.IntegrationID != integ || first.Message != invs[0].Message ||
			!bytes.Equal(first.TokenSealed, invs[0].TokenSealed) || first.ExpiresAt == nil || !first.ExpiresAt.Equal(exp) ||
			first.FirstSentAt == nil || first.CreatedBy != "admin:1" || first.CodeHMAC != nil || first.NotBefore != nil {
			t.Errorf("read back %+v", first)
		}
		second, err := s.InvitationByID(ctx, invs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if second.IntegrationID != nil || second.TokenSealed != nil || second.TokenHash != nil || second.CodeHMAC == nil ||
			*second.CodeHMAC != "c1" || second.ExpiresAt != nil || second.Method != "code" {
			t.Errorf("read back %+v", second)
		}
		for i, want := range []string{store.StatusInvited, store.StatusInvited, store.StatusNotInvited} {
			a, err := s.AccountByID(ctx, accts[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			bumped := a.Version > accts[i].Version
			if a.Status != want || bumped != (want == store.StatusInvited) {
				t.Errorf("%s: status %s version %d (was %d), want %s", a.UserName, a.Status, a.Version, accts[i].Version, want)
			}
		}
		if err := s.SetLockedAccountsStatus(ctx, []string{accts[2].ID}, store.StatusInvited); err == nil {
			t.Error("SetLockedAccountsStatus outside a transaction: no error")
		}
		analyzed, err := s.RefreshStaleAccountStats(ctx, 3)
		if err != nil || analyzed != (s.Dialect() == store.Postgres) {
			t.Fatalf("stale statistics: analyzed %v, %v", analyzed, err)
		}
		if analyzed, err = s.RefreshStaleAccountStats(ctx, 3); err != nil || analyzed {
			t.Fatalf("fresh statistics: analyzed again %v, %v", analyzed, err)
		}
	})
}

// TestInsertInvitationsAllOrNone: outside a transaction, a batch with a row
// the database refuses (an account that does not exist) writes none of it.
func TestInsertInvitationsAllOrNone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := &store.Account{UserName: "ann", Email: "ann@example.com", Active: true, Status: store.StatusNotInvited}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		hash := func(h string) *string { return &h }
		invs := []store.Invitation{
			{AccountID: a.ID, Status: store.InvitationSent, Delivery: store.DeliveryQueued, Method: "link", Email: a.Email, TokenHash: hash("t-ann")},
			{AccountID: "no-such-account", Status: store.InvitationSent, Delivery: store.DeliveryQueued, Method: "link", Email: "x@example.com", TokenHash: hash("t-none")},
		}
		if _, err := s.InsertInvitations(ctx, invs); err == nil {
			t.Fatal("an invitation of no account was accepted")
		}
		if inv, err := s.InvitationByID(ctx, invs[0].ID); err == nil {
			t.Fatalf("the batch's valid row was kept: %+v", inv)
		}
	})
}
