package scim

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// holdFirst sets the test integration's breaker so that its first
// deprovision is held (1% of a handful of accounts, at least 1).
func (ts *testServer) holdFirst() {
	ts.t.Helper()
	if err := ts.store.SetIntegrationBreaker(context.Background(), ts.in.ID,
		store.BreakerSettings{Enabled: true, Percent: 1, Min: 1, WindowSeconds: 3600}); err != nil {
		ts.t.Fatal(err)
	}
}

// eachHeld runs f on each dialect against a test server with five accounts
// (seedAccounts) whose first deprovision is held (holdFirst).
func eachHeld(t *testing.T, f func(t *testing.T, ts *testServer, ids []string)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ids := ts.seedAccounts(5)
			ts.holdFirst()
			f(t, ts, ids)
		})
	}
}

// view is what the IdP reads of one user: GET, and the filters it uses.
type view struct {
	etag              string
	active            any
	byUserName, total float64 // hits of userName eq, and of active eq false
}

func (ts *testServer) view(id, userName string) view {
	ts.t.Helper()
	g := ts.do("GET", "/Users/"+id, nil).mustStatus(ts.t, http.StatusOK)
	if get(g.body, "meta.version") != g.header.Get("ETag") {
		ts.t.Fatalf("meta.version %v, ETag %q", get(g.body, "meta.version"), g.header.Get("ETag"))
	}
	byName := ts.do("GET", "/Users?filter="+url.QueryEscape(`userName eq "`+userName+`"`), nil).mustStatus(ts.t, http.StatusOK)
	res := byName.body["Resources"].([]any)
	if len(res) != 1 {
		ts.t.Fatalf("userName eq %s: %s", userName, byName.raw)
	}
	listed := res[0].(map[string]any)
	if listed["active"] != g.body["active"] || get(listed, "meta.version") != g.header.Get("ETag") {
		ts.t.Fatalf("GET says active=%v %s, the filter active=%v %v", g.body["active"], g.header.Get("ETag"),
			listed["active"], get(listed, "meta.version"))
	}
	inactive := ts.do("GET", "/Users?count=0&filter="+url.QueryEscape(`active eq false`), nil).mustStatus(ts.t, http.StatusOK)
	return view{etag: g.header.Get("ETag"), active: g.body["active"], byUserName: 1, total: inactive.body["totalResults"].(float64)}
}

// gone checks that the IdP sees no user id (userName) at all.
func (ts *testServer) gone(id, userName string) {
	ts.t.Helper()
	ts.do("GET", "/Users/"+id, nil).mustStatus(ts.t, http.StatusNotFound)
	ts.do("PATCH", "/Users/"+id, patchActive("True")).mustStatus(ts.t, http.StatusNotFound)
	ts.do("PUT", "/Users/"+id, map[string]any{"userName": userName}).mustStatus(ts.t, http.StatusNotFound)
	for _, f := range []string{`userName eq "` + userName + `"`, `id eq "` + id + `"`} {
		if r := ts.do("GET", "/Users?filter="+url.QueryEscape(f), nil).mustStatus(ts.t, http.StatusOK); r.body["totalResults"] != 0.0 {
			ts.t.Fatalf("%s finds a user whose deletion was answered 204: %s", f, r.raw)
		}
	}
}

