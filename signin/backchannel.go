package signin

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/store"
)

// LogoutTokenTTL is how long a back-channel logout token is valid: it is
// signed just before each attempt to post it, so minutes are plenty.
const LogoutTokenTTL = 2 * time.Minute

// LogoutTokenType is the typ header of logout tokens (Back-Channel Logout
// 1.0 section 2.4), which no ID token carries.
const LogoutTokenType = "logout+jwt"

// LogoutToken signs an OpenID Connect Back-Channel Logout token for
// clientID about account subject and, when sid is not empty, its session
// sid (the sid claim of that session's ID tokens, sessionID): iss, aud,
// iat, exp, jti, sub, sid and the back-channel logout event, never a
// nonce; signed like ID tokens, so the keys of /oidc/keys verify it.
// backchannel's worker calls it before each attempt.
func (p *Provider) LogoutToken(ctx context.Context, clientID, subject, sid string) (string, error) {
	keys, err := p.signers.current(ctx)
	if err != nil {
		return "", err
	}
	k := keys[0]
	now := store.Now()
	claims := oidc.NewLogoutTokenClaims(p.Issuer(), subject, oidc.Audience{clientID}, now.Add(LogoutTokenTTL),
		store.NewID(), sid, 0)
	claims.IssuedAt = oidc.FromTime(now)
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("signin: encode logout token: %w", err)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: k.priv, KeyID: k.id}},
		(&jose.SignerOptions{}).WithType(LogoutTokenType))
	if err != nil {
		return "", fmt.Errorf("signin: logout token signer: %w", err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("signin: sign logout token: %w", err)
	}
	return jws.CompactSerialize()
}

// sessionID is the sid claim of an ID token: the grant family of its
// tokens (a code exchange and the refresh tokens rotated from it), which
// is what a back-channel logout names (store.SignInSessionsOf). "" for a
// request of another kind.
func (p *Provider) sessionID(req op.IDTokenRequest) string {
	switch r := req.(type) {
	case authRequest:
		return p.codeFamily(r)
	case *refreshRequest:
		return r.t.FamilyID
	}
	return ""
}
