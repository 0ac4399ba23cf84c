package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// A language chosen with the switcher sticks across a console page, a public
// page and a sign-in page, whatever the browser's Accept-Language says, and
// wins over the account's own language on its claim page. The switcher
// refuses to send the browser off-site.
func TestLanguageSwitchSticks(t *testing.T) {
	ts, s := newPagesServer(t, store.SQLite, nil)
	p, err := signin.New(signin.Config{Store: s.Store, Keys: s.Keys, Log: s.Log, BaseURL: ts.URL, OrgName: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	s.SignIn, s.Registry = p, nil // a new handler registers its metrics anew
	ts.Config.Handler = s.Handler()
	seedAdmin(t, s, "owner@acme.test", "owner", "correct horse battery", true)
	_, token := seedInvitation(t, s, "ada@acme.test", time.Now().Add(time.Hour), false) // account in French

	c := browserClient(t)
	loginLocal(t, ts, c, "owner@acme.test", "correct horse battery")
	en := []string{"Accept-Language", "en-GB,en;q=0.9", "Sec-Fetch-Site", "same-origin"}
	page := func(path, wantLang, wantText string) {
		t.Helper()
		resp, body := do(t, c, "GET", ts.URL+path, "", en...)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Language") != wantLang ||
			!strings.Contains(body, `<html lang="`+wantLang+`">`) || !strings.Contains(body, wantText) {
			t.Fatalf("%s: %d %s, want %s and %q\n%s", path, resp.StatusCode, resp.Header.Get("Content-Language"), wantLang, wantText, body)
		}
		if !strings.Contains(body, `action="/lang"`) || !strings.Contains(body, `name="next" value="`+path+`"`) {
			t.Fatalf("%s: no switcher back to the page\n%s", path, body)
		}
	}
	choose := func(lang, next string) {
		t.Helper()
		resp, _ := do(t, c, "POST", ts.URL+"/lang", url.Values{"lang": {lang}, "next": {next}}.Encode(), en...)
		if resp.StatusCode != 200 || resp.Request.URL.RequestURI() != next {
			t.Fatalf("switch to %s: %d at %s", lang, resp.StatusCode, resp.Request.URL)
		}
	}

	page("/admin/", "en", "Dashboard")
	choose("fr", "/admin/")
	page("/admin/", "fr", "Tableau de bord")
	page("/code", "fr", "Utilisez votre code")
	page("/signin/password", "fr", "Changer votre mot de passe")
	page("/invite/"+token, "fr", "Choisissez votre mot de passe")
	choose("en", "/invite/"+token)
	page("/invite/"+token, "en", "Set your password")
	page("/signin/password", "en", "Change your password")

	for _, next := range []string{"//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example"} {
		req, _ := http.NewRequest("POST", ts.URL+"/lang", strings.NewReader(url.Values{"lang": {"fr"}, "next": {next}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" || len(resp.Cookies()) != 0 {
			t.Errorf("next %q: %d to %q, cookies %v", next, resp.StatusCode, resp.Header.Get("Location"), resp.Cookies())
		}
	}
	page("/code", "en", "Use your access code")

	// Without a choice: the account's language, then Accept-Language with its q-values.
	c = browserClient(t)
	page("/invite/"+token, "fr", "Choisissez votre mot de passe")
	en[1] = "en;q=0.1, fr"
	page("/code", "fr", "Utilisez votre code")
}
