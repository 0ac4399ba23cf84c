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
		now := store.Now()
		r = &store.AuthRequest{ClientID: c.ID, RedirectURI: "https://x/cb", AccountID: &a.ID, AuthTime: &now,
			ExpiresAt: now.Add(time.Minute)}
		if err := s.CreateAuthRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAuthCode(ctx, r.ID, "h1"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAuthCode(ctx, r.ID, "h2"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second code: %v", err)
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

// A grant's tokens share a family, revoked together; ending an account's
// sessions takes its tokens and signed-in requests, and nobody else's.
func TestOIDCTokenFamiliesAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var ids []string
		for _, n := range []string{"ada", "bob"} {
			a := &store.Account{UserName: n, Active: true, Status: store.StatusActive}
			if err := s.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
			storetest.SignedIn(t, s, a.ID)
		}
		c := &store.OIDCClient{Name: "Other"}
		if err := s.CreateOIDCClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		other := &store.OIDCToken{Kind: store.TokenAccess, ClientID: c.ID, AccountID: ids[0],
			AuthTime: store.Now(), ExpiresAt: store.Now().Add(time.Hour)}
		if err := s.CreateOIDCToken(ctx, other); err != nil || other.FamilyID != other.ID {
			t.Fatalf("a token without a family starts its own: %v %q", err, other.FamilyID)
		}
		if acct, err := s.RevokeTokenFamily(ctx, other.FamilyID); err != nil || acct != ids[0] {
			t.Fatalf("revoke family: %q %v", acct, err)
		}
		if acct, err := s.RevokeTokenFamily(ctx, other.FamilyID); err != nil || acct != "" {
			t.Errorf("revoke a gone family: %q %v", acct, err)
		}
		if n := storetest.SignInSessions(t, s, ids[0]); n != 3 {
			t.Errorf("another family was revoked too: %d rows left", n)
		}
		if n, err := s.EndSignInSessions(ctx, ids[0]); err != nil || n != 3 {
			t.Fatalf("end sessions: %d %v", n, err)
		}
		if a, b := storetest.SignInSessions(t, s, ids[0]), storetest.SignInSessions(t, s, ids[1]); a != 0 || b != 3 {
			t.Errorf("rows left: ada %d, bob %d (want 0, 3)", a, b)
		}
	})
}
