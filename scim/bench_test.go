package scim

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Run: go test -run '^$' -bench . -benchtime=1x ./scim/
// (with PROVISIOND_TEST_POSTGRES_URL set for the PostgreSQL half). The
// figures are reported as metrics, never asserted.

const benchClients = 16

// BenchmarkCreateUsers compares POST /Users at 16 concurrent clients with
// a raw baseline: single-row insert transactions through the same pool.
func BenchmarkCreateUsers(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			ts := newTestServer(b, d, func(o *Options) { o.RateLimit = 0 })
			n := max(b.N, 2000)
			raw, err := storetest.RawInsertRate(context.Background(), ts.store, ts.in.ID, "raw", n, benchClients)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			scim, err := storetest.Concurrently(n, benchClients, func(i int) error {
				r := ts.do("POST", "/Users", fmt.Sprintf(`{"userName":"bench%d","name":{"givenName":"B","familyName":"M"},"emails":[{"value":"bench%d@example.com","primary":true}]}`, i, i))
				if r.status != http.StatusCreated {
					return fmt.Errorf("status %d: %s", r.status, r.raw)
				}
				return nil
			})
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(scim, "creates/s")
			b.ReportMetric(raw, "raw_inserts/s")
			b.ReportMetric(scim/raw, "create/raw")
		})
	}
}

// ph returns the i-th (1-based) placeholder of the store's dialect.
func ph(d store.Dialect, i int) string {
	if d == store.Postgres {
		return "$" + strconv.Itoa(i)
	}
	return "?"
}

// seedAccounts bulk-inserts accounts user<from>..user<to-1> of the test integration.
func seedAccounts(b *testing.B, ts *testServer, from, to int) {
	const batch = 500
	d := ts.store.Dialect()
	for lo := from; lo < to; lo += batch {
		hi := min(lo+batch, to)
		var sb strings.Builder
		var args []any
		sb.WriteString("INSERT INTO accounts (id, integration_id, user_name, created_at, updated_at) VALUES ")
		now := store.Now()
		for i := lo; i < hi; i++ {
			if i > lo {
				sb.WriteString(",")
			}
			k := len(args)
			fmt.Fprintf(&sb, "(%s,%s,%s,%s,%s)", ph(d, k+1), ph(d, k+2), ph(d, k+3), ph(d, k+4), ph(d, k+5))
			args = append(args, store.NewID(), ts.in.ID, "user"+strconv.Itoa(i)+"@example.com", now, now)
		}
		if _, err := ts.store.DB().Exec(sb.String(), args...); err != nil {
			b.Fatal(err)
		}
	}
	if d == store.Postgres {
		ts.store.DB().Exec("ANALYZE accounts")
	}
}

// BenchmarkUserNameFilter measures the p50 of GET /Users?filter=userName eq
// at 1k and at 100k accounts; the ratio should stay near 1 (index lookup).
func BenchmarkUserNameFilter(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			ts := newTestServer(b, d, func(o *Options) { o.RateLimit = 0 })
			samples := max(b.N, 500)
			seedAccounts(b, ts, 0, 1000)
			p1k := filterP50(b, ts, 1000, samples)
			seedAccounts(b, ts, 1000, 100000)
			p100k := filterP50(b, ts, 100000, samples)
			b.ReportMetric(float64(p1k.Microseconds())/1000, "p50_1k_ms")
			b.ReportMetric(float64(p100k.Microseconds())/1000, "p50_100k_ms")
			b.ReportMetric(float64(p100k)/float64(p1k), "p50_100k/1k")
		})
	}
}

func filterP50(b *testing.B, ts *testServer, n, samples int) time.Duration {
	lat := make([]time.Duration, 0, samples)
	for i := range samples {
		f := url.QueryEscape(fmt.Sprintf(`userName eq "USER%d@example.com"`, (i*7919)%n))
		start := time.Now()
		r := ts.do("GET", "/Users?filter="+f, nil)
		lat = append(lat, time.Since(start))
		if r.status != http.StatusOK || r.body["totalResults"] != 1.0 {
			b.Fatalf("filter: %d %s", r.status, r.raw)
		}
	}
	slices.Sort(lat)
	return lat[len(lat)/2]
}
