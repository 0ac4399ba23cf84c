package scim

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// BenchmarkCursorWalk walks 100,000 users by cursor (count=100, 1,000
// pages) and compares the p50 of the last page with the p50 of the first:
// keyset paging should cost the same at the end as at the start (issue
// target: ratio <= 1.5). Index paging's last page (startIndex=99,901) is
// reported beside it for comparison. Each page also counts totalResults.
func BenchmarkCursorWalk(b *testing.B) {
	const n, count, samples = 100000, 100, 30
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			ts := newTestServer(b, d, func(o *Options) { o.RateLimit = 0 })
			seedAccounts(b, ts, 0, n)
			get := func(path string) resp {
				r := ts.do("GET", path, nil)
				if r.status != http.StatusOK {
					b.Fatalf("%s: %d %s", path, r.status, r.raw)
				}
				return r
			}
			// p50s of paths, sampled in turn so that a change of the
			// machine's load weighs on each alike.
			p50s := func(paths ...string) []time.Duration {
				lat := make([][]time.Duration, len(paths))
				for range samples {
					for i, p := range paths {
						start := time.Now()
						get(p)
						lat[i] = append(lat[i], time.Since(start))
					}
				}
				out := make([]time.Duration, len(paths))
				for i := range lat {
					slices.Sort(lat[i])
					out[i] = lat[i][len(lat[i])/2]
				}
				return out
			}
			b.ResetTimer()
			start := time.Now()
			path := fmt.Sprintf("/Users?count=%d&cursor=", count)
			lastPath, seen := path, 0
			for {
				r := get(lastPath)
				seen += len(r.body["Resources"].([]any))
				next := r.str("nextCursor")
				if next == "" {
					break
				}
				lastPath = path + next
			}
			walk := time.Since(start)
			b.StopTimer()
			if seen != n {
				b.Fatalf("walk saw %d users, want %d", seen, n)
			}
			ps := p50s(path, lastPath, fmt.Sprintf("/Users?count=%d&startIndex=%d", count, n-count+1))
			first, last, index := ps[0], ps[1], ps[2]
			b.ReportMetric(walk.Seconds(), "walk_s")
			b.ReportMetric(float64(first.Microseconds())/1000, "first_page_ms")
			b.ReportMetric(float64(last.Microseconds())/1000, "last_page_ms")
			b.ReportMetric(float64(last)/float64(first), "last/first")
			b.ReportMetric(float64(index.Microseconds())/1000, "index_last_page_ms")
		})
	}
}
