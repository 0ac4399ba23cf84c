package main

import (
	"sync"
	"time"
)

// arrivals counts what a sink received by key (a mail's recipient, a
// webhook event's id): duplicates are keys counted twice. reached closes
// when want distinct keys have arrived.
type arrivals struct {
	mu      sync.Mutex
	per     map[string]int
	total   int
	want    int
	reached chan struct{}
	at      time.Time // when the want-th distinct key arrived
}

func newArrivals(want int) arrivals {
	return arrivals{per: map[string]int{}, want: want, reached: make(chan struct{})}
}

// add counts one arrival carrying keys (an empty key is not counted).
func (a *arrivals) add(keys ...string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.total++
	for _, k := range keys {
		if k != "" {
			a.per[k]++
		}
	}
	if a.at.IsZero() && len(a.per) >= a.want {
		a.at = time.Now()
		close(a.reached)
	}
}

// counts returns the arrivals and the distinct keys.
func (a *arrivals) counts() (total, unique int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.total, len(a.per)
}

// reachedAt returns when want distinct keys had arrived.
func (a *arrivals) reachedAt() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.at
}
