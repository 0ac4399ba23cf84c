package scim

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestGroupPatchForms runs every membership PATCH form Entra and Okta send,
// in sequence on one group, checking members and audit counts after each.
func TestGroupPatchForms(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			a, b, c := groupAccount(t, ts, "a"), groupAccount(t, ts, "b"), groupAccount(t, ts, "c")
			id := ts.do("POST", "/Groups", map[string]any{"displayName": "G"}).mustStatus(t, http.StatusCreated).str("id")
			val := func(ids ...string) []any {
				var out []any
				for _, id := range ids {
					out = append(out, map[string]any{"value": id})
				}
				return out
			}
			steps := []struct {
				name            string
				body            map[string]any
				want            []string
				added, removed  float64
				wantDisplayName string
			}{
				{"Entra add, value list, op case", groupPatchOps(map[string]any{"op": "Add", "path": "members",
					"value": []any{map[string]any{"value": a, "displayName": "new User"}, map[string]any{"value": b}}}), groupSortedIDs(a, b), 2, 0, ""},
				{"add present member and bare unknown id", groupPatchOps(map[string]any{"op": "add", "path": "members", "value": "string id 1"},
					map[string]any{"op": "ADD", "path": "members", "value": val(a)}), groupSortedIDs(a, b), 0, 0, ""},
				{"Entra remove, value list", groupPatchOps(map[string]any{"op": "Remove", "path": "members", "value": val(b, c)}), groupSortedIDs(a), 0, 1, ""},
				{"remove members[value eq]", groupPatchOps(map[string]any{"op": "remove", "path": `members[value eq "` + a + `"]`}), nil, 0, 1, ""},
				{"remove non-member is a no-op", groupPatchOps(map[string]any{"op": "remove", "path": `members[value eq "` + a + `"]`}), nil, 0, 0, ""},
				{"replace whole list", groupPatchOps(map[string]any{"op": "replace", "path": "members", "value": val(b, c)}), groupSortedIDs(b, c), 2, 0, ""},
				{"replace again", groupPatchOps(map[string]any{"op": "replace", "path": "members", "value": val(a, c)}), groupSortedIDs(a, c), 1, 1, ""},
				{"remove with empty list removes no one", groupPatchOps(map[string]any{"op": "remove", "path": "members", "value": []any{}}), groupSortedIDs(a, c), 0, 0, ""},
				{"displayName replace", groupPatchOps(map[string]any{"op": "Replace", "path": "displayName", "value": "G2"}), groupSortedIDs(a, c), 0, 0, "G2"},
				{"Okta no-path replace with read-only id", groupPatchOps(map[string]any{"op": "replace",
					"value": map[string]any{"id": id, "displayName": "G3"}}), groupSortedIDs(a, c), 0, 0, "G3"},
				{"no-path add of members", groupPatchOps(map[string]any{"op": "add", "value": map[string]any{"members": val(b)}}), groupSortedIDs(a, b, c), 1, 0, ""},
				{"remove or-filter", groupPatchOps(map[string]any{"op": "remove", "path": `members[value eq "` + a + `" or value eq "` + b + `"]`}), groupSortedIDs(c), 0, 2, ""},
				{"remove all", groupPatchOps(map[string]any{"op": "remove", "path": "members"}), nil, 0, 1, ""},
			}
			for _, st := range steps {
				r := ts.do("PATCH", "/Groups/"+id, st.body).mustStatus(t, http.StatusNoContent)
				if got := groupMemberIDs(t, ts, id); !slices.Equal(got, st.want) {
					t.Fatalf("%s: members %v, want %v", st.name, got, st.want)
				}
				evs, _, err := ts.store.AuditEvents(context.Background(), store.AuditFilter{Action: "group.updated", TargetID: id, Limit: 1})
				if err != nil || len(evs) != 1 {
					t.Fatalf("%s: audit %v %v", st.name, evs, err)
				}
				ev := groupAuditDetails(t, evs[0].Details)
				if ev["membersAdded"] != st.added || ev["membersRemoved"] != st.removed {
					t.Fatalf("%s: audit details %v, want +%v -%v", st.name, ev, st.added, st.removed)
				}
				g, _ := ts.store.GroupByID(context.Background(), ts.in.ID, id)
				if r.header.Get("ETag") != etag(g.Version) || g.MemberCount != int64(len(st.want)) {
					t.Fatalf("%s: ETag %q version %d count %d", st.name, r.header.Get("ETag"), g.Version, g.MemberCount)
				}
				if st.wantDisplayName != "" && g.DisplayName != st.wantDisplayName {
					t.Fatalf("%s: displayName %q", st.name, g.DisplayName)
				}
			}
			// The label Entra sent with the member (Microsoft's "Body contains user")
			// outlives later PATCHes that did not remove it.
			ts.do("PATCH", "/Groups/"+id, groupPatchOps(map[string]any{"op": "add", "path": "members",
				"value": []any{map[string]any{"value": b, "displayName": "new User"}}})).mustStatus(t, http.StatusNoContent)
			if r := ts.do("GET", "/Groups/"+id, nil); !strings.Contains(r.raw, `"display":"new User"`) {
				t.Fatalf("member label not returned: %s", r.raw)
			}
			_, n, _ := ts.store.AuditEvents(context.Background(), store.AuditFilter{Action: "group.updated", TargetID: id})
			if n != int64(len(steps))+1 {
				t.Fatalf("%d group.updated events for %d PATCHes", n, len(steps))
			}
		})
	}
}
