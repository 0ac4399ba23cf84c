package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/store"
)

// An admin in a real Chromium creates one account (invited at once: the
// mail arrives) and imports a small file with one bad row: the preview
// shows it invalid, the good rows are created and invited.
func TestBrowserAdminCreatedAccounts(t *testing.T) {
	ctx, m, e := newConsoleBrowser(t)
	adaSignsIn(t, ctx, m, e)
	err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/accounts"), chromedp.Click(chromedp.ID("account-new-link")),
		chromedp.WaitVisible(chromedp.ID("account-new")),
		chromedp.SendKeys(chromedp.ID("email"), "grace@acme.test"), chromedp.SendKeys(chromedp.ID("givenName"), "Grace"),
		chromedp.SendKeys(chromedp.ID("familyName"), "Hopper"), chromedp.SendKeys(chromedp.ID("roles"), "billing, support"),
		chromedp.SendKeys(chromedp.ID("message"), "Welcome to Acme"))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "new-form")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("account-new-submit")), chromedp.WaitVisible(chromedp.ID("created"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "created")
	if got := text(t, ctx, "created"); !strings.Contains(got, "grace@acme.test") || !strings.Contains(got, "Invited") {
		t.Fatalf("created: %q", got)
	}
	msg := e.smtp.WaitFor(1, 20*time.Second)[0]
	if msg.To[0] != "grace@acme.test" || !strings.Contains(msg.MustParse(t).Text, "Welcome to Acme") {
		t.Fatalf("mail to %v", msg.To)
	}
	// A new email cancels the pending invitation and offers a new one.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("created-account")), chromedp.Click(chromedp.ID("account-edit-link")),
		chromedp.WaitVisible(chromedp.ID("account-edit")), chromedp.Clear(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "grace.hopper@acme.test"), chromedp.Click(chromedp.ID("account-edit-submit")),
		chromedp.WaitVisible(chromedp.ID("reinvite-submit"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "edit-reinvite")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("reinvite-submit")), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
		t.Fatal(err)
	}
	if msg := e.smtp.WaitFor(2, 20*time.Second)[1]; msg.To[0] != "grace.hopper@acme.test" {
		t.Fatalf("second mail to %v", msg.To)
	}

	file := filepath.Join(t.TempDir(), "people.csv")
	csvText := "Email;Given name;Family name\nalan@acme.test;Alan;Turing\nnot-an-address;Bad;Row\nkatherine@acme.test;Katherine;Johnson\n"
	if err := os.WriteFile(file, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/accounts/import"), chromedp.WaitVisible(chromedp.ID("account-import")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}), chromedp.Click(chromedp.ID("account-import-submit")),
		chromedp.WaitVisible(chromedp.ID("import-apply"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "import-preview")
	bad, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr[data-row="3"] td.result`)))
	if strings.TrimSpace(bad) != "invalid" {
		t.Fatalf("bad row shows %q", bad)
	}
	if _, n, _ := e.s.Store.AdminAccounts(context.Background(), store.AdminAccountQuery{Limit: 10}); n != 1 {
		t.Fatalf("the preview created accounts: %d", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("invite-now")), chromedp.Click(chromedp.ID("import-apply-submit")),
		chromedp.WaitVisible(chromedp.CSS(`#import-summary[data-dry="false"]`))); err != nil { // the preview has a summary too
		t.Fatal(err)
	}
	screenshot(t, ctx, "import-done")
	created, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("import-summary"), "data-created"))
	if created.Value != "2" {
		t.Fatalf("created %q", created.Value)
	}
	if got := len(e.smtp.WaitFor(4, 20*time.Second)); got != 4 {
		t.Fatalf("mails: %d", got)
	}
}
