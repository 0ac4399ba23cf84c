package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

// SignedIn gives account accountID what a sign-in through an application
// leaves behind: a refresh token and an access token of one grant, and a
// completed authorization request whose code was not exchanged yet. Tests
// of every path that must end sessions (suspension, deletion, password
// changes) seed it, act, then expect SignInSessions to be 0.
func SignedIn(tb testing.TB, s *store.Store, accountID string) {
	tb.Helper()
	ctx := context.Background()
	before := SignInSessions(tb, s, accountID)
	c := &store.OIDCClient{Name: "app-" + store.NewID(), RedirectURIs: `["https://app.example.com/cb"]`}
	if err := s.CreateOIDCClient(ctx, c); err != nil {
		tb.Fatalf("seed client: %v", err)
	}
	now := store.Now()
	h := "seed-" + store.NewID()
	rt := &store.OIDCToken{Kind: store.TokenRefresh, ClientID: c.ID, AccountID: accountID, TokenHMAC: &h,
		Scopes: "openid offline_access", AuthTime: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateOIDCToken(ctx, rt); err != nil {
		tb.Fatalf("seed refresh token: %v", err)
	}
	at := &store.OIDCToken{Kind: store.TokenAccess, ClientID: c.ID, AccountID: accountID, FamilyID: rt.FamilyID,
		RefreshID: &rt.ID, Scopes: "openid", AuthTime: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateOIDCToken(ctx, at); err != nil {
		tb.Fatalf("seed access token: %v", err)
	}
	ar := &store.AuthRequest{ClientID: c.ID, RedirectURI: "https://app.example.com/cb", Scopes: "openid",
		ResponseType: "code", AccountID: &accountID, AuthTime: &now, ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateAuthRequest(ctx, ar); err != nil {
		tb.Fatalf("seed auth request: %v", err)
	}
	if n := SignInSessions(tb, s, accountID) - before; n != 3 {
		tb.Fatalf("seeded %d sign-in rows, want 3", n)
	}
}

// SignInSessions counts the tokens and authorization requests of an
// account, live or not.
func SignInSessions(tb testing.TB, s *store.Store, accountID string) int64 {
	tb.Helper()
	q := `SELECT (SELECT COUNT(*) FROM oidc_tokens WHERE account_id = ?)
		+ (SELECT COUNT(*) FROM oidc_auth_requests WHERE account_id = ?)`
	if s.Dialect() == store.Postgres {
		q = `SELECT (SELECT COUNT(*) FROM oidc_tokens WHERE account_id = $1)
		+ (SELECT COUNT(*) FROM oidc_auth_requests WHERE account_id = $1)`
	}
	args := []any{accountID}
	if s.Dialect() == store.SQLite {
		args = append(args, accountID)
	}
	var n int64
	if err := s.DB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		tb.Fatalf("count sign-in rows: %v", err)
	}
	return n
}
