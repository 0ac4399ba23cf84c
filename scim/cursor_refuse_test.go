package scim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestCursorRefused: a cursor this server did not issue for the same
// integration, endpoint, filter and order is 400 invalidCursor, with one
// detail for every reason; an old one is expiredCursor; parameters cursor
// paging cannot honour are refused by name.
func TestCursorRefused(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for _, n := range []string{"a", "b", "c"} {
				ts.createUser(n, nil)
				ts.do("POST", "/Groups", map[string]any{"displayName": n}).mustStatus(t, http.StatusCreated)
			}
			filter := url.QueryEscape(`userName pr`)
			good := ts.getCursor("/Users", "filter="+filter, "", 1).next
			_, otherToken := ts.addIntegration("other")
			tampered := []byte(good)
			tampered[len(tampered)/2] ^= 1 // stays in the base64url alphabet
			check := func(name, token, path, scimType string) {
				t.Helper()
				r := ts.doAs(token, "GET", path, nil).mustStatus(t, http.StatusBadRequest)
				if r.str("scimType") != scimType {
					t.Errorf("%s: scimType %q, want %q: %s", name, r.str("scimType"), scimType, r.raw)
				}
				if strings.Contains(r.raw, `"Resources"`) {
					t.Errorf("%s: resources in a refusal: %s", name, r.raw)
				}
			}
			for name, path := range map[string]string{
				"garbage":        "/Users?filter=" + filter + "&cursor=" + url.QueryEscape("!!not a cursor!!"),
				"short":          "/Users?filter=" + filter + "&cursor=AAAA",
				"tampered":       "/Users?filter=" + filter + "&cursor=" + string(tampered),
				"other filter":   "/Users?filter=" + url.QueryEscape(`userName sw "a"`) + "&cursor=" + good,
				"no filter":      "/Users?cursor=" + good,
				"other order":    "/Users?filter=" + filter + "&sortOrder=descending&cursor=" + good,
				"other endpoint": "/Groups?filter=" + url.QueryEscape(`displayName pr`) + "&cursor=" + good,
				"huge":           "/Users?filter=" + filter + "&cursor=" + strings.Repeat("A", 20000),
				"just too long":  "/Users?filter=" + filter + "&cursor=" + good + strings.Repeat("A", cursorMaxLen),
			} {
				check(name, ts.token, path, typeInvalidCursor)
			}
			// Another integration presenting this one's cursor learns nothing:
			// the same refusal, never a page of this integration's accounts.
			check("other integration", otherToken, "/Users?filter="+filter+"&cursor="+good, typeInvalidCursor)
			r := ts.do("POST", "/Users/.search", map[string]any{"filter": "userName pr", "cursor": "x" + good}).mustStatus(t, http.StatusBadRequest)
			if r.str("scimType") != typeInvalidCursor {
				t.Errorf(".search tampered: %s", r.raw)
			}
			check("startIndex with cursor", ts.token, "/Users?startIndex=1&cursor=", typeInvalidValue)
			check("sortBy with cursor", ts.token, "/Users?sortBy=userName&cursor=", typeInvalidValue)
			check("count not a number", ts.token, "/Users?count=ten&cursor=", typeInvalidCount)
			check("root search", ts.token, "/?cursor=", typeInvalidValue)
			// The genuine cursor still works, until cursorTimeout has passed.
			ts.getCursor("/Users", "filter="+filter, good, 1)
			ts.srv.cursors.now = func() time.Time { return time.Now().Add(cursorTimeout + time.Minute) }
			check("expired", ts.token, "/Users?filter="+filter+"&cursor="+good, typeExpiredCursor)
		})
	}
}
