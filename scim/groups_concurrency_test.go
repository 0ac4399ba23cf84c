package scim

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestGroupConcurrentPatches: parallel PATCHes on one group lose no member
// and keep member_count exact (the group row is locked per transaction).
func TestGroupConcurrentPatches(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			id := ts.do("POST", "/Groups", map[string]any{"displayName": "G"}).mustStatus(t, http.StatusCreated).str("id")
			const n = 16
			users := make([]string, n)
			for i := range users {
				users[i] = groupAccount(t, ts, fmt.Sprintf("user%d", i))
			}
			var wg sync.WaitGroup
			codes := make([]int, n)
			for i := range n {
				wg.Go(func() {
					codes[i] = ts.do("PATCH", "/Groups/"+id, groupPatchOps(map[string]any{"op": "add", "path": "members",
						"value": []any{map[string]any{"value": users[i]}, map[string]any{"value": users[(i+1)%n]}}})).status
				})
			}
			wg.Wait()
			for i, c := range codes {
				if c != http.StatusNoContent {
					t.Fatalf("PATCH %d: %d", i, c)
				}
			}
			g, err := ts.store.GroupByID(context.Background(), ts.in.ID, id)
			if err != nil || g.MemberCount != n || len(groupMemberIDs(t, ts, id)) != n || g.Version != n+1 {
				t.Fatalf("after %d parallel PATCHes: count %d, members %d, version %d, %v", n, g.MemberCount, len(groupMemberIDs(t, ts, id)), g.Version, err)
			}
		})
	}
}
