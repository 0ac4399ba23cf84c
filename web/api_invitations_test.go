package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// newInviteTestServer is newTestServer with the invitation service (no
// SMTP: links are fetched, nothing is queued) and owner/viewer tokens.
func newInviteTestServer(t *testing.T) (string, *Server) {
	t.Helper()
	ts, s := newTestServer(t, nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s.Invites = invite.New(s.Store, s.Keys, nil, invite.Config{BaseURL: "https://p.example.test"}, log)
	s.Accounts = account.New(s.Store, invite.Policy{Service: s.Invites}, log)
	for _, tk := range []struct{ tok, role string }{{"owner-token", "owner"}, {"viewer-token", "viewer"}} {
		if err := s.Store.CreateAdminToken(context.Background(), &store.AdminToken{Name: tk.role, Role: tk.role,
			TokenHash: secret.TokenHash(tk.tok), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	return ts.URL, s
}

func call(t *testing.T, method, url, token, ctype string, body io.Reader, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, body)
	req.Header.Set("Authorization", "Bearer "+token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.Header.Get("Content-Type") == "application/json" {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, b)
		}
	}
	return resp.StatusCode
}

func TestInvitationsAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	in := seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim"})
	mk := func(user, email string) *store.Account {
		a := &store.Account{UserName: user, Active: true}
		if email != "" {
			a.Emails = []store.Email{{Value: email, IsPrimary: true}}
		}
		a, err := s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: "okta"}, in, a)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	ann, _, nocode := mk("ann", "ann@example.com"), mk("ben", "ben@example.com"), mk("kiosk", "")

	var accts struct {
		Items []accountJSON `json:"items"`
		Total int64         `json:"total"`
	}
	if c := call(t, "GET", url+"/api/v1/accounts?status=not_invited&integration=okta&q=AN", "viewer-token", "", nil, &accts); c != 200 || accts.Total != 1 || accts.Items[0].ID != ann.ID {
		t.Fatalf("accounts list: %d %+v", c, accts)
	}
	var created createInvitationsResponse
	body := `{"emails": "ann@example.com, nobody@example.com", "message": "hi"}`
	if c := call(t, "POST", url+"/api/v1/invitations", "viewer-token", "application/json", strings.NewReader(body), nil); c != 403 {
		t.Fatalf("viewer may not invite: %d", c)
	}
	if c := call(t, "POST", url+"/api/v1/invitations", "owner-token", "application/json", strings.NewReader(body), &created); c != 200 ||
		created.Invited != 1 || len(created.NotFound) != 1 || created.NotFound[0] != "nobody@example.com" {
		t.Fatalf("invite emails: %d %+v", c, created)
	}
	created = createInvitationsResponse{}
	if c := call(t, "POST", url+"/api/v1/invitations", "owner-token", "application/json", strings.NewReader(`{"all": true, "integration": "okta"}`), &created); c != 200 ||
		created.Invited != 1 || !created.AutoInviteEnabled {
		t.Fatalf("invite all: %d %+v", c, created)
	}
	var acct accountJSON
	if c := call(t, "GET", url+"/api/v1/accounts/"+ann.ID, "viewer-token", "", nil, &acct); c != 200 || acct.Status != "invited" || acct.Invitation == nil {
		t.Fatalf("get account: %d %+v", c, acct)
	}
	var link linkResponse
	if c := call(t, "POST", url+"/api/v1/invitations/"+acct.Invitation.ID+"/link", "owner-token", "", nil, &link); c != 200 ||
		!strings.HasPrefix(link.URL, "https://p.example.test/invite/") {
		t.Fatalf("link: %d %+v", c, link)
	}
	var inv invitationJSON
	if c := call(t, "POST", url+"/api/v1/invitations/"+acct.Invitation.ID+"/cancel", "owner-token", "", nil, &inv); c != 200 || inv.Status != "canceled" {
		t.Fatalf("cancel: %d %+v", c, inv)
	}
	var e apiError
	if c := call(t, "POST", url+"/api/v1/invitations/"+acct.Invitation.ID+"/resend", "owner-token", "", nil, &e); c != 409 || e.Error.Code != "invalid_state" {
		t.Fatalf("resend canceled: %d %+v", c, e)
	}
	var code invite.AccessCode
	if c := call(t, "GET", url+"/api/v1/accounts/"+nocode.ID+"/access-code", "owner-token", "", nil, &code); c != 200 || len(code.Code) != 19 {
		t.Fatalf("reveal code: %d %+v", c, code)
	}
	var code2 invite.AccessCode
	if c := call(t, "POST", url+"/api/v1/accounts/"+nocode.ID+"/access-code", "owner-token", "", nil, &code2); c != 200 || code2.Code == code.Code {
		t.Fatalf("regenerate code: %d %+v", c, code2)
	}
	if c := call(t, "GET", url+"/api/v1/accounts/"+nocode.ID+"/access-code/qr.png", "owner-token", "", nil, nil); c != 200 {
		t.Fatalf("qr: %d", c)
	}
	var p invite.Preview
	if c := call(t, "POST", url+"/api/v1/invitations/preview", "viewer-token", "application/json", strings.NewReader(`{"language":"fr","message":"<b>x</b>"}`), &p); c != 200 || p.Lang != "fr" || strings.Contains(p.HTML, "<b>x</b>") {
		t.Fatalf("preview: %d %+v", c, p)
	}
	var list struct{ Total int64 }
	if c := call(t, "GET", url+"/api/v1/invitations?status=canceled", "viewer-token", "", nil, &list); c != 200 || list.Total != 1 {
		t.Fatalf("list invitations: %d %+v", c, list)
	}
}

func TestInvitationsImportAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	if _, err := s.Accounts.Create(ctx, account.Actor{Kind: "admin"}, nil,
		&store.Account{UserName: "ann", Active: true, Emails: []store.Email{{Value: "ann@example.com", IsPrimary: true}}}); err != nil {
		t.Fatal(err)
	}
	upload := func(query string) (int, importResponse) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "people.csv")
		fw.Write([]byte("\ufeffEmail\nann@example.com\nghost@example.com\nnot-an-email\n"))
		mw.Close()
		var out importResponse
		c := call(t, "POST", url+"/api/v1/invitations/import"+query, "owner-token", mw.FormDataContentType(), &buf, &out)
		return c, out
	}
	c, dry := upload("?dryRun=true")
	if c != 200 || !dry.DryRun || len(dry.Rows) != 3 || dry.Rows[0].Outcome != invite.Invited {
		t.Fatalf("dry run: %d %+v", c, dry)
	}
	c, rep := upload("")
	want := []invite.Outcome{invite.Invited, invite.NotFound, invite.Invalid}
	if c != 200 || len(rep.Rows) != 3 || rep.Invited != 1 {
		t.Fatalf("import: %d %+v", c, rep)
	}
	for i, w := range want {
		if rep.Rows[i].Outcome != w || rep.Rows[i].Row != i+2 {
			t.Errorf("row %d: %+v", i+2, rep.Rows[i])
		}
	}
	if _, rep = upload(""); rep.Rows[0].Outcome != invite.AlreadyInvited {
		t.Fatalf("second import: %+v", rep.Rows[0])
	}
}

// oktaWith creates the SCIM integration "okta" (auto-invite as given) and,
// through it, one active account per user name, with an address at
// example.com.
func oktaWith(t *testing.T, s *Server, autoInvite bool, users ...string) (*store.Integration, []*store.Account) {
	t.Helper()
	ctx := context.Background()
	in := seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim", AutoInvite: autoInvite})
	out := make([]*store.Account, len(users))
	for i, u := range users {
		a, err := s.Accounts.Create(ctx, account.Actor{Kind: "integration", Name: "okta"}, in,
			&store.Account{UserName: u, Active: true, Emails: []store.Email{{Value: u + "@example.com", IsPrimary: true}}})
		if err != nil {
			t.Fatal(err)
		}
		out[i] = a
	}
	return in, out
}

// TestInvitationMethodAPI: the method an admin picks reaches the invitation,
// on invite and on resend (the invitation service's copy carries it), and a
// bad one is a 400.
func TestInvitationMethodAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	_, accts := oktaWith(t, s, false, "ann")
	a := accts[0]
	var out createInvitationsResponse
	if c := call(t, "POST", url+"/api/v1/invitations", "owner-token", "application/json",
		strings.NewReader(`{"accountIds": ["`+a.ID+`"], "method": "code"}`), &out); c != 200 || out.Invited != 1 {
		t.Fatalf("invite by code: %d %+v", c, out)
	}
	inv, err := s.Store.OpenInvitation(ctx, a.ID)
	if err != nil || inv.Method != "code" {
		t.Fatalf("invitation after method code: %+v %v", inv, err)
	}
	var got invitationJSON
	if c := call(t, "POST", url+"/api/v1/invitations/"+inv.ID+"/resend", "owner-token", "application/json",
		strings.NewReader(`{"method": "link"}`), &got); c != 200 || got.Method != "link" {
		t.Fatalf("resend as link: %d %+v", c, got)
	}
	if c := call(t, "POST", url+"/api/v1/invitations/"+inv.ID+"/resend", "owner-token", "application/json",
		strings.NewReader(`{"method": "pigeon"}`), nil); c != 400 {
		t.Fatalf("a bad method: %d", c)
	}
}

// TestInviteAllDryRunAPI: POST /api/v1/invitations with all and dryRun (in
// the body or ?dryRun=true) answers the counts and sends nothing; a viewer
// may not ask; dryRun without all is refused.
func TestInviteAllDryRunAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	in, _ := oktaWith(t, s, false, "ann", "ben")
	var got struct {
		DryRun bool `json:"dryRun"`
		invite.AllForecast
	}
	for _, c := range []struct{ query, body string }{
		{"", `{"all": true, "integration": "okta", "dryRun": true}`},
		{"?dryRun=true", `{"all": true}`},
	} {
		got.AllForecast = invite.AllForecast{}
		if code := call(t, "POST", url+"/api/v1/invitations"+c.query, "viewer-token", "application/json", strings.NewReader(c.body), nil); code != 403 {
			t.Fatalf("a viewer's dry run: %d", code)
		}
		code := call(t, "POST", url+"/api/v1/invitations"+c.query, "owner-token", "application/json", strings.NewReader(c.body), &got)
		if code != 200 || !got.DryRun || got.Mailed != 2 || len(got.Integrations) != 1 || got.Integrations[0].IntegrationName != "okta" {
			t.Fatalf("dry run %s %s: %d %+v", c.query, c.body, code, got)
		}
	}
	if invs, _, _ := s.Store.ListInvitations(ctx, store.InvitationQuery{}); len(invs) != 0 {
		t.Fatalf("a dry run created %d invitations", len(invs))
	}
	if i, _ := s.Store.IntegrationByID(ctx, in.ID); i.AutoInvite {
		t.Fatal("a dry run turned auto-invite on")
	}
	var e apiError
	if code := call(t, "POST", url+"/api/v1/invitations?dryRun=true", "owner-token", "application/json", strings.NewReader(`{"emails": "ann@example.com"}`), &e); code != 400 {
		t.Fatalf("dryRun with emails: %d %+v", code, e)
	}
}
