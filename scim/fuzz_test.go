package scim

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// FuzzFilter: any filter string parses or is refused, and what parses is
// translated and run by the store; never a panic, never a 500.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{
		`userName eq "a"`, `emails[type eq "work"].value eq "x@y"`, `emails[value co "x"]`,
		`name.familyName eq Employee and (emails.value co a or emails.value co b)`,
		`not (active eq true)`, `meta.created gt 2015-10-10T14:38:21.8617979-07:00`, `title pr`,
		`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"`,
		`userName co "%_\\"`, `((((userName eq "a"))))`, `emails[type eq "a" or not (primary eq true)]`,
	} {
		f.Add(s)
	}
	ts := newTestServer(f, store.SQLite, nil)
	ts.createUser("fuzz", nil)
	f.Fuzz(func(t *testing.T, filter string) {
		ts := ts.with(t)
		if r := ts.do("GET", "/Users?filter="+url.QueryEscape(filter), nil); r.status != http.StatusOK && r.status != http.StatusBadRequest {
			t.Fatalf("filter %q: %d %s", filter, r.status, r.raw)
		}
	})
}

// FuzzPatch: any PATCH body is applied or refused with a 4xx; never a 500.
func FuzzPatch(f *testing.F) {
	for _, s := range []string{
		`{"Operations":[{"op":"replace","value":{"active":false}}]}`,
		`{"Operations":[{"op":"Add","path":"emails[type eq \"work\"].value","value":"a@b"}]}`,
		`{"Operations":[{"op":"remove","path":"emails[value eq \"x\"]"}]}`,
		`{"Operations":[{"op":"replace","value":{"name.givenName":"A","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"m"}}]}`,
		`{"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"department":"x"}}]}`,
		`{"Operations":[{"op":"replace","path":"name","value":"x"}]}`,
		`{"Operations":[{"op":"add","path":"phoneNumbers","value":{"value":1}}]}`,
	} {
		f.Add(s)
	}
	ts := newTestServer(f, store.SQLite, nil)
	id := ts.createUser("fuzz", nil)
	f.Fuzz(func(t *testing.T, body string) {
		ts := ts.with(t)
		r := ts.do("PATCH", "/Users/"+id, body)
		if r.status >= 500 {
			t.Fatalf("body %q: %d %s", body, r.status, r.raw)
		}
	})
}
