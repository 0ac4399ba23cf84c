package signin_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestSignInLanding: GET /signin without an authorization request is the
// landing page (in the asked language, with the password pages and, when
// configured, the application), not a 410; an empty or unknown request id
// still is.
func TestSignInLanding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, func(c *signin.Config) { c.AppURL = "https://app.example.test/" })
		c := http.DefaultClient
		code, body := get(t, c, e.srv.URL+"/signin")
		if code != http.StatusOK || !strings.Contains(body, `id="home"`) || !strings.Contains(body, `href="/signin/password"`) ||
			!strings.Contains(body, `href="/signin/forgot"`) || !strings.Contains(body, `href="https://app.example.test/"`) {
			t.Fatalf("GET /signin: %d\n%s", code, body)
		}
		if code, body := get(t, c, e.srv.URL+"/signin?lang=fr"); code != http.StatusOK || !strings.Contains(body, "La connexion part") {
			t.Fatalf("GET /signin?lang=fr: %d\n%s", code, body)
		}
		for _, q := range []string{"?id=", "?id=unknown"} {
			if code, _ := get(t, c, e.srv.URL+"/signin"+q); code != http.StatusGone {
				t.Errorf("GET /signin%s: %d, want 410", q, code)
			}
		}
	})
}
