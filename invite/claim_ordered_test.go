package invite_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// TestOrderedClaimTokens: on SQLite, claim links carry a time-ordered
// selector before their secret (secret.NewOrderedToken) and the stored key
// starts with it; PostgreSQL still issues plain tokens, so that a replica of
// the version before reads them during a rolling upgrade. Both databases
// claim with either form, and a changed selector or secret finds nothing.
func TestOrderedClaimTokens(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		first, token := claimToken(t, e, in, "issued")
		sel, sec, ordered := token[:min(11, len(token))], token[min(12, len(token)):], len(token) == 55
		stored := *e.invitations(first.ID)[0].TokenHash
		switch {
		case st.Dialect() == store.SQLite && (!ordered || len(sel) != 11 || len(sec) != 43 || !strings.HasPrefix(stored, sel+".")):
			t.Fatalf("SQLite issued %q, stored %q: want an ordered token and its selector in the key", token, stored)
		case st.Dialect() == store.Postgres && (len(token) != 43 || strings.Contains(stored, ".")):
			t.Fatalf("PostgreSQL issued %q, stored %q: want a plain token", token, stored)
		}
		if _, err := c.Claim(e.ctx, token, claimPassword); err != nil {
			t.Fatalf("claim with the token issued: %v", err)
		}

		// The other form, as a row written by SQLite's issuer (ordered) or
		// by a version before ordered tokens (plain).
		other := secret.NewToken()
		if st.Dialect() == store.Postgres {
			other = secret.NewOrderedToken(time.Now())
		}
		a, _ := claimToken(t, e, in, "other-form")
		key := secret.OrderedKey(other, e.svc.Keys.HMAC(secret.PurposeClaimToken, other))
		inv := e.invitations(a.ID)[0]
		inv.TokenHash = &key
		if err := st.SaveInvitation(e.ctx, &inv); err != nil {
			t.Fatal(err)
		}
		ordTok := other
		if st.Dialect() == store.SQLite {
			ordTok = token // the one claimed above
		}
		ordSel, ordSec := ordTok[:11], ordTok[12:]
		flip := "A"
		if strings.HasSuffix(other, "A") {
			flip = "B"
		}
		for _, forged := range []string{other[:len(other)-1] + flip, "00000000000_" + ordSec, ordSec, ordSel + "_",
			ordSel + "." + ordSec} {
			if _, err := c.Inspect(e.ctx, forged); !errors.Is(err, invite.ErrGone) {
				t.Fatalf("forged token %q: %v, want gone", forged, err)
			}
		}
		if _, err := c.Claim(e.ctx, other, claimPassword); err != nil {
			t.Fatalf("claim with the other form %q: %v", other, err)
		}
		if got := e.reload(a.ID); got.Status != store.StatusActive {
			t.Fatalf("claim with the other form left the account %s", got.Status)
		}
	}, noSMTP)
}
