package scim

import (
	"context"
	"errors"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// TokenVerifier checks the access tokens our own OpenID provider issues to
// SCIM integrations through the OAuth 2.0 client credentials grant
// (signin.Provider; docs/scim-oauth.md).
type TokenVerifier interface {
	// Issuer is the provider's issuer: a JWT that names it is checked by
	// VerifySCIMToken alone, never by an integration's federated JWT mode.
	Issuer() string
	// VerifySCIMToken returns the id of the integration the token was
	// issued to, or an error: signature, typ, issuer, audience (the SCIM
	// base URL), expiry.
	VerifySCIMToken(ctx context.Context, token string) (string, error)
}

// ours reports whether a JWT names our own issuer (unverified: only to
// pick how to check it).
func (s *Server) ours(token string) bool {
	if s.oauth == nil {
		return false
	}
	iss, err := unverifiedIssuer(token)
	return err == nil && strings.TrimSuffix(iss, "/") == strings.TrimSuffix(s.oauth.Issuer(), "/")
}

// byOAuth authenticates an access token of the client credentials grant:
// valid, and its integration still a SCIM one, enabled, on every request
// (a deleted or disabled integration's tokens stop at once).
func (s *Server) byOAuth(ctx context.Context, token string) (*store.Integration, error) {
	id, err := s.oauth.VerifySCIMToken(ctx, token)
	if err != nil {
		return nil, &refusedError{err}
	}
	in, err := s.store.IntegrationByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, &refusedError{errors.New("scim: the token's integration is deleted")}
	}
	if err != nil {
		return nil, err
	}
	if in.Kind != "scim" || in.Disabled {
		return nil, &refusedError{errors.New("scim: the token's integration is disabled")}
	}
	return in, nil
}

// refusedError is a credential refused (401), as opposed to a database
// that does not answer (503).
type refusedError struct{ error }

func (e *refusedError) Unwrap() error { return e.error }

func isRefused(err error) bool {
	var r *refusedError
	return errors.As(err, &r)
}

// authSchemes are the ServiceProviderConfig's authenticationSchemes: the
// bearer token (or federated JWT), and with OAuth the client credentials
// grant of our own provider.
func (s *Server) authSchemes() []map[string]any {
	out := []map[string]any{{
		"type": "oauthbearertoken", "name": "OAuth Bearer Token", "primary": true,
		"description": "The integration's bearer token, or a JWT from its configured OIDC issuer.",
	}}
	if s.oauth != nil {
		out = append(out, map[string]any{
			"type": "oauth2", "name": "OAuth 2.0 client credentials",
			"description": "An access token from " + s.oauth.Issuer() + "/oauth/token (grant_type client_credentials, " +
				"client_secret_basic or client_secret_post; client_id is the integration's id), audience " +
				s.baseURL + ", valid one hour.",
			"specUri": "https://www.rfc-editor.org/rfc/rfc6749#section-4.4",
		})
	}
	return out
}
