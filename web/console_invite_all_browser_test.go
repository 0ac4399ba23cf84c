package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserInviteAllConfirm walks "invite everyone" in a real Chromium,
// in English and in French: the button shows the forecast per integration
// (mails and access codes) and sends nothing; the confirmation sends, and
// its page says how many went out.
func TestBrowserInviteAllConfirm(t *testing.T) {
	for _, lang := range []struct {
		code, codesHeader, ask, sent string
	}{
		{"en", "Access codes issued", "Nothing has been sent yet", "Invitations sent"},
		{"fr", "Codes d'accès émis", "Rien n'a encore été envoyé", "Invitations envoyées"},
	} {
		t.Run(lang.code, func(t *testing.T) {
			ctx, m, e := newConsoleBrowser(t)
			okta, corp := inviteAllSeed(t, e)
			if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			browserLanguage(t, ctx, lang.code)
			adaSignsIn(t, ctx, m, e)
			err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/invitations"),
				chromedp.SendKeys(chromedp.ID("message"), "Welcome"), chromedp.Click(chromedp.ID("invite-all-submit")),
				chromedp.WaitVisible(chromedp.ID("invite-all-confirm")))
			if err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "invite-all-ask")
			cell := func(sel string) string {
				s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
				if err != nil {
					t.Fatalf("%s: %v", sel, err)
				}
				return strings.TrimSpace(s)
			}
			rowOf := func(id string) string { return `#invite-all-forecast tr[data-integration="` + id + `"]` }
			if cell(rowOf(okta.ID)+" .mailed") != "2" || cell(rowOf(okta.ID)+" .codes") != "1" ||
				cell(rowOf(corp.ID)+" .mailed") != "1" || cell("#total-mailed") != "3" || cell("#total-codes") != "1" {
				t.Fatalf("forecast: %q", cell("#invite-all-forecast"))
			}
			if h := cell("#invite-all-forecast thead"); !strings.Contains(h, lang.codesHeader) {
				t.Fatalf("forecast header %q", h)
			}
			if got := text(t, ctx, "invite-all-ask"); !strings.Contains(got, lang.ask) {
				t.Fatalf("ask %q", got)
			}
			if n := notInvited(t, e); n != 4 || len(e.smtp.Messages()) != 0 {
				t.Fatalf("before the confirmation: %d not invited, %d mails", n, len(e.smtp.Messages()))
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("invite-all-go")), chromedp.WaitVisible(chromedp.ID("invite-all-done"))); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "invite-all-done")
			if got := cell("#invite-all-result"); !strings.Contains(got, lang.sent) || cell("#result-mailed") != "3" || cell("#result-codes") != "1" {
				t.Fatalf("result %q", got)
			}
			mails := e.smtp.WaitFor(3, 20*time.Second)
			if len(mails) != 3 || !strings.Contains(mails[0].MustParse(t).Text, "Welcome") {
				t.Fatalf("mails: %d", len(mails))
			}
		})
	}
}

// TestBrowserTokenPageWarns: on a base URL that is not public https (the
// test server's loopback http address), the token page warns that Entra
// and Okta cannot reach the Tenant URL.
func TestBrowserTokenPageWarns(t *testing.T) {
	ctx, m, e := newConsoleBrowser(t)
	adaSignsIn(t, ctx, m, e)
	err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/integrations"),
		chromedp.SendKeys(chromedp.ID("name"), "entra"), chromedp.Click(chromedp.ID("create-submit")),
		chromedp.WaitVisible(chromedp.ID("not-public")))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "token-not-public")
	if got := text(t, ctx, "not-public"); !strings.Contains(got, "public https") || !strings.Contains(got, "PROVISIOND_BASE_URL") {
		t.Fatalf("warning %q", got)
	}
}

// TestBrowserDoneLinksToSignIn: without an application URL, the page a
// claim ends on links to the sign-in landing page, which works: it says how
// signing in goes and offers the password pages.
func TestBrowserDoneLinksToSignIn(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	withSignIn(t, e)
	_, token := seedInvitation(t, e.s, "ada@acme.test", time.Now().Add(time.Hour), false)
	actions := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(e.ts.URL + "/invite/" + token),
		chromedp.WaitVisible(chromedp.ID("password"))}, fillPassword(goodPassword)...)
	if err := chromedp.Do(ctx, append(actions, chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "done")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("next")), chromedp.WaitVisible(chromedp.ID("home"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "signin-home")
	// The account's language (French) carries over to the landing page.
	if got := text(t, ctx, "home"); !strings.Contains(got, "Votre compte Acme") {
		t.Fatalf("landing page %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("change-password")), chromedp.WaitVisible(chromedp.ID("current"))); err != nil {
		t.Fatal(err)
	}
}
