package signin

import (
	"context"
	"strings"

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
