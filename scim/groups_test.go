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

// groupAccount creates a live account of ts's integration directly in the
// store, so Groups tests do not depend on the Users handlers.
func groupAccount(t *testing.T, ts *testServer, userName string) string {
	t.Helper()
	a := &store.Account{IntegrationID: &ts.in.ID, UserName: userName, DisplayName: strings.ToUpper(userName), Active: true}
	if err := ts.store.CreateAccount(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// groupMemberIDs reads a group's member ids from the store, sorted.
func groupMemberIDs(t *testing.T, ts *testServer, groupID string) []string {
	t.Helper()
	var ids []string
	err := ts.store.EachGroupMember(context.Background(), groupID, func(m store.GroupMember) error {
		ids = append(ids, m.AccountID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func groupSortedIDs(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

func groupPatchOps(ops ...map[string]any) map[string]any {
	return map[string]any{"schemas": []string{patchURN}, "Operations": ops}
}

func TestGroupsCreateGetDelete(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			u1, u2 := groupAccount(t, ts, "u1"), groupAccount(t, ts, "u2")
			r := ts.do("POST", "/Groups", map[string]any{"schemas": []string{GroupURN}, "displayName": "Sales",
				"externalId": "e-1", "members": []any{map[string]any{"value": u1, "display": "VP"}, map[string]any{"value": "nobody"}}}).
				mustStatus(t, http.StatusCreated)
			id := r.str("id")
			if r.header.Get("Location") != "http://scim.test/scim/v2/Groups/"+id || r.header.Get("ETag") == "" {
				t.Fatalf("Location %q ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
			}
			if !strings.Contains(r.raw, `"display":"VP"`) || strings.Contains(r.raw, "nobody") {
				t.Fatalf("created group: %s", r.raw)
			}
			ts.do("POST", "/Groups", map[string]any{"displayName": "SALES"}).mustStatus(t, http.StatusConflict)
			r = ts.do("GET", "/Groups/"+id+"?excludedAttributes=members", nil).mustStatus(t, http.StatusOK)
			if _, has := r.body["members"]; has || r.str("displayName") != "Sales" || r.str("externalId") != "e-1" {
				t.Fatalf("excludedAttributes=members: %s", r.raw)
			}
			r = ts.do("GET", "/Groups/"+id+"?attributes=members", nil).mustStatus(t, http.StatusOK)
			if _, has := r.body["displayName"]; has || !strings.Contains(r.raw, u1) {
				t.Fatalf("attributes=members: %s", r.raw)
			}
			ts.do("GET", "/Groups/"+id, nil, "If-None-Match", r.header.Get("ETag")).mustStatus(t, http.StatusNotModified)
			r = ts.do("PUT", "/Groups/"+id, map[string]any{"id": id, "displayName": "putName",
				"members": []any{map[string]any{"value": u2}}}).mustStatus(t, http.StatusOK)
			if r.str("displayName") != "putName" || r.str("externalId") != "" || !slices.Equal(groupMemberIDs(t, ts, id), []string{u2}) {
				t.Fatalf("PUT: %s", r.raw)
			}
			// PUT without members renames and keeps the members.
			ts.do("PUT", "/Groups/"+id, map[string]any{"displayName": "Renamed"}).mustStatus(t, http.StatusOK)
			if !slices.Equal(groupMemberIDs(t, ts, id), []string{u2}) {
				t.Fatal("PUT without members changed the members")
			}
			other, otherToken := ts.addIntegration("other")
			_ = other
			ts.doAs(otherToken, "GET", "/Groups/"+id, nil).mustStatus(t, http.StatusNotFound)
			ts.doAs(otherToken, "DELETE", "/Groups/"+id, nil).mustStatus(t, http.StatusNotFound)
			ts.do("DELETE", "/Groups/"+id, nil, "If-Match", `W/"1"`).mustStatus(t, http.StatusPreconditionFailed)
			ts.do("DELETE", "/Groups/"+id, nil).mustStatus(t, http.StatusNoContent)
			ts.do("GET", "/Groups/"+id, nil).mustStatus(t, http.StatusNotFound)
			if _, err := ts.store.AccountByID(context.Background(), u2); err != nil {
				t.Fatalf("member account after group delete: %v", err)
			}
		})
	}
}
