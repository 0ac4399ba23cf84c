package scim

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// batchCall is one batch handed to a fake writer, held at each phase
// until the test lets it go on.
type batchCall struct {
	n          int
	stmtsDone  chan struct{} // closed by the test: the statements have run
	commitDone chan struct{} // closed by the test: the commit returned
}

// fakeBatcher is a createBatcher whose writer reports each batch on
// entered and waits for the test at each phase.
func fakeBatcher(dialect store.Dialect) (*createBatcher, chan *batchCall) {
	b := newCreateBatcher(&account.Service{}, dialect)
	entered := make(chan *batchCall)
	b.writeMany = func(_ context.Context, creates []*account.NewAccount, committing func()) {
		c := &batchCall{n: len(creates), stmtsDone: make(chan struct{}), commitDone: make(chan struct{})}
		entered <- c
		<-c.stmtsDone
		for _, n := range creates {
			n.Out = n.Account
		}
		committing()
		<-c.commitDone
	}
	return b, entered
}

// queued waits until n creates wait in b's queue.
func queued(t *testing.T, b *createBatcher, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		b.mu.Lock()
		got := len(b.queue)
		b.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d creates queued, want %d", got, n)
		}
	}
}

// nextBatch waits for the next batch to enter the writer.
func nextBatch(t *testing.T, entered chan *batchCall, when string) *batchCall {
	t.Helper()
	select {
	case c := <-entered:
		return c
	case <-time.After(10 * time.Second):
		t.Fatalf("no batch began %s", when)
		return nil
	}
}

// idle waits until b's leaders are gone, and checks that they gave the
// statement phase back.
func idle(t *testing.T, b *createBatcher) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		b.mu.Lock()
		leaders, held := b.leaders, len(b.stmts)
		b.mu.Unlock()
		if leaders == 0 && held == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d leaders left, statement phase held %d: want none once the queue is empty", leaders, held)
		}
	}
}

// noBatch fails if a batch enters the writer within a short while.
func noBatch(t *testing.T, entered chan *batchCall, why string) {
	t.Helper()
	select {
	case c := <-entered:
		t.Fatalf("a batch of %d began %s", c.n, why)
	case <-time.After(100 * time.Millisecond):
	}
}

// TestCreatePipeline checks the statement phase of group commit: one
// batch at a time runs its statements, the creates that arrive meanwhile
// form the next batch whole, and on PostgreSQL (only) that batch begins
// while the one before commits. Every create learns its outcome.
func TestCreatePipeline(t *testing.T) {
	for _, d := range []store.Dialect{store.Postgres, store.SQLite} {
		t.Run(string(d), func(t *testing.T) {
			b, entered := fakeBatcher(d)
			results := make(chan error, 6)
			create := func(i int) {
				a := &store.Account{UserName: "user" + strings.Repeat("x", i)}
				out, err := b.create(context.Background(), account.Actor{}, nil, a)
				if err == nil && out != a {
					err = fmt.Errorf("answered with %+v, not the create's own account", out)
				}
				results <- err
			}
			go create(0)
			first := nextBatch(t, entered, "for the first create")
			for i := 1; i <= 5; i++ {
				go create(i)
			}
			queued(t, b, 5)
			noBatch(t, entered, "while the batch before ran its statements")
			close(first.stmtsDone)
			var second *batchCall
			if d == store.Postgres {
				second = nextBatch(t, entered, "while the batch before committed (PostgreSQL)")
				close(first.commitDone)
			} else {
				noBatch(t, entered, "before the batch before committed (SQLite)")
				close(first.commitDone)
				second = nextBatch(t, entered, "after the batch before committed")
			}
			if first.n != 1 || second.n != 5 {
				t.Fatalf("batches of %d and %d, want 1 and 5", first.n, second.n)
			}
			close(second.stmtsDone)
			close(second.commitDone)
			for range 6 {
				if err := <-results; err != nil {
					t.Fatalf("create: %v", err)
				}
			}
			idle(t, b)
		})
	}
}

// TestCreatePipelinePanic: a writer that panics answers its batch with an
// error and gives the statement phase back, so later creates still go.
func TestCreatePipelinePanic(t *testing.T) {
	b := newCreateBatcher(&account.Service{}, store.Postgres)
	calls := 0
	b.writeMany = func(_ context.Context, creates []*account.NewAccount, _ func()) {
		calls++
		if calls == 1 {
			panic("boom")
		}
		for _, n := range creates {
			n.Out = n.Account
		}
	}
	// create fails the test instead of hanging when no leader answers
	// (the statement phase was never given back).
	create := func(a *store.Account) (*store.Account, error) {
		type result struct {
			out *store.Account
			err error
		}
		got := make(chan result, 1)
		go func() {
			out, err := b.create(context.Background(), account.Actor{}, nil, a)
			got <- result{out, err}
		}()
		select {
		case r := <-got:
			return r.out, r.err
		case <-time.After(10 * time.Second):
			t.Fatalf("create %s was never answered", a.UserName)
			return nil, nil
		}
	}
	if _, err := create(&store.Account{UserName: "a"}); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("create in a panicking batch: %v, want a panic error", err)
	}
	a := &store.Account{UserName: "b"}
	if out, err := create(a); err != nil || out != a {
		t.Fatalf("create after the panic: %v, %v", out, err)
	}
}
