package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// The invitation pages over the real invitations service: import a file
// with a preview before confirming, preview the mail, the account history.
func TestConsoleImportAndPreview(t *testing.T) {
	e := newBrowserEnv(t, nil)
	ctx := context.Background()
	in := seedIntegration(t, e.s.Store, &store.Integration{Name: "okta", Kind: "scim"})
	a, err := e.s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: in.Name}, in, &store.Account{
		UserName: "lin@acme.test", DisplayName: "Lin", Active: true,
		Emails: []store.Email{{Value: "lin@acme.test", Type: "work", IsPrimary: true}}})
	if err != nil {
		t.Fatal(err)
	}
	seedAdmin(t, e.s, "root@acme.test", "owner", "correct horse battery", true)
	c := browserClient(t)
	loginLocal(t, e.ts, c, "root@acme.test", "correct horse battery")

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "people.csv")
	fw.Write([]byte("Email\nlin@acme.test\nnobody@acme.test\nnot-an-email\n"))
	mw.WriteField("message", "Welcome aboard")
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/admin/invitations/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	r2, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(r2.Body)
	r2.Body.Close()
	body := b.String()
	if r2.StatusCode != 200 || !strings.Contains(body, "import-confirm") || !strings.Contains(body, "Not found") {
		t.Fatalf("import preview: %d\n%s", r2.StatusCode, body)
	}
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusNotInvited {
		t.Fatalf("preview changed the account: %s", got.Status)
	}
	form := url.Values{"by": {"email"}, "message": {"Welcome aboard"}, "row": {"2", "3"}, "value": {"lin@acme.test", "nobody@acme.test"}}
	if resp, body := do(t, c, "POST", e.ts.URL+"/admin/invitations/import/confirm", form.Encode()); resp.StatusCode != 200 || !strings.Contains(body, "Accounts invited: 1") {
		t.Fatalf("import confirm: %d\n%s", resp.StatusCode, body)
	}
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusInvited {
		t.Fatalf("after import: %s", got.Status)
	}
	resp, body := do(t, c, "POST", e.ts.URL+"/admin/invitations/preview", url.Values{"message": {"See you <b>Monday</b>"}}.Encode())
	if resp.StatusCode != 200 || !strings.Contains(body, "See you &lt;b&gt;Monday&lt;/b&gt;") {
		t.Fatalf("preview: %d\n%s", resp.StatusCode, body)
	}
	if _, body := do(t, c, "GET", e.ts.URL+"/admin/accounts/"+a.ID, ""); !strings.Contains(body, "invitation.") || !strings.Contains(body, "admin:root@acme.test") {
		t.Fatalf("account history:\n%s", body)
	}
}

