package scim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

func groupAuditDetails(t *testing.T, details string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(details), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGroupsListFiltersAndErrors(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			u := groupAccount(t, ts, "u")
			g1 := ts.do("POST", "/Groups", map[string]any{"displayName": "Sales", "externalId": "X"}).mustStatus(t, http.StatusCreated).str("id")
			g2 := ts.do("POST", "/Groups", map[string]any{"displayName": "Eng", "members": []any{map[string]any{"value": u}}}).
				mustStatus(t, http.StatusCreated).str("id")
			list := func(filter string, extra string) []string {
				r := ts.do("GET", "/Groups?filter="+url.QueryEscape(filter)+extra, nil).mustStatus(t, http.StatusOK)
				var ids []string
				for _, res := range r.body["Resources"].([]any) {
					ids = append(ids, res.(map[string]any)["id"].(string))
				}
				if r.body["totalResults"].(float64) != float64(len(ids)) || r.body["itemsPerPage"].(float64) != float64(len(ids)) {
					t.Fatalf("%s: envelope %s", filter, r.raw)
				}
				return ids
			}
			for filter, want := range map[string]string{
				`displayName eq "sales"`: g1,
				`externalId eq "X"`:      g1,
				`id eq "` + g2 + `" and members[value eq "` + u + `"]`: g2,
				`members[value eq "` + u + `"]`:                        g2,
			} {
				if got := list(filter, "&excludedAttributes=members"); len(got) != 1 || got[0] != want {
					t.Errorf("%s: %v, want [%s]", filter, got, want)
				}
			}
			if got := list(`id eq "`+g1+`" and members[value eq "`+u+`"]`, ""); len(got) != 0 {
				t.Errorf("non-member filter: %v", got)
			}
			r := ts.do("POST", "/Groups/.search", map[string]any{"filter": `displayName eq "Eng"`, "excludedAttributes": []string{"members"}}).
				mustStatus(t, http.StatusOK)
			if r.body["totalResults"].(float64) != 1 {
				t.Fatalf(".search: %s", r.raw)
			}
			ts.do("GET", "/Groups?filter="+url.QueryEscape(`members.display eq "x"`), nil).mustStatus(t, http.StatusBadRequest)
			for name, body := range map[string]map[string]any{
				"bad op":               groupPatchOps(map[string]any{"op": "merge", "path": "members", "value": []any{}}),
				"remove displayName":   groupPatchOps(map[string]any{"op": "remove", "path": "displayName"}),
				"unknown path":         groupPatchOps(map[string]any{"op": "add", "path": "owners", "value": "x"}),
				"remove without path":  groupPatchOps(map[string]any{"op": "remove"}),
				"no operations":        groupPatchOps(),
				"displayName not text": groupPatchOps(map[string]any{"op": "replace", "path": "displayName", "value": 3}),
			} {
				if r := ts.do("PATCH", "/Groups/"+g1, body); r.status != http.StatusBadRequest || r.str("scimType") == "" {
					t.Errorf("%s: %d %s, want 400 with scimType", name, r.status, r.raw)
				}
			}
			ts.do("PATCH", "/Groups/"+g1, groupPatchOps(map[string]any{"op": "replace", "path": "displayName", "value": "eng"})).
				mustStatus(t, http.StatusConflict)
			ts.do("PATCH", "/Groups/"+g1, groupPatchOps(map[string]any{"op": "add", "path": "members", "value": []any{}}),
				"If-Match", `W/"99"`).mustStatus(t, http.StatusPreconditionFailed)
			ts.do("PATCH", "/Groups/"+g1, groupPatchOps(map[string]any{"op": "add", "path": "members", "value": []any{}}),
				"If-Match", `W/"1"`).mustStatus(t, http.StatusNoContent)
		})
	}
}
