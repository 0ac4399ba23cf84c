package scim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestGroupPatchFlatChain: one remove whose value filter joins 100 member
// ids with "or" removes those 100 (filter-parser's path grammar alone takes
// two terms); paths are checked against the Group model.
func TestGroupPatchFlatChain(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			var ids, terms []string
			for i := range 120 {
				id := groupAccount(t, ts, fmt.Sprintf("m%03d", i))
				ids = append(ids, id)
				if i < 100 {
					terms = append(terms, `value eq "`+id+`"`)
				}
			}
			members := make([]any, len(ids))
			for i, id := range ids {
				members[i] = map[string]any{"value": id}
			}
			gid := ts.do("POST", "/Groups", map[string]any{"displayName": "chain", "members": members}).mustStatus(t, http.StatusCreated).str("id")
			for _, join := range []string{" or ", " OR "} {
				ts.do("PATCH", "/Groups/"+gid, groupPatchOps(map[string]any{"op": "remove",
					"path": "members[" + strings.Join(terms, join) + "]"})).mustStatus(t, http.StatusNoContent)
			}
			if got := groupMemberIDs(t, ts, gid); len(got) != 20 || !strings.Contains(strings.Join(ids[100:], ","), got[0]) {
				t.Fatalf("%d members left: %v", len(got), got)
			}
			for _, c := range []struct {
				op       map[string]any
				scimType string
			}{
				{map[string]any{"op": "replace", "path": "id", "value": "x"}, typeMutability},
				{map[string]any{"op": "replace", "path": "meta.version", "value": "x"}, typeMutability},
				{map[string]any{"op": "replace", "path": "nosuch", "value": "x"}, typeInvalidPath},
				{map[string]any{"op": "remove", "path": `members[nosuch eq "x"]`}, typeInvalidPath},
				{map[string]any{"op": "remove", "path": `members[display eq "x"]`}, typeInvalidFilter},
				{map[string]any{"op": "remove", "path": "members[" + strings.Repeat("(", 9000) + `value eq "x"` + strings.Repeat(")", 9000) + "]"}, typeInvalidPath},
			} {
				r := ts.do("PATCH", "/Groups/"+gid, groupPatchOps(c.op))
				if r.status != http.StatusBadRequest || r.str("scimType") != c.scimType {
					t.Errorf("%v: %d %s", c.op, r.status, r.raw)
				}
			}
		})
	}
}
