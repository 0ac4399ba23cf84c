package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Claiming an account: by the invitation link (/claim) and, for an account
// without email, by an access code (/code).

const goodPassword = "correct horse battery staple"

func TestClaimFlow(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		a, token := seedInvitation(t, s, "ada@example.com", time.Now().Add(time.Hour), false)
		for range 2 { // opening the link (mail scanners do) never consumes it
			resp, body := getPage(t, ts.URL+"/invite/"+token, "Accept-Language", "en")
			if resp.StatusCode != 200 || !strings.Contains(body, `value="ada@example.com"`) ||
				!strings.Contains(body, "readonly") || !strings.Contains(body, `lang="fr"`) {
				t.Fatalf("GET claim: %d\n%s", resp.StatusCode, body)
			}
			for h, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow",
				"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
				if got := resp.Header.Get(h); got != want {
					t.Errorf("%s = %q, want %q", h, got, want)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") ||
				!strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("CSP %q", csp)
			}
			if resp.Header.Get("Strict-Transport-Security") != "" {
				t.Error("HSTS over an http base URL")
			}
		}
		target := ts.URL + "/invite/" + token
		resp, body := postForm(t, target, url.Values{"password": {goodPassword}, "confirm": {"other"}})
		if resp.StatusCode != 422 || !strings.Contains(body, `id="confirm-error"`) || !strings.Contains(body, `aria-describedby="confirm-error"`) {
			t.Fatalf("mismatch: %d\n%s", resp.StatusCode, body)
		}
		resp, body = postForm(t, target, url.Values{"password": {"007administrator"}, "confirm": {"007administrator"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "trop courant") ||
			!strings.Contains(body, `aria-describedby="password-hint password-error"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("common password: %d\n%s", resp.StatusCode, body)
		}
		resp, body = postForm(t, target, url.Values{"password": {"short"}, "confirm": {"short"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "au moins 12 caractères") {
			t.Fatalf("short password: %d\n%s", resp.StatusCode, body)
		}
		if got := accountNow(t, s, a.ID); got.Status != store.StatusInvited || got.PasswordHash != "" {
			t.Fatalf("refused passwords changed the account: %+v", got)
		}
		resp, _ = postForm(t, target, url.Values{"password": {goodPassword}, "confirm": {goodPassword}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/welcome?lang=fr" {
			t.Fatalf("claim: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		got := accountNow(t, s, a.ID)
		if ok, _ := password.Verify(got.PasswordHash, goodPassword); !ok || got.Status != store.StatusActive || got.ClaimedAt == nil {
			t.Fatalf("account after claim: %+v", got)
		}
		if inv := invitationOf(t, s, a.ID); inv.Status != store.InvitationAccepted || inv.UsedAt == nil {
			t.Fatalf("invitation after claim: %+v", inv)
		}
		evs, _, _ := s.Store.AuditEvents(context.Background(), store.AuditFilter{Action: "account.claimed", TargetID: a.ID})
		if len(evs) != 1 {
			t.Fatalf("audit account.claimed: %d", len(evs))
		}
		resp, body = getPage(t, ts.URL+"/welcome?lang=fr")
		if resp.StatusCode != 200 || !strings.Contains(body, "Votre compte est prêt") {
			t.Fatalf("welcome: %d\n%s", resp.StatusCode, body)
		}
		for _, method := range []string{"GET", "POST"} { // single use
			var resp *http.Response
			if method == "GET" {
				resp, _ = getPage(t, target)
			} else {
				resp, _ = postForm(t, target, url.Values{"password": {goodPassword}, "confirm": {goodPassword}})
			}
			if resp.StatusCode != http.StatusGone {
				t.Fatalf("%s after claim: %d", method, resp.StatusCode)
			}
		}
	})
}

func TestClaimGonePagesAlike(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		_, expired := seedInvitation(t, s, "exp@example.com", time.Now().Add(-time.Minute), false)
		used, usedTok := seedInvitation(t, s, "used@example.com", time.Now().Add(time.Hour), false)
		postForm(t, ts.URL+"/invite/"+usedTok, url.Values{"password": {goodPassword}, "confirm": {goodPassword}})
		canceled, canceledTok := seedInvitation(t, s, "cancel@example.com", time.Now().Add(time.Hour), false)
		inv := invitationOf(t, s, canceled.ID)
		inv.Status = store.InvitationCanceled
		if err := s.Store.SaveInvitation(ctx, inv); err != nil {
			t.Fatal(err)
		}
		_ = used
		var first string
		for name, tok := range map[string]string{"expired": expired, "used": usedTok, "canceled": canceledTok,
			"unknown": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "malformed": "x"} {
			for _, post := range []bool{false, true} {
				var resp *http.Response
				var body string
				if post {
					resp, body = postForm(t, ts.URL+"/invite/"+tok, url.Values{"password": {goodPassword}, "confirm": {goodPassword}}, "Accept-Language", "en")
				} else {
					resp, body = getPage(t, ts.URL+"/invite/"+tok, "Accept-Language", "en")
				}
				if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Ask your administrator for a new invitation") {
					t.Fatalf("%s (post %v): %d\n%s", name, post, resp.StatusCode, body)
				}
				if first == "" {
					first = body
				} else if body != first {
					t.Fatalf("%s: body differs from the other gone pages", name)
				}
			}
		}
	})
}

func TestClaimNeedsApprovalAndAppRedirect(t *testing.T) {
	eachPagesServer(t, func(c *config.Config) { c.AppURL = "https://app.example.com/start" }, func(t *testing.T, ts *httptest.Server, s *Server) {
		a, token := seedInvitation(t, s, "bob@example.com", time.Now().Add(time.Hour), true)
		resp, _ := postForm(t, ts.URL+"/invite/"+token, url.Values{"password": {goodPassword}, "confirm": {goodPassword}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/waiting?lang=fr" {
			t.Fatalf("approval claim: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := accountNow(t, s, a.ID); got.Status != store.StatusPendingApproval || got.ClaimedAt != nil || got.PasswordHash == "" {
			t.Fatalf("account: %+v", got)
		}
		if inv := invitationOf(t, s, a.ID); inv.Status != store.InvitationNeedsApproval {
			t.Fatalf("invitation: %s", inv.Status)
		}
		b, token := seedInvitation(t, s, "carol@example.com", time.Now().Add(time.Hour), false)
		resp, _ = postForm(t, ts.URL+"/invite/"+token, url.Values{"password": {goodPassword}, "confirm": {goodPassword}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "https://app.example.com/start" {
			t.Fatalf("app redirect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' https://app.example.com;") {
			t.Fatalf("CSP must let the form redirect to the app: %q", csp)
		}
		if got := accountNow(t, s, b.ID); got.Status != store.StatusActive {
			t.Fatalf("status %s", got.Status)
		}
	})
}

func TestPagesCSRFAndHSTS(t *testing.T) {
	ts, s := newPagesServer(t, store.SQLite, func(c *config.Config) { c.BaseURL = "https://provision.example.com" })
	_, token := seedInvitation(t, s, "eve@example.com", time.Now().Add(time.Hour), false)
	resp, body := postForm(t, ts.URL+"/invite/"+token, url.Values{"password": {goodPassword}, "confirm": {goodPassword}},
		"Sec-Fetch-Site", "cross-site", "Accept-Language", "fr")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Requête refusée") {
		t.Fatalf("cross-site POST: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = getPage(t, ts.URL+"/code")
	if !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Fatal("no HSTS with an https base URL")
	}
}

// seedAccessCode creates an account without email holding a live access code
// and returns the account and the raw code.
func seedAccessCode(t *testing.T, s *Server, userName string) (*store.Account, string) {
	t.Helper()
	ctx := context.Background()
	a, err := s.Accounts.Create(ctx, account.System, nil, &store.Account{UserName: userName, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	raw := secret.NewAccessCode()
	c := &store.AccessCode{AccountID: a.ID, CodeHMAC: s.Keys.HMAC(secret.PurposeAccessCode, raw),
		CodeSealed: []byte("sealed"), ExpiresAt: store.Now().Add(time.Hour)}
	if err := s.Store.CreateAccessCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.SetAccountStatus(ctx, a.ID, store.StatusInvited); err != nil {
		t.Fatal(err)
	}
	return a, raw
}

func TestCodeRedeem(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		a, raw := seedAccessCode(t, s, "kiosk-7")
		resp, body := getPage(t, ts.URL+"/code", "Accept-Language", "fr")
		if resp.StatusCode != 200 || !strings.Contains(body, `<label for="code">Code d&#39;accès</label>`) {
			t.Fatalf("GET /code: %d\n%s", resp.StatusCode, body)
		}
		typed := strings.ToLower(secret.FormatAccessCode(raw)) // people type it any which way
		resp, body = postForm(t, ts.URL+"/code", url.Values{"code": {typed}})
		if resp.StatusCode != 200 || !strings.Contains(body, `value="kiosk-7"`) || !strings.Contains(body, `name="password"`) {
			t.Fatalf("valid code: %d\n%s", resp.StatusCode, body)
		}
		form := url.Values{"code": {typed}, "password": {goodPassword}, "confirm": {"nope"}}
		if resp, body = postForm(t, ts.URL+"/code/password", form); resp.StatusCode != 422 || !strings.Contains(body, `value="kiosk-7"`) {
			t.Fatalf("mismatch: %d\n%s", resp.StatusCode, body)
		}
		form.Set("confirm", goodPassword)
		if resp, _ = postForm(t, ts.URL+"/code/password", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("redeem: %d", resp.StatusCode)
		}
		got := accountNow(t, s, a.ID)
		if ok, _ := password.Verify(got.PasswordHash, goodPassword); !ok || got.Status != store.StatusActive {
			t.Fatalf("account: %+v", got)
		}
		for _, path := range []string{"/code", "/code/password"} {
			if resp, body = postForm(t, ts.URL+path, form, "Accept-Language", "en"); resp.StatusCode != http.StatusGone ||
				!strings.Contains(body, "This code does not work") {
				t.Fatalf("%s with a used code: %d\n%s", path, resp.StatusCode, body)
			}
		}
	})
}

