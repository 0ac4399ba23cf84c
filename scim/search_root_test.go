package scim

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store/storetest"
)

// rootNames lists "User:userName" / "Group:displayName" of a root search's page.
func rootNames(t *testing.T, r resp) string {
	t.Helper()
	var out []string
	for _, it := range r.body["Resources"].([]any) {
		res := it.(map[string]any)
		kind := fmt.Sprint(get(res, "meta.resourceType"))
		schemas := fmt.Sprint(res["schemas"])
		if (kind == "User") != strings.Contains(schemas, UserURN) || (kind == "Group") != strings.Contains(schemas, GroupURN) {
			t.Fatalf("resource %v has schemas %s", kind, schemas)
		}
		name := res["userName"]
		if kind == "Group" {
			name = res["displayName"]
		}
		out = append(out, fmt.Sprintf("%s:%v", kind, name))
	}
	return strings.Join(out, " ")
}

// POST /.search at the root (RFC 7644 §3.4.3) searches Users and Groups
// together: one ListResponse with each resource's schemas, paging and
// sorting across both types, attributes a type lacks treated as absent,
// scoped to the integration and to the types it may read.
func TestRootSearch(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for _, n := range []string{"alice", "bob", "carol"} {
				ts.createUser(n, map[string]any{"displayName": strings.ToUpper(n[:1]) + n[1:] + " X"})
			}
			for _, g := range []string{"Admins", "bob-team"} {
				ts.do("POST", "/Groups", map[string]any{"displayName": g}).mustStatus(t, http.StatusCreated)
			}
			_, other := ts.addIntegration("other")
			ts.doAs(other, "POST", "/Users", map[string]any{"userName": "alien", "displayName": "Alien"}).mustStatus(t, http.StatusCreated)
			ts.doAs(other, "POST", "/Groups", map[string]any{"displayName": "Aliens"}).mustStatus(t, http.StatusCreated)

			search := func(body map[string]any, want string, total float64) resp {
				t.Helper()
				body["schemas"] = []string{searchURN}
				r := ts.do("POST", "/.search", body).mustStatus(t, http.StatusOK)
				if got := rootNames(t, r); got != want || r.body["totalResults"] != total {
					t.Fatalf("%v: %s (total %v), want %s (total %v)", body, got, r.body["totalResults"], want, total)
				}
				return r
			}
			all := "User:alice User:bob User:carol Group:Admins Group:bob-team"
			search(map[string]any{}, all, 5)
			search(map[string]any{"filter": `displayName sw "a"`}, "User:alice Group:Admins", 2)
			search(map[string]any{"filter": `userName eq "bob"`}, "User:bob", 1)
			search(map[string]any{"filter": `userName ne "bob"`}, "User:alice User:carol Group:Admins Group:bob-team", 4)
			search(map[string]any{"filter": `not (userName pr)`}, "Group:Admins Group:bob-team", 2)
			search(map[string]any{"filter": `meta.resourceType eq "Group"`}, "Group:Admins Group:bob-team", 2)
			search(map[string]any{"filter": chainOf(100, "or", func(i int) string { return fmt.Sprintf(`displayName eq "g%d"`, i) }) +
				` or userName eq "carol"`}, "User:carol", 1)
			search(map[string]any{"startIndex": 3, "count": 2}, "User:carol Group:Admins", 5)
			search(map[string]any{"sortBy": "displayName"}, "Group:Admins User:alice User:bob Group:bob-team User:carol", 5)
			search(map[string]any{"sortBy": "displayName", "sortOrder": "descending", "count": 3}, "User:carol Group:bob-team User:bob", 5)
			search(map[string]any{"sortBy": "userName", "sortOrder": "descending"}, "User:carol User:bob User:alice Group:bob-team Group:Admins", 5)
			if r := search(map[string]any{"count": 0}, "", 5); r.body["itemsPerPage"] != 0.0 {
				t.Fatalf("count=0: %s", r.raw)
			}
			r := search(map[string]any{"filter": `displayName eq "Admins" or userName eq "alice"`, "attributes": []string{"displayName"}},
				"User:<nil> Group:Admins", 2)
			for _, res := range r.body["Resources"].([]any) {
				m := res.(map[string]any)
				if m["id"] == nil || m["emails"] != nil || m["members"] != nil || m["displayName"] == nil {
					t.Fatalf("attributes=displayName: %s", r.raw)
				}
			}
			if r := ts.do("GET", "/?filter="+url.QueryEscape(`displayName co "team"`), nil).mustStatus(t, http.StatusOK); rootNames(t, r) != "Group:bob-team" {
				t.Fatalf("GET root: %s", r.raw)
			}

			bad := ts.do("POST", "/.search", map[string]any{"filter": `nosuch eq "x"`}).mustStatus(t, http.StatusBadRequest)
			if bad.str("scimType") != typeInvalidFilter {
				t.Fatalf("attribute no type has: %s", bad.raw)
			}
			ts.do("POST", "/.search", map[string]any{"sortBy": "nosuch"}).mustStatus(t, http.StatusBadRequest)
			ts.do("POST", "/.search", `{"filter": 7}`).mustStatus(t, http.StatusBadRequest)

			ts.restrict(permission.GroupsRead)
			search(map[string]any{}, "Group:Admins Group:bob-team", 2)
			ts.restrict(permission.AccountsRead)
			search(map[string]any{"filter": `displayName sw "a"`}, "User:alice", 1)
			ts.restrict(permission.AccountsWrite, permission.GroupsWrite)
			ts.do("POST", "/.search", map[string]any{}).mustStatus(t, http.StatusForbidden)
		})
	}
}
