package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestInvitationsOneOpenPerAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := &store.Account{UserName: "ann", Email: "ann@example.com", Active: true}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		inv := func(h string) *store.Invitation {
			return &store.Invitation{AccountID: a.ID, Status: store.InvitationSent, Delivery: store.DeliveryQueued,
				Method: "link", Email: a.Email, TokenHash: &h}
		}
		first := inv("h1")
		if err := s.CreateInvitation(ctx, first); err != nil {
			t.Fatal(err)
		}
		// Inside a transaction too: the refusal must not abort it (PostgreSQL).
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := tx.CreateInvitation(ctx, inv("h2")); !errors.Is(err, store.ErrAlreadyInvited) {
				t.Errorf("second open invitation: %v", err)
			}
			return tx.Audit(ctx, "test", "still.usable", "account", a.ID, nil)
		})
		if err != nil {
			t.Fatalf("transaction after the refusal: %v", err)
		}
		got, err := s.InsertInvitations(ctx, []store.Invitation{*inv("h3")})
		if err != nil || got[a.ID] {
			t.Fatalf("bulk insert over an open invitation: %v %v", got, err)
		}
		ok, err := s.SetDelivery(ctx, first.ID, "stale", store.DeliveryDelivered, "", store.Now(), nil)
		if err != nil || ok {
			t.Fatalf("SetDelivery with a superseded token: %v %v", ok, err)
		}
		exp := store.Now().Add(time.Hour)
		if ok, err = s.SetDelivery(ctx, first.ID, "h1", store.DeliveryDelivered, "", store.Now(), &exp); err != nil || !ok {
			t.Fatalf("SetDelivery: %v %v", ok, err)
		}
		first.Status = store.InvitationCanceled
		if err := s.SaveInvitation(ctx, first); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateInvitation(ctx, inv("h4")); err != nil {
			t.Fatalf("new invitation after cancel: %v", err)
		}
		if n, err := s.PurgeInvitations(ctx, store.Now().Add(time.Minute), 10); err != nil || n != 2 {
			t.Fatalf("purge: %d %v", n, err)
		}
	})
}

func TestAccessCodesOneLivePerAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := &store.Account{UserName: "kiosk", Active: true}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		mk := func(h string) error {
			return s.CreateAccessCode(ctx, &store.AccessCode{AccountID: a.ID, CodeHMAC: h, CodeSealed: []byte{1},
				ExpiresAt: store.Now().Add(time.Hour)})
		}
		if err := mk("c1"); err != nil {
			t.Fatal(err)
		}
		if err := mk("c2"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second live code: %v", err)
		}
		if n, err := s.RevokeAccessCodes(ctx, a.ID); err != nil || n != 1 {
			t.Fatalf("revoke: %d %v", n, err)
		}
		if err := mk("c3"); err != nil {
			t.Fatal(err)
		}
		var rows []store.AccessCodeExport
		if err := s.LiveAccessCodes(ctx, "", func(r store.AccessCodeExport) error { rows = append(rows, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].CodeHMAC != "c3" || rows[0].UserName != "kiosk" {
			t.Fatalf("live codes: %+v", rows)
		}
	})
}
