package signin_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// tokens signs account user in through r and exchanges the code: an
// access token and a refresh token (offline_access).
func (r *rp) tokens(t *testing.T, user string) *oauth2.Token {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	q := r.signIn(t, user, testPassword, verifier, "n")
	tok, err := r.conf.Exchange(context.Background(), q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil || tok.RefreshToken == "" {
		t.Fatalf("exchange: %v", err)
	}
	return tok
}

// refresh uses tok's refresh token once.
func (r *rp) refresh(tok *oauth2.Token) (*oauth2.Token, error) {
	stale := *tok
	stale.Expiry = time.Now().Add(-time.Minute)
	return r.conf.TokenSource(context.Background(), &stale).Token()
}

// works reports whether tok still gets userinfo.
func (r *rp) works(tok *oauth2.Token) bool {
	_, err := r.provider.UserInfo(context.Background(), oauth2.StaticTokenSource(tok))
	return err == nil
}

// revokedAlone checks what a replay did: the replayed grant (what) whose
// latest tokens are tok no longer works, access or refresh; the account's
// other grant does; one audit event action names the account.
func (r *rp) revokedAlone(t *testing.T, st *store.Store, what string, tok, other *oauth2.Token, action, accountID string) {
	t.Helper()
	if r.works(tok) {
		t.Errorf("the access token of the replayed %s still works", what)
	}
	if _, err := r.refresh(tok); err == nil {
		t.Errorf("the refresh token of the replayed %s still works", what)
	}
	if !r.works(other) {
		t.Error("another grant of the account was revoked too")
	}
	if _, err := r.refresh(other); err != nil {
		t.Errorf("another grant's refresh: %v", err)
	}
	evs, _, err := st.AuditEvents(context.Background(), store.AuditFilter{Action: action, Limit: 10})
	if err != nil || len(evs) != 1 || evs[0].TargetID != accountID {
		t.Errorf("audit: %v %+v", err, evs)
	}
}

// A refresh token presented after it was rotated revokes the whole grant:
// the rotated-to refresh token and its access token stop working too
// (whoever replayed it, the thief or the owner, the grant is over).
func TestRefreshTokenReuseRevokesTheGrant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		r := newRP(t, e)
		other := r.tokens(t, "ada") // another grant of the same account
		stolen := r.tokens(t, "ada")
		fresh, err := r.refresh(stolen)
		if err != nil || !r.works(fresh) {
			t.Fatalf("rotation: %v", err)
		}
		if _, err := r.refresh(stolen); err == nil {
			t.Fatal("a rotated refresh token was accepted again")
		}
		r.revokedAlone(t, st, "grant", fresh, other, "signin.refresh_token_reused", a.ID)
	})
}

// Changing one's password, an admin's reset and the completion of any
// reset end every session of the account at once: its refresh and access
// tokens and its signed-in, not yet exchanged, requests. Asking for a reset
// link ("forgot password?", which anyone can do for anyone) does not.
func TestPasswordChangesEndSessions(t *testing.T) {
	const pw2 = "a brand new passphrase for tests"
	cases := []struct {
		name string
		act  func(t *testing.T, e *env, a *store.Account)
		ends bool
	}{
		{"change own password", func(t *testing.T, e *env, a *store.Account) {
			code, _ := post(t, browser("never"), e.srv.URL+"/signin/password", url.Values{"username": {"ada"},
				"current": {testPassword}, "password": {pw2}, "confirm": {pw2}})
			if code != http.StatusOK {
				t.Fatalf("change password: %d", code)
			}
		}, true},
		{"admin reset", func(t *testing.T, e *env, a *store.Account) {
			if _, err := e.p.IssueResetLink(context.Background(), "token:test", a.ID, false); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"forgot password asked", func(t *testing.T, e *env, a *store.Account) {
			if code, _ := post(t, browser("never"), e.srv.URL+"/signin/forgot", url.Values{"email": {"ada@example.com"}}); code != http.StatusOK {
				t.Fatalf("forgot: %d", code)
			}
			e.p.Wait(context.Background())
		}, false},
		{"reset completed", func(t *testing.T, e *env, a *store.Account) {
			post(t, browser("never"), e.srv.URL+"/signin/forgot", url.Values{"email": {"ada@example.com"}})
			e.p.Wait(context.Background())
			link := linkRE.FindString(e.mails.all()[0].Message.Text)
			if code, _ := post(t, browser("never"), link, url.Values{"password": {pw2}, "confirm": {pw2}}); code != http.StatusOK {
				t.Fatalf("reset: %d", code)
			}
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				e := newEnv(t, st, nil)
				a := e.account("ada", "ada@example.com")
				r := newRP(t, e)
				tok := r.tokens(t, "ada")
				storetest.SignedIn(t, st, a.ID) // and a code not exchanged yet
				tc.act(t, e, a)
				left := storetest.SignInSessions(t, st, a.ID)
				if tc.ends && (left != 0 || r.works(tok)) {
					t.Errorf("%d sign-in rows left, access token works: %v", left, r.works(tok))
				}
				if !tc.ends && (left == 0 || !r.works(tok)) {
					t.Errorf("sessions ended by a mere request (%d rows left)", left)
				}
			})
		})
	}
}
