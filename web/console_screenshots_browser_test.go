package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/config"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// consoleShot is one console page for the tour: a GET path, or a click
// from the page at path that answers a POST (then wait is the element the
// answer shows).
type consoleShot struct {
	name, path, click, wait string
	upload                  string // a file for the file input "file" before the click
}

// Every console page, in English and in French, opens in Chromium in the
// language chosen with the switcher (html lang, no catalog key shown raw),
// and is kept as a screenshot when PROVISIOND_TEST_SCREENSHOTS names a
// directory (docs/console.md shows the main ones): the login page, every
// GET page of the route table, the answers to a POST that show something
// (a new token, the mail preview, a claim link, the two import previews),
// and the viewer's "not allowed" page.
func TestBrowserConsoleScreenshots(t *testing.T) {
	e := newConsoleTour(t)
	bg := context.Background()
	base := e.ts.URL
	if _, err := e.s.Invites.InviteAccount(bg, "admin:test", e.ann.ID, "Welcome aboard", false); err != nil {
		t.Fatal(err)
	}
	inv, err := e.s.Store.OpenInvitation(bg, e.ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	noMail, err := e.s.Accounts.Create(bg, account.Actor{Kind: "integration", Name: "okta"}, e.okta,
		&store.Account{UserName: "kiosk-7", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	hook := &store.WebhookEndpoint{URL: "https://app.acme.test/hooks/provisiond", Events: "account.created account.deactivated", Description: "Main app", SecretSealed: []byte("sealed")}
	if err := e.s.Store.CreateWebhookEndpoint(bg, hook); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(csv, []byte("Email\nbob@acme.test\nnobody@acme.test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	newPeople := filepath.Join(dir, "new.csv")
	if err := os.WriteFile(newPeople, []byte("Email,Given name,Family name\ngrace@acme.test,Grace,Hopper\nbad-address,X,Y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := []consoleShot{
		{name: "dashboard", path: "/admin/"},
		{name: "integrations", path: "/admin/integrations"},
		{name: "integration-scim", path: "/admin/integrations/" + e.okta.ID},
		{name: "integration-ldap", path: "/admin/integrations/" + e.ldap.ID},
		{name: "held-changes", path: "/admin/integrations/" + e.okta.ID + "/held-changes"},
		{name: "sync-run", path: "/admin/sync-runs/" + e.run.ID},
		{name: "accounts", path: "/admin/accounts"},
		{name: "account", path: "/admin/accounts/" + e.ann.ID},
		{name: "account-new", path: "/admin/accounts/new"},
		{name: "account-import", path: "/admin/accounts/import"},
		{name: "account-edit", path: "/admin/accounts/" + e.ann.ID + "/edit"},
		{name: "code", path: "/admin/accounts/" + noMail.ID + "/code"},
		{name: "invitations", path: "/admin/invitations"},
		{name: "links", path: "/admin/links"},
		{name: "link-edit", path: "/admin/links/" + e.link.ID + "/edit"},
		{name: "admins", path: "/admin/admins"},
		{name: "admin-tokens", path: "/admin/admin-tokens"},
		{name: "audit", path: "/admin/audit"},
		{name: "clients", path: "/admin/clients"},
		{name: "webhooks", path: "/admin/webhooks"},
		{name: "webhook", path: "/admin/webhooks/" + hook.ID},
		{name: "mail-preview", path: "/admin/invitations", click: "#preview-mail", wait: "#preview-subject"},
		{name: "claim-link", path: "/admin/invitations", click: `tr[data-invitation="` + inv.ID + `"] form[action$="/link"] button`, wait: "#regenerate-link"},
		{name: "import-preview", path: "/admin/invitations", click: "#import-form button[type=submit]", wait: "#import-summary", upload: csv},
		{name: "account-import-preview", path: "/admin/accounts/import", click: "#account-import-submit", wait: "#import-summary", upload: newPeople},
		{name: "link-url", path: "/admin/links", click: `tr[data-link="` + e.link.ID + `"] button.show-url`, wait: "#link-shown"},
		{name: "token", path: "/admin/integrations/" + e.okta.ID, click: "#rotate-token", wait: "#secret-token"},
	}
	for _, lang := range []string{"en", "fr"} {
		// One browser per batch of pages, each with minutes to go:
		// a loaded machine takes seconds per full-page screenshot.
		for first := 0; first < len(shots); first += 7 {
			batch := shots[first:min(first+7, len(shots))]
			t.Run(fmt.Sprintf("%s/%d", lang, first/7), func(t *testing.T) {
				ctx := newBrowserWithin(t, 4*time.Minute)
				switchLang(t, ctx, base+"/admin/login", lang)
				if first == 0 {
					screenshot(t, ctx, "login")
					firstRunShot(t, ctx, lang)
				}
				browserLogin(t, ctx, base, "own@acme.test")
				for _, s := range batch {
					steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + s.path), chromedp.WaitVisible(chromedp.ID("main"))}
					if s.upload != "" {
						steps = append(steps, chromedp.SetUploadFiles(chromedp.ID("file"), []string{s.upload}))
					}
					if s.click != "" {
						steps = append(steps, chromedp.Click(chromedp.CSS(s.click)), chromedp.WaitVisible(chromedp.CSS(s.wait)))
					}
					if err := chromedp.Do(ctx, steps...); err != nil {
						t.Fatalf("%s: %v", s.name, err)
					}
					checkConsolePage(t, ctx, lang, s.name)
					screenshot(t, ctx, s.name)
				}
			})
		}
		t.Run(lang+"/viewer", func(t *testing.T) {
			ctx := newBrowserWithin(t, 4*time.Minute)
			switchLang(t, ctx, base+"/admin/login", lang)
			browserLogin(t, ctx, base, "view@acme.test")
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/admin-tokens"), chromedp.WaitVisible(chromedp.ID("main"))); err != nil {
				t.Fatal(err)
			}
			checkConsolePage(t, ctx, lang, "forbidden")
			screenshot(t, ctx, "forbidden")
		})
	}
}

// firstRunShot signs in to a new instance (no integration, no mail server):
// its dashboard says what to do first.
func firstRunShot(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	fresh := newBrowserEnv(t, func(c *config.Config) { c.SMTPURL = "" })
	seedAdmin(t, fresh.s, "own@acme.test", "owner", tourPassword, true)
	browserLogin(t, ctx, fresh.ts.URL, "own@acme.test")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("step-mail"))); err != nil {
		t.Fatal(err)
	}
	checkConsolePage(t, ctx, lang, "dashboard-first-run")
	screenshot(t, ctx, "dashboard-first-run")
}

// checkConsolePage fails when the page is not in lang or shows a catalog
// key instead of its text.
func checkConsolePage(t *testing.T, ctx context.Context, lang, name string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil || got != lang {
		t.Fatalf("%s: html lang %q, want %s (%v)", name, got, lang, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, ".,:;()«»“”")
		if strings.Count(w, ".") >= 1 && !strings.ContainsAny(w, "@/") && (ui.Has(w) || ui.Has(w+".one")) {
			t.Errorf("%s (%s) shows the catalog key %q", name, lang, w)
		}
	}
}
