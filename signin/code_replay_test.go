package signin_test

import (
	"context"
	"testing"

	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An authorization code presented a second time revokes the tokens its
// first exchange issued (RFC 6749 §4.1.2, RFC 9700 §4.5.3): whoever
// intercepted it, the grant is over. Another grant of the account stays.
func TestCodeReplayRevokesItsTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		r := newRP(t, e)
		other := r.tokens(t, "ada")
		verifier := oauth2.GenerateVerifier()
		code := r.signIn(t, "ada", testPassword, verifier, "n").Get("code")
		tok, err := r.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
		if err != nil || !r.works(tok) {
			t.Fatalf("exchange: %v", err)
		}
		if _, err := r.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err == nil {
			t.Fatal("a used code was exchanged again")
		}
		r.revokedAlone(t, st, "code", tok, other, "signin.code_reused", a.ID)
	})
}
