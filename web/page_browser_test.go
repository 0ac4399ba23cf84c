package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/scim"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// fillPassword types the password twice and submits the form.
func fillPassword(pw string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.SendKeys(chromedp.ID("password"), pw),
		chromedp.SendKeys(chromedp.ID("confirm"), pw),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
	}
}

func text(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
	if err != nil {
		t.Fatalf("text of #%s: %v", id, err)
	}
	return s
}

func TestBrowserClaimFromMail(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, func(c *config.Config) { c.RegistrationNotify = "hr@acme.test" })
	bg := context.Background()
	// Provision the way an IdP does: POST /scim/v2/Users with the
	// integration's bearer token; auto-invite mails the claim link.
	e.s.SCIM = scim.New(scim.Options{Store: e.s.Store, Accounts: e.s.Accounts, BaseURL: e.s.Config.BaseURL, Log: e.s.Log})
	e.s.Registry = nil
	e.ts.Config.Handler = e.s.Handler()
	token := secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	hash := secret.TokenHash(token)
	seedIntegration(t, e.s.Store, &store.Integration{Name: "entra", Kind: "scim", AutoInvite: true, TokenHash: &hash,
		Permissions: "accounts:read accounts:write accounts:deactivate groups:read groups:write"})
	body := `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"grace@acme.test",
		"displayName":"Grace Hopper","preferredLanguage":"en","active":true,
		"emails":[{"value":"grace@acme.test","type":"work","primary":true}]}`
	code, id := postSCIMUser(t, e.ts.URL+"/scim/v2", token, body)
	if code != http.StatusCreated {
		t.Fatalf("SCIM create: %d", code)
	}
	a, err := e.s.Store.AccountByID(bg, id)
	if err != nil {
		t.Fatal(err)
	}
	msg := e.smtp.WaitFor(1, 20*time.Second)[0].MustParse(t)
	link := regexp.MustCompile(`http://\S+/invite/[A-Za-z0-9_-]+`).FindString(msg.Text)
	if link == "" {
		t.Fatalf("no claim link in the mail:\n%s", msg.Text)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("password"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "claim-form")
	email, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("email")))
	if email != "grace@acme.test" {
		t.Fatalf("invited address %q", email)
	}
	// Keyboard: Tab walks email, password, confirm, button, in that order.
	var order []string
	for range 4 {
		chromedp.Do(ctx, chromedp.KeyEvent("\t"))
		id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		order = append(order, id)
	}
	if strings.Join(order, ",") != "email,password,confirm,BUTTON" {
		t.Fatalf("focus order %v", order)
	}
	if err := chromedp.Do(ctx, fillPassword("too short")...); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("password-error"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "claim-error")
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	described, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("password").getAttribute("aria-describedby")`))
	if focused != "password" || described != "password-hint password-error" {
		t.Fatalf("error not tied to its field: focus %q, aria-describedby %q", focused, described)
	}
	if err := chromedp.Do(ctx, append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "claim-success")
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusActive {
		t.Fatalf("account status %s", got.Status)
	}
	notice := e.smtp.WaitFor(2, 20*time.Second)[1]
	if p := notice.MustParse(t); notice.To[0] != "hr@acme.test" || !strings.Contains(p.Subject, "Grace Hopper") {
		t.Fatalf("registration notice to %v: %q", notice.To, p.Subject)
	}
}

func TestBrowserExpiredLink(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	_, token := seedInvitation(t, e.s, "late@acme.test", time.Now().Add(-time.Hour), false)
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(e.ts.URL+"/invite/"+token))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "claim-expired")
	if resp.Status != 410 || !strings.Contains(text(t, ctx, "gone"), "expired") {
		t.Fatalf("expired link: %d", resp.Status)
	}
}
