package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

func TestInvitationLinksAPI(t *testing.T) {
	ts, s := newPagesServer(t, store.SQLite, nil)
	for _, bad := range []string{`{"maxUses": 3}`, `{"name": "x", "maxUses": 0}`,
		`{"name": "x", "maxUses": 3, "expiresAt": "2001-01-01T00:00:00Z"}`, `not json`} {
		if status, out := createLinkAPI(t, ts, s, bad); status != 400 || out["error"] == nil {
			t.Fatalf("%s: %d %v", bad, status, out)
		}
	}
	status, link := createLinkAPI(t, ts, s, `{"name": "Onboarding", "maxUses": 3}`)
	if status != 201 || link["uses"] != float64(0) || link["maxUses"] != float64(3) || link["expiresAt"] == nil {
		t.Fatalf("create: %d %v", status, link)
	}
	resp, body := get(t, ts.URL+"/api/v1/invitation-links", "owner-token")
	var l list[linkJSON]
	json.Unmarshal([]byte(body), &l)
	if resp.StatusCode != 200 || l.Total != 1 || l.Items[0].Name != "Onboarding" || strings.Contains(body, `"url"`) {
		t.Fatalf("list (the url is shown once only): %d %s", resp.StatusCode, body)
	}
	postForm(t, link["url"].(string), signUpForm("Fay", "fay@example.com"))
	if resp, body = get(t, ts.URL+"/api/v1/invitation-links/"+l.Items[0].ID, "owner-token"); !strings.Contains(body, `"uses":1`) {
		t.Fatalf("get after a sign-up: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/v1/invitation-links/"+l.Items[0].ID, nil)
	req.Header.Set("Authorization", "Bearer owner-token")
	for _, want := range []int{204, 404} {
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != want {
			t.Fatalf("delete: %v, want %d", resp.StatusCode, want)
		}
	}
	if _, body = get(t, ts.URL+"/api/v1/invitation-links", "owner-token"); !strings.Contains(body, `"total":0`) {
		t.Fatalf("list after delete: %s", body)
	}
}

// TestInvitationLinkAllowedDomains: a link may name the domains it accepts,
// from the API and the console; a sign-up at another domain gets the form
// back (422, the same page shape as any field error), creates nothing and
// does not count a use.
func TestInvitationLinkAllowedDomains(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		for _, bad := range []string{`["corp"]`, `["evil.example/x"]`, `["a b.example"]`, `"corp.example"`, `[{"x":1}]`} {
			if status, out := createLinkAPI(t, ts, s, `{"name": "x", "maxUses": 3, "allowedDomains": `+bad+`}`); status != 400 || out["error"] == nil {
				t.Errorf("allowedDomains %s: %d %v", bad, status, out)
			}
		}
		status, link := createLinkAPI(t, ts, s, `{"name": "Corp", "maxUses": 3, "allowedDomains": ["@Corp.Example", "partner.example"]}`)
		if status != 201 || fmt.Sprint(link["allowedDomains"]) != "[corp.example partner.example]" {
			t.Fatalf("create: %d %v", status, link)
		}
		if _, body := get(t, ts.URL+"/api/v1/invitation-links/"+link["id"].(string), "owner-token"); !strings.Contains(body, `"allowedDomains":["corp.example","partner.example"]`) {
			t.Fatalf("get: %s", body)
		}
		resp, body := postForm(t, link["url"].(string), signUpForm("Mallory", "victim@corp.example.evil.example"))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-error"`) {
			t.Fatalf("sign-up at another domain: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := postForm(t, link["url"].(string), signUpForm("Vic", "vic@partner.example")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-up at an allowed domain: %d", resp.StatusCode)
		}
		if l, _ := s.Store.InvitationLinkByID(t.Context(), link["id"].(string)); l.Uses != 1 {
			t.Fatalf("uses %d, want 1 (the refused sign-up does not count)", l.Uses)
		}
		c := signedIn(t, ts, s, "owner")
		exp := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
		resp, body = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Console"}, "maxUses": {"5"}, "expiresAt": {exp},
			"allowedDomains": {"acme.example, Other.example"}}.Encode())
		if resp.StatusCode != 201 || !strings.Contains(body, "acme.example, other.example") {
			t.Fatalf("console create: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Bad"}, "maxUses": {"5"}, "expiresAt": {exp},
			"allowedDomains": {"not a domain"}}.Encode()); resp.StatusCode != 400 {
			t.Fatalf("console bad domains: %d", resp.StatusCode)
		}
	})
}
