package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"
)

// newConsoleBrowser starts Chromium (or skips, as newBrowser), an OpenID
// provider and the whole stack, whose console admits ada@acme.test.
func newConsoleBrowser(t *testing.T) (context.Context, *mockoidc.MockOIDC, *browserEnv) {
	t.Helper()
	ctx := newBrowser(t)
	m := startMockOIDC(t)
	return ctx, m, newBrowserEnv(t, oidcConfig(m, "ada@acme.test", ""))
}

// adaSignsIn signs ada@acme.test in to e's console through the provider m,
// in the browser ctx, up to the dashboard.
func adaSignsIn(t *testing.T, ctx context.Context, m *mockoidc.MockOIDC, e *browserEnv) {
	t.Helper()
	m.QueueUser(&mockoidc.MockUser{Subject: "ada", Email: "ada@acme.test", EmailVerified: true})
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/"), chromedp.WaitVisible(chromedp.ID("oidc-login")),
		chromedp.Click(chromedp.ID("oidc-login")), chromedp.WaitVisible(chromedp.ID("whoami"))); err != nil {
		t.Fatal(err)
	}
}
