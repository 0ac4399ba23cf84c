package web

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

func TestConsolePages(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		c := browserClient(t)
		if resp, _ := do(t, c, "GET", ts.URL+"/admin/accounts?q=x", ""); resp.Request.URL.Path != "/admin/login" ||
			resp.Request.URL.Query().Get("next") != "/admin/accounts?q=x" {
			t.Fatalf("anonymous console visit ended at %s", resp.Request.URL)
		}
		root := seedAdmin(t, s, "root@example.com", "owner", "correct horse battery", true)
		loginLocal(t, ts, c, "root@example.com", "correct horse battery")

		resp, body := do(t, c, "POST", ts.URL+"/admin/integrations", url.Values{"name": {"okta"}, "autoInvite": {"true"}, "inviteDelaySeconds": {"30"}}.Encode())
		in, err := s.Store.IntegrationByName(t.Context(), "okta")
		if resp.StatusCode != 201 || err != nil || !in.AutoInvite || in.InviteDelaySeconds != 30 {
			t.Fatalf("console create: %d %v %+v", resp.StatusCode, err, in)
		}
		i := strings.Index(body, `id="secret-token"`)
		tok := body[i:]
		tok = tok[strings.Index(tok, `value="`)+7:]
		tok = tok[:strings.Index(tok, `"`)]
		if !strings.HasPrefix(tok, "pvd_") || strings.Count(body, tok) != 1 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("token shown %d times (%q)", strings.Count(body, tok), tok)
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/integrations/"+in.ID, ""); strings.Contains(body, tok) || !strings.Contains(body, tok[:8]) {
			t.Fatal("integration page shows the token again, or not its prefix")
		}
		resp, body = do(t, c, "POST", ts.URL+"/admin/integrations/"+in.ID, url.Values{"inviteDelaySeconds": {"-5"}}.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, "inviteDelaySeconds") {
			t.Fatalf("bad delay: %d", resp.StatusCode)
		}
		for _, bad := range []string{"30", "x"} {
			resp, body = do(t, c, "POST", ts.URL+"/admin/integrations/"+in.ID, url.Values{"reminderDays": {bad}}.Encode())
			if resp.StatusCode != 400 || !strings.Contains(body, "reminderDays") {
				t.Fatalf("reminder of %s days: %d", bad, resp.StatusCode)
			}
		}
		resp, _ = do(t, c, "POST", ts.URL+"/admin/integrations/"+in.ID, url.Values{"requireApproval": {"true"}}.Encode())
		if in, _ = s.Store.IntegrationByID(t.Context(), in.ID); resp.Request.URL.Query().Get("done") != "saved" || in.AutoInvite || !in.RequireApproval {
			t.Fatalf("save: %s %+v", resp.Request.URL, in)
		}
		// Another site's form cannot drive the console.
		resp, _ = do(t, c, "POST", ts.URL+"/admin/integrations", "name=evil", "Sec-Fetch-Site", "cross-site")
		if resp.StatusCode != 403 {
			t.Fatalf("cross-site console POST: %d", resp.StatusCode)
		}
		_, body = do(t, c, "GET", ts.URL+"/admin/", "", "Accept-Language", "fr-FR,fr;q=0.9")
		if !strings.Contains(body, "Tableau de bord") || !strings.Contains(body, `lang="fr"`) {
			t.Fatal("French dashboard missing")
		}
		_, body = do(t, c, "GET", ts.URL+"/admin/audit?action=integration.updated", "")
		if !strings.Contains(body, "admin:root@example.com") || strings.Contains(body, "integration.created") {
			t.Fatalf("audit filter:\n%s", body)
		}
		exp := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
		// A refusal shows the reason alone (store.InvalidError), not the
		// package's prefix (it showed "invite: invalid input: ...").
		resp, body = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Spring intake"}, "maxUses": {"0"}, "expiresAt": {exp}}.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, "maxUses: must be between 1 and") || strings.Contains(body, "invite:") {
			t.Fatalf("link refused: %d\n%s", resp.StatusCode, body)
		}
		resp, body = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Spring intake"}, "maxUses": {"5"}, "expiresAt": {exp}}.Encode())
		joinURL := regexp.MustCompile(`value="(http[^"]+/join/[^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 201 || joinURL == nil || strings.Count(body, joinURL[1]) != 1 {
			t.Fatalf("link create: %d\n%s", resp.StatusCode, body)
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/links", ""); strings.Contains(body, joinURL[1]) || !strings.Contains(body, "0 / 5") {
			t.Fatal("links list shows the URL again, or not the uses")
		}
		run := &store.SyncRun{IntegrationID: in.ID, Mode: "full", Trigger: "test"}
		if err := s.Store.CreateSyncRun(t.Context(), run); err != nil {
			t.Fatal(err)
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/sync-runs/"+run.ID, ""); !strings.Contains(body, `http-equiv="refresh"`) {
			t.Fatal("a running sync's page does not refresh itself")
		}
		resp, _ = do(t, c, "POST", ts.URL+"/admin/admins", url.Values{"email": {"vi@example.com"}, "role": {"viewer"}}.Encode())
		if resp.Request.URL.Query().Get("done") != "saved" {
			t.Fatalf("console add admin: %s", resp.Request.URL)
		}
		resp, body = do(t, c, "POST", ts.URL+"/admin/admins/"+root.ID, url.Values{"role": {"admin"}}.Encode())
		if resp.StatusCode != 409 || !strings.Contains(body, "last active owner") {
			t.Fatalf("console demote last owner: %d", resp.StatusCode)
		}
		resp, body = do(t, c, "POST", ts.URL+"/admin/admins/"+root.ID+"/delete", "")
		if resp.StatusCode != 409 || !strings.Contains(body, "created the instance cannot") {
			t.Fatalf("console creator self-delete: %d", resp.StatusCode)
		}
		for _, p := range []string{"/admin/admins", "/admin/links", "/admin/accounts?status=invited", "/admin/invitations?status=needs_approval", "/admin/integrations"} {
			if resp, _ := do(t, c, "GET", ts.URL+p, ""); resp.StatusCode != 200 {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		}
	})
}