// TestConsoleAccessCodeWording: an account without email is given an
// access code, and the console says so rather than "invited": the file
// import's preview says "Would get an access code" beside "Would invite",
// its result "Access code issued", and so does the accounts list. A
// canceled invitation shows as canceled, with no Resend or Copy link.
func TestConsoleAccessCodeWording(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newStackEnv(t, d, nil)
			ctx := context.Background()
			in := seedIntegration(t, e.s.Store, &store.Integration{Name: "hr", Kind: "scim"})
			ids := map[string]string{}
			for _, p := range []struct{ user, ext, email string }{{"kiosk", "k-1", ""}, {"ann", "a-1", "ann@acme.test"}} {
				a := &store.Account{UserName: p.user, ExternalID: &p.ext, Active: true}
				if p.email != "" {
					a.Emails = []store.Email{{Value: p.email, Type: "work", IsPrimary: true}}
				}
				a, err := e.s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: in.Name}, in, a)
				if err != nil {
					t.Fatal(err)
				}
				ids[p.user] = a.ID
			}
			if _, err := e.s.Store.RevokeAccessCodes(ctx, ids["kiosk"]); err != nil {
				t.Fatal(err)
			}
			if err := e.s.Store.SetAccountStatus(ctx, ids["kiosk"], store.StatusNotInvited); err != nil {
				t.Fatal(err)
			}
			seedAdmin(t, e.s, "adam@acme.test", "admin", "correct horse battery", false)
			c := browserClient(t)
			loginLocal(t, e.ts, c, "adam@acme.test", "correct horse battery")

			file, ctype := multipartFile(t, "people.csv", "External ID\nk-1\na-1\n", nil)
			req, _ := http.NewRequest("POST", e.ts.URL+"/admin/invitations/import", file)
			req.Header.Set("Content-Type", ctype)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(b)
			if resp.StatusCode != 200 || !strings.Contains(body, "Would get an access code") || !strings.Contains(body, "Would invite") ||
				!strings.Contains(body, `id="import-codes"`) {
				t.Fatalf("import preview: %d\n%s", resp.StatusCode, body)
			}
			form := url.Values{"by": {"externalId"}, "row": {"2", "3"}, "value": {"k-1", "a-1"}}
			resp, body = do(t, c, "POST", e.ts.URL+"/admin/invitations/import/confirm", form.Encode())
			if resp.StatusCode != 200 || !strings.Contains(body, "Access code issued") || !strings.Contains(body, "Access codes issued: 1") ||
				!strings.Contains(body, "Accounts invited: 1") {
				t.Fatalf("import: %d\n%s", resp.StatusCode, body)
			}
			_, body = do(t, c, "GET", e.ts.URL+"/admin/accounts", "")
			if !strings.Contains(body, "Access code issued") {
				t.Fatalf("accounts list:\n%s", body)
			}

			inv := invitationOf(t, e.s, ids["ann"])
			if resp, _ := do(t, c, "POST", e.ts.URL+"/admin/invitations/"+inv.ID+"/cancel", ""); resp.StatusCode != 200 {
				t.Fatalf("cancel: %d", resp.StatusCode)
			}
			_, body = do(t, c, "GET", e.ts.URL+"/admin/invitations", "")
			row := body[strings.Index(body, `data-invitation="`+inv.ID+`"`):]
			row = row[:strings.Index(row, "</tr>")]
			if !strings.Contains(row, "Canceled") || strings.Contains(row, "/resend") || strings.Contains(row, "/link") {
				t.Fatalf("canceled invitation row:\n%s", row)
			}
		})
	}
}

// inviteAllSeed gives e two integrations without auto-invite: okta with
// ann and bob (addresses) and a kiosk account without one whose access
// code was revoked (so invite-all gives it a new code), corp with cy. All
// four are not_invited.
func inviteAllSeed(t *testing.T, e *browserEnv) (okta, corp *store.Integration) {
	t.Helper()
	ctx := context.Background()
	mk := func(name string) *store.Integration {
		in := seedIntegration(t, e.s.Store, &store.Integration{Name: name, Kind: "scim"})
		return in
	}
	okta, corp = mk("okta"), mk("corp")
	for _, p := range []struct {
		in          *store.Integration
		user, email string
	}{{okta, "ann", "ann@acme.test"}, {okta, "bob", "bob@acme.test"}, {okta, "kiosk", ""}, {corp, "cy", "cy@acme.test"}} {
		a := &store.Account{UserName: p.user, Active: true}
		if p.email != "" {
			a.Emails = []store.Email{{Value: p.email, Type: "work", IsPrimary: true}}
		}
		a, err := e.s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: p.in.Name}, p.in, a)
		if err != nil {
			t.Fatal(err)
		}
		if p.email == "" { // provisioning gave it a code; take it back
			if _, err := e.s.Store.RevokeAccessCodes(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
			if err := e.s.Store.SetAccountStatus(ctx, a.ID, store.StatusNotInvited); err != nil {
				t.Fatal(err)
			}
		}
	}
	return okta, corp
}

// notInvited counts the accounts of e still not_invited.
func notInvited(t *testing.T, e *browserEnv) int {
	t.Helper()
	n, err := e.s.Store.CountAccountsByStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n[store.StatusNotInvited])
}

