package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// One account created by an admin is invited at once: the link is shown
// when there is no SMTP; no email means an access code.
func TestAccountsCreateAPI(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s, _ := newAccountsServer(t, d, false)
			var out createAccountResponse
			body := `{"email": "ada@example.com", "givenName": "Ada", "familyName": "Lovelace", "userType": "host",
				"roles": ["billing", "support"], "preferredLanguage": "fr", "message": "Bienvenue"}`
			if c := call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json", strings.NewReader(body), &out); c != 201 ||
				out.Account.Status != "invited" || out.Account.Origin != "admin" || out.Invitation == nil ||
				!strings.HasPrefix(out.Link, "https://p.example.test/invite/") || out.Account.UserType != "host" ||
				strings.Join(out.Account.Roles, ",") != "billing,support" || out.Account.PreferredLanguage != "fr" {
				t.Fatalf("create: %d %+v", c, out)
			}
			inv, err := s.Store.InvitationByID(context.Background(), out.Invitation.ID)
			if err != nil || inv.Message != "Bienvenue" || inv.Delivery != store.DeliveryNotSent {
				t.Fatalf("invitation: %+v %v", inv, err)
			}
			a, _ := s.Store.AccountByID(context.Background(), out.Account.ID)
			if strings.Join(account.Roles(a), ",") != "billing,support" || !strings.Contains(a.Attributes, `"value"`) {
				t.Fatalf("roles stored as %s", a.Attributes)
			}
			var got accountJSON
			if call(t, "GET", ts.URL+"/api/v1/accounts/"+out.Account.ID, "owner-token", "", nil, &got); got.Invitation == nil {
				t.Fatalf("GET shows no open invitation")
			}
			var kiosk createAccountResponse
			if c := call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json",
				strings.NewReader(`{"userName": "kiosk-1", "givenName": "Kiosk"}`), &kiosk); c != 201 || !kiosk.AccessCode ||
				kiosk.Link != "" || kiosk.Account.Status != "invited" {
				t.Fatalf("create without email: %d %+v", c, kiosk)
			}
			for _, tc := range []struct {
				body, code string
				status     int
			}{
				{`{"email": "ADA@example.com"}`, "already_exists", 409},
				{`{"email": "not an address"}`, "invalid_account", 400},
				{`{"givenName": "Nobody"}`, "invalid_account", 400},
				{`{"email": "x@example.com", "preferredLanguage": "français!"}`, "invalid_account", 400},
				{`{"email": "x@example.com", "color": "red"}`, "invalid_body", 400},
			} {
				var e apiError
				if c := call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json", strings.NewReader(tc.body), &e); c != tc.status || e.Error.Code != tc.code {
					t.Errorf("%s: %d %+v", tc.body, c, e)
				}
			}
			evs, _, _ := s.Store.AuditEvents(context.Background(), store.AuditFilter{Action: "account.created", Actor: "token:owner"})
			if len(evs) != 2 {
				t.Fatalf("account.created events: %d", len(evs))
			}
		})
	}
}

// With SMTP the invitation is mailed and no link is shown.
func TestAccountsCreateAPIMails(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, _, sink := newAccountsServer(t, d, true)
			var out createAccountResponse
			body := `{"email": "grace@example.com", "givenName": "Grace", "message": "Welcome aboard"}`
			if c := call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json", strings.NewReader(body), &out); c != 201 ||
				out.Link != "" || out.Invitation == nil {
				t.Fatalf("create: %d %+v", c, out)
			}
			msg := sink.WaitFor(1, 20*time.Second)[0]
			p := msg.MustParse(t)
			if msg.To[0] != "grace@example.com" || !strings.Contains(p.Text, "/invite/") || !strings.Contains(p.Text, "Welcome aboard") {
				t.Fatalf("mail to %v: %q", msg.To, p.Text)
			}
		})
	}
}

// Admin edits: email change cancels the open invitation and offers a new
// one; accounts of an integration are read-only, naming the owner.
func TestAccountsPatchAPI(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s, _ := newAccountsServer(t, d, false)
			ctx := context.Background()
			var out createAccountResponse
			call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json", strings.NewReader(`{"email": "bob@example.com"}`), &out)
			var p patchAccountResponse
			body := `{"email": "robert@example.com", "familyName": "Smith", "userType": "individual", "roles": ["viewer"]}`
			if c := call(t, "PATCH", ts.URL+"/api/v1/accounts/"+out.Account.ID, "owner-token", "application/json", strings.NewReader(body), &p); c != 200 ||
				!p.EmailChanged || p.CanceledInvitationID != out.Invitation.ID || !p.ReinviteOffered || p.Account.Status != "not_invited" ||
				p.Account.Email != "robert@example.com" || p.Account.UserName != "robert@example.com" || p.Account.UserType != "individual" ||
				strings.Join(p.Account.Roles, ",") != "viewer" {
				t.Fatalf("patch: %d %+v", c, p)
			}
			if inv, _ := s.Store.InvitationByID(ctx, out.Invitation.ID); inv.Status != store.InvitationCanceled {
				t.Fatalf("old invitation %s", inv.Status)
			}
			var again createInvitationsResponse
			if c := call(t, "POST", ts.URL+"/api/v1/invitations", "owner-token", "application/json",
				strings.NewReader(`{"accountIds": ["`+out.Account.ID+`"]}`), &again); c != 200 || again.Invited != 1 {
				t.Fatalf("re-invite: %d %+v", c, again)
			}
			p = patchAccountResponse{}
			if c := call(t, "PATCH", ts.URL+"/api/v1/accounts/"+out.Account.ID, "owner-token", "application/json",
				strings.NewReader(`{"givenName": "Rob"}`), &p); c != 200 || p.EmailChanged || p.ReinviteOffered || p.Account.Status != "invited" {
				t.Fatalf("patch name: %d %+v", c, p)
			}
			in := seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim"})
			owned, err := s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: "okta"}, in, &store.Account{UserName: "idp-user", Active: true})
			if err != nil {
				t.Fatal(err)
			}
			var e apiError
			if c := call(t, "PATCH", ts.URL+"/api/v1/accounts/"+owned.ID, "owner-token", "application/json", strings.NewReader(`{"givenName": "X"}`), &e); c != http.StatusConflict ||
				e.Error.Code != "owned_by_integration" || !strings.Contains(e.Error.Message, `"okta"`) {
				t.Fatalf("owned: %d %+v", c, e)
			}
			if c := call(t, "PATCH", ts.URL+"/api/v1/accounts/nope", "owner-token", "application/json", strings.NewReader(`{}`), &e); c != 404 {
				t.Fatalf("unknown: %d", c)
			}
		})
	}
}
