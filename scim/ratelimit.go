package scim

import (
	"math"
	"net/http"
	"strconv"
	"sync"

	"golang.org/x/time/rate"
)

// limiters holds one token bucket per integration. Buckets live in this
// process: with several replicas each enforces its share, which is what a
// per-replica safety valve needs (the IdPs retry on 429 anyway).
type limiters struct {
	rate  rate.Limit
	burst int
	mu    sync.Mutex
	by    map[string]*rate.Limiter
}

func newLimiters(perSecond float64, burst int) *limiters {
	if burst <= 0 {
		burst = int(math.Max(1, 2*perSecond))
	}
	return &limiters{rate: rate.Limit(perSecond), burst: burst, by: map[string]*rate.Limiter{}}
}

// allow takes a token for integration id, or sets Retry-After and refuses.
func (l *limiters) allow(w http.ResponseWriter, id string) bool {
	if l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	lim, ok := l.by[id]
	if !ok {
		lim = rate.NewLimiter(l.rate, l.burst)
		l.by[id] = lim
	}
	l.mu.Unlock()
	res := lim.Reserve()
	delay := res.Delay()
	if delay == 0 {
		return true
	}
	res.Cancel()
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(delay.Seconds()))))
	return false
}
