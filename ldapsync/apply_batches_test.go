package ldapsync

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
)

// batchTarget is a fakeTarget that also takes batches several per
// "transaction", as the SQLite Target does.
type batchTarget struct {
	*fakeTarget
	perTx   int   // batches per transaction
	failTx  int   // the transaction (from 1) that fails, 0 for none
	commits []int // users per committed transaction
}

func (b *batchTarget) UpsertBatches(ctx context.Context, id string, batches iter.Seq2[[]User, error],
	done func(int, UpsertResult)) error {
	var res UpsertResult
	users, n := 0, 0
	commit := func() error {
		if len(b.commits)+1 == b.failTx {
			return errors.New("commit refused")
		}
		b.commits = append(b.commits, users)
		done(users, res)
		res, users, n = UpsertResult{}, 0, 0
		return nil
	}
	for batch, err := range batches {
		if err != nil {
			return err
		}
		r, err := b.Upsert(ctx, id, batch)
		if err != nil {
			return err
		}
		res.Created += r.Created
		res.Updated += r.Updated
		users += len(batch)
		if n++; n == b.perTx {
			if err := commit(); err != nil {
				return err
			}
		}
	}
	if users > 0 {
		return commit()
	}
	return nil
}

func spooled(n int) *plan {
	p := &plan{}
	for i := range n {
		p.upserts.add(&User{ExternalID: fmt.Sprint("u", i), UserName: fmt.Sprint("user", i), Active: true})
	}
	return p
}

// TestUpsertBatches: a BatchUpserter gets every planned user in batches,
// the summary and the progress follow its commits, and a failing
// transaction stops the run with its error.
func TestUpsertBatches(t *testing.T) {
	n := 2*batchSize*2 + 5 // two full transactions of two batches, and a last one of 5 users
	bt := &batchTarget{fakeTarget: newFakeTarget(), perTx: 2}
	var ticks []int
	o := &RunOptions{Target: bt, IntegrationID: "in"}
	var s Summary
	p := spooled(n)
	defer p.upserts.close()
	if err := upsertAll(context.Background(), o, p, &s, func(k int) { ticks = append(ticks, k) }); err != nil {
		t.Fatal(err)
	}
	if s.Created != n || len(bt.users) != n {
		t.Fatalf("created %d, target holds %d, want %d", s.Created, len(bt.users), n)
	}
	if want := []int{2 * batchSize, 2 * batchSize, 5}; !slices.Equal(bt.commits, want) || !slices.Equal(ticks, want) {
		t.Fatalf("commits %v, progress %v, want %v", bt.commits, ticks, want)
	}

	bt = &batchTarget{fakeTarget: newFakeTarget(), perTx: 2, failTx: 2}
	o.Target, s = bt, Summary{}
	p2 := spooled(n)
	defer p2.upserts.close()
	err := upsertAll(context.Background(), o, p2, &s, func(int) {})
	if err == nil || s.Created != 2*batchSize {
		t.Fatalf("failing transaction: %v, created %d, want an error after %d", err, s.Created, 2*batchSize)
	}
}

// TestReadAhead: items arrive in order, an error ends the sequence, and
// stop ends the producer even when the consumer left early.
func TestReadAhead(t *testing.T) {
	finished := make(chan struct{})
	seq := func(yield func(int, error) bool) {
		defer close(finished)
		for i := range 100 {
			if !yield(i, nil) {
				return
			}
		}
	}
	next, stop := readAhead(iter.Seq2[int, error](seq))
	var got []int
	for v, err := range next {
		if err != nil {
			t.Fatal(err)
		}
		if got = append(got, v); len(got) == 3 {
			break
		}
	}
	stop()
	select {
	case <-finished:
	default:
		t.Fatal("producer still running after stop")
	}
	if !slices.Equal(got, []int{0, 1, 2}) {
		t.Fatalf("got %v", got)
	}
	stop() // twice is harmless

	boom := errors.New("boom")
	next, stop = readAhead(iter.Seq2[int, error](func(yield func(int, error) bool) {
		if yield(1, nil) {
			yield(0, boom)
		}
	}))
	defer stop()
	var errs []error
	for _, err := range next {
		errs = append(errs, err)
	}
	if len(errs) != 2 || errs[0] != nil || !errors.Is(errs[1], boom) {
		t.Fatalf("errors %v", errs)
	}
}

// TestReadAheadPanic: a panic while reading ahead fails the run as an error
// instead of ending the process.
func TestReadAheadPanic(t *testing.T) {
	next, stop := readAhead(iter.Seq2[int, error](func(yield func(int, error) bool) {
		if yield(1, nil) {
			panic("corrupt spool")
		}
	}))
	defer stop()
	var errs []error
	for _, err := range next {
		errs = append(errs, err)
	}
	if len(errs) != 2 || errs[0] != nil || errs[1] == nil || !strings.Contains(errs[1].Error(), "corrupt spool") {
		t.Fatalf("errors %v", errs)
	}
}
