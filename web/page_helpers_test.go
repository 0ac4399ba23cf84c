package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// eachPagesServer runs fn on a server over every configured dialect.
func eachPagesServer(t *testing.T, mutate func(*config.Config), fn func(t *testing.T, ts *httptest.Server, s *Server)) {
	t.Helper()
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s := newPagesServer(t, d, mutate)
			fn(t, ts, s)
		})
	}
}

// newPagesServer is newTestServer on dialect d, with short passwords allowed.
func newPagesServer(t *testing.T, d store.Dialect, mutate func(*config.Config)) (*httptest.Server, *Server) {
	t.Helper()
	ts, s := newServerOn(t, d, func(cfg *config.Config) {
		cfg.PasswordMinLength = 12
		if mutate != nil {
			mutate(cfg)
		}
	})
	s.Config.BaseURL = ts.URL
	s.Claims.BaseURL = ts.URL
	return ts, s
}

// seedInvitation creates an invited account with a sent invitation (of an
// integration requiring approval when approval is set) and returns the
// account and the claim token.
func seedInvitation(t *testing.T, s *Server, email string, expires time.Time, approval bool) (*store.Account, string) {
	t.Helper()
	ctx := context.Background()
	in := seedIntegration(t, s.Store, &store.Integration{Name: "idp-" + store.NewID(), Kind: "scim", RequireApproval: approval})
	a := &store.Account{UserName: email, Active: true, DisplayName: "Ada Lovelace", PreferredLanguage: "fr",
		Emails: []store.Email{{Value: email, Type: "work", IsPrimary: true}}}
	a, err := s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: in.Name}, in, a)
	if err != nil {
		t.Fatal(err)
	}
	token := secret.NewToken()
	h := s.Keys.HMAC(secret.PurposeClaimToken, token)
	now := store.Now()
	inv := &store.Invitation{AccountID: a.ID, IntegrationID: &in.ID, Status: store.InvitationSent,
		Delivery: store.DeliveryDelivered, Method: "link", Email: email, TokenHash: &h,
		FirstSentAt: &now, ExpiresAt: &expires}
	if err := s.Store.CreateInvitation(ctx, inv); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SetAccountStatus(ctx, a.ID, store.StatusInvited); err != nil {
		t.Fatal(err)
	}
	return a, token
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postForm posts form values as a same-origin browser would.
func postForm(t *testing.T, target string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return sendRequest(t, noRedirect, req, header)
}

// getPage fetches a page with optional header pairs, without following redirects.
func getPage(t *testing.T, target string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", target, nil)
	return sendRequest(t, noRedirect, req, header)
}

// accountNow re-reads an account.
func accountNow(t *testing.T, s *Server, id string) *store.Account {
	t.Helper()
	a, err := s.Store.AccountByIDAny(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// invitationOf returns the account's latest invitation.
func invitationOf(t *testing.T, s *Server, accountID string) *store.Invitation {
	t.Helper()
	invs, _, err := s.Store.ListInvitations(context.Background(), store.InvitationQuery{AccountID: accountID, Limit: 10})
	if err != nil || len(invs) == 0 {
		t.Fatalf("invitations of %s: %v (%d)", accountID, err, len(invs))
	}
	return &invs[0]
}

// execSQL runs one statement written with ? placeholders on either dialect.
func execSQL(t *testing.T, s *Server, q string, args ...any) {
	t.Helper()
	if s.Store.Dialect() == store.Postgres {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	if _, err := s.Store.DB().ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// seedIntegration stores integration in and returns it (with its ID).
func seedIntegration(t *testing.T, st *store.Store, in *store.Integration) *store.Integration {
	t.Helper()
	if err := st.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return in
}