// A held deactivation shows the IdP one representation under one version:
// the PATCH answer, GET, and the filters agree on active=false under a new
// ETag, while the account stays active for admins with its hold beside it.
// Discarding or applying the hold moves the version again.
func TestBreakerHeldDeactivationOneView(t *testing.T) {
	eachHeld(t, func(t *testing.T, ts *testServer, ids []string) {
		ctx := context.Background()
		admin := account.Actor{Kind: "admin", Name: "ada"}
		before := ts.view(ids[0], "u0000")

		p := ts.do("PATCH", "/Users/"+ids[0]+"?attributes=active", entraDeactivate).mustStatus(t, http.StatusOK)
		if p.body["active"] != false || p.header.Get("ETag") == before.etag {
			t.Fatalf("held PATCH answered active=%v under %s (before: %s)", p.body["active"], p.header.Get("ETag"), before.etag)
		}
		after := ts.view(ids[0], "u0000")
		if after.etag != p.header.Get("ETag") || after.active != false || after.total != 1 {
			t.Fatalf("after the held PATCH (answered active=false under %s): GET and filters say %+v", p.header.Get("ETag"), after)
		}
		ts.do("GET", "/Users/"+ids[0], nil, "If-None-Match", before.etag).mustStatus(t, http.StatusOK)
		if r := ts.do("GET", "/Users?count=0&filter="+url.QueryEscape("active eq true"), nil); r.body["totalResults"] != 4.0 {
			t.Fatalf("active eq true: %s", r.raw)
		}
		a, err := ts.store.AccountByID(ctx, ids[0])
		if err != nil || !a.Active || a.Held != store.HeldDeactivate || a.Status == store.StatusSuspended {
			t.Fatalf("admins see active=%v held=%q status=%s, want the real state and the hold", a.Active, a.Held, a.Status)
		}

		// A PUT that keeps it inactive (Okta's PUT app): the same story.
		doc := ts.do("GET", "/Users/"+ids[0], nil).body
		doc["displayName"] = "Renamed"
		put := ts.do("PUT", "/Users/"+ids[0], doc).mustStatus(t, http.StatusOK)
		if v := ts.view(ids[0], "u0000"); put.body["active"] != false || v.etag != put.header.Get("ETag") || v.active != false {
			t.Fatalf("held PUT answered active=%v %s; GET says %+v", put.body["active"], put.header.Get("ETag"), v)
		}

		held, _, _ := ts.store.HeldChanges(ctx, store.HeldQuery{IntegrationID: ts.in.ID})
		if _, err := ts.srv.accounts.DiscardHeld(ctx, admin, ts.in.ID, []int64{held[0].ID}); err != nil {
			t.Fatal(err)
		}
		discarded := ts.view(ids[0], "u0000")
		if discarded.etag == put.header.Get("ETag") || discarded.active != true || discarded.total != 0 {
			t.Fatalf("after discard: %+v (held view was %s)", discarded, put.header.Get("ETag"))
		}

		// Held again (the breaker is open), then applied: the version moves again.
		ts.do("PATCH", "/Users/"+ids[1], oktaDeactivate).mustStatus(t, http.StatusNoContent)
		heldView := ts.view(ids[1], "u0001")
		if _, err := ts.srv.accounts.ApplyHeld(ctx, admin, ts.in.ID, nil); err != nil {
			t.Fatal(err)
		}
		applied := ts.view(ids[1], "u0001")
		if applied.etag == heldView.etag || applied.active != false || heldView.active != false {
			t.Fatalf("held %+v, applied %+v: want active=false both, different versions", heldView, applied)
		}
	})
}

// A held deletion: the DELETE answers 204 and the IdP sees no such user
// any more (GET, PATCH, PUT, filters, group members, a retried DELETE),
// while admins see the account and its hold; discarding shows it again
// under a new version.
func TestBreakerHeldDeletionOneView(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ctx := context.Background()
			ids := ts.seedAccounts(5)
			gid := ts.do("POST", "/Groups", map[string]any{"displayName": "Team",
				"members": []any{map[string]any{"value": ids[0]}, map[string]any{"value": ids[1]}}}).mustStatus(t, http.StatusCreated).str("id")
			group := ts.do("GET", "/Groups/"+gid, nil).mustStatus(t, http.StatusOK)
			ts.holdFirst()
			before := ts.view(ids[0], "u0000")

			ts.do("DELETE", "/Users/"+ids[0], nil).mustStatus(t, http.StatusNoContent)
			ts.gone(ids[0], "u0000")
			ts.do("DELETE", "/Users/"+ids[0], nil).mustStatus(t, http.StatusNotFound)
			if r := ts.do("GET", "/Users?count=0", nil); r.body["totalResults"] != 4.0 {
				t.Fatalf("list after a held deletion: %s", r.raw)
			}
			g := ts.do("GET", "/Groups/"+gid, nil).mustStatus(t, http.StatusOK)
			if members := fmt.Sprint(g.body["members"]); g.header.Get("ETag") == group.header.Get("ETag") || len(g.body["members"].([]any)) != 1 {
				t.Fatalf("group after a held deletion: %s under %s (before %s)", members, g.header.Get("ETag"), group.header.Get("ETag"))
			}
			a, err := ts.store.AccountByID(ctx, ids[0])
			if err != nil || !a.Active || a.Held != store.HeldDelete {
				t.Fatalf("admins see %+v, %v; want the live account and its held deletion", a, err)
			}

			if _, err := ts.srv.accounts.DiscardHeld(ctx, account.Actor{Kind: "admin", Name: "ada"}, ts.in.ID, nil); err != nil {
				t.Fatal(err)
			}
			back := ts.view(ids[0], "u0000")
			if back.etag == before.etag || back.active != true {
				t.Fatalf("after discard: %+v (before the deletion: %s)", back, before.etag)
			}
			if g2 := ts.do("GET", "/Groups/"+gid, nil); len(g2.body["members"].([]any)) != 2 || g2.header.Get("ETag") == g.header.Get("ETag") {
				t.Fatalf("group after discard: %s", g2.raw)
			}
		})
	}
}
