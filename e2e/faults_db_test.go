package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// TestPostgresOutage cuts PostgreSQL off from a running replica (a TCP
// proxy between them breaks every connection and refuses new ones): SCIM
// requests fail fast with a 503 SCIM error, /readyz turns 503; once the
// proxy is back, everything recovers without a restart, workers included.
func TestPostgresOutage(t *testing.T) {
	var proxy *tcpProxy
	c := newCluster(t, proxyDatabase(t, &proxy))
	token := c.integration("okta", true)
	rs := c.startReplicas(1)
	cl := newSCIMClient(token, rs)
	if st, _ := cl.post(0, "/Users", userBody(1)); st != http.StatusCreated {
		t.Fatalf("before the outage: POST /Users = %d, want 201", st)
	}

	proxy.Cut()
	for i := 2; i < 5; i++ {
		start := time.Now()
		st, body := cl.post(0, "/Users", userBody(i))
		took := time.Since(start)
		var e struct {
			Schemas []string `json:"schemas"`
			Status  string   `json:"status"`
		}
		json.Unmarshal(body, &e)
		if st != http.StatusServiceUnavailable || e.Status != "503" || len(e.Schemas) != 1 ||
			e.Schemas[0] != "urn:ietf:params:scim:api:messages:2.0:Error" {
			t.Errorf("during the outage: POST /Users = %d %s, want a 503 SCIM error", st, body)
		}
		if took > 5*time.Second {
			t.Errorf("during the outage: POST /Users took %v, want a fast failure", took)
		}
	}
	if st := rs[0].ready(); st != http.StatusServiceUnavailable {
		t.Errorf("during the outage: /readyz = %d, want 503", st)
	}

	proxy.Restore()
	rs[0].waitReady()
	if !poll(timeoutReady, func() bool { st, _ := cl.post(0, "/Users", userBody(2)); return st == http.StatusCreated }) {
		t.Fatal("after the outage: POST /Users never answered 201")
	}
	c.checkOnce(t, 2)
	c.checkMailOnce(t, 2) // the workers reconnected: the new user's mail went out
}
