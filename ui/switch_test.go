package ui

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestLocalPath(t *testing.T) {
	tests := []struct {
		next string
		ok   bool
	}{
		{"/code", true},
		{"/signin?id=p1.abc&lang=en", true},
		{"/invite/tok%2Fen", true},
		{"/admin/", true},
		{"", false},
		{"code", false},
		{"//evil.example", false},
		{"//evil.example/path", false},
		{"https://evil.example", false},
		{"http://evil.example/code", false},
		{"javascript:alert(1)", false},
		{"/\\evil.example", false},
		{"\\\\evil.example", false},
		{"/\t/evil.example", false},
		{"/\n/evil.example", false},
		{" //evil.example", false},
	}
	for _, tt := range tests {
		got, ok := LocalPath(tt.next)
		if ok != tt.ok || (ok && got != tt.next) {
			t.Errorf("LocalPath(%q) = %q, %v; want ok=%v", tt.next, got, ok, tt.ok)
		}
	}
}

func postSwitch(form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", "/lang", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	Switch{Secure: true}.ServeHTTP(w, r)
	return w
}

// The switcher keeps the choice for a year and comes back to the page; it
// refuses an off-site target or an unknown language, and sets nothing then.
func TestSwitch(t *testing.T) {
	w := postSwitch(url.Values{"lang": {"fr"}, "next": {"/signin?id=p1"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/signin?id=p1" {
		t.Fatalf("switch: %d to %q", w.Code, w.Header().Get("Location"))
	}
	c := w.Result().Cookies()
	if len(c) != 1 || c[0].Name != CookieName || c[0].Value != "fr" || c[0].Path != "/" || !c[0].HttpOnly ||
		!c[0].Secure || c[0].SameSite != http.SameSiteLaxMode || c[0].MaxAge < 300*24*3600 {
		t.Fatalf("cookie: %+v", c)
	}
	for _, form := range []url.Values{
		{"lang": {"fr"}, "next": {"//evil.example"}},
		{"lang": {"fr"}, "next": {"https://evil.example"}},
		{"lang": {"fr"}, "next": {"/\\evil.example"}},
		{"lang": {"fr"}},
		{"lang": {"de"}, "next": {"/code"}},
		{"next": {"/code"}},
	} {
		w := postSwitch(form)
		if w.Code != http.StatusBadRequest || w.Header().Get("Location") != "" || len(w.Result().Cookies()) != 0 {
			t.Errorf("%v: %d to %q, cookies %v", form, w.Code, w.Header().Get("Location"), w.Result().Cookies())
		}
	}
}
