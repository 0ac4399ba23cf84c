package signin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// With the default throttle, a stranger who knows a user name and fails on
// purpose slows that account down by a minute at most: never a lockout of
// its owner (before: 15 minutes after 10 failures).
func TestSignInStrangerCannotLockOwnerOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		e.account("ada", "ada@example.com")
		r := newRP(t, e)
		id := authRequest(t, r)
		throttled := 0
		for range 12 {
			resp, err := r.browser.PostForm(e.srv.URL+"/signin", url.Values{"id": {id}, "username": {"ada"}, "password": {"wrong"}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusTooManyRequests {
				continue
			}
			throttled++
			if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 60 {
				t.Fatalf("Retry-After %q after failure %d: more than the minute a stranger may cost", resp.Header.Get("Retry-After"), throttled)
			}
			if _, err := st.DB().Exec("UPDATE attempt_counters SET locked_until = NULL WHERE locked_until IS NOT NULL"); err != nil {
				t.Fatal(err)
			}
		}
		if throttled == 0 {
			t.Fatal("12 failures on one account were never slowed down")
		}
	})
}
