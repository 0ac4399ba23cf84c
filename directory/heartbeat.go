package directory

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// heartbeat writes a running sync's progress to its sync_runs row at most
// once per progressFlush, and renews the run's lease every leaseRenew, from
// its own goroutine: the sync never waits on these writes.
type heartbeat struct {
	mu      sync.Mutex
	last    ldapsync.Progress
	changed bool
	done    chan struct{}
	wg      sync.WaitGroup
}

func (s *Service) startHeartbeat(ctx context.Context, run *store.SyncRun, owner string) *heartbeat {
	h := &heartbeat{done: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		flush := time.NewTicker(progressFlush)
		defer flush.Stop()
		renewed := time.Now()
		for {
			select {
			case <-h.done:
				return
			case <-flush.C:
			}
			if p, ok := h.take(); ok {
				r := *run
				r.ReadCount, r.Message = p.Read, progressMessage(p)
				if err := s.Accounts.Store.UpdateSyncRun(ctx, &r); err != nil {
					s.Accounts.Log.Warn("ldap sync: progress", "run", run.ID, "err", err)
				}
			}
			if time.Since(renewed) >= leaseRenew {
				renewed = time.Now()
				if _, err := s.Accounts.Store.AcquireLDAPLease(ctx, run.IntegrationID, owner, time.Now().Add(leaseTTL)); err != nil {
					s.Accounts.Log.Warn("ldap sync: renew lease", "run", run.ID, "err", err)
				}
			}
		}
	}()
	return h
}

func (h *heartbeat) set(p ldapsync.Progress) {
	h.mu.Lock()
	h.last, h.changed = p, true
	h.mu.Unlock()
}

func (h *heartbeat) take() (ldapsync.Progress, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ok := h.changed
	h.changed = false
	return h.last, ok
}

func (h *heartbeat) stop() {
	close(h.done)
	h.wg.Wait()
}

// progressMessage is the live message of a running sync.
func progressMessage(p ldapsync.Progress) string {
	switch p.Phase {
	case "apply":
		return fmt.Sprintf("applying: %d of %d changes", p.Applied, p.Total)
	case "done":
		return "finishing"
	}
	return fmt.Sprintf("reading: %d entries", p.Read)
}
