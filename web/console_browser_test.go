package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/provisiond/provisiond/scim"
	"github.com/provisiond/provisiond/store"
)

// The admin's whole path in a real Chromium: log in through the OpenID
// provider, create an integration and read its token once, provision a user
// over SCIM with that token, find it in the accounts list, invite it, see
// the mail arrive and the status change.
func TestBrowserConsoleFlow(t *testing.T) {
	ctx, m, e := newConsoleBrowser(t)
	// Mount the SCIM server and rebuild the handler before the first request.
	e.s.SCIM = scim.New(scim.Options{Store: e.s.Store, Accounts: e.s.Accounts, BaseURL: e.s.Config.BaseURL, Log: e.s.Log})
	e.s.Registry = nil
	e.ts.Config.Handler = e.s.Handler()

	m.QueueUser(&mockoidc.MockUser{Subject: "ada", Email: "ada@acme.test", EmailVerified: true})
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/"), chromedp.WaitVisible(chromedp.ID("oidc-login"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "login")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("oidc-login")), chromedp.WaitVisible(chromedp.ID("whoami"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "dashboard")
	if who := text(t, ctx, "whoami"); who != "ada@acme.test" {
		t.Fatalf("logged in as %q", who)
	}

	err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/integrations"),
		chromedp.SendKeys(chromedp.ID("name"), "entra"),
		chromedp.Click(chromedp.ID("create-submit")), chromedp.WaitVisible(chromedp.ID("secret-token")))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "token")
	token, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("secret-token")))
	tenant, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("tenant-url")))
	html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main")))
	if !strings.HasPrefix(token, "pvd_") || tenant != e.ts.URL+"/scim/v2" || strings.Count(html, token) != 1 {
		t.Fatalf("token page: token %q, tenant %q, token shown %d times", token, tenant, strings.Count(html, token))
	}

	id := scimCreateUser(t, tenant, token, "grace@acme.test")
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/accounts?q=grace"),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-account="`+id+`"]`))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "accounts")
	status := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr[data-account="`+id+`"] td.status`)))
		return strings.TrimSpace(s)
	}
	if got := status(); got != "Not invited" {
		t.Fatalf("status before invite %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`tr[data-account="`+id+`"] button.invite-one`)),
		chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
		t.Fatal(err)
	}
	msg := e.smtp.WaitFor(1, 20*time.Second)[0]
	if msg.To[0] != "grace@acme.test" || !strings.Contains(msg.MustParse(t).Text, "/invite/") {
		t.Fatalf("mail to %v", msg.To)
	}
	if got := status(); got != "Invited" {
		t.Fatalf("status after invite %q", got)
	}
	screenshot(t, ctx, "invited")
	// The delivery shows on the invitations page once the job has run.
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/invitations?status=sent"), chromedp.WaitVisible(chromedp.ID("invitations")))
		if err != nil {
			t.Fatal(err)
		}
		row, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#invitations tbody")))
		if strings.Contains(row, "grace@acme.test") && strings.Contains(row, "Delivered") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("invitations page never showed the delivery: %q", row)
		}
		time.Sleep(200 * time.Millisecond)
	}
	screenshot(t, ctx, "invitations")
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/"), chromedp.WaitVisible(chromedp.CSS("svg"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "dashboard-after")
	w, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#main svg .status-invited rect").getAttribute("width")`))
	if w == "" || w == "0" {
		t.Fatalf("invited bar width %q", w)
	}
	evs, _, _ := e.s.Store.AuditEvents(context.Background(), store.AuditFilter{Actor: "admin:ada@acme.test"})
	if len(evs) < 3 {
		t.Fatalf("audit events of the admin: %d", len(evs))
	}
}

// scimCreateUser provisions an active user with a work email and returns its id.
func scimCreateUser(t *testing.T, base, token, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"schemas":  []string{"urn:ietf:params:scim:schemas:core:2.0:User"},
		"userName": email, "active": true, "externalId": "ext-" + email,
		"name":   map[string]string{"givenName": "Grace", "familyName": "Hopper"},
		"emails": []map[string]any{{"value": email, "type": "work", "primary": true}},
	})
	code, id := postSCIMUser(t, base, token, string(body))
	if code != 201 || id == "" {
		t.Fatalf("SCIM create: %d", code)
	}
	return id
}
