package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// consoleTourEnv is a browser stack with an owner, an admin and a viewer
// (local passwords), a SCIM integration with two accounts not invited yet,
// an LDAP integration with a dry run, and a multi-use link.
type consoleTourEnv struct {
	*browserEnv
	okta, ldap *store.Integration
	ann, bob   *store.Account
	run        *store.SyncRun
	link       *store.InvitationLink
	linkURL    string
}

const tourPassword = "correct horse battery"

func newConsoleTour(t *testing.T) *consoleTourEnv {
	t.Helper()
	e := &consoleTourEnv{browserEnv: newBrowserEnv(t, nil)}
	bg := context.Background()
	seedAdmin(t, e.s, "own@acme.test", "owner", tourPassword, true)
	seedAdmin(t, e.s, "adm@acme.test", "admin", tourPassword, false)
	seedAdmin(t, e.s, "view@acme.test", "viewer", tourPassword, false)
	e.okta = &store.Integration{Name: "okta", Kind: "scim"}
	e.ldap = &store.Integration{Name: "corp-ldap", Kind: "ldap"}
	for _, in := range []*store.Integration{e.okta, e.ldap} {
		if err := e.s.Store.CreateIntegration(bg, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []**store.Account{&e.ann, &e.bob} {
		name := map[**store.Account]string{&e.ann: "ann", &e.bob: "bob"}[p]
		a, err := e.s.Accounts.Create(bg, account.Actor{Kind: "integration", Name: "okta"}, e.okta, &store.Account{
			UserName: name + "@acme.test", Active: true, Emails: []store.Email{{Value: name + "@acme.test", Type: "work", IsPrimary: true}}})
		if err != nil {
			t.Fatal(err)
		}
		*p = a
	}
	e.run = &store.SyncRun{IntegrationID: e.ldap.ID, Mode: "full", DryRun: true, Trigger: "test"}
	if err := e.s.Store.CreateSyncRun(bg, e.run); err != nil {
		t.Fatal(err)
	}
	fin := store.Now()
	e.run.Status, e.run.ReadCount, e.run.CreatedCount, e.run.FinishedAt = store.SyncSucceeded, 12, 12, &fin
	if err := e.s.Store.UpdateSyncRun(bg, e.run); err != nil {
		t.Fatal(err)
	}
	var err error
	e.link, e.linkURL, err = e.s.Claims.CreateLink(bg, "admin:test", invite.LinkInput{Name: "Staff", MaxUses: 5, ExpiresAt: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// browserLogin signs the browser in with a local password.
func browserLogin(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), tourPassword),
		chromedp.Click(chromedp.ID("login-submit")), chromedp.WaitVisible(chromedp.ID("whoami"))); err != nil {
		t.Fatal(err)
	}
}

// clickToNewPage clicks sel, a button that submits a form, and waits until
// the page it loads has replaced this one: a WaitVisible right after the
// click may be satisfied by the old page, and a Navigate then aborts the
// submission (net::ERR_ABORTED).
func clickToNewPage(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__oldPage = true`), chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		// An evaluation during the navigation may fail: try again.
		if done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__oldPage === undefined && document.readyState === "complete"`)); err == nil && done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("clicking %s loaded no new page", sel)
		}
	}
}

// switchLang picks lang with the switcher on the page at url.
func switchLang(t *testing.T, ctx context.Context, url, lang string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("lang-"+lang))); err != nil {
		t.Fatal(err)
	}
	clickToNewPage(t, ctx, "#lang-"+lang)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#lang-`+lang+`[aria-pressed="true"]`))); err != nil {
		t.Fatal(err)
	}
}

