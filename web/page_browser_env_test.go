package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// chromiumEnv names the Chromium binary for browser tests.
const chromiumEnv = "PROVISIOND_TEST_CHROMIUM"

// browserEnv is the whole stack a person meets: auto-invite through
// account.Service, invitation delivery as River jobs into an in-process SMTP
// server, and the pages, on a real listener.
type browserEnv struct {
	ts   *httptest.Server
	s    *Server
	smtp *mailtest.Server
}

func newBrowserEnv(t *testing.T, mutate func(*config.Config)) *browserEnv {
	t.Helper()
	return newStackEnv(t, store.SQLite, mutate)
}

// newStackEnv is the same stack on dialect d.
func newStackEnv(t *testing.T, d store.Dialect, mutate func(*config.Config)) *browserEnv {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	t.Cleanup(ts.Close)
	cfg := config.Default()
	cfg.BaseURL, cfg.OrgName, cfg.PasswordMinLength = "http://"+ts.Listener.Addr().String(), "Acme", 12
	if mutate != nil {
		mutate(&cfg)
	}
	st := storetest.Open(t, d)
	keys, err := secret.NewKeys(strings.Repeat("b", 40))
	if err != nil {
		t.Fatal(err)
	}
	e := &browserEnv{ts: ts, smtp: mailtest.NewServer(t)}
	sender, err := mail.NewSMTPSender(e.smtp.URL(), "Acme <noreply@acme.test>")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	inv := invite.New(st, keys, sender, invite.Config{BaseURL: cfg.BaseURL, OrgName: cfg.OrgName, MailFrom: "noreply@acme.test"}, log)
	startDelivery(t, st, inv)
	e.s = &Server{Config: &cfg, Store: st, Keys: keys, Log: log, Invites: inv,
		Accounts: account.New(st, invite.Policy{Service: inv}, log)}
	ts.Config.Handler = e.s.Handler()
	ts.Start()
	return e
}

// newBrowser starts a headless Chromium with a fresh profile, or skips the
// test (fails it when PROVISIOND_TEST_REQUIRE_SERVICES=1) when there is none.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserWithin(t, 90*time.Second)
}

// newBrowserWithin is newBrowser whose context lasts limit: a tour of many
// pages with full-page screenshots needs more on a loaded machine.
func newBrowserWithin(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := os.Getenv(chromiumEnv)
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	if path == "" {
		storetest.SkipOrFail(t, chromiumEnv, "Chromium")
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1024, 900))
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshotsEnv names a directory that keeps screenshots after the test
// (CI artifacts); without it they go to the test's temp dir.
const screenshotsEnv = "PROVISIOND_TEST_SCREENSHOTS"

// screenshot saves the page and logs the path.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "-")+"-"+name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// enterCode types code on e's /code page and submits it, up to the element
// with id until (the password form, or the page's error).
func enterCode(ctx context.Context, e *browserEnv, code, until string) error {
	return chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/code"), chromedp.SendKeys(chromedp.ID("code"), code),
		chromedp.Click(chromedp.CSS("button[type=submit]")), chromedp.WaitVisible(chromedp.ID(until)))
}

// browserLanguage makes the browser ctx ask for every page in lang
// (Accept-Language); a fresh browser must have opened a page first.
func browserLanguage(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders,
		network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}}); err != nil {
		t.Fatal(err)
	}
}
