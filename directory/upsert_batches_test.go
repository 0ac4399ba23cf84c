package directory_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"slices"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func dirUsers(from, n int) []ldapsync.User {
	out := make([]ldapsync.User, n)
	for i := range out {
		k := from + i
		out[i] = ldapsync.User{ExternalID: fmt.Sprintf("uuid-%d", k), DN: fmt.Sprintf("uid=u%d,ou=people", k),
			UserName: fmt.Sprintf("u%d", k), Emails: []string{fmt.Sprintf("u%d@example.org", k)}, Active: true, Hash: "h"}
	}
	return out
}

// TestUpsertBatchesCommitsPerTransaction: several batches share a
// transaction up to txUsers users; done reports each commit; an error in a
// later transaction leaves the committed ones and writes nothing of its own.
func TestUpsertBatchesCommitsPerTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		directory.SetTxUsers(t, 5)
		svc := directory.New(account.New(s, nil, slog.New(slog.DiscardHandler)), nil, directory.AllowList{})
		in := &store.Integration{Name: "corp-batches", Kind: "ldap"}
		if err := s.CreateIntegration(ctx, in); err != nil {
			t.Fatal(err)
		}
		target := svc.Target(in)
		if _, err := target.Snapshot(ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("spool unreadable")
		seq := func(fail bool) iter.Seq2[[]ldapsync.User, error] {
			return func(yield func([]ldapsync.User, error) bool) {
				last := 6 // u6-u8, or new ones before the error
				if fail {
					last = 9
				}
				for _, from := range []int{0, 3, last} {
					if !yield(dirUsers(from, 3), nil) {
						return
					}
				}
				if fail {
					yield(nil, boom)
				}
			}
		}
		var commits []string
		done := func(n int, r ldapsync.UpsertResult) {
			commits = append(commits, fmt.Sprintf("%d:%d/%d", n, r.Created, r.Updated))
		}
		if err := target.UpsertBatches(ctx, in.ID, seq(false), done); err != nil {
			t.Fatal(err)
		}
		if want := []string{"6:6/0", "3:3/0"}; !slices.Equal(commits, want) {
			t.Fatalf("commits %v, want %v", commits, want)
		}
		commits = nil
		// Again: 6 updates commit, then 3 new users and the error share
		// the last transaction, which writes nothing.
		err := target.UpsertBatches(ctx, in.ID, seq(true), done)
		if !errors.Is(err, boom) {
			t.Fatalf("error %v, want %v", err, boom)
		}
		if want := []string{"6:0/6"}; !slices.Equal(commits, want) {
			t.Fatalf("commits %v, want %v", commits, want)
		}
		if _, err := s.AccountByUserName(ctx, "u8"); err != nil {
			t.Fatalf("u8 from the first run: %v", err)
		}
		if _, err := s.AccountByUserName(ctx, "u9"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("u9 of the failed transaction: %v, want not found", err)
		}
	})
}
