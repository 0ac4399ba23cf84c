package invite_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// TestOrderedClaimTokens: claim links carry a time-ordered selector before
// their secret (secret.NewOrderedToken). A changed selector or secret finds
// nothing, and a token issued before ordered tokens (no selector, stored as
// its hash alone) still claims its account.
func TestOrderedClaimTokens(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		first, token := claimToken(t, e, in, "ordered")
		sel, sec, ok := strings.Cut(token, "_")
		if !ok || len(sel) != 11 || len(sec) != 43 {
			t.Fatalf("claim token %q has no selector", token)
		}
		inv := e.invitations(first.ID)[0]
		if inv.TokenHash == nil || !strings.HasPrefix(*inv.TokenHash, sel+".") {
			t.Fatalf("stored key %v does not start with the selector %s", inv.TokenHash, sel)
		}
		otherSel := "00000000000_" + sec
		flip := "A"
		if strings.HasSuffix(token, "A") {
			flip = "B"
		}
		lastChanged := token[:len(token)-1] + flip
		for _, forged := range []string{otherSel, lastChanged, sec, sel + "_"} {
			if _, err := c.Inspect(e.ctx, forged); !errors.Is(err, invite.ErrGone) {
				t.Fatalf("forged token %q: %v, want gone", forged, err)
			}
		}
		if _, err := c.Claim(e.ctx, token, claimPassword); err != nil {
			t.Fatalf("claim with the ordered token: %v", err)
		}

		// A link mailed before ordered tokens: the row holds the plain hash.
		a, _ := claimToken(t, e, in, "legacy")
		legacy := secret.NewToken()
		h := e.svc.Keys.HMAC(secret.PurposeClaimToken, legacy)
		if _, err := st.DB().ExecContext(e.ctx, placeholders(st, "UPDATE invitations SET token_hash = ? WHERE id = ?"),
			h, e.invitations(a.ID)[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Claim(e.ctx, legacy, claimPassword); err != nil {
			t.Fatalf("claim with a token issued before ordered tokens: %v", err)
		}
		if got := e.reload(a.ID); got.Status != store.StatusActive {
			t.Fatalf("legacy claim left the account %s", got.Status)
		}
	}, noSMTP)
}

// placeholders numbers the ? of q for PostgreSQL.
func placeholders(st *store.Store, q string) string {
	if st.Dialect() != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
