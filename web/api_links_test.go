package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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