// TestConsoleInviteAllConfirm: the first post of invite-all shows the
// forecast and changes nothing (no invitation, no mail, no code, auto-invite
// still off); only the confirm post invites, and its page says how many.
// A viewer reaches neither step; an admin does. On SQLite and PostgreSQL.
func TestConsoleInviteAllConfirm(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newStackEnv(t, d, nil)
			okta, _ := inviteAllSeed(t, e)
			seedAdmin(t, e.s, "vera@acme.test", "viewer", "correct horse battery", false)
			seedAdmin(t, e.s, "adam@acme.test", "admin", "correct horse battery", false)
			viewer, admin := browserClient(t), browserClient(t)
			loginLocal(t, e.ts, viewer, "vera@acme.test", "correct horse battery")
			loginLocal(t, e.ts, admin, "adam@acme.test", "correct horse battery")
			all := url.Values{"integration": {""}, "message": {"Hello"}}.Encode()
			for _, path := range []string{"/admin/invitations/invite-all", "/admin/invitations/invite-all/confirm"} {
				if resp, _ := do(t, viewer, "POST", e.ts.URL+path, all); resp.StatusCode != http.StatusForbidden {
					t.Errorf("viewer POST %s: %d, want 403", path, resp.StatusCode)
				}
			}
			// The worst inputs: an integration that is not there (another
			// id, a path), a message past the bound. Nothing is sent.
			for _, form := range []url.Values{{"integration": {"../../admin"}}, {"integration": {store.NewID()}},
				{"message": {strings.Repeat("x", maxMessage+1)}}} {
				for _, path := range []string{"/admin/invitations/invite-all", "/admin/invitations/invite-all/confirm"} {
					if resp, _ := do(t, admin, "POST", e.ts.URL+path, form.Encode()); resp.StatusCode != http.StatusNotFound &&
						resp.StatusCode != http.StatusBadRequest {
						t.Errorf("POST %s %v: %d, want 404 or 400", path, form, resp.StatusCode)
					}
				}
			}
			resp, body := do(t, admin, "POST", e.ts.URL+"/admin/invitations/invite-all",
				url.Values{"integration": {okta.Name}, "message": {"Hello"}}.Encode())
			if resp.StatusCode != 200 || !strings.Contains(body, `id="invite-all-confirm"`) || !strings.Contains(body, `id="auto-invite-would"`) {
				t.Fatalf("ask: %d\n%s", resp.StatusCode, body)
			}
			if got, _ := e.s.Store.IntegrationByID(context.Background(), okta.ID); got.AutoInvite {
				t.Error("the forecast turned auto-invite on")
			}
			if n := notInvited(t, e); n != 4 || len(e.smtp.Messages()) != 0 {
				t.Fatalf("after the forecast: %d not invited (want 4), %d mails", n, len(e.smtp.Messages()))
			}
			if _, n, _ := e.s.Store.ListInvitations(context.Background(), store.InvitationQuery{Limit: 1}); n != 0 {
				t.Fatalf("the forecast created %d invitations", n)
			}
			resp, body = do(t, admin, "POST", e.ts.URL+"/admin/invitations/invite-all/confirm", all)
			if resp.StatusCode != 200 || !strings.Contains(body, `<dd id="result-mailed">3</dd>`) ||
				!strings.Contains(body, `<dd id="result-codes">1</dd>`) {
				t.Fatalf("confirm: %d\n%s", resp.StatusCode, body)
			}
			if n := notInvited(t, e); n != 0 {
				t.Fatalf("after the confirmation: %d still not invited", n)
			}
			if got := e.smtp.WaitFor(3, 20e9); len(got) != 3 {
				t.Fatalf("mails: %d", len(got))
			}
		})
	}
}

// TestConsoleTokenPageWarning: the token page warns that Entra and Okta
// need a public https base URL when it is not one, and only then.
func TestConsoleTokenPageWarning(t *testing.T) {
	e := newStackEnv(t, store.SQLite, nil)
	okta, _ := inviteAllSeed(t, e)
	seedAdmin(t, e.s, "adam@acme.test", "admin", "correct horse battery", false)
	c := browserClient(t)
	loginLocal(t, e.ts, c, "adam@acme.test", "correct horse battery")
	for base, warn := range map[string]bool{e.s.Config.BaseURL: true, "https://provision.example.com": false} {
		e.s.Config.BaseURL = base
		resp, body := do(t, c, "POST", e.ts.URL+"/admin/integrations/"+okta.ID+"/token", "")
		if resp.StatusCode != 200 || strings.Contains(body, `id="not-public"`) != warn {
			t.Errorf("base URL %s: %d, warning shown %v, want %v", base, resp.StatusCode, !warn, warn)
		}
	}
}
