package web

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provisiond/provisiond/store"
)

// breakerCollector exposes every integration's breaker from the database at
// scrape time, so all replicas report the same shared state. Series are
// labelled by integration id: /metrics needs no login, and an integration's
// name may say more than the operator wants strangers to read (a customer,
// a directory's host). With metricsIntegrationNames they also carry
// integration_name.
type breakerCollector struct {
	store         *store.Store
	names         bool
	held, tripped *prometheus.Desc
	trips         *prometheus.Desc
}

func newBreakerCollector(st *store.Store, names bool) *breakerCollector {
	l := []string{"integration"}
	if names {
		l = append(l, "integration_name")
	}
	return &breakerCollector{store: st, names: names,
		held:    prometheus.NewDesc("provisiond_breaker_held_changes", "Deprovisions held by the integration's breaker, pending an admin's decision.", l, nil),
		tripped: prometheus.NewDesc("provisiond_breaker_open", "1 while the integration's breaker holds changes.", l, nil),
		trips:   prometheus.NewDesc("provisiond_breaker_trips_total", "Times the integration's breaker tripped.", l, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *breakerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.held
	ch <- c.tripped
	ch <- c.trips
}

// Collect implements prometheus.Collector; a database error only drops the series.
func (c *breakerCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sts, err := c.store.BreakerStatuses(ctx)
	if err != nil {
		return
	}
	for _, b := range sts {
		open := 0.0
		if b.Pending > 0 {
			open = 1
		}
		labels := []string{b.IntegrationID}
		if c.names {
			labels = append(labels, b.Name)
		}
		ch <- prometheus.MustNewConstMetric(c.held, prometheus.GaugeValue, float64(b.Pending), labels...)
		ch <- prometheus.MustNewConstMetric(c.tripped, prometheus.GaugeValue, open, labels...)
		ch <- prometheus.MustNewConstMetric(c.trips, prometheus.CounterValue, float64(b.Trips), labels...)
	}
}
