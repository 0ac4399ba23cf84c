package signin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// authRequestRows counts the stored authorization requests.
func authRequestRows(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM oidc_auth_requests").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Anyone may send /oidc/authorize: 10,000 of them store nothing (the
// request travels sealed in the sign-in page's id); a sign-in stores one
// row, and the flow still ends with a code.
func TestAuthorizeFloodStoresNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		e.account("ada", "ada@example.com")
		r := newRP(t, e)
		handler := e.srv.Config.Handler
		target := r.conf.AuthCodeURL("state")
		for i := range 10_000 {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", target, nil)
			req.RemoteAddr = "198.51.100.7:1234"
			handler.ServeHTTP(rec, req)
			if loc := rec.Header().Get("Location"); rec.Code != http.StatusFound || !strings.HasPrefix(loc, "/signin?id=") {
				t.Fatalf("request %d: %d to %q", i, rec.Code, loc)
			}
		}
		if n := authRequestRows(t, st); n != 0 {
			t.Fatalf("10,000 authorization requests stored %d rows", n)
		}
		if q := r.signIn(t, "ada", testPassword, "verifier-verifier-verifier-verifier-verifier", "n"); q.Get("code") == "" {
			t.Fatalf("callback %v", q)
		}
		if n := authRequestRows(t, st); n != 1 {
			t.Errorf("one sign-in stored %d rows", n)
		}
	})
}

// The sealed request cannot be altered or forged, and expires.
func TestSealedAuthRequestIsTamperProofAndExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		r := newRP(t, e)
		id := authRequest(t, r)
		if !strings.HasPrefix(id, "p1.") {
			t.Fatalf("id %q is not a sealed request", id)
		}
		if code, _ := get(t, r.browser, e.srv.URL+"/signin?id="+url.QueryEscape(id)); code != http.StatusOK {
			t.Fatalf("sign-in page: %d", code)
		}
		flipped := []byte(id)
		flipped[len(flipped)/2] ^= 1
		for _, bad := range []string{string(flipped), id[:len(id)-4], "p1." + strings.Repeat("A", 200), "p1.", strings.Repeat("x", 10_000)} {
			if code, _ := get(t, r.browser, e.srv.URL+"/signin?id="+url.QueryEscape(bad)); code != http.StatusGone {
				t.Errorf("altered id %.20q...: %d, want 410", bad, code)
			}
		}

		short := newEnv(t, storetest.Open(t, st.Dialect()), func(c *signin.Config) { c.AuthRequestTTL = time.Nanosecond })
		sr := newRP(t, short)
		old := authRequest(t, sr)
		if code, _ := get(t, sr.browser, short.srv.URL+"/signin?id="+url.QueryEscape(old)); code != http.StatusGone {
			t.Errorf("expired request: %d, want 410", code)
		}
	})
}
