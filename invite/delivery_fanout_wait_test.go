package invite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
)

// TestFanoutWaitsForRoom: a fan-out goes ahead at once under the limit,
// waits while the delivery backlog is at the limit and goes once it falls,
// gives up waiting after its longest wait, goes ahead when the backlog
// cannot be read, and stops with its context.
func TestFanoutWaitsForRoom(t *testing.T) {
	ctx := t.Context()
	counts := func(ns ...int) (func(context.Context) (int, error), *int) {
		calls := 0
		return func(context.Context) (int, error) {
			n := ns[min(calls, len(ns)-1)]
			calls++
			return n, nil
		}, &calls
	}
	poll, wait := time.Millisecond, time.Second

	under, calls := counts(1999)
	if err := invite.WaitForRoom(ctx, under, 2000, poll, wait); err != nil || *calls != 1 {
		t.Fatalf("under the limit: err %v after %d checks, want at once", err, *calls)
	}
	falls, calls := counts(5000, 2000, 2000, 10)
	if err := invite.WaitForRoom(ctx, falls, 2000, poll, wait); err != nil || *calls != 4 {
		t.Fatalf("falling backlog: err %v after %d checks, want 4", err, *calls)
	}
	stuck, calls := counts(5000)
	start := time.Now()
	if err := invite.WaitForRoom(ctx, stuck, 2000, poll, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 50*time.Millisecond || *calls < 2 {
		t.Fatalf("stuck backlog: went ahead after %v and %d checks, want after the 50 ms wait", took, *calls)
	}
	broken := func(context.Context) (int, error) { return 0, errors.New("database gone") }
	if err := invite.WaitForRoom(ctx, broken, 2000, poll, wait); err != nil {
		t.Fatalf("unreadable backlog: %v, want to go ahead", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if err := invite.WaitForRoom(cctx, stuck, 2000, poll, time.Minute); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: %v, want context.Canceled", err)
	}
}
