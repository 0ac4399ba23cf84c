package scim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestPatchWritesWhatItRead: a PATCH applies its operations to what it read,
// outside the write transaction, and writes only if nobody wrote since: a
// write in between makes it start again from the new state (nothing lost),
// and after two such rounds it applies them inside the transaction, so it
// always ends. With If-Match, a write in between is 412.
func TestPatchWritesWhatItRead(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			_, other := ts.addIntegration("other")
			otherID := ts.doAs(other, "POST", "/Users", `{"userName":"elsewhere"}`).mustStatus(t, http.StatusCreated).str("id")
			for _, c := range []struct {
				name      string
				writes    int // writes made between a read and its write
				ifMatch   bool
				status    int
				wantTitle string
			}{
				{"one write in between", 1, false, 204, "t1"},
				{"writes in between every time", 10, false, 204, "t1t2"},
				{"If-Match and a write in between", 1, true, 412, "t1"},
			} {
				t.Run(c.name, func(t *testing.T) {
					id := ts.createUser(strings.ReplaceAll(c.name, " ", "-"), nil)
					n, busy := 0, false
					ts.srv.patched = func() {
						if n >= c.writes || busy {
							return
						}
						n, busy = n+1, true
						defer func() { busy = false }()
						// Another integration writes meanwhile: the database is not held.
						ts.doAs(other, "PATCH", "/Users/"+otherID, `{"Operations":[{"op":"replace","path":"title","value":"x"}]}`).
							mustStatus(t, http.StatusNoContent)
						ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"add","path":"phoneNumbers","value":[{"value":"`+
							strings.Repeat("9", n)+`"}]}]}`).mustStatus(t, http.StatusNoContent)
					}
					defer func() { ts.srv.patched = nil }()
					hdr := []string{}
					if c.ifMatch {
						hdr = []string{"If-Match", etag(1)}
					}
					body := `{"Operations":[{"op":"add","path":"title","value":"t1"},{"op":"add","path":"title","value":"` + c.wantTitle + `"}]}`
					if r := ts.do("PATCH", "/Users/"+id, body, hdr...); r.status != c.status {
						t.Fatalf("%d %s", r.status, r.raw)
					}
					doc := ts.do("GET", "/Users/"+id, nil).body
					phones, _ := doc["phoneNumbers"].([]any)
					wantTitle := any(c.wantTitle)
					if c.status != 204 {
						wantTitle = nil
					}
					if len(phones) != n || doc["title"] != wantTitle {
						t.Fatalf("%d phone numbers from %d writes in between, title %v", len(phones), n, doc["title"])
					}
				})
			}
		})
	}
}
