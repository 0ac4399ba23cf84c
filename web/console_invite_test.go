package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// The invitation pages over the real invitations service: import a file
// with a preview before confirming, preview the mail, the account history.
func TestConsoleImportAndPreview(t *testing.T) {
	e := newBrowserEnv(t, nil)
	ctx := context.Background()
	in := &store.Integration{Name: "okta", Kind: "scim"}
	if err := e.s.Store.CreateIntegration(ctx, in); err != nil {
		t.Fatal(err)
	}
	a, err := e.s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: in.Name}, in, &store.Account{
		UserName: "lin@acme.test", DisplayName: "Lin", Active: true,
		Emails: []store.Email{{Value: "lin@acme.test", Type: "work", IsPrimary: true}}})
	if err != nil {
		t.Fatal(err)
	}
	seedAdmin(t, e.s, "root@acme.test", "owner", "correct horse battery", true)
	c := browserClient(t)
	loginLocal(t, e.ts, c, "root@acme.test", "correct horse battery")

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "people.csv")
	fw.Write([]byte("Email\nlin@acme.test\nnobody@acme.test\nnot-an-email\n"))
	mw.WriteField("message", "Welcome aboard")
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/admin/invitations/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	r2, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(r2.Body)
	r2.Body.Close()
	body := b.String()
	if r2.StatusCode != 200 || !strings.Contains(body, "import-confirm") || !strings.Contains(body, "Not found") {
		t.Fatalf("import preview: %d\n%s", r2.StatusCode, body)
	}
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusNotInvited {
		t.Fatalf("preview changed the account: %s", got.Status)
	}
	form := url.Values{"by": {"email"}, "message": {"Welcome aboard"}, "row": {"2", "3"}, "value": {"lin@acme.test", "nobody@acme.test"}}
	if resp, body := do(t, c, "POST", e.ts.URL+"/admin/invitations/import/confirm", form.Encode()); resp.StatusCode != 200 || !strings.Contains(body, "Accounts invited: 1") {
		t.Fatalf("import confirm: %d\n%s", resp.StatusCode, body)
	}
	if got := accountNow(t, e.s, a.ID); got.Status != store.StatusInvited {
		t.Fatalf("after import: %s", got.Status)
	}
	resp, body := do(t, c, "POST", e.ts.URL+"/admin/invitations/preview", url.Values{"message": {"See you <b>Monday</b>"}}.Encode())
	if resp.StatusCode != 200 || !strings.Contains(body, "See you &lt;b&gt;Monday&lt;/b&gt;") {
		t.Fatalf("preview: %d\n%s", resp.StatusCode, body)
	}
	if _, body := do(t, c, "GET", e.ts.URL+"/admin/accounts/"+a.ID, ""); !strings.Contains(body, "invitation.") || !strings.Contains(body, "admin:root@acme.test") {
		t.Fatalf("account history:\n%s", body)
	}
}
