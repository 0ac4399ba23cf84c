package directory_test

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// BenchmarkLDAPSync100k measures the whole product path (ldapsync ->
// account.Service -> store) against gen-ldif.py's 100,000-user directory at
// PROVISIOND_BENCH_LDAP_URL, on SQLite and (when configured) PostgreSQL: a
// raw paged read of the users, a full sync into an empty database in the same
// run, the process's peak RSS during it (VmHWM, reset before), then an
// incremental run after 100 changes. Run with -run '^$' -bench LDAPSync100k
// -benchtime=1x; it measures, it asserts nothing about time.
func BenchmarkLDAPSync100k(b *testing.B) {
	ldaptest.BenchURL(b)
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			for b.Loop() {
				benchOnce(b, d)
			}
		})
	}
}

func benchOnce(b *testing.B, d store.Dialect) {
	ctx := context.Background()
	s := storetest.Open(b, d)
	svc := directory.New(account.New(s, nil, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))), nil, directory.AllowList{})
	in := ldapIntegration(b, s, suffix, 10, false)
	raw := rawRead(b)
	runtime.GC()
	resetPeakRSS()
	start := time.Now()
	heap := heapProfileAtApply(b, string(d))
	var firstApply, usersDone, lastApply time.Time
	_, full, err := svc.Sync(ctx, directory.RunOptions{Integration: in, Full: true, Trigger: "bench",
		Progress: func(p ldapsync.Progress) {
			heap(p)
			if p.Phase == "apply" {
				if firstApply.IsZero() {
					firstApply = time.Now()
				}
				if p.Applied <= 100_000 {
					usersDone = time.Now()
				}
				lastApply = time.Now()
			}
		}})
	took := time.Since(start)
	b.Logf("%s: plan read until the first users commit %s, users written %s, groups %s", d,
		firstApply.Sub(start).Round(time.Millisecond), usersDone.Sub(firstApply).Round(time.Millisecond),
		lastApply.Sub(usersDone).Round(time.Millisecond))
	peak := peakRSS()
	if err != nil {
		b.Fatal(err)
	}
	if err := ldaptest.ChangePhones(ldapAdmin(b), "ou=people,"+suffix, 100); err != nil {
		b.Fatal(err)
	}
	start = time.Now()
	_, inc, err := svc.Sync(ctx, directory.RunOptions{Integration: in, Trigger: "bench"})
	incTook := time.Since(start)
	if err != nil || inc.Updated != 100 {
		b.Fatalf("incremental after 100 changes: %+v, %v", inc, err)
	}
	start = time.Now()
	known, err := svc.Target(in).Snapshot(ctx, in.ID)
	snapTook := time.Since(start)
	start = time.Now()
	_, err2 := s.LinkLDAPManagers(ctx, in.ID)
	linkTook := time.Since(start)
	if err != nil || err2 != nil || len(known) != full.Created {
		b.Fatalf("snapshot %d: %v %v", len(known), err, err2)
	}
	b.Logf("%s: of the incremental run, snapshot of %d accounts %s, full manager relink %s", d, len(known),
		snapTook.Round(time.Millisecond), linkTook.Round(time.Millisecond))
	b.ReportMetric(float64(full.Read)/took.Seconds(), "users/s")
	b.ReportMetric(raw.Seconds(), "raw_read_s")
	b.ReportMetric(took.Seconds(), "full_sync_s")
	b.ReportMetric(took.Seconds()/raw.Seconds(), "x_raw")
	b.ReportMetric(float64(peak)/1024, "peak_rss_MB")
	b.ReportMetric(float64(incTook.Milliseconds()), "incr_ms")
	b.Logf("%s: raw read %s | %s | peak RSS %d MB | %s", d, raw.Round(time.Millisecond), full, peak/1024, inc)
}

// heapProfileAtApply writes a heap profile to
// $PROVISIOND_BENCH_HEAP_PROFILE.DIALECT when the plan is complete and the
// writes start: where the peak memory is.
func heapProfileAtApply(b *testing.B, d string) func(ldapsync.Progress) {
	path := os.Getenv("PROVISIOND_BENCH_HEAP_PROFILE")
	done := path == ""
	return func(p ldapsync.Progress) {
		if done || p.Phase != "apply" {
			return
		}
		done = true
		runtime.GC()
		f, err := os.Create(path + "." + d)
		if err != nil {
			b.Error(err)
			return
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			b.Error(err)
		}
	}
}

// rawRead is the floor: a paged search of every user, entries dropped.
func rawRead(b *testing.B) time.Duration {
	b.Helper()
	c, err := ldap.DialURL(ldaptest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if err := c.Bind(syncDN, "syncpw"); err != nil {
		b.Fatal(err)
	}
	start, n := time.Now(), 0
	paging := ldap.NewControlPaging(1000)
	for {
		req := ldap.NewSearchRequest("ou=people,"+suffix, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
			"(objectClass=inetOrgPerson)", []string{"uid", "mail", "givenName", "sn", "displayName", "cn", "entryUUID",
				"telephoneNumber", "employeeNumber", "departmentNumber", "manager", "preferredLanguage"}, []ldap.Control{paging})
		res, err := c.Search(req)
		if err != nil {
			b.Fatal(err)
		}
		n += len(res.Entries)
		p, _ := ldap.FindControl(res.Controls, ldap.ControlTypePaging).(*ldap.ControlPaging)
		if p == nil || len(p.Cookie) == 0 {
			break
		}
		paging.SetCookie(p.Cookie)
	}
	if n < 1000 {
		b.Fatalf("raw read found %d users", n)
	}
	return time.Since(start)
}

// resetPeakRSS resets VmHWM (Linux: writing 5 to clear_refs).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0o200) }

// peakRSS returns VmHWM in kB.
func peakRSS() int64 {
	data, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