// mainText is the text of the page's main element.
func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// An owner in Chromium uses the console's additions in English, then picks
// French with the switcher (which sticks from page to page) and does it
// again: invite by a comma-separated list with a message (unknown and
// malformed addresses come back in the form), search the invitations,
// label a dry run, set the breaker, show a link's URL again and edit it.
// Hostile input (1001 addresses, a cap of -1 or 10^12, an expiry in the
// past) is refused with a clear message and the form keeps what was typed.
func TestBrowserConsoleAdditions(t *testing.T) {
	e := newConsoleTour(t)
	base := e.ts.URL
	type words struct {
		lang, invited, notFound, tooMany, dry, saved, window, disabled, ldapDisabled, shown, capErr, pastErr, breakerErr string
	}
	for _, w := range []words{
		{"en", "1 invitation created", "No account has these addresses", "At most 1000 addresses at once: nothing was sent.",
			"Dry run", "Changes saved.", "within 2 hours.", "Disabled (its token stops working)", "Disabled (no sync runs, scheduled or manual)",
			"This is the link as created: it still works.", "must be a whole number from 1", "must be today or later", "Check the breaker settings"},
		{"fr", "1 invitation créée", "Aucun compte n’a ces adresses", "1000 adresses au plus à la fois : rien n’a été envoyé.",
			"Essai à blanc", "Modifications enregistrées.", "en 2 heures.", "Désactivée (son jeton cesse de fonctionner)", "Désactivée (aucune synchronisation, planifiée ou manuelle)",
			"Voici le lien tel qu’il a été créé : il fonctionne toujours.", "doit être un entier de 1", "doit être aujourd’hui ou plus tard", "Vérifiez les réglages du disjoncteur"},
	} {
		t.Run(w.lang, func(t *testing.T) {
			ctx := newBrowserWithin(t, 4*time.Minute) // one per language
			browserLogin(t, ctx, base, "own@acme.test")
			// The switcher, once, on the dashboard; every later page keeps the language.
			switchLang(t, ctx, base+"/admin/", w.lang)
			who := map[string]*store.Account{"en": e.ann, "fr": e.bob}[w.lang]
			// Comma-separated addresses with a message.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/invitations"), chromedp.WaitVisible(chromedp.ID("invite-emails")),
				chromedp.SendKeys(chromedp.ID("emails"), who.Email+", nobody-"+w.lang+"@acme.test, not-an-address"),
				chromedp.SendKeys(chromedp.ID("emails-message"), "Bienvenue "+w.lang),
				chromedp.Click(chromedp.ID("send-emails")), chromedp.WaitVisible(chromedp.ID("emails-result"))); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "invite-emails")
			page := mainText(t, ctx)
			kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("emails")))
			if !strings.Contains(page, w.invited) || !strings.Contains(page, w.notFound) ||
				kept != "nobody-"+w.lang+"@acme.test, not-an-address" {
				t.Fatalf("after sending: form keeps %q; page:\n%s", kept, page)
			}
			inv, err := e.s.Store.OpenInvitation(context.Background(), who.ID)
			if err != nil || inv.Message != "Bienvenue "+w.lang {
				t.Fatalf("invitation of %s: %+v %v", who.Email, inv, err)
			}
			// 1001 addresses: refused whole, the list kept as typed.
			var huge []string
			for i := range invite.MaxEmailList + 1 {
				huge = append(huge, fmt.Sprintf("p%d@acme.test", i))
			}
			list := strings.Join(huge, ", ")
			if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("emails"), list), chromedp.Click(chromedp.ID("send-emails")),
				chromedp.WaitVisible(chromedp.ID("error"))); err != nil {
				t.Fatal(err)
			}
			msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("error")))
			kept, _ = chromedp.Run(ctx, chromedp.Value(chromedp.ID("emails")))
			if !strings.Contains(msg, w.tooMany) || kept != list {
				t.Fatalf("huge list: error %q, form keeps %d characters of %d", msg, len(kept), len(list))
			}
			// Search and integration filter.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/invitations"), chromedp.WaitVisible(chromedp.ID("inv-q")),
				chromedp.SendKeys(chromedp.ID("inv-q"), strings.ToUpper(who.UserName[:3])), chromedp.SetValue(chromedp.ID("inv-integration"), e.okta.ID),
			); err != nil {
				t.Fatal(err)
			}
			clickToNewPage(t, ctx, "#inv-filter") // the unfiltered list is on screen until then
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#invitations tbody tr`))); err != nil {
				t.Fatal(err)
			}
			rows, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#invitations tbody")))
			if !strings.Contains(rows, who.Email) || strings.Count(rows, "@acme.test") != 1 {
				t.Fatalf("search %q: rows\n%s", who.UserName[:3], rows)
			}
			// A dry run is labeled, in the run list and on its page.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/integrations/"+e.ldap.ID), chromedp.WaitVisible(chromedp.ID("sync-runs"))); err != nil {
				t.Fatal(err)
			}
			page = mainText(t, ctx)
			if !strings.Contains(page, w.dry) || !strings.Contains(page, w.ldapDisabled) || strings.Contains(page, w.disabled) {
				t.Fatalf("LDAP integration page:\n%s", page)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/sync-runs/"+e.run.ID), chromedp.WaitVisible(chromedp.ID("dry-run-notice"))); err != nil {
				t.Fatal(err)
			}
			// Breaker settings on the SCIM integration: a window of 120 minutes reads "2 hours".
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/integrations/"+e.okta.ID), chromedp.WaitVisible(chromedp.ID("breaker-settings")),
				chromedp.SetValue(chromedp.ID("breakerWindow"), "120"), chromedp.Click(chromedp.ID("save-breaker")), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
				t.Fatal(err)
			}
			page = mainText(t, ctx)
			if !strings.Contains(page, w.saved) || !strings.Contains(page, w.disabled) {
				t.Fatalf("after saving the breaker:\n%s", page)
			}
			screenshot(t, ctx, "integration")
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("breaker-settings").noValidate = true`),
				chromedp.SetValue(chromedp.ID("breakerPercent"), "-1"), chromedp.Click(chromedp.ID("save-breaker")), chromedp.WaitVisible(chromedp.ID("error"))); err != nil {
				t.Fatal(err)
			}
			msg, _ = chromedp.Run(ctx, chromedp.Text(chromedp.ID("error")))
			kept, _ = chromedp.Run(ctx, chromedp.Value(chromedp.ID("breakerPercent")))
			if b, _ := e.s.Store.IntegrationBreaker(context.Background(), e.okta.ID); !strings.Contains(msg, w.breakerErr) || kept != "-1" || b.Percent != 10 || b.WindowSeconds != 7200 {
				t.Fatalf("percent -1: error %q, kept %q, stored %+v", msg, kept, b)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/integrations/"+e.okta.ID+"/held-changes"), chromedp.WaitVisible(chromedp.ID("breaker-summary"))); err != nil {
				t.Fatal(err)
			}
			if s, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("breaker-summary"))); !strings.Contains(s, w.window) {
				t.Fatalf("breaker summary: %q", s)
			}
			// A link's URL again, then its edit form.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/links"), chromedp.WaitVisible(chromedp.ID("links")),
				chromedp.Click(chromedp.CSS(`tr[data-link="`+e.link.ID+`"] button.show-url`)), chromedp.WaitVisible(chromedp.ID("link-shown"))); err != nil {
				t.Fatal(err)
			}
			shown, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("link-url")))
			if page := mainText(t, ctx); shown != e.linkURL || !strings.Contains(page, w.shown) {
				t.Fatalf("shown %q, created %q; page:\n%s", shown, e.linkURL, page)
			}
			edit := base + "/admin/links/" + e.link.ID + "/edit"
			name := "Staff " + w.lang
			if err := chromedp.Do(ctx, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.ID("edit-link")),
				chromedp.SetValue(chromedp.ID("name"), name), chromedp.SetValue(chromedp.ID("maxUses"), "40"),
				chromedp.Click(chromedp.ID("save-link")), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
				t.Fatal(err)
			}
			if l, _ := e.s.Store.InvitationLinkByID(context.Background(), e.link.ID); l.Name != name || l.MaxUses != 40 {
				t.Fatalf("link after edit: %+v", l)
			}
			yesterday := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02")
			for _, bad := range []struct{ field, value, want string }{
				{"maxUses", "-1", w.capErr}, {"maxUses", "1000000000000", w.capErr}, {"expiresAt", yesterday, w.pastErr},
			} {
				if err := chromedp.Do(ctx, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.ID("edit-link")),
					chromedp.Evaluate[chromedp.Void](`document.getElementById("edit-link").noValidate = true`),
					chromedp.SetValue(chromedp.ID("name"), "Typed "+bad.value), chromedp.SetValue(chromedp.ID(bad.field), bad.value),
					chromedp.Click(chromedp.ID("save-link")), chromedp.WaitVisible(chromedp.ID("error"))); err != nil {
					t.Fatal(err)
				}
				msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("error")))
				keptName, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("name")))
				keptBad, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID(bad.field)))
				l, _ := e.s.Store.InvitationLinkByID(context.Background(), e.link.ID)
				if !strings.Contains(msg, bad.want) || keptName != "Typed "+bad.value || keptBad != bad.value || l.Name != name || l.MaxUses != 40 {
					t.Fatalf("%s=%s: error %q, kept %q %q, stored %+v", bad.field, bad.value, msg, keptName, keptBad, l)
				}
			}
			screenshot(t, ctx, "link-edit-refused")
		})
	}
}

// Viewers see the new pages but none of their forms, and every write
// answers 403; an admin's writes pass. Server side, without the browser's
// own checks: a cap above the maximum or below the sign-ups, and another
// link's edit with a deleted id, change nothing.
func TestConsoleAdditionsRoles(t *testing.T) {
	e := newConsoleTour(t)
	base := e.ts.URL
	viewer, admin := browserClient(t), browserClient(t)
	loginLocal(t, e.ts, viewer, "view@acme.test", tourPassword)
	loginLocal(t, e.ts, admin, "adm@acme.test", tourPassword)
	writes := []struct{ path, form string }{
		{"/admin/invitations/emails", url.Values{"emails": {e.ann.Email}}.Encode()},
		{"/admin/integrations/" + e.okta.ID + "/breaker", url.Values{"breakerEnabled": {"true"}, "breakerPercent": {"20"}, "breakerMin": {"5"}, "breakerWindow": {"30"}}.Encode()},
		{"/admin/links/" + e.link.ID + "/edit", url.Values{"name": {"Renamed"}, "maxUses": {"9"}, "expiresAt": {time.Now().AddDate(0, 0, 3).Format("2006-01-02")}}.Encode()},
		{"/admin/links/" + e.link.ID + "/url", ""},
		{"/admin/accounts/invite", url.Values{"one": {e.bob.ID}, "message": {"hi"}}.Encode()},
	}
	for _, wr := range writes {
		if resp, _ := do(t, viewer, "POST", base+wr.path, wr.form); resp.StatusCode != 403 {
			t.Errorf("viewer POST %s: %d", wr.path, resp.StatusCode)
		}
	}
	if resp, _ := do(t, viewer, "GET", base+"/admin/links/"+e.link.ID+"/edit", ""); resp.StatusCode != 403 {
		t.Errorf("viewer GET edit: %d", resp.StatusCode)
	}
	for _, path := range []string{"/admin/invitations", "/admin/links", "/admin/integrations/" + e.okta.ID, "/admin/"} {
		resp, body := do(t, viewer, "GET", base+path, "")
		if resp.StatusCode != 200 || strings.Contains(body, `id="invite-emails"`) || strings.Contains(body, `id="breaker-settings"`) ||
			strings.Contains(body, `class="show-url"`) || strings.Contains(body, `class="edit-link"`) {
			t.Errorf("viewer GET %s: %d shows a write form", path, resp.StatusCode)
		}
	}
	if _, body := do(t, viewer, "GET", base+"/admin/integrations/"+e.okta.ID, ""); !strings.Contains(body, `id="breaker-facts"`) {
		t.Error("viewer does not see the breaker settings")
	}
	for _, wr := range writes {
		resp, body := do(t, admin, "POST", base+wr.path, wr.form)
		if resp.StatusCode != 200 {
			t.Errorf("admin POST %s: %d\n%s", wr.path, resp.StatusCode, body)
		}
	}
	// The invitation filters: another integration, or an account's id given
	// as the integration, list none of okta's invitations; q is a plain substring.
	for _, q := range []string{"?integration=" + e.ldap.ID, "?integration=" + e.ann.ID, "?q=%25", "?q=" + url.QueryEscape(`'; DROP TABLE invitations; --`)} {
		resp, body := do(t, admin, "GET", base+"/admin/invitations"+q, "")
		if resp.StatusCode != 200 || strings.Contains(body, "ann@acme.test</td>") || strings.Contains(body, "bob@acme.test</td>") {
			t.Errorf("invitations%s: %d lists okta's invitations", q, resp.StatusCode)
		}
	}
	if _, body := do(t, admin, "GET", base+"/admin/invitations?integration="+e.okta.ID+"&q=BOB", ""); !strings.Contains(body, "bob@acme.test</td>") || strings.Contains(body, "ann@acme.test</td>") {
		t.Error("invitations of okta matching BOB: not just bob's")
	}
	bg := context.Background()
	if l, _ := e.s.Store.InvitationLinkByID(bg, e.link.ID); l.Name != "Renamed" || l.MaxUses != 9 {
		t.Fatalf("admin's edit: %+v", l)
	}
	if inv, err := e.s.Store.OpenInvitation(bg, e.bob.ID); err != nil || inv.Message != "hi" {
		t.Fatalf("invite one with a message: %+v %v", inv, err)
	}
	if b, _ := e.s.Store.IntegrationBreaker(bg, e.okta.ID); b.Percent != 20 || b.Min != 5 || b.WindowSeconds != 1800 {
		t.Fatalf("admin's breaker: %+v", b)
	}
	// Hostile values, server side; nothing changes.
	if err := e.s.Store.UseInvitationLink(bg, e.link.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.s.Store.UseInvitationLink(bg, e.link.ID); err != nil {
		t.Fatal(err)
	}
	future := time.Now().AddDate(0, 0, 3).Format("2006-01-02")
	for _, f := range []url.Values{
		{"name": {"X"}, "maxUses": {"1"}, "expiresAt": {future}},                      // below the 2 sign-ups
		{"name": {"X"}, "maxUses": {"1000000000000"}, "expiresAt": {future}},          // 10^12
		{"name": {"X"}, "maxUses": {"-1"}, "expiresAt": {future}},                     // negative
		{"name": {"X"}, "maxUses": {"9"}, "expiresAt": {"2001-01-01"}},                // past
		{"name": {strings.Repeat("n", 201)}, "maxUses": {"9"}, "expiresAt": {future}}, // too long
		{"name": {"X"}, "maxUses": {"9"}, "expiresAt": {"tomorrow"}},                  // not a date
	} {
		resp, body := do(t, admin, "POST", base+"/admin/links/"+e.link.ID+"/edit", f.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, `id="error"`) {
			t.Errorf("edit %v: %d", f, resp.StatusCode)
		}
	}
	if l, _ := e.s.Store.InvitationLinkByID(bg, e.link.ID); l.Name != "Renamed" || l.MaxUses != 9 {
		t.Fatalf("after hostile edits: %+v", l)
	}
	if err := e.s.Claims.DeleteLink(bg, "admin:test", e.link.ID); err != nil {
		t.Fatal(err)
	}
	if resp, _ := do(t, admin, "POST", base+"/admin/links/"+e.link.ID+"/edit", url.Values{"name": {"Back"}, "maxUses": {"9"}, "expiresAt": {future}}.Encode()); resp.StatusCode != 404 {
		t.Errorf("edit of a deleted link: %d", resp.StatusCode)
	}
	// The breaker of an integration that does not exist, and a refused window.
	if resp, _ := do(t, admin, "POST", base+"/admin/integrations/nope/breaker", writes[1].form); resp.StatusCode < 400 {
		t.Errorf("breaker of no integration: %d", resp.StatusCode)
	}
	resp, body := do(t, admin, "POST", base+"/admin/integrations/"+e.okta.ID+"/breaker",
		url.Values{"breakerEnabled": {"true"}, "breakerPercent": {"20"}, "breakerMin": {"5"}, "breakerWindow": {"100000"}}.Encode())
	if b, _ := e.s.Store.IntegrationBreaker(bg, e.okta.ID); resp.StatusCode != 400 || !strings.Contains(body, `value="100000"`) || b.WindowSeconds != 1800 {
		t.Errorf("window of 100000 minutes: %d, stored %+v", resp.StatusCode, b)
	}
}
