package directory

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestLDAPTargetConcurrentUpserts: batches written side by side (as apply
// does on PostgreSQL) behave as one after the other: every new user is
// created once, and a userName two entries of different batches share goes
// to one of them, the other entry being skipped rather than failing its
// batch.
func TestLDAPTargetConcurrentUpserts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		in := &store.Integration{Name: "corp", Kind: "ldap"}
		tg := newTarget(t, st, in)
		if _, err := tg.Snapshot(ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		const batches, per = 4, 50
		var wg sync.WaitGroup
		errs := make(chan error, batches)
		created := make(chan int, batches)
		for b := range batches {
			users := make([]ldapsync.User, per)
			for i := range users {
				name := fmt.Sprintf("u%d-%d", b, i)
				if i == 0 {
					name = "shared" // in every batch, under another key
				}
				users[i] = ldapsync.User{ExternalID: fmt.Sprintf("e%d-%d", b, i), DN: "uid=" + name + ",dc=x",
					UserName: name, Active: true, Hash: "h"}
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := tg.Upsert(ctx, in.ID, users)
				errs <- err
				created <- res.Created
			}()
		}
		wg.Wait()
		close(errs)
		close(created)
		total := 0
		for err := range errs {
			if err != nil {
				t.Fatalf("a concurrent batch failed: %v", err)
			}
		}
		for n := range created {
			total += n
		}
		_, accounts, err := st.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID})
		if err != nil || total != batches*(per-1)+1 || accounts != int64(total) {
			t.Fatalf("created %d, %d accounts (%v); want %d", total, accounts, err, batches*(per-1)+1)
		}
		if n := len(tg.ids); n != total {
			t.Fatalf("target knows %d ids, want %d", n, total)
		}
	})
}
