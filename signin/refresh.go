package signin

import (
	"context"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/provisiond/provisiond/secret"
)

// A refresh token's value is "<family>.<random>": the family is the id
// shared by every token of one grant (the code exchange and each rotation
// since), the random part is what makes it a secret; only its HMAC is
// stored. A rotated token's row is deleted, so when a value is not found
// its family says which grant it came from: if that grant still has tokens,
// someone presented a token that was already used, and all of them go.
// Families are random (UUIDv7: 74 random bits), so a stranger cannot
// revoke somebody else's grant by guessing one.

// newRefreshValue returns a new refresh token of grant family.
func newRefreshValue(family string) string { return family + "." + secret.NewToken() }

// familyOf returns the family a refresh token value names, if any.
func familyOf(value string) string {
	family, _, ok := strings.Cut(value, ".")
	if !ok || len(family) != len("00000000-0000-0000-0000-000000000000") {
		return ""
	}
	return family
}

// refreshReused revokes the grant of a refresh token value that is no
// longer live (rotated, or raced), and audits it when the grant still had
// tokens: the owner signs in again, whoever copied the token is out.
func (p *Provider) refreshReused(ctx context.Context, value string) {
	family := familyOf(value)
	if family == "" {
		return
	}
	accountID, err := p.Store.RevokeTokenFamily(ctx, family)
	if err != nil {
		p.Log.WarnContext(ctx, "revoke grant of a reused refresh token", "err", err)
		return
	}
	if accountID == "" {
		return
	}
	p.Log.WarnContext(ctx, "refresh token reused: its grant is revoked", "account", accountID)
	if err := p.Store.Audit(ctx, "system", "signin.refresh_token_reused", "account", accountID,
		map[string]any{"grant": family}); err != nil {
		p.Log.WarnContext(ctx, "audit reused refresh token", "account", accountID, "err", err)
	}
}

// codeFamily is the grant family of the tokens a code exchange issues:
// derived from the authorization request under a key of ours, so that a
// replay of the code can find and revoke them (codeReused), and as
// unguessable as a random family. "" for other requests.
func (p *Provider) codeFamily(req op.TokenRequest) string {
	r, ok := req.(authRequest)
	if !ok {
		return ""
	}
	sum, err := hex.DecodeString(p.Keys.HMAC(purposeGrantFamily, r.GetID()))
	if err != nil || len(sum) < 16 {
		return ""
	}
	u, _ := uuid.FromBytes(sum[:16])
	return u.String()
}

// codeReused revokes the tokens issued for an authorization code that is
// presented again after its exchange, and audits it (RFC 6749 §4.1.2):
// whoever intercepted the code, that grant is over. A code never
// exchanged, or unknown, does nothing here.
func (p *Provider) codeReused(ctx context.Context, codeHMAC string) {
	r, err := p.Store.UsedAuthCodeRequest(ctx, codeHMAC)
	if err != nil || r.AccountID == nil {
		return
	}
	family := p.codeFamily(authRequest{r})
	if _, err := p.Store.RevokeTokenFamily(ctx, family); err != nil {
		p.Log.WarnContext(ctx, "revoke grant of a reused authorization code", "err", err)
		return
	}
	p.Log.WarnContext(ctx, "authorization code reused: its grant is revoked", "account", *r.AccountID)
	if err := p.Store.Audit(ctx, "system", "signin.code_reused", "account", *r.AccountID,
		map[string]any{"client": r.ClientID}); err != nil {
		p.Log.WarnContext(ctx, "audit reused authorization code", "account", *r.AccountID, "err", err)
	}
}
