package scim

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestUserLifecycle(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			r := ts.do("POST", "/Users", `{"schemas":["`+UserURN+`","`+EnterpriseURN+`"],"userName":"Ann@Example.com",
				"externalId":"e-1","active":"True","password":"secret-pw",
				"emails":[{"Primary":true,"type":"work","value":"ann@example.com"}],
				"`+EnterpriseURN+`":{"Department":"Ops","manager":"boss-id"}}`).mustStatus(t, http.StatusCreated)
			id := r.str("id")
			if loc := r.header.Get("Location"); loc != "http://scim.test/scim/v2/Users/"+id {
				t.Errorf("Location %q", loc)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/scim+json" {
				t.Errorf("Content-Type %q", ct)
			}
			if r.body["active"] != true || get(r.body, EnterpriseURN+"|manager.value") != "boss-id" ||
				get(r.body, EnterpriseURN+"|department") != "Ops" || get(r.body, "emails.0.primary") != true {
				t.Errorf("created document: %s", r.raw)
			}
			if strings.Contains(r.raw, "secret-pw") || strings.Contains(r.raw, "password") {
				t.Error("password echoed")
			}
			a, _ := ts.store.AccountByID(context.Background(), id)
			if a.Status != store.StatusNotInvited || a.PasswordHash != "" || strings.Contains(a.Attributes, "secret-pw") {
				t.Errorf("stored: status %s, attributes %s", a.Status, a.Attributes)
			}
			events, _, _ := ts.store.AuditEvents(context.Background(), store.AuditFilter{TargetID: id})
			if len(events) == 0 || events[0].Actor != "integration:idp" {
				t.Errorf("audit events %+v", events)
			}

			// Uniqueness: userName globally and case-insensitively; externalId
			// is the client's label (RFC 7643 §3.1), shared as the client likes.
			dup := ts.do("POST", "/Users", `{"userName":"ann@EXAMPLE.com"}`).mustStatus(t, http.StatusConflict)
			if dup.str("scimType") != typeUniqueness || dup.str("status") != "409" {
				t.Errorf("duplicate userName: %s", dup.raw)
			}
			same := ts.do("POST", "/Users", `{"userName":"other","externalId":"e-1"}`).mustStatus(t, http.StatusCreated).str("id")
			if l := ts.do("GET", `/Users?filter=externalId+eq+%22e-1%22`, nil); l.body["totalResults"] != float64(2) {
				t.Errorf("two users share externalId e-1, the filter finds %s", l.raw)
			}
			ts.do("DELETE", "/Users/"+same, nil).mustStatus(t, http.StatusNoContent)
			_, tok2 := ts.addIntegration("second")
			ts.doAs(tok2, "POST", "/Users", `{"userName":"other","externalId":"e-1"}`).mustStatus(t, http.StatusCreated)
			ts.doAs(tok2, "POST", "/Users", `{"userName":"ANN@example.com"}`).mustStatus(t, http.StatusConflict)

			// Scoping: the second integration neither sees nor changes the first's user.
			ts.doAs(tok2, "GET", "/Users/"+id, nil).mustStatus(t, http.StatusNotFound)
			ts.doAs(tok2, "DELETE", "/Users/"+id, nil).mustStatus(t, http.StatusNotFound)
			ts.doAs(tok2, "PATCH", "/Users/"+id, `{"Operations":[{"op":"replace","path":"title","value":"x"}]}`).mustStatus(t, http.StatusNotFound)
			if l := ts.doAs(tok2, "GET", "/Users", nil); l.body["totalResults"] != float64(1) {
				t.Errorf("second integration lists %s", l.raw)
			}

			// Versioning.
			g := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK)
			tag := g.header.Get("ETag")
			if tag == "" || get(g.body, "meta.version") != tag {
				t.Fatalf("ETag %q, meta %v", tag, g.body["meta"])
			}
			ts.do("GET", "/Users/"+id, nil, "If-None-Match", tag).mustStatus(t, http.StatusNotModified)
			p := ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"replace","value":{"active":false}}]}`, "If-Match", tag).mustStatus(t, http.StatusNoContent)
			ts.do("PUT", "/Users/"+id, `{"userName":"ann@example.com"}`, "If-Match", tag).mustStatus(t, http.StatusPreconditionFailed)
			ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"replace","path":"title","value":"x"}]}`, "If-Match", `W/"999"`).mustStatus(t, http.StatusPreconditionFailed)
			ts.do("DELETE", "/Users/"+id, nil, "If-Match", tag).mustStatus(t, http.StatusPreconditionFailed)
			a, _ = ts.store.AccountByID(context.Background(), id)
			if a.Status != store.StatusSuspended || a.Active {
				t.Errorf("after active=false: %s", a.Status)
			}

			// PUT replaces: attributes left out are cleared.
			put := ts.do("PUT", "/Users/"+id, `{"userName":"ann@example.com","active":true,"title":"T"}`, "If-Match", p.header.Get("ETag")).mustStatus(t, http.StatusOK)
			if put.body["emails"] != nil || put.body[EnterpriseURN] != nil || put.body["title"] != "T" || put.body["externalId"] != nil {
				t.Errorf("PUT did not replace: %s", put.raw)
			}
			ts.do("PUT", "/Users/"+id, `{"title":"no userName"}`).mustStatus(t, http.StatusBadRequest)

			// DELETE: 204, then 404; the row stays as deleted and frees the userName.
			ts.do("DELETE", "/Users/"+id, nil).mustStatus(t, http.StatusNoContent)
			ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusNotFound)
			ts.do("DELETE", "/Users/"+id, nil).mustStatus(t, http.StatusNotFound)
			a, err := ts.store.AccountByIDAny(context.Background(), id)
			if err != nil || a.Status != store.StatusDeleted {
				t.Errorf("deleted record: %v %v", a, err)
			}
			ts.do("POST", "/Users", `{"userName":"Ann@Example.com","externalId":"e-1"}`).mustStatus(t, http.StatusCreated)
		})
	}
}
