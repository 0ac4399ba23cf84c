package invite_test

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

const claimPassword = "correct horse battery staple"

// claimsFor builds the claim flows over the env's store and keys.
func claimsFor(e *env) *invite.Claims {
	return &invite.Claims{Store: e.st, Keys: e.svc.Keys, BaseURL: baseURL, Log: slog.New(slog.DiscardHandler), Policy: password.Policy{MinLength: 12}}
}

// claimToken provisions an auto-invited account and returns it with a fresh claim token.
func claimToken(t *testing.T, e *env, in *store.Integration, user string) (*store.Account, string) {
	t.Helper()
	a := e.account(in, user, user+"@example.com", "fr")
	link, _, err := e.svc.Link(e.ctx, "admin:test", e.invitations(a.ID)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return a, linkToken(link)
}

func TestConcurrentClaimsOnlyOneWins(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		a, token := claimToken(t, e, e.integration("okta", true, 0), "race")
		if v, err := c.Inspect(e.ctx, token); err != nil || v.Email != "race@example.com" || !strings.HasPrefix(v.Lang, "fr") {
			t.Fatalf("inspect: %+v %v", v, err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				_, err := c.Claim(e.ctx, token, claimPassword)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		won := 0
		for err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, invite.ErrGone):
				t.Fatalf("claim: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d claims succeeded, want exactly 1", won)
		}
		if got := e.reload(a.ID); got.Status != store.StatusActive || got.ClaimedAt == nil {
			t.Fatalf("account: %s", got.Status)
		}
		if n := e.auditCount("invitation.accepted", e.invitations(a.ID)[0].ID); n != 1 {
			t.Fatalf("audit invitation.accepted: %d", n)
		}
	}, noSMTP)
}

func TestClaimRefusesWhatCannotBeClaimed(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		_, token := claimToken(t, e, in, "weak")
		var pe *password.PolicyError
		if _, err := c.Claim(e.ctx, token, "weak@example.com-1"); !errors.As(err, &pe) {
			t.Fatalf("password with the address in it: %v", err)
		}
		canceled, token2 := claimToken(t, e, in, "gone")
		if err := e.svc.Cancel(e.ctx, "admin:test", e.invitations(canceled.ID)[0].ID); err != nil {
			t.Fatal(err)
		}
		suspended, token3 := claimToken(t, e, in, "off")
		if _, err := e.accounts.Update(e.ctx, actorIdP, suspended.ID, 0, func(a *store.Account) error {
			a.Active = false
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for name, tok := range map[string]string{"canceled": token2, "suspended account": token3, "unknown": "nope"} {
			if _, err := c.Inspect(e.ctx, tok); !errors.Is(err, invite.ErrGone) {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}, noSMTP)
}
