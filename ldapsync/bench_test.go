package ldapsync

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// BenchmarkFullSync100k measures, against gen-ldif.py's 100,000-user
// directory at PROVISIOND_BENCH_LDAP_URL: a raw streaming read of the users,
// a full sync (users and groups) into the in-memory target in the same run,
// the peak Go heap during the sync, and an incremental run after 100
// changes. Run with -benchtime=1x; it is a measurement, never an assertion.
func BenchmarkFullSync100k(b *testing.B) {
	ldaptest.BenchURL(b)
	cfg := testConfig(b, suffix)
	cfg.ApplyDefaults()
	quiet := slog.New(slog.DiscardHandler)
	ctx := context.Background()
	for b.Loop() {
		raw := rawRead(b, cfg)

		tg := newFakeTarget()
		stop := watchHeap()
		start := time.Now()
		s, err := Run(ctx, RunOptions{IntegrationID: "bench", Config: cfg, Target: tg, Full: true, Force: true, Logger: quiet})
		took := time.Since(start)
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}

		admin := ldaptest.Dial(b, adminDN, adminPW)
		if err := ldaptest.ChangePhones(admin, "ou=people,"+suffix, 100); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		inc, err := Run(ctx, RunOptions{IntegrationID: "bench", Config: cfg, Target: tg, Cookie: tg.cookie, Logger: quiet})
		incTook := time.Since(start)
		if err != nil || inc.Updated != 100 {
			b.Fatalf("incremental after 100 changes: %+v, %v", inc, err)
		}
		b.ReportMetric(float64(s.Read)/took.Seconds(), "users/s")
		b.ReportMetric(raw.Seconds(), "raw_read_s")
		b.ReportMetric(took.Seconds(), "full_sync_s")
		b.ReportMetric(took.Seconds()/raw.Seconds(), "x_raw")
		b.ReportMetric(float64(peak)/(1<<20), "peak_heap_MB")
		b.ReportMetric(float64(incTook.Milliseconds()), "incr_ms")
		b.Logf("%s | raw read %s | %s | peak heap %d MB, peak RSS %s", s, raw.Round(time.Millisecond), inc,
			peak>>20, peakRSS())
	}
}

// rawRead is the floor: the same paged search, entries counted and dropped.
func rawRead(b *testing.B, cfg Config) time.Duration {
	b.Helper()
	conn, err := Dial(context.Background(), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	r := &reader{conn: conn, log: slog.Default()}
	n, start := 0, time.Now()
	err = r.stream(context.Background(), searchRequest(cfg.Users.BaseDN, cfg.Users.Filter, newMapping(&cfg).request),
		func(*ldap.Entry) error { n++; return nil })
	if err != nil || n == 0 {
		b.Fatalf("raw read: %d entries, %v", n, err)
	}
	return time.Since(start)
}

// watchHeap samples HeapInuse until the returned func is called.
func watchHeap() func() uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return peak.Load() }
}

// peakRSS is the process high-water mark (the whole test binary).
func peakRSS() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "n/a"
}
