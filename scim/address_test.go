package scim

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// addressEnv is a SCIM server whose accounts run the invitation policy,
// with the claim and sign-up flows over the same store (no SMTP: links are
// fetched as an admin would).
type addressEnv struct {
	*testServer
	invites *invite.Service
	claims  *invite.Claims
}

func newAddressEnv(t *testing.T, d store.Dialect) *addressEnv {
	t.Helper()
	keys, err := secret.NewKeys(strings.Repeat("s", 40))
	if err != nil {
		t.Fatal(err)
	}
	e := &addressEnv{}
	log := slog.New(slog.DiscardHandler)
	e.testServer = newTestServer(t, d, func(o *Options) {
		e.invites = invite.New(o.Store, keys, nil, invite.Config{BaseURL: "http://scim.test"}, log)
		o.Accounts = account.New(o.Store, invite.Policy{Service: e.invites}, log)
	})
	e.claims = &invite.Claims{Store: e.store, Keys: keys, BaseURL: "http://scim.test", Log: log,
		Policy: password.Policy{MinLength: 12}, Invites: e.invites}
	return e
}

// invited creates a user over SCIM, invites it as an admin and returns its
// id and claim token.
func (e *addressEnv) invited(userName string) (string, string) {
	e.t.Helper()
	id := e.createUser(userName, nil)
	ctx := context.Background()
	if _, err := e.invites.InviteAccount(ctx, "admin:test", id, "", false); err != nil {
		e.t.Fatal(err)
	}
	inv, err := e.store.OpenInvitation(ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	link, _, err := e.invites.Link(ctx, "admin:test", inv.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return id, link[strings.LastIndexByte(link, '/')+1:]
}

// TestSCIMEmailChangeKillsClaimLink: reproduction of the stale claim link.
// An IdP changes an invited user's address with PATCH (and with PUT); the
// link mailed to the old address used to claim the account still.
func TestSCIMEmailChangeKillsClaimLink(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newAddressEnv(t, d)
			ctx := context.Background()
			patched, patchToken := e.invited("pat")
			e.do("PATCH", "/Users/"+patched, map[string]any{"schemas": []string{patchURN}, "Operations": []any{
				map[string]any{"op": "replace", "path": `emails[type eq "work"].value`, "value": "pat@new.example"}}}).
				mustStatus(t, http.StatusNoContent)
			put, putToken := e.invited("putty")
			e.do("PUT", "/Users/"+put, map[string]any{"schemas": []string{UserURN}, "userName": "putty", "active": true,
				"emails": []any{map[string]any{"value": "putty@new.example", "type": "work", "primary": true}}}).
				mustStatus(t, http.StatusOK)
			for id, token := range map[string]string{patched: patchToken, put: putToken} {
				if _, err := e.claims.Inspect(ctx, token); !errors.Is(err, invite.ErrGone) {
					t.Errorf("claim page of %s after its address changed: %v", id, err)
				}
				if _, err := e.claims.Claim(ctx, token, "correct horse battery staple"); !errors.Is(err, invite.ErrGone) {
					t.Errorf("old claim link of %s still claims: %v", id, err)
				}
				a, _ := e.store.AccountByID(ctx, id)
				if a.Status != store.StatusNotInvited {
					t.Errorf("%s: status %s, want not_invited", id, a.Status)
				}
			}
		})
	}
}

// TestSCIMCreateWinsOverUnconfirmedSignUp: reproduction of the blocked
// create. A stranger signed up with the addresses of people the IdP had
// not pushed yet; their SCIM POSTs (several at once, so the group commit
// of account.Service.CreateMany carries them) answered 409. Now they are
// created and the sign-ups dropped.
func TestSCIMCreateWinsOverUnconfirmedSignUp(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newAddressEnv(t, d)
			ctx := context.Background()
			_, url, err := e.claims.CreateLink(ctx, "admin:test", invite.LinkInput{Name: "open", MaxUses: 50, ExpiresAt: time.Now().Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			token := url[strings.LastIndexByte(url, '/')+1:]
			const n = 8
			for i := range n {
				if _, err := e.claims.SignUp(ctx, token, invite.SignUpInput{Name: "Mallory",
					Email: fmt.Sprintf("victim%d@example.com", i), Password: "stranger's own password 1"}); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			codes := make([]int, n)
			for i := range n {
				wg.Go(func() {
					user := fmt.Sprintf("victim%d", i) // createUser's address: victimN@example.com
					if i%2 == 0 {
						user += "@example.com" // the sign-up's userName itself
					}
					r := e.with(t).do("POST", "/Users", map[string]any{"schemas": []string{UserURN}, "userName": user, "active": true,
						"emails": []any{map[string]any{"value": fmt.Sprintf("victim%d@example.com", i), "type": "work", "primary": true}}})
					codes[i] = r.status
				})
			}
			wg.Wait()
			for i, c := range codes {
				if c != http.StatusCreated {
					t.Errorf("SCIM create %d over an unconfirmed sign-up: %d", i, c)
				}
			}
			evs, total, err := e.store.AuditEvents(ctx, store.AuditFilter{Action: "account.signup_dropped"})
			if err != nil || total != n || !strings.HasPrefix(evs[0].Actor, "integration:") {
				t.Fatalf("account.signup_dropped events: %d %v", total, err)
			}
		})
	}
}
