package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An authorization code and a password reset are used once, even when
// several requests race for them.
func TestSignInSingleUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := &store.Account{UserName: "ada", Active: true, Status: store.StatusActive}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		c := &store.OIDCClient{Name: "Wiki"}
		if err := s.CreateOIDCClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateOIDCClient(ctx, &store.OIDCClient{Name: "WIKI"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate client name: %v", err)
		}
		r := &store.AuthRequest{ClientID: c.ID, RedirectURI: "https://x/cb", ExpiresAt: store.Now().Add(time.Minute)}
		if err := s.CreateAuthRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAuthCode(ctx, r.ID, "h1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("code before sign-in: %v", err)
		}
		if err := s.CompleteAuthRequest(ctx, r.ID, a.ID, store.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteAuthRequest(ctx, r.ID, a.ID, store.Now()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second completion: %v", err)
		}
		if err := s.SetAuthCode(ctx, r.ID, "h1"); err != nil {
			t.Fatal(err)
		}
		reset := &store.PasswordReset{AccountID: a.ID, TokenHMAC: "r1", ExpiresAt: store.Now().Add(time.Hour)}
		if err := s.CreatePasswordReset(ctx, reset); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		codes, resets := 0, 0
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				_, err := s.UseAuthCode(ctx, "h1")
				rerr := s.Tx(ctx, func(tx *store.Store) error { return tx.UsePasswordReset(ctx, reset.ID) })
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					codes++
				}
				if rerr == nil {
					resets++
				}
			})
		}
		wg.Wait()
		if codes != 1 || resets != 1 {
			t.Errorf("code used %d times, reset used %d times; want 1 each", codes, resets)
		}
		if _, err := s.PasswordResetByHMAC(ctx, "r1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("used reset still found: %v", err)
		}
	})
}

func TestOIDCTokensRevoke(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := &store.Account{UserName: "ada", Active: true}
		c := &store.OIDCClient{Name: "Wiki"}
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateOIDCClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		h := "hm"
		rt := &store.OIDCToken{Kind: store.TokenRefresh, ClientID: c.ID, AccountID: a.ID, TokenHMAC: &h,
			AuthTime: store.Now(), ExpiresAt: store.Now().Add(time.Hour)}
		if err := s.CreateOIDCToken(ctx, rt); err != nil {
			t.Fatal(err)
		}
		at := &store.OIDCToken{Kind: store.TokenAccess, ClientID: c.ID, AccountID: a.ID, RefreshID: &rt.ID,
			AuthTime: store.Now(), ExpiresAt: store.Now().Add(time.Hour)}
		if err := s.CreateOIDCToken(ctx, at); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.RevokeOIDCToken(ctx, rt.ID); !ok || err != nil {
			t.Fatalf("revoke: %v %v", ok, err)
		}
		if ok, _ := s.RevokeOIDCToken(ctx, rt.ID); ok {
			t.Error("revoked twice")
		}
		if _, err := s.OIDCTokenByID(ctx, at.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("access token of a revoked refresh token: %v", err)
		}
	})
}
