package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// An admin in Chromium clicks "Copy link" on an invitation already mailed:
// the page shows the very link in the person's inbox (it used to mint a new
// one and kill the mailed link), in English and in French. Regenerating is
// a separate button on that page, under its warning; after it the mailed
// link is gone and the page shows the new one.
func TestBrowserCopyLinkShowsTheMailedLink(t *testing.T) {
	ctx, m, e := newConsoleBrowser(t)
	bg := context.Background()
	in := seedIntegration(t, e.s.Store, &store.Integration{Name: "okta", Kind: "scim", AutoInvite: true})
	a, err := e.s.Accounts.Create(bg, account.Actor{Kind: "integration", Name: "okta"}, in, &store.Account{
		UserName: "lin@acme.test", Active: true, Emails: []store.Email{{Value: "lin@acme.test", Type: "work", IsPrimary: true}}})
	if err != nil {
		t.Fatal(err)
	}
	text := e.smtp.WaitFor(1, 20*time.Second)[0].MustParse(t).Text
	i := strings.Index(text, e.ts.URL+"/invite/")
	if i < 0 {
		t.Fatalf("no claim link in the mail:\n%s", text)
	}
	mailed := strings.Fields(text[i:])[0]
	inv, err := e.s.Store.OpenInvitation(bg, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	adaSignsIn(t, ctx, m, e)
	copyLink := func(lang string) (string, string) {
		t.Helper()
		browserLanguage(t, ctx, lang)
		err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/admin/invitations?status=sent"),
			chromedp.Click(chromedp.CSS(`tr[data-invitation="`+inv.ID+`"] form[action$="/link"] button`)),
			chromedp.WaitVisible(chromedp.ID("claim-link")))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, "copy-"+lang)
		link, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("claim-link")))
		page, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		return link, page
	}
	link, page := copyLink("en")
	if link != mailed || !strings.Contains(page, "already sent to this person: it still works") {
		t.Fatalf("Copy link shows %q, the mail holds %q; page:\n%s", link, mailed, page)
	}
	link, page = copyLink("fr")
	if link != mailed || !strings.Contains(page, "déjà envoyé à cette personne") || !strings.Contains(page, "Régénérer le lien") {
		t.Fatalf("French Copy link shows %q; page:\n%s", link, page)
	}
	if resp, err := http.Get(mailed); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the mailed link after two copies: %v %v", resp, err)
	}
	browserLanguage(t, ctx, "en")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#regenerate-link button")),
		chromedp.WaitVisible(chromedp.ID("link-regenerated"))); err != nil { // the new page, not the one clicked on
		t.Fatal(err)
	}
	screenshot(t, ctx, "regenerated")
	fresh, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("claim-link")))
	page, _ = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if fresh == mailed || !strings.HasPrefix(fresh, e.ts.URL+"/invite/") || !strings.Contains(page, "replaces the previous one, which no longer works") {
		t.Fatalf("regenerated: %q; page:\n%s", fresh, page)
	}
	if resp, err := http.Get(mailed); err != nil || resp.StatusCode != http.StatusGone {
		t.Fatalf("the mailed link after Regenerate: %v %v, want 410", resp, err)
	}
}
