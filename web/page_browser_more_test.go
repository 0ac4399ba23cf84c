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

func TestBrowserJoinPastCap(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	_, link := createLinkAPI(t, e.ts, e.s, `{"name": "Workshop", "maxUses": 1}`)
	joinURL := link["url"].(string)
	err := chromedp.Do(ctx, chromedp.Navigate(joinURL),
		chromedp.SendKeys(chromedp.ID("name"), "Hedy Lamarr"),
		chromedp.SendKeys(chromedp.ID("email"), "hedy@acme.test"))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "join-form")
	if err := chromedp.Do(ctx, append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "join-success")
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(joinURL))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "join-past-cap")
	if resp.Status != 410 || !strings.Contains(text(t, ctx, "gone"), "expired") {
		t.Fatalf("link past its cap: %d", resp.Status)
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
		err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/code"),
			chromedp.SendKeys(chromedp.ID("code"), wrong),
			chromedp.Click(chromedp.CSS("button[type=submit]")),
			chromedp.WaitVisible(chromedp.ID("code-error")))
		if err != nil {
			t.Fatalf("wrong code %d: %v", i+1, err)
		}
	}
	screenshot(t, ctx, "code-wrong")
	if inv, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("code"), "aria-invalid")); inv.Value != "true" {
		t.Fatalf("aria-invalid %+v", inv)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/code"),
		chromedp.SendKeys(chromedp.ID("code"), wrong),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("throttled")))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "code-locked")
	// The right code still works for its owner: the lock was on the guessed code.
	err = chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/code"),
		chromedp.SendKeys(chromedp.ID("code"), raw),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("password")))
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
