package scim

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func names(r resp) []string {
	var out []string
	for _, it := range r.body["Resources"].([]any) {
		out = append(out, fmt.Sprint(it.(map[string]any)["userName"]))
	}
	return out
}

func TestListUsers(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for i, n := range []string{"carol", "Alice", "bob", "dave"} {
				ts.createUser(n, map[string]any{"title": fmt.Sprint("t", i),
					EnterpriseURN: map[string]any{"department": "Dept" + n}})
			}
			q := func(params string) resp {
				return ts.do("GET", "/Users?"+params, nil).mustStatus(t, http.StatusOK)
			}
			r := q("startIndex=2&count=2")
			if fmt.Sprint(names(r)) != "[Alice bob]" || r.body["totalResults"] != 4.0 || r.body["itemsPerPage"] != 2.0 || r.body["startIndex"] != 2.0 {
				t.Errorf("page: %s", r.raw)
			}
			if r := q("sortBy=userName&sortOrder=descending&count=2"); fmt.Sprint(names(r)) != "[dave carol]" {
				t.Errorf("sort: %v", names(r))
			}
			if r := q("count=0"); r.body["totalResults"] != 4.0 || len(r.body["Resources"].([]any)) != 0 {
				t.Errorf("count=0: %s", r.raw)
			}
			if r := q("startIndex=10"); r.body["totalResults"] != 4.0 || r.body["itemsPerPage"] != 0.0 {
				t.Errorf("past the end: %s", r.raw)
			}
			for filter, want := range map[string]string{
				`userName eq "ALICE"`:                               "[Alice]",
				`emails[type eq "work"].value eq "bob@example.com"`: "[bob]",
				`emails[value co "DAVE"]`:                           "[dave]",
				`name.FamilyName eq F and (emails.Value co alice or emails.Value co carol)`:          "[carol Alice]",
				`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "deptbob"`: "[bob]",
				`not (userName sw "a") and title pr`:                                                 "[carol bob dave]",
				`meta.lastModified gt "2000-01-01T00:00:00Z"`:                                        "[carol Alice bob dave]",
			} {
				if r := q("filter=" + url.QueryEscape(filter)); fmt.Sprint(names(r)) != want {
					t.Errorf("%s: %v, want %s", filter, names(r), want)
				}
			}
			r = q("attributes=userName,name.givenName&filter=" + url.QueryEscape(`userName eq "bob"`))
			res := r.body["Resources"].([]any)[0].(map[string]any)
			if res["id"] == nil || res["title"] != nil || res["emails"] != nil || get(res, "name.givenName") != "G" || get(res, "name.familyName") != nil {
				t.Errorf("attributes: %v", res)
			}
			r = q("excludedAttributes=emails,id&count=1")
			res = r.body["Resources"].([]any)[0].(map[string]any)
			if res["emails"] != nil || res["id"] == nil || res["userName"] == nil {
				t.Errorf("excludedAttributes: %v", res)
			}
			s := ts.do("POST", "/Users/.search", `{"schemas":["`+searchURN+`"],"filter":"userName sw \"b\" or userName sw \"c\"","sortBy":"userName","count":1,"startIndex":2,"attributes":["userName"]}`).mustStatus(t, http.StatusOK)
			if fmt.Sprint(names(s)) != "[carol]" || s.body["totalResults"] != 2.0 {
				t.Errorf(".search: %s", s.raw)
			}
		})
	}
}

func TestDiscovery(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	for _, p := range []string{"/ServiceProviderConfig", "/serviceConfiguration"} {
		r := ts.do("GET", p, nil).mustStatus(t, http.StatusOK)
		for _, k := range []string{"patch", "sort", "etag", "filter"} {
			if get(r.body, k+".supported") != true {
				t.Errorf("%s %s not supported: %s", p, k, r.raw)
			}
		}
		if get(r.body, "bulk.supported") != false || get(r.body, "changePassword.supported") != false ||
			get(r.body, "authenticationSchemes.0.type") != "oauthbearertoken" {
			t.Errorf("%s: %s", p, r.raw)
		}
	}
	rt := ts.do("GET", "/ResourceTypes", nil).mustStatus(t, http.StatusOK)
	if get(rt.body, "Resources.0.endpoint") != "/Users" || get(rt.body, "Resources.1.endpoint") != "/Groups" {
		t.Errorf("resource types: %s", rt.raw)
	}
	sc := ts.do("GET", "/Schemas", nil).mustStatus(t, http.StatusOK)
	if sc.body["totalResults"] != 3.0 {
		t.Errorf("schemas: %v", sc.body["totalResults"])
	}
	ts.do("GET", "/Schemas/"+EnterpriseURN, nil).mustStatus(t, http.StatusOK)
	ts.do("GET", "/Schemas/"+GroupURN, nil).mustStatus(t, http.StatusOK)
	ts.do("GET", "/ResourceTypes/User", nil).mustStatus(t, http.StatusOK)
	ts.do("GET", "/users", nil).mustStatus(t, http.StatusOK) // Entra's tests use lower case
}
