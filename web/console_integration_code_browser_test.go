package web

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// TestBrowserCodeInvitation: an integration that delivers by code mails a
// one-time code with its QR image and the /code address; the person types
// the code on /code, sets a password and sees the success page.
func TestBrowserCodeInvitation(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	bg := context.Background()
	in := seedIntegration(t, e.s.Store, &store.Integration{Name: "kiosks", Kind: "scim", AutoInvite: true, DeliveryMethod: invite.MethodCode})
	a, err := e.s.Accounts.Create(bg, account.Actor{Kind: "integration", Name: in.Name}, in, &store.Account{
		UserName: "ada@acme.test", DisplayName: "Ada", Active: true, PreferredLanguage: "en",
		Emails: []store.Email{{Value: "ada@acme.test", Type: "work", IsPrimary: true}}})
	if err != nil {
		t.Fatal(err)
	}
	msg := e.smtp.WaitFor(1, 20*time.Second)[0].MustParse(t)
	code := regexp.MustCompile(`[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}`).FindString(msg.Text)
	if code == "" || !strings.Contains(msg.Text, e.ts.URL+"/code") || strings.Contains(msg.Text, "/invite/") {
		t.Fatalf("want a code and the /code address, no claim link:\n%s", msg.Text)
	}
	if len(msg.Inline) != 1 || msg.Inline[0].ContentType != "image/png" ||
		!strings.Contains(msg.HTML, "cid:"+msg.Inline[0].ContentID) {
		t.Fatalf("want the QR code inline in the HTML part, got %d parts", len(msg.Inline))
	}
	err = enterCode(ctx, e, code, "password")
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "code-invitation-password")
	if err := chromedp.Do(ctx, append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "code-invitation-done")
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusActive {
		t.Fatalf("account status %s", got.Status)
	}
	if inv := invitationOf(t, e.s, a.ID); inv.Status != store.InvitationAccepted || inv.Method != invite.MethodCode {
		t.Fatalf("invitation %s by %s", inv.Status, inv.Method)
	}
}
