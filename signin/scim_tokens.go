package signin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// SCIMTokenTTL is the lifetime of an access token of the client
// credentials grant (client_credentials.go).
const SCIMTokenTTL = time.Hour

// scimPath is where the SCIM server is mounted (scim/server.go Prefix):
// the audience of the tokens is the base URL with it.
const scimPath = "/scim/v2"

// accessTokenType is the JWT "typ" of our access tokens (RFC 9068), which
// ID tokens (typ JWT) do not carry: one can never pass for the other.
const accessTokenType = "at+jwt"

// maxSCIMToken bounds what VerifySCIMToken parses; ours are about 800 bytes.
const maxSCIMToken = 8 << 10

// scimClaims are the claims of a SCIM access token.
type scimClaims struct {
	jwt.Claims
	ClientID string `json:"client_id"`
	Scope    string `json:"scope"`
}

// SCIMURL is the SCIM base URL: the audience of the tokens.
func (p *Provider) SCIMURL() string { return p.BaseURL + scimPath }

// mintSCIMToken signs an access token for SCIM integration id with the
// current signing key: iss the issuer, sub and client_id the integration,
// aud the SCIM base URL, for SCIMTokenTTL.
func (p *Provider) mintSCIMToken(ctx context.Context, id string) (string, error) {
	keys, err := p.signers.current(ctx)
	if err != nil {
		return "", err
	}
	k := keys[0]
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: k.priv},
		(&jose.SignerOptions{}).WithType(accessTokenType).WithHeader("kid", k.id))
	if err != nil {
		return "", fmt.Errorf("signin: scim token signer: %w", err)
	}
	now := store.Now()
	c := scimClaims{Claims: jwt.Claims{Issuer: p.Issuer(), Subject: id, Audience: jwt.Audience{p.SCIMURL()},
		IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now),
		Expiry: jwt.NewNumericDate(now.Add(SCIMTokenTTL)), ID: secret.NewToken()},
		ClientID: id, Scope: ScopeSCIM}
	return jwt.Signed(sig).Claims(c).Serialize()
}

// VerifySCIMToken checks an access token of the client credentials grant
// and returns the integration it was issued to: RS256 only (alg none and
// HMAC are refused before any key is looked at), signed by one of our
// published keys, typ at+jwt, our issuer, the SCIM base URL as audience,
// not expired, sub equal to client_id. Whether that integration still
// exists and is enabled is the caller's check (scim/oauth.go), on every
// request.
func (p *Provider) VerifySCIMToken(ctx context.Context, token string) (string, error) {
	if len(token) > maxSCIMToken {
		return "", errors.New("signin: token too large")
	}
	tok, err := jwt.ParseSigned(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return "", fmt.Errorf("signin: scim token: %w", err)
	}
	if len(tok.Headers) != 1 {
		return "", errors.New("signin: scim token: one signature expected")
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); !strings.EqualFold(strings.TrimPrefix(typ, "application/"), accessTokenType) {
		return "", errors.New("signin: scim token: not an access token")
	}
	k, err := p.publishedKey(ctx, h.KeyID)
	if err != nil {
		return "", err
	}
	var c scimClaims
	if err := tok.Claims(&k.priv.PublicKey, &c); err != nil {
		return "", fmt.Errorf("signin: scim token: %w", err)
	}
	err = c.ValidateWithLeeway(jwt.Expected{Issuer: p.Issuer(), AnyAudience: jwt.Audience{p.SCIMURL()}, Time: store.Now()}, 30*time.Second)
	if err != nil {
		return "", fmt.Errorf("signin: scim token: %w", err)
	}
	if c.Subject == "" || c.Subject != c.ClientID || c.Expiry == nil {
		return "", errors.New("signin: scim token: subject and client_id differ")
	}
	return c.Subject, nil
}

// publishedKey finds signing key kid among the published ones, reloading
// them once when it is unknown (another replica may have just rotated).
func (p *Provider) publishedKey(ctx context.Context, kid string) (*signingKey, error) {
	for try := 0; try < 2; try++ {
		keys, err := p.signers.current(ctx)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			if k.id == kid {
				return k, nil
			}
		}
		if try == 0 && !p.signers.reloadable() {
			break
		}
	}
	return nil, errors.New("signin: scim token: unknown key")
}

// reloadable forgets when the keys were fetched, at most once per 10 s,
// so that the next current reads them again; false when it did not.
func (c *keyCache) reloadable() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if store.Now().Sub(c.fetched) < 10*time.Second {
		return false
	}
	c.fetched = time.Time{}
	return true
}
