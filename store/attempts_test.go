package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Two handles on one database stand for two replicas: the limit is shared.
func TestAttemptLimitHoldsAcrossReplicas(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, d)
			var replicas []*store.Store
			for range 2 {
				replicas = append(replicas, storetest.OpenURL(t, url))
			}
			lim := store.AttemptLimit{Max: 5, Window: time.Minute, Lockout: time.Hour}
			for i := range 8 {
				ok, err := replicas[i%2].CountAttempt(ctx, "code:abc", lim)
				if err != nil {
					t.Fatal(err)
				}
				if want := i < 5; ok != want {
					t.Fatalf("attempt %d: allowed %v, want %v", i+1, ok, want)
				}
			}
			if ok, _ := replicas[0].CountAttempt(ctx, "code:other", lim); !ok {
				t.Fatal("another key is not limited")
			}
			if err := replicas[1].ForgiveAttempt(ctx, "code:other"); err != nil {
				t.Fatal(err)
			}
			if n, err := replicas[0].PurgeAttempts(ctx, time.Now().Add(time.Minute)); err != nil || n != 1 {
				t.Fatalf("purge removes only the idle, unlocked counter: %d %v", n, err)
			}
		})
	}
}

func TestInvitationLinkUses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		l := &store.InvitationLink{Name: "L", TokenHash: "h1", MaxUses: 2, ExpiresAt: time.Now().Add(time.Hour)}
		if err := s.CreateInvitationLink(ctx, l); err != nil {
			t.Fatal(err)
		}
		for i, wantErr := range []bool{false, false, true} {
			if err := s.UseInvitationLink(ctx, l.ID); (err != nil) != wantErr {
				t.Fatalf("use %d: %v", i+1, err)
			}
		}
		old := &store.InvitationLink{Name: "Old", TokenHash: "h2", MaxUses: 9, ExpiresAt: time.Now().Add(-time.Second)}
		if err := s.CreateInvitationLink(ctx, old); err != nil {
			t.Fatal(err)
		}
		if err := s.UseInvitationLink(ctx, old.ID); err == nil {
			t.Fatal("an expired link was used")
		}
		if err := s.DeleteInvitationLink(ctx, l.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.InvitationLinkByID(ctx, l.ID); err == nil {
			t.Fatal("deleted link still found by id")
		}
		got, err := s.InvitationLinkByTokenHash(ctx, "h1")
		if err != nil || got.DeletedAt == nil || got.Uses != 2 {
			t.Fatalf("by token: %+v %v", got, err)
		}
		ls, total, err := s.InvitationLinks(ctx, 10, 0)
		if err != nil || total != 1 || ls[0].ID != old.ID {
			t.Fatalf("list: %d %v", total, err)
		}
	})
}
