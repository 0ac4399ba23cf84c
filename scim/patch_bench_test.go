package scim

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// patch1000 is a PATCH of 1,000 operations of the shapes IdPs send: simple
// and sub-attribute replaces, adds and filtered removes on a multi-valued
// attribute, filtered replaces, no-path objects with dotted and URN keys.
func patch1000() string {
	ops := make([]string, 1000)
	for i := range ops {
		switch i % 5 {
		case 0:
			ops[i] = fmt.Sprintf(`{"op":"replace","path":"title","value":"t%d"}`, i)
		case 1:
			ops[i] = fmt.Sprintf(`{"op":"add","path":"phoneNumbers","value":[{"value":"+1 %d","type":"work"}]}`, i)
		case 2:
			ops[i] = fmt.Sprintf(`{"op":"remove","path":"phoneNumbers[value eq \"+1 %d\"]"}`, i-1)
		case 3:
			ops[i] = fmt.Sprintf(`{"op":"replace","path":"emails[type eq \"work\"].value","value":"w%d@example.com"}`, i)
		case 4:
			ops[i] = fmt.Sprintf(`{"op":"replace","value":{"name.givenName":"g%d","%s:department":"d%d"}}`, i, EnterpriseURN, i)
		}
	}
	return `{"schemas":["` + patchURN + `"],"Operations":[` + strings.Join(ops, ",") + `]}`
}

// BenchmarkPatchUser1000Ops measures a 1,000-operation PATCH and what it
// costs others: the p50 of one-operation PATCHes that another integration
// sends to its own users, alone and while 1,000-operation PATCHes run
// back to back. The operations are applied outside the write transaction,
// so the second should stay near the first. Run:
//
//	PROVISIOND_TEST_POSTGRES_URL=... go test ./scim -run '^$' -bench BenchmarkPatchUser1000Ops -benchtime 1x
func BenchmarkPatchUser1000Ops(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			ts := newTestServer(b, d, func(o *Options) { o.RateLimit = 0 })
			big, body := ts.createUser("big", nil), patch1000()
			_, other := ts.addIntegration("other")
			var small []string
			for i := range 20 {
				small = append(small, ts.doAs(other, "POST", "/Users", fmt.Sprintf(`{"userName":"small%d"}`, i)).
					mustStatus(b, http.StatusCreated).str("id"))
			}
			smallP50 := func(n int) time.Duration {
				lat := make([]time.Duration, n)
				for i := range lat {
					start := time.Now()
					ts.doAs(other, "PATCH", "/Users/"+small[i%len(small)],
						fmt.Sprintf(`{"Operations":[{"op":"replace","path":"title","value":"%d"}]}`, i)).mustStatus(b, http.StatusNoContent)
					lat[i] = time.Since(start)
				}
				slices.Sort(lat)
				return lat[n/2]
			}
			alone := smallP50(100)
			b.ResetTimer()
			var bigLat []time.Duration
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { // 1,000-operation PATCHes back to back until the others are measured
				defer wg.Done()
				for len(bigLat) < max(b.N, 5) || !closed(stop) {
					start := time.Now()
					ts.do("PATCH", "/Users/"+big, body).mustStatus(b, http.StatusNoContent)
					bigLat = append(bigLat, time.Since(start))
				}
			}()
			during := smallP50(100)
			close(stop)
			wg.Wait()
			b.StopTimer()
			slices.Sort(bigLat)
			b.ReportMetric(float64(len(bigLat)), "patch1000_runs")
			b.ReportMetric(float64(bigLat[len(bigLat)/2].Microseconds())/1000, "patch1000_ms")
			b.ReportMetric(float64(alone.Microseconds())/1000, "others_alone_p50_ms")
			b.ReportMetric(float64(during.Microseconds())/1000, "others_p50_ms")
		})
	}
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
