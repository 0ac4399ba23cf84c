package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestExportAudit: an export walks every selected event once, oldest first,
// across pages; the integration filter keeps what it did and what was done
// to it; an IdP's request id given to the context lands in the details.
func TestExportAudit(t *testing.T) {
	eachWithIntegration(t, "okta", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		entries := make([]store.AuditEntry, 2500)
		for i := range entries {
			entries[i] = store.AuditEntry{Action: "account.created", TargetType: "account", TargetID: fmt.Sprint(i)}
		}
		if err := s.AuditMany(ctx, "integration:okta", entries); err != nil {
			t.Fatal(err)
		}
		if err := s.Audit(ctx, "admin:ada", "integration.updated", "integration", in.ID, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.Audit(ctx, "admin:ada", "admin.created", "admin", "x", nil); err != nil {
			t.Fatal(err)
		}
		rid := store.WithSourceRequestID(ctx, "7f1c0a7e-entra-request")
		if err := s.Audit(rid, "integration:okta", "account.deleted", "account", "9", map[string]any{"userName": "x"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Audit(store.WithSourceRequestID(ctx, "bad\nid"), "integration:okta", "account.updated", "account", "8", nil); err != nil {
			t.Fatal(err)
		}
		count := func(f store.AuditExport) (n int, last *store.AuditEvent) {
			t.Helper()
			prev := int64(0)
			err := s.ExportAudit(ctx, f, func(e *store.AuditEvent) error {
				if e.ID <= prev {
					t.Fatalf("event %d after %d", e.ID, prev)
				}
				prev, n = e.ID, n+1
				c := *e
				last = &c
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return n, last
		}
		if n, _ := count(store.AuditExport{}); n != 2504 {
			t.Fatalf("all: %d events", n)
		}
		if n, _ := count(store.AuditExport{Integration: in}); n != 2503 {
			t.Fatalf("integration okta: %d events, want its 2,502 and the one done to it", n)
		}
		n, last := count(store.AuditExport{AuditFilter: store.AuditFilter{Action: "account.deleted"}})
		var d map[string]any
		if n != 1 || json.Unmarshal([]byte(last.Details), &d) != nil || d["idpRequestId"] != "7f1c0a7e-entra-request" || d["userName"] != "x" {
			t.Fatalf("account.deleted: %d, details %s", n, last.Details)
		}
		if _, last = count(store.AuditExport{AuditFilter: store.AuditFilter{Action: "account.updated"}}); last.Details != "{}" {
			t.Fatalf("a request id with a newline was kept: %s", last.Details)
		}
		if n, _ := count(store.AuditExport{AuditFilter: store.AuditFilter{Since: time.Now().Add(time.Hour)}}); n != 0 {
			t.Fatalf("since the future: %d events", n)
		}
	})
}

// BenchmarkExportAudit100k exports 100,000 events and reports the live heap
// at its largest during the walk (peak-heap-MiB, sampled every 1,000 events
// after a collection): it stays that of one page, not of the whole log.
func BenchmarkExportAudit100k(b *testing.B) {
	s := storetest.Open(b, store.SQLite)
	ctx := context.Background()
	entries := make([]store.AuditEntry, 1000)
	for i := range entries {
		entries[i] = store.AuditEntry{Action: "account.created", TargetType: "account", TargetID: fmt.Sprint(i),
			Details: map[string]any{"userName": fmt.Sprintf("user%d@example.com", i)}}
	}
	for range 100 {
		if err := s.AuditMany(ctx, "integration:okta", entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		n := 0
		err := s.ExportAudit(ctx, store.AuditExport{}, func(*store.AuditEvent) error {
			if n++; n%1000 == 0 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
			return nil
		})
		if err != nil || n != 100000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
