package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// TestBrowserSignUpConfirm is a person's whole sign-up through a multi-use
// link, in English and in French: name and address on /join, the "check
// your email" page, the confirmation mail (real SMTP, in the page's
// language), the confirmation page where the password is chosen, the
// success page; then the link, used up, answers 410.
func TestBrowserSignUpConfirm(t *testing.T) {
	for i, lang := range []struct {
		code, check, mailSubject, confirmIntro, done string
	}{
		{"en", "Check your email", "Confirm your email address", "Confirm your address", "Your password is set"},
		{"fr", "Consultez votre messagerie", "Confirmez votre adresse", "Confirmez votre adresse", "Votre mot de passe est enregistré"},
	} {
		t.Run(lang.code, func(t *testing.T) {
			ctx := newBrowser(t)
			e := newBrowserEnv(t, nil)
			if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			browserLanguage(t, ctx, lang.code)
			_, link := createLinkAPI(t, e.ts, e.s, `{"name": "Workshop", "maxUses": 1, "allowedDomains": ["acme.test"]}`)
			joinURL := link["url"].(string)
			email := []string{"hedy@acme.test", "marie@acme.test"}[i]
			err := chromedp.Do(ctx, chromedp.Navigate(joinURL),
				chromedp.SendKeys(chromedp.ID("name"), "Hedy Lamarr"),
				chromedp.SendKeys(chromedp.ID("email"), "hedy@elsewhere.test"),
				chromedp.Click(chromedp.CSS("button[type=submit]")),
				chromedp.WaitVisible(chromedp.ID("email-error")))
			if err != nil {
				t.Fatalf("an address outside the link's domains: %v", err)
			}
			screenshot(t, ctx, "join-domain-refused")
			err = chromedp.Do(ctx, chromedp.Clear(chromedp.ID("email")),
				chromedp.SendKeys(chromedp.ID("email"), email),
				chromedp.Click(chromedp.CSS("button[type=submit]")),
				chromedp.WaitVisible(chromedp.ID("check-email")))
			if err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "join-check-email")
			if h := text(t, ctx, "main"); !strings.Contains(h, lang.check) {
				t.Fatalf("check-email page title %q", h)
			}
			a, err := e.s.Store.AccountByUserName(context.Background(), email)
			if err != nil || a.Status != store.StatusInvited || a.ClaimedAt != nil {
				t.Fatalf("account before confirmation: %+v %v", a, err)
			}
			confirm, subject := e.mailedLink(t, 1, email)
			if !strings.Contains(subject, lang.mailSubject) {
				t.Fatalf("confirmation mail subject %q", subject)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(confirm), chromedp.WaitVisible(chromedp.ID("password"))); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "confirm-form")
			if body := text(t, ctx, "main"); !strings.Contains(body, lang.confirmIntro) {
				t.Fatalf("confirmation page: %q", body)
			}
			if err := chromedp.Do(ctx, append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "confirm-success")
			if body := text(t, ctx, "done"); !strings.Contains(body, lang.done) {
				t.Fatalf("success page: %q", body)
			}
			if got := accountNow(t, e.s, a.ID); got.Status != store.StatusActive || got.ClaimedAt == nil {
				t.Fatalf("account after confirmation: %s", got.Status)
			}
			resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(joinURL))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != 410 {
				t.Fatalf("link past its cap: %d", resp.Status)
			}
		})
	}
}

func TestBrowserCodeLockout(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	e.s.Claims.CodeLimit = store.AttemptLimit{Max: 3, Window: 900e9, Lockout: 900e9}
	// An account without email gets an access code at provisioning; the admin reveals it.
	a, err := e.s.Accounts.Create(context.Background(), account.System, nil, &store.Account{UserName: "kiosk-12", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	code, err := e.s.Invites.RevealAccessCode(context.Background(), "admin:test", a.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw := code.Code
	wrong := secret.FormatAccessCode(secret.NewAccessCode())
	for i := range 3 {
		err := enterCode(ctx, e, wrong, "code-error")
		if err != nil {
			t.Fatalf("wrong code %d: %v", i+1, err)
		}
	}
	screenshot(t, ctx, "code-wrong")
	if inv, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("code"), "aria-invalid")); inv.Value != "true" {
		t.Fatalf("aria-invalid %+v", inv)
	}
	err = enterCode(ctx, e, wrong, "throttled")
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "code-locked")
	// The right code still works for its owner: the lock was on the guessed code.
	err = enterCode(ctx, e, raw, "password")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "code-success")
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusActive {
		t.Fatalf("account status %s", got.Status)
	}
}
