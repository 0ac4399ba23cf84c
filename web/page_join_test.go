package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// createLinkAPI creates a link through the admin API and returns its JSON.
func createLinkAPI(t *testing.T, ts *httptest.Server, s *Server, body string) (int, map[string]any) {
	t.Helper()
	ctx := context.Background()
	if n, _ := s.Store.CountActiveAdminTokens(ctx); n == 0 {
		if err := s.Store.CreateAdminToken(ctx, &store.AdminToken{Name: "owner", Role: "owner",
			TokenHash: secret.TokenHash("owner-token"), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/invitation-links", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer owner-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func signUpForm(name, email string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "password": {goodPassword}, "confirm": {goodPassword}}
}

func TestJoinCapHoldsUnderConcurrency(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		status, link := createLinkAPI(t, ts, s, `{"name": "Spring cohort", "maxUses": 10, "expiresAt": "`+
			time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}`)
		joinURL, _ := link["url"].(string)
		if status != 201 || !strings.HasPrefix(joinURL, ts.URL+"/join/") {
			t.Fatalf("create link: %d %v", status, link)
		}
		var wg sync.WaitGroup
		codes := make(chan int, 50)
		for i := range 50 {
			wg.Go(func() {
				resp, _ := postForm(t, joinURL, signUpForm("Person", fmt.Sprintf("p%d@example.com", i)))
				codes <- resp.StatusCode
			})
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		if count[http.StatusSeeOther] != 10 || count[http.StatusGone] != 40 {
			t.Fatalf("50 sign-ups at a cap of 10: %v", count)
		}
		accts, total, err := s.Store.ListAccounts(context.Background(), store.AccountQuery{Limit: 100})
		if err != nil || total != 10 {
			t.Fatalf("accounts: %d %v", total, err)
		}
		for _, a := range accts { // no SMTP here: every sign-up waits for an admin
			if a.Origin != "link" || a.Status != store.StatusPendingApproval || a.ClaimedAt != nil {
				t.Fatalf("account %s: origin %s status %s", a.UserName, a.Origin, a.Status)
			}
		}
		resp, body := getPage(t, joinURL, "Accept-Language", "en")
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "This link no longer works") {
			t.Fatalf("GET past the cap: %d", resp.StatusCode)
		}
	})
}

func TestJoinExistingAddressApprovalExpiryDeletion(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		_, link := createLinkAPI(t, ts, s, `{"name": "Partners", "maxUses": 5, "requireApproval": true}`)
		joinURL := link["url"].(string)
		resp, body := getPage(t, joinURL, "Accept-Language", "fr-CA,fr;q=0.9")
		if resp.StatusCode != 200 || !strings.Contains(body, "Créez votre compte") || !strings.Contains(body, `for="email"`) ||
			!strings.Contains(body, `id="password"`) {
			t.Fatalf("GET join: %d\n%s", resp.StatusCode, body)
		}
		resp, body = postForm(t, joinURL, url.Values{"name": {""}, "email": {"nope"}, "password": {goodPassword}, "confirm": {goodPassword}})
		if resp.StatusCode != 422 || !strings.Contains(body, `id="name-error"`) {
			t.Fatalf("invalid sign-up: %d\n%s", resp.StatusCode, body)
		}
		fresh, _ := postForm(t, joinURL, signUpForm("Dan Brown", "dan@example.com"))
		again, _ := postForm(t, joinURL, signUpForm("Someone Else", "DAN@example.com"))
		for _, r := range []*http.Response{fresh, again} {
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != fresh.Header.Get("Location") ||
				!strings.HasPrefix(r.Header.Get("Location"), "/waiting?") {
				t.Fatalf("sign-up answers differ or are wrong: %d %s", r.StatusCode, r.Header.Get("Location"))
			}
		}
		a, err := s.Store.AccountByUserName(ctx, "dan@example.com")
		if err != nil || a.Status != store.StatusPendingApproval || a.DisplayName != "Dan Brown" || a.Origin != "link" {
			t.Fatalf("account: %+v %v", a, err)
		}
		if inv := invitationOf(t, s, a.ID); inv.Status != store.InvitationNeedsApproval || inv.LinkID == nil {
			t.Fatalf("invitation: %+v", inv)
		}
		evs, _, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "account.created", TargetID: a.ID})
		if len(evs) != 1 || !strings.HasPrefix(evs[0].Actor, "link:") {
			t.Fatalf("audit: %+v", evs)
		}
		l, _ := s.Store.InvitationLinkByID(ctx, link["id"].(string))
		if l.Uses != 2 {
			t.Fatalf("uses = %d, want 2 (both submissions count)", l.Uses)
		}
		req, _ := http.NewRequest("DELETE", ts.URL+"/api/v1/invitation-links/"+l.ID, nil)
		req.Header.Set("Authorization", "Bearer owner-token")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 204 {
			t.Fatalf("delete: %v %v", resp, err)
		}
		if resp, _ := getPage(t, joinURL); resp.StatusCode != http.StatusGone {
			t.Fatalf("deleted link: %d", resp.StatusCode)
		}
		_, expired := createLinkAPI(t, ts, s, `{"name": "Old", "maxUses": 5}`)
		execSQL(t, s, "UPDATE invitation_links SET expires_at = ? WHERE id = ?", store.Now().Add(-time.Minute), expired["id"])
		if resp, _ := postForm(t, expired["url"].(string), signUpForm("Late", "late@example.com")); resp.StatusCode != http.StatusGone {
			t.Fatalf("expired link: %d", resp.StatusCode)
		}
	})
}
