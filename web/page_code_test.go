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
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

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
