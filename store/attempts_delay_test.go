package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Failures beyond the free ones make a key wait longer and longer, never
// more than Max: no lockout a stranger can extend. A refused attempt counts
// nothing; a success clears the key; a forgiven attempt lifts its wait.
func TestReserveAttemptDelaysProgressively(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := store.DelayPolicy{Free: 2, Base: time.Second, Max: 4 * time.Second, Window: time.Hour}
		now := time.Now().UTC()
		reserve := func(key string) time.Duration {
			t.Helper()
			wait, err := s.ReserveAttempt(ctx, key, p, now)
			if err != nil {
				t.Fatal(err)
			}
			return wait
		}
		// Failures 1 and 2 are free; the 3rd makes the next wait 1s, the
		// 4th 2s, then 4s, and 4s again (Max).
		for i := range 3 {
			if w := reserve("acct:a"); w != 0 {
				t.Fatalf("free attempt %d waits %s", i+1, w)
			}
		}
		for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second} {
			if w := reserve("acct:a"); w != want {
				t.Fatalf("after failure %d: waits %s, want %s", i+3, w, want)
			}
			if w := reserve("acct:a"); w != want {
				t.Fatalf("a refused attempt extended the wait: %s", w)
			}
			now = now.Add(want)
			if w := reserve("acct:a"); w != 0 {
				t.Fatalf("after failure %d, once the wait is over: waits %s", i+3, w)
			}
		}
		if w := reserve("acct:other"); w != 0 {
			t.Fatal("another key is delayed")
		}
		// Forgiving the last reservation lifts its wait; clearing forgets all.
		if err := s.ForgiveReservedAttempt(ctx, "acct:a"); err != nil {
			t.Fatal(err)
		}
		if w := reserve("acct:a"); w != 0 {
			t.Fatalf("after forgiving: waits %s", w)
		}
		if err := s.ClearAttempts(ctx, "acct:a"); err != nil {
			t.Fatal(err)
		}
		for i := range p.Free + 1 {
			if w := reserve("acct:a"); w != 0 {
				t.Fatalf("after clearing, attempt %d waits %s", i+1, w)
			}
		}
		// A window later, failures count from one again.
		now = now.Add(2 * time.Hour)
		for i := range p.Free + 1 {
			if w := reserve("acct:other"); w != 0 {
				t.Fatalf("new window, attempt %d waits %s", i+1, w)
			}
		}
	})
}
