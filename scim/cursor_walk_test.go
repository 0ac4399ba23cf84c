package scim

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestCursorWalkUnderChurn walks /Users by cursor while accounts are
// created and deleted, both by a concurrent client and between pages
// (ahead of the walk and behind it): no account comes twice, and every
// account that exists for the whole walk comes once.
func TestCursorWalkUnderChurn(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, func(o *Options) { o.RateLimit = 0 })
			var stable, churn []string
			for i := range 120 {
				id := ts.createUser(fmt.Sprintf("w%03d", i), nil)
				if i%3 == 0 {
					churn = append(churn, id)
				} else {
					stable = append(stable, id)
				}
			}
			var next atomic.Int64
			// take hands out each churn account once, to the goroutine or to
			// the walk's between-pages step.
			take := func() (string, bool) {
				i := int(next.Add(1)) - 1
				if i >= len(churn) {
					return "", false
				}
				// Alternate ends: the first accounts are behind the walk, the
				// last ones ahead of it.
				if i%2 == 0 {
					return churn[i/2], true
				}
				return churn[len(churn)-1-i/2], true
			}
			var created atomic.Int64
			churnOnce := func(t testing.TB) {
				c := ts.with(t)
				if id, ok := take(); ok {
					if r := c.do("DELETE", "/Users/"+id, nil); r.status != http.StatusNoContent {
						t.Errorf("delete: %d %s", r.status, r.raw)
					}
				}
				n := created.Add(1)
				body := map[string]any{"userName": fmt.Sprintf("new%04d", n), "schemas": []string{UserURN}}
				if r := c.do("POST", "/Users", body); r.status != http.StatusCreated {
					t.Errorf("create: %d %s", r.status, r.raw)
				}
			}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
						churnOnce(t)
					}
				}
			}()
			got := ts.walk("/Users", "", 7, func() { churnOnce(t) })
			close(stop)
			wg.Wait()
			seen := map[string]bool{}
			for _, id := range got {
				if seen[id] {
					t.Errorf("account %s came twice", id)
				}
				seen[id] = true
			}
			for _, id := range stable {
				if !seen[id] {
					t.Errorf("account %s, there for the whole walk, was skipped", id)
				}
			}
			t.Logf("walk of %d accounts while %d were created and %d deleted", len(got), created.Load(), min(int(next.Load()), len(churn)))
		})
	}
}
