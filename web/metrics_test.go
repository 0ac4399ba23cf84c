package web

import (
	"strings"
	"testing"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/store"
)

// /metrics answers anyone: its series name integrations by id, and by name
// only when the operator says so (metricsIntegrationNames).
func TestMetricsIntegrationLabels(t *testing.T) {
	for _, names := range []bool{false, true} {
		ts, s := newTestServer(t, func(c *config.Config) { c.MetricsIntegrationNames = names })
		in := seedIntegration(t, s.Store, &store.Integration{Name: "acme-customer-directory", Kind: "ldap"})
		_, body := get(t, ts.URL+"/metrics", "")
		want := `provisiond_breaker_open{integration="` + in.ID + `"} 0`
		if names {
			want = `provisiond_breaker_open{integration="` + in.ID + `",integration_name="acme-customer-directory"} 0`
		}
		if !strings.Contains(body, want) || strings.Contains(body, in.Name) != names {
			t.Errorf("names %v: want %s in\n%s", names, want, body)
		}
	}
}
