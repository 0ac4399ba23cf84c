package signin

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/store"
)

// tokenInfo is what every kind of token request tells about the sign-in.
func tokenInfo(req op.TokenRequest) (clientID string, authTime time.Time, amr []string) {
	switch r := req.(type) {
	case authRequest:
		return r.GetClientID(), r.GetAuthTime(), r.GetAMR()
	case *refreshRequest:
		return r.GetClientID(), r.GetAuthTime(), r.GetAMR()
	}
	return "", store.Now(), nil
}

func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	t, err := s.newAccess(ctx, req, nil, "")
	if err != nil {
		return "", time.Time{}, err
	}
	return t.ID, t.ExpiresAt, nil
}

// newAccess issues an access token of grant family ("": a grant of its own).
func (s *storage) newAccess(ctx context.Context, req op.TokenRequest, refreshID *string, family string) (*store.OIDCToken, error) {
	if err := s.p.checkAccount(ctx, req.GetSubject()); err != nil {
		return nil, err
	}
	clientID, authTime, amr := tokenInfo(req)
	if family == "" {
		family = s.p.codeFamily(req)
	}
	t := &store.OIDCToken{Kind: store.TokenAccess, ClientID: clientID, AccountID: req.GetSubject(),
		FamilyID: family, RefreshID: refreshID, Scopes: strings.Join(req.GetScopes(), " "),
		Audience: strings.Join(req.GetAudience(), " "), AMR: strings.Join(amr, " "),
		AuthTime: authTime, ExpiresAt: store.Now().Add(s.p.AccessTokenTTL)}
	if err := s.p.Store.CreateOIDCToken(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// CreateAccessAndRefreshTokens issues a refresh token and an access token.
// On refresh the presented token is deleted first, once; the new one joins
// its grant's family. A refresh token presented again after that (replayed
// by whoever copied it, or by the client racing itself) revokes the whole
// family (refresh.go): RFC 9700's refresh token rotation.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, current string) (string, string, time.Time, error) {
	family := ""
	if current != "" {
		old, err := s.p.Store.RefreshTokenByHMAC(ctx, s.p.Keys.HMAC(purposeRefreshToken, current))
		if err != nil {
			s.p.refreshReused(ctx, current)
			return "", "", time.Time{}, op.ErrInvalidRefreshToken
		}
		ok, err := s.p.Store.RevokeOIDCToken(ctx, old.ID)
		if err != nil {
			return "", "", time.Time{}, err
		}
		if !ok {
			s.p.refreshReused(ctx, current)
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("refresh token already used")
		}
		family = old.FamilyID
	}
	if err := s.p.checkAccount(ctx, req.GetSubject()); err != nil {
		return "", "", time.Time{}, err
	}
	clientID, authTime, amr := tokenInfo(req)
	id := store.NewID()
	if family == "" {
		family = s.p.codeFamily(req)
	}
	if family == "" {
		family = id
	}
	value := newRefreshValue(family)
	h := s.p.Keys.HMAC(purposeRefreshToken, value)
	rt := &store.OIDCToken{ID: id, Kind: store.TokenRefresh, ClientID: clientID, AccountID: req.GetSubject(),
		FamilyID: family, TokenHMAC: &h, Scopes: strings.Join(req.GetScopes(), " "),
		Audience: strings.Join(req.GetAudience(), " "), AMR: strings.Join(amr, " "),
		AuthTime: authTime, ExpiresAt: store.Now().Add(s.p.RefreshTokenTTL)}
	if err := s.p.Store.CreateOIDCToken(ctx, rt); err != nil {
		return "", "", time.Time{}, err
	}
	at, err := s.newAccess(ctx, req, &rt.ID, family)
	if err != nil {
		return "", "", time.Time{}, err
	}
	return at.ID, value, at.ExpiresAt, nil
}

func (s *storage) TokenRequestByRefreshToken(ctx context.Context, value string) (op.RefreshTokenRequest, error) {
	t, err := s.p.Store.RefreshTokenByHMAC(ctx, s.p.Keys.HMAC(purposeRefreshToken, value))
	if err != nil {
		s.p.refreshReused(ctx, value)
		return nil, op.ErrInvalidRefreshToken
	}
	if err := s.p.checkAccount(ctx, t.AccountID); err != nil {
		return nil, err
	}
	return &refreshRequest{t: t, scopes: strings.Fields(t.Scopes)}, nil
}

func (s *storage) GetRefreshTokenInfo(ctx context.Context, clientID, value string) (string, string, error) {
	t, err := s.p.Store.RefreshTokenByHMAC(ctx, s.p.Keys.HMAC(purposeRefreshToken, value))
	if err != nil || t.ClientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return t.AccountID, t.ID, nil
}

func (s *storage) TerminateSession(ctx context.Context, accountID, clientID string) error {
	_, err := s.p.Store.RevokeAccountTokens(ctx, accountID, clientID)
	return err
}

// RevokeToken deletes an access token (by id) or a refresh token (by id or
// value) of clientID; an unknown token is already revoked.
func (s *storage) RevokeToken(ctx context.Context, tokenOrID, _ string, clientID string) *oidc.Error {
	t, err := s.p.Store.OIDCTokenByID(ctx, tokenOrID)
	if errors.Is(err, store.ErrNotFound) {
		t, err = s.p.Store.RefreshTokenByHMAC(ctx, s.p.Keys.HMAC(purposeRefreshToken, tokenOrID))
	}
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	if t.ClientID != clientID {
		return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
	}
	if _, err := s.p.Store.RevokeOIDCToken(ctx, t.ID); err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	return nil
}

// liveToken returns access token id if it is live, belongs to subject and
// its account can still sign in.
func (s *storage) liveToken(ctx context.Context, id, subject string) (*store.Account, error) {
	t, err := s.p.Store.OIDCTokenByID(ctx, id)
	if err != nil || t.AccountID != subject {
		return nil, oidc.ErrInvalidRequest().WithDescription("token is invalid or has expired")
	}
	return s.p.liveAccount(ctx, subject)
}
