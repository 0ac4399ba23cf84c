package signin

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// storage implements op.Storage on the store. It is split over
// storage*.go: auth requests and codes here, tokens, claims and keys apart.
type storage struct{ p *Provider }

var _ op.Storage = (*storage)(nil)
var _ op.CanSetUserinfoFromRequest = (*storage)(nil)

// errNotFound satisfies op.StorageNotFoundError.
type errNotFound struct{ error }

func (errNotFound) IsNotFound() {}

func (s *storage) loginURL(id string) string { return "/signin?id=" + url.QueryEscape(id) }

func (s *storage) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	c, err := s.p.Store.OIDCClientByID(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, errNotFound{err}
		}
		return nil, err
	}
	if c.Disabled {
		return nil, errNotFound{fmt.Errorf("signin: client %s is disabled", id)}
	}
	return newClient(c, s.loginURL), nil
}

func (s *storage) AuthorizeClientIDSecret(ctx context.Context, id, sec string) error {
	c, err := s.p.Store.OIDCClientByID(ctx, id)
	if err != nil || c.Disabled || c.SecretHash == "" || !secret.Equal(c.SecretHash, secret.TokenHash(sec)) {
		return oidc.ErrInvalidClient().WithDescription("invalid client credentials")
	}
	return nil
}

// CreateAuthRequest checks PKCE and seals the request into its id; nothing
// is stored until someone signs in (pending.go).
func (s *storage) CreateAuthRequest(ctx context.Context, in *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if err := s.checkPKCE(ctx, in); err != nil {
		return nil, err
	}
	r := fromOIDC(in, store.Now().Add(s.p.AuthRequestTTL))
	if err := s.p.sealRequest(r); err != nil {
		if errors.Is(err, errRequestTooLarge) {
			return nil, oidc.ErrInvalidRequest().WithDescription("the authorization request is too large")
		}
		return nil, err
	}
	return authRequest{r}, nil
}

// AuthRequestByID opens a sealed request, or loads a signed-in one.
func (s *storage) AuthRequestByID(ctx context.Context, id string) (op.AuthRequest, error) {
	if strings.HasPrefix(id, pendingPrefix) {
		r, err := s.p.openRequest(id)
		if err != nil {
			return nil, oidc.ErrInvalidRequest().WithDescription("unknown or expired authorization request").WithParent(err)
		}
		return authRequest{r}, nil
	}
	r, err := s.p.Store.AuthRequestByID(ctx, id)
	if err != nil {
		return nil, oidc.ErrInvalidRequest().WithDescription("unknown or expired authorization request").WithParent(err)
	}
	return authRequest{r}, nil
}

// AuthRequestByCode consumes the code: a second exchange finds nothing.
// The account must still be able to sign in.
func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	h := s.p.Keys.HMAC(purposeAuthCode, code)
	r, err := s.p.Store.UseAuthCode(ctx, h)
	if err != nil {
		s.p.codeReused(ctx, h)
		return nil, oidc.ErrInvalidGrant().WithDescription("invalid or used code").WithParent(err)
	}
	if r.AccountID == nil {
		return nil, oidc.ErrInvalidGrant().WithDescription("sign-in not completed")
	}
	if r.CodeChallenge != "" && r.CodeChallengeMethod != string(oidc.CodeChallengeMethodS256) {
		return nil, oidc.ErrInvalidGrant().WithDescription("code_challenge_method must be S256")
	}
	if err := s.p.checkAccount(ctx, *r.AccountID); err != nil {
		return nil, err
	}
	return authRequest{r}, nil
}

func (s *storage) SaveAuthCode(ctx context.Context, id, code string) error {
	return s.p.Store.SetAuthCode(ctx, id, s.p.Keys.HMAC(purposeAuthCode, code))
}

func (s *storage) DeleteAuthRequest(ctx context.Context, id string) error {
	return s.p.Store.DeleteAuthRequest(ctx, id)
}

func (s *storage) Health(ctx context.Context) error { return s.p.Store.Ping(ctx) }

// The JWT profile grant is not offered: these refuse.
func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, oidc.ErrUnauthorizedClient().WithDescription("jwt profile not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, oidc.ErrUnauthorizedClient().WithDescription("jwt profile not supported")
}
