package invite_test

import (
	"errors"
	"testing"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// The database matches addresses by ASCII case only (store.SameEmail), so
// the code must too: Unicode case folding takes the Kelvin sign (U+212A)
// for a "k", and a change to "\u212aate@..." went unnoticed, leaving the
// link mailed to kate@ able to claim an account whose address is now
// another one.
func TestUnicodeFoldIsAnotherAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		a := e.account(in, "kate", "kate@old.example", "en")
		old := claimLink(t, mailTo(t, e, 1, "kate@old.example").Text)
		setEmail(t, e, actorIdP, a.ID, "\u212aate@old.example")
		if _, err := c.Claim(e.ctx, linkToken(old), claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the link mailed to kate@ claims the account of \u212aate@: %v", err)
		}
	})
}
