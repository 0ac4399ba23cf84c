package scim

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestRequestErrors(t *testing.T) {
	ts := newTestServer(t, store.SQLite, func(o *Options) { o.MaxBodyBytes = 2048 })
	cases := []struct {
		method, path, body string
		status             int
		scimType           string
	}{
		{"POST", "/Users", `{"userName": tre}`, 400, typeInvalidSyntax},
		{"POST", "/Users", `[1,2]`, 400, typeInvalidSyntax},
		{"POST", "/Users", `{"active":true}`, 400, typeInvalidValue},
		{"POST", "/Users", `{"userName":"x","active":"perhaps"}`, 400, typeInvalidValue},
		{"POST", "/Users", `{"userName":"big","title":"` + strings.Repeat("x", 4096) + `"}`, 413, ""},
		{"GET", `/Users?filter=userName%20eq`, "", 400, typeInvalidFilter},
		{"GET", `/Users?filter=userName%20xx%20"a"`, "", 400, typeInvalidFilter},
		{"GET", `/Users?filter=(userName%20eq%20"a"`, "", 400, typeInvalidFilter},
		{"GET", `/Users?filter=nosuch%20eq%20"a"`, "", 400, typeInvalidFilter},
		{"GET", `/Users?filter=phoneNumbers%20eq%20"1"`, "", 400, typeInvalidFilter},
		{"GET", `/Users?sortBy=nosuch`, "", 400, typeInvalidFilter},
		{"GET", `/Users?sortOrder=sideways`, "", 400, typeInvalidValue},
		{"GET", "/Nope", "", 404, ""},
		{"DELETE", "/ServiceProviderConfig", "", 405, ""},
	}
	for _, c := range cases {
		r := ts.do(c.method, c.path, c.body)
		if r.status != c.status || r.str("scimType") != c.scimType || r.str("status") != strconv.Itoa(c.status) {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.status, r.raw)
		}
	}
}

func TestInternalErrorsStayInternal(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	id := ts.createUser("x", nil)
	ts.store.Close() // every query now fails with a driver error
	for _, r := range []resp{ts.do("GET", "/Users/"+id, nil), ts.do("GET", "/Users?filter=userName%20eq%20%22x%22", nil)} {
		if r.status != http.StatusInternalServerError && r.status != http.StatusUnauthorized {
			t.Errorf("status %d", r.status)
		}
		if low := strings.ToLower(r.raw); strings.Contains(low, "sql") || strings.Contains(low, "database") {
			t.Errorf("internal text leaked: %s", r.raw)
		}
	}
}

func TestRateLimit(t *testing.T) {
	ts := newTestServer(t, store.SQLite, func(o *Options) { o.RateLimit, o.RateBurst = 0.01, 3 }) // no refill during the test
	for i := 0; i < 3; i++ {
		ts.do("GET", "/Users", nil).mustStatus(t, http.StatusOK)
	}
	r := ts.do("GET", "/Users", nil).mustStatus(t, http.StatusTooManyRequests)
	if r.header.Get("Retry-After") == "" || r.str("status") != "429" {
		t.Errorf("429 without Retry-After: %v %s", r.header, r.raw)
	}
	// Buckets are per integration.
	_, tok2 := ts.addIntegration("other")
	ts.doAs(tok2, "GET", "/Users", nil).mustStatus(t, http.StatusOK)
}

// TestConcurrentPatch checks that concurrent PATCHes each land (no lost update).
func TestConcurrentPatch(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			id := ts.createUser("concurrent", nil)
			const n = 12
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body := `{"Operations":[{"op":"add","path":"phoneNumbers","value":[{"value":"+1-` + strings.Repeat("9", i+1) + `"}]}]}`
					if r := ts.do("PATCH", "/Users/"+id, body); r.status != http.StatusNoContent {
						t.Errorf("patch %d: %d %s", i, r.status, r.raw)
					}
				}()
			}
			wg.Wait()
			doc := ts.do("GET", "/Users/"+id, nil).body
			if got := len(doc["phoneNumbers"].([]any)); got != n {
				t.Fatalf("%d phone numbers after %d concurrent adds", got, n)
			}
			if get(doc, "meta.version") != etag(1+n) {
				t.Fatalf("version %v", get(doc, "meta.version"))
			}
		})
	}
}
