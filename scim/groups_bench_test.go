package scim

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// BenchmarkGroups measures what must not depend on a group's size: adding
// one member (PATCH) and GET with excludedAttributes=members, on groups of
// 10, 10,000 and 100,000 members; and the time and peak heap of a GET of the
// 100,000-member group with its members. Requests go straight to the
// handler (auth included, no network). Run:
//
//	PROVISIOND_TEST_POSTGRES_URL=... go test ./scim -run '^$' -bench BenchmarkGroups -benchtime 2s
func BenchmarkGroups(b *testing.B) {
	sizes := []int{10, 10_000, 100_000}
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			ts := newTestServer(b, d, nil)
			ids := map[int]string{}
			for _, n := range sizes {
				g := &store.Group{IntegrationID: &ts.in.ID, DisplayName: fmt.Sprintf("bench-%d", n)}
				if err := ts.store.CreateGroup(context.Background(), g); err != nil {
					b.Fatal(err)
				}
				storetest.SeedGroupMembers(b, ts.store, g, n)
				ids[n] = g.ID
			}
			addP50, getP50 := map[int]time.Duration{}, map[int]time.Duration{}
			for _, n := range sizes {
				b.Run(fmt.Sprintf("add-member/%d", n), func(b *testing.B) {
					addP50[n] = groupBenchAddMember(b, ts, ids[n])
					b.ReportMetric(float64(addP50[n].Microseconds()), "p50-µs")
					b.ReportMetric(float64(addP50[n])/float64(addP50[sizes[0]]), "p50-ratio-to-10")
				})
			}
			for _, n := range sizes {
				b.Run(fmt.Sprintf("get-excluding-members/%d", n), func(b *testing.B) {
					getP50[n] = groupBenchGet(b, ts, "/Groups/"+ids[n]+"?excludedAttributes=members")
					b.ReportMetric(float64(getP50[n].Microseconds()), "p50-µs")
					b.ReportMetric(float64(getP50[n])/float64(getP50[sizes[0]]), "p50-ratio-to-10")
				})
			}
			b.Run("get-with-members/100000", func(b *testing.B) {
				peak := groupHeapPeak(func() { groupBenchGet(b, ts, "/Groups/"+ids[100_000]) })
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		})
	}
}

// groupBenchAddMember PATCHes one new account into the group per iteration and
// returns the median request time.
func groupBenchAddMember(b *testing.B, ts *testServer, groupID string) time.Duration {
	durs := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a := &store.Account{IntegrationID: &ts.in.ID, UserName: store.NewID(), Active: true}
		if err := ts.store.CreateAccount(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		body := `{"schemas":["` + patchURN + `"],"Operations":[{"op":"add","path":"members","value":[{"value":"` + a.ID + `"}]}]}`
		b.StartTimer()
		start := time.Now()
		w := groupBenchServe(ts, "PATCH", "/Groups/"+groupID, body, httptest.NewRecorder())
		durs = append(durs, time.Since(start))
		if w.Code != http.StatusNoContent {
			b.Fatalf("PATCH: %d %s", w.Code, w.Body)
		}
	}
	return groupMedian(durs)
}

// groupBenchGet GETs path per iteration into a counting sink (no body copy) and
// returns the median request time.
func groupBenchGet(b *testing.B, ts *testServer, path string) time.Duration {
	b.ReportAllocs()
	durs := make([]time.Duration, 0, b.N)
	var bytes int64
	for i := 0; i < b.N; i++ {
		sink := &groupCountingWriter{header: http.Header{}}
		start := time.Now()
		groupBenchServe(ts, "GET", path, "", sink)
		durs = append(durs, time.Since(start))
		if sink.status != http.StatusOK {
			b.Fatalf("GET %s: %d", path, sink.status)
		}
		bytes = sink.n
	}
	b.ReportMetric(float64(bytes), "body-bytes")
	return groupMedian(durs)
}

func groupBenchServe[W http.ResponseWriter](ts *testServer, method, path, body string, w W) W {
	r := httptest.NewRequest(method, Prefix+path, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+ts.token)
	r.Header.Set("Content-Type", contentType)
	ts.srv.ServeHTTP(w, r)
	return w
}

func groupMedian(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// groupCountingWriter is a ResponseWriter that counts the body and keeps nothing.
type groupCountingWriter struct {
	header http.Header
	status int
	n      int64
}

func (w *groupCountingWriter) Header() http.Header { return w.header }
func (w *groupCountingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *groupCountingWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += int64(len(p))
	return len(p), nil
}

// groupHeapPeak runs fn and returns the highest live-heap growth over the
// heap before it, sampled every 500µs (runtime/metrics does not stop the world).
func groupHeapPeak(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(500 * time.Microsecond)
		defer t.Stop()
		for {
			if v := read(); v > base && v-base > peak.Load() {
				peak.Store(v - base)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	return peak.Load()
}
