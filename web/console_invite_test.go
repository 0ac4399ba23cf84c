package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
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

// TestConsoleAccessCodeWording: an account without email is given an
// access code, and the console says so rather than "invited": the file
// import's preview says "Would get an access code" beside "Would invite",
// its result "Access code issued", and so does the accounts list. A
// canceled invitation shows as canceled, with no Resend or Copy link.
func TestConsoleAccessCodeWording(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			e := newStackEnv(t, d, nil)
			ctx := context.Background()
			in := &store.Integration{Name: "hr", Kind: "scim"}
			if err := e.s.Store.CreateIntegration(ctx, in); err != nil {
				t.Fatal(err)
			}
			ids := map[string]string{}
			for _, p := range []struct{ user, ext, email string }{{"kiosk", "k-1", ""}, {"ann", "a-1", "ann@acme.test"}} {
				a := &store.Account{UserName: p.user, ExternalID: &p.ext, Active: true}
				if p.email != "" {
					a.Emails = []store.Email{{Value: p.email, Type: "work", IsPrimary: true}}
				}
				a, err := e.s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: in.Name}, in, a)
				if err != nil {
					t.Fatal(err)
				}
				ids[p.user] = a.ID
			}
			if _, err := e.s.Store.RevokeAccessCodes(ctx, ids["kiosk"]); err != nil {
				t.Fatal(err)
			}
			if err := e.s.Store.SetAccountStatus(ctx, ids["kiosk"], store.StatusNotInvited); err != nil {
				t.Fatal(err)
			}
			seedAdmin(t, e.s, "adam@acme.test", "admin", "correct horse battery", false)
			c := browserClient(t)
			loginLocal(t, e.ts, c, "adam@acme.test", "correct horse battery")

			file, ctype := multipartFile(t, "people.csv", "External ID\nk-1\na-1\n", nil)
			req, _ := http.NewRequest("POST", e.ts.URL+"/admin/invitations/import", file)
			req.Header.Set("Content-Type", ctype)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(b)
			if resp.StatusCode != 200 || !strings.Contains(body, "Would get an access code") || !strings.Contains(body, "Would invite") ||
				!strings.Contains(body, `id="import-codes"`) {
				t.Fatalf("import preview: %d\n%s", resp.StatusCode, body)
			}
			form := url.Values{"by": {"externalId"}, "row": {"2", "3"}, "value": {"k-1", "a-1"}}
			resp, body = do(t, c, "POST", e.ts.URL+"/admin/invitations/import/confirm", form.Encode())
			if resp.StatusCode != 200 || !strings.Contains(body, "Access code issued") || !strings.Contains(body, "Access codes issued: 1") ||
				!strings.Contains(body, "Accounts invited: 1") {
				t.Fatalf("import: %d\n%s", resp.StatusCode, body)
			}
			_, body = do(t, c, "GET", e.ts.URL+"/admin/accounts", "")
			if !strings.Contains(body, "Access code issued") {
				t.Fatalf("accounts list:\n%s", body)
			}

			inv := invitationOf(t, e.s, ids["ann"])
			if resp, _ := do(t, c, "POST", e.ts.URL+"/admin/invitations/"+inv.ID+"/cancel", ""); resp.StatusCode != 200 {
				t.Fatalf("cancel: %d", resp.StatusCode)
			}
			_, body = do(t, c, "GET", e.ts.URL+"/admin/invitations", "")
			row := body[strings.Index(body, `data-invitation="`+inv.ID+`"`):]
			row = row[:strings.Index(row, "</tr>")]
			if !strings.Contains(row, "Canceled") || strings.Contains(row, "/resend") || strings.Contains(row, "/link") {
				t.Fatalf("canceled invitation row:\n%s", row)
			}
		})
	}
}
