package scim

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// FuzzRootSearch: any filter and sortBy sent to POST /.search (Users and
// Groups together, attributes one type lacks read as absent) is answered
// 200 or 400; never a panic, never a 500.
func FuzzRootSearch(f *testing.F) {
	for _, s := range [][2]string{
		{`userName eq "a"`, ""}, {`displayName sw "A" or members[value eq "x"]`, "displayName"},
		{`not (userName pr) and meta.resourceType eq "Group"`, "userName"}, {`nosuch eq 1`, "nosuch"},
		{`meta.resourceType gt "User"`, "meta.created"}, {`emails[type eq "work"].value eq "x" or externalId pr`, "externalId"},
		{`(((displayName co "x")))`, "id"}, {`userName eq null or active eq false`, "active"},
	} {
		f.Add(s[0], s[1])
	}
	ts := newTestServer(f, store.SQLite, nil)
	ts.createUser("fuzz", nil)
	ts.do("POST", "/Groups", map[string]any{"displayName": "fuzzers"})
	f.Fuzz(func(t *testing.T, filter, sortBy string) {
		ts := ts.with(t)
		body, _ := json.Marshal(map[string]any{"filter": filter, "sortBy": sortBy, "count": 3})
		if r := ts.do("POST", "/.search", string(body)); r.status != http.StatusOK && r.status != http.StatusBadRequest {
			t.Fatalf("filter %q sortBy %q: %d %s", filter, sortBy, r.status, r.raw)
		}
	})
}
