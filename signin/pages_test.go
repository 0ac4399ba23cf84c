package signin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func post(t *testing.T, c *http.Client, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// authRequest starts an authorization request and returns its id.
func authRequest(t *testing.T, r *rp) string {
	t.Helper()
	resp, err := r.browser.Get(r.conf.AuthCodeURL("s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Request.URL.Query().Get("id")
}

func TestSignInRefusalsAndThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, func(c *signin.Config) {
			c.AccountDelay = store.DelayPolicy{Free: 2, Base: 30 * time.Second, Max: time.Minute, Window: time.Hour}
		})
		e.account("ada", "ada@example.com")
		r := newRP(t, e)
		id := authRequest(t, r)
		for _, user := range []string{"ada", "nobody"} {
			code, body := post(t, r.browser, e.srv.URL+"/signin", url.Values{"id": {id}, "username": {user}, "password": {"wrong"}, "lang": {"fr"}})
			if code != http.StatusUnauthorized || !strings.Contains(body, "Le compte ou le mot de passe") {
				t.Errorf("%s: %d %s", user, code, body)
			}
		}
		for range 2 {
			post(t, r.browser, e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {"wrong"}})
		}
		// Slowed down now, even with the right password: a wait, not a lockout.
		code, body := post(t, r.browser, e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {testPassword}})
		// 30 s from the third failure, less whatever a loaded machine took since.
		if code != http.StatusTooManyRequests || !regexp.MustCompile(`Try again in (1[0-9]|2[0-9]|30) seconds`).MatchString(body) {
			t.Errorf("after 3 failures of ada: %d, want 429 for 30 s", code)
		}
		// Once the wait is over the owner signs in, which clears the failures.
		if _, err := st.DB().Exec("UPDATE attempt_counters SET locked_until = NULL WHERE locked_until IS NOT NULL"); err != nil {
			t.Fatal(err)
		}
		if code, _ := post(t, r.browser, e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {testPassword}}); code == http.StatusTooManyRequests || code == http.StatusUnauthorized {
			t.Fatalf("sign-in once the wait is over: %d", code)
		}
		id = authRequest(t, r)
		for i := range 2 {
			if code, _ := post(t, r.browser, e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {"typo"}}); code != http.StatusUnauthorized {
				t.Fatalf("after a success, failure %d is free again: %d", i+1, code)
			}
		}
		if code, _ := get(t, r.browser, e.srv.URL+"/signin?id=unknown"); code != http.StatusGone {
			t.Errorf("unknown request: %d, want 410", code)
		}
	})
}

var linkRE = regexp.MustCompile(`https?://[^\s"<>]+/signin/reset/[A-Za-z0-9_-]+`)

func TestForgotAndReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		c := browser("never")
		code, known := post(t, c, e.srv.URL+"/signin/forgot", url.Values{"email": {"ada@example.com"}})
		_, unknown := post(t, c, e.srv.URL+"/signin/forgot", url.Values{"email": {"bob@example.com"}})
		if code != http.StatusOK || strings.ReplaceAll(unknown, "bob@", "ada@") != known {
			t.Fatalf("forgot: %d; known and unknown pages differ:\n%s\n%s", code, known, unknown)
		}
		e.p.Wait(ctx)
		mails := e.mails.all()
		if len(mails) != 1 || mails[0].To != "ada@example.com" {
			t.Fatalf("mails: %+v", mails)
		}
		link := linkRE.FindString(mails[0].Message.Text)
		if link == "" || !strings.Contains(mails[0].Message.Subject+mails[0].Message.Text, "") {
			t.Fatalf("no reset link in %q", mails[0].Message.Text)
		}
		for range 2 { // scanners open links first: GET never consumes
			if code, body := get(t, c, link); code != http.StatusOK || !strings.Contains(body, `value="ada"`) {
				t.Fatalf("GET reset: %d", code)
			}
		}
		if code, body := post(t, c, link, url.Values{"password": {"short"}, "confirm": {"short"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "15") {
			t.Errorf("short password: %d", code)
		}
		const pw = "a brand new passphrase for tests"
		if code, _ := post(t, c, link, url.Values{"password": {pw}, "confirm": {pw}}); code != http.StatusOK {
			t.Fatalf("reset: %d", code)
		}
		if code, _ := post(t, c, link, url.Values{"password": {pw}, "confirm": {pw}}); code != http.StatusGone {
			t.Errorf("second use: %d, want 410", code)
		}
		if code, _ := get(t, c, link); code != http.StatusGone {
			t.Errorf("GET after use: %d, want 410", code)
		}
		// Admin-issued link: works without mail, single use as well.
		l, err := e.p.IssueResetLink(ctx, "token:test", a.ID, false)
		if err != nil || l.Emailed || !strings.HasPrefix(l.URL, e.srv.URL+"/signin/reset/") {
			t.Fatalf("IssueResetLink: %+v, %v", l, err)
		}
		// Change password with the current one.
		const pw2 = "yet another passphrase for tests"
		code, _ = post(t, c, e.srv.URL+"/signin/password", url.Values{"username": {"ada"}, "current": {pw},
			"password": {pw2}, "confirm": {pw2}})
		if code != http.StatusOK {
			t.Errorf("change password: %d", code)
		}
		code, _ = post(t, c, e.srv.URL+"/signin/password", url.Values{"username": {"ada"}, "current": {pw},
			"password": {pw2}, "confirm": {pw2}})
		if code != http.StatusUnauthorized {
			t.Errorf("change with the old password: %d, want 401", code)
		}
	})
}

// A victim who signs in on an attacker's authorization request (a /signin
// link the attacker sent) does not hand the attacker a code: the callback
// only answers the browser that signed in.
func TestCallbackBoundToSigningBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		e.account("ada", "ada@example.com")
		r := newRP(t, e)
		attacker := browser(r.callback)
		resp, err := attacker.Get(r.conf.AuthCodeURL("s"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		id := resp.Request.URL.Query().Get("id")
		callback := e.p.Issuer() + "/authorize/callback?id="
		victim := browser(callback) // stops before the callback: the attacker tries first
		resp, err = victim.PostForm(e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {testPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cb := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(cb, callback) {
			t.Fatalf("victim sign-in: %d to %s", resp.StatusCode, cb)
		}
		// The attacker knows the request's id, and even the callback's
		// (a stored request's own id once signed in): no cookie, no code.
		for _, u := range []string{callback + url.QueryEscape(id), cb} {
			if code, _ := get(t, attacker, u); code != http.StatusGone {
				t.Errorf("attacker's callback %s: %d, want 410", u, code)
			}
		}
		victim.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err = victim.Get(cb)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), r.callback+"?code=") {
			t.Errorf("victim's callback: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}