func TestCodeThrottle(t *testing.T) {
	eachPagesServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		s.Claims.CodeLimit = store.AttemptLimit{Max: 2, Window: time.Minute, Lockout: 15 * time.Minute}
		s.Claims.ClientLimit = store.AttemptLimit{Max: 5, Window: time.Minute, Lockout: 15 * time.Minute}
		_, raw := seedAccessCode(t, s, "kiosk-8")
		wrong := secret.NewAccessCode()
		for i, want := range []int{410, 410, 429} { // per code: 2 failures, then locked
			resp, _ := postForm(t, ts.URL+"/code", url.Values{"code": {wrong}})
			if resp.StatusCode != want {
				t.Fatalf("attempt %d on one code: %d, want %d", i+1, resp.StatusCode, want)
			}
			if want == 429 && resp.Header.Get("Retry-After") != "900" {
				t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
			}
		}
		if resp, _ := postForm(t, ts.URL+"/code", url.Values{"code": {raw}}); resp.StatusCode != 200 {
			t.Fatalf("the right code, 4th client attempt: %d", resp.StatusCode) // success takes its count back
		}
		for i := range 3 {
			postForm(t, ts.URL+"/code", url.Values{"code": {secret.NewAccessCode()}})
			_ = i
		}
		resp, body := postForm(t, ts.URL+"/code", url.Values{"code": {raw}}, "Accept-Language", "en")
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many attempts") {
			t.Fatalf("client locked out even for the right code: %d\n%s", resp.StatusCode, body)
		}
	})
}
