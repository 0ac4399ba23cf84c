package scim

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestConcurrentCreates drives group commit: concurrent creates, half of
// them duplicates, each get their own 201 or 409 and leave no partial rows.
func TestConcurrentCreates(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			const n = 40
			var mu sync.Mutex
			codes := map[int]int{}
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body := fmt.Sprintf(`{"userName":"dup%d","emails":[{"value":"u%d@example.com"}]}`, i/2, i)
					r := ts.do("POST", "/Users", body)
					mu.Lock()
					codes[r.status]++
					mu.Unlock()
				}()
			}
			wg.Wait()
			if codes[http.StatusCreated] != n/2 || codes[http.StatusConflict] != n/2 {
				t.Fatalf("statuses %v, want %d of 201 and of 409", codes, n/2)
			}
			_, total, err := ts.store.ListAccounts(context.Background(), store.AccountQuery{IntegrationID: ts.in.ID})
			if err != nil || total != n/2 {
				t.Fatalf("%d accounts (%v), want %d", total, err, n/2)
			}
			_, events, _ := ts.store.AuditEvents(context.Background(), store.AuditFilter{Action: "account.created"})
			if events != n/2 {
				t.Fatalf("%d account.created events, want %d", events, n/2)
			}
		})
	}
}
