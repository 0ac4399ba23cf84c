package signin

import (
	"encoding/json"
	"net/url"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/store"
)

// client adapts a registered store.OIDCClient to op.Client. A client with
// a secret is confidential (client_secret_basic or _post); one without is
// public and must use PKCE.
type client struct {
	c                  *store.OIDCClient
	redirects, logouts []string
	loginURL           func(string) string
}

func newClient(c *store.OIDCClient, loginURL func(string) string) *client {
	cl := &client{c: c, loginURL: loginURL}
	_ = json.Unmarshal([]byte(c.RedirectURIs), &cl.redirects)
	_ = json.Unmarshal([]byte(c.PostLogoutURIs), &cl.logouts)
	return cl
}

func (c *client) GetID() string                    { return c.c.ID }
func (c *client) RedirectURIs() []string           { return c.redirects }
func (c *client) PostLogoutRedirectURIs() []string { return c.logouts }
func (c *client) LoginURL(id string) string        { return c.loginURL(id) }
func (c *client) AccessTokenType() op.AccessTokenType {
	return op.AccessTokenTypeBearer
}
func (c *client) IDTokenLifetime() time.Duration { return time.Hour }
func (c *client) DevMode() bool                  { return false }
func (c *client) ClockSkew() time.Duration       { return 0 }

// IDTokenUserinfoClaimsAssertion puts the profile and email claims in the
// ID token as well, so applications need not call userinfo.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c *client) IsScopeAllowed(scope string) bool {
	return scope == ScopeGroups || scope == ScopeRoles
}

func (c *client) ApplicationType() op.ApplicationType {
	if c.c.SecretHash == "" {
		// Native allows loopback redirect URIs for desktop and CLI apps.
		return op.ApplicationTypeNative
	}
	return op.ApplicationTypeWeb
}

func (c *client) AuthMethod() oidc.AuthMethod {
	if c.c.SecretHash == "" {
		return oidc.AuthMethodNone
	}
	return oidc.AuthMethodBasic
}

func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

func (c *client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}

// redirectOrigins returns the origins of the client's redirect URIs, which
// the sign-in page's form-action must allow (browsers check the redirects
// that follow a form post against it).
func (c *client) redirectOrigins() []string {
	var out []string
	for _, r := range c.redirects {
		if u, err := url.Parse(r); err == nil && u.Scheme != "" && u.Host != "" {
			out = append(out, u.Scheme+"://"+u.Host)
		}
	}
	return out
}

// ClientURIs decodes a client's redirect and post-logout URIs, as
// integration.Service stores them.
func ClientURIs(c *store.OIDCClient) (redirects, logouts []string) {
	cl := newClient(c, nil)
	return cl.redirects, cl.logouts
}
