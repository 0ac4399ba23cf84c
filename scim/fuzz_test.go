package scim

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/elimity-com/scim/schema"

	"github.com/provisiond/provisiond/store"
)

// FuzzFilter: any filter string parses or is refused, and what parses is
// translated and run by the store; never a panic, never a 500.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{
		`userName eq "a"`, `emails[type eq "work"].value eq "x@y"`, `emails[value co "x"]`,
		`name.familyName eq Employee and (emails.value co a or emails.value co b)`,
		`not (active eq true)`, `meta.created gt 2015-10-10T14:38:21.8617979-07:00`, `title pr`,
		`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"`,
		`userName co "%_\\"`, `((((userName eq "a"))))`, `emails[type eq "a" or not (primary eq true)]`,
	} {
		f.Add(s)
	}
	ts := newTestServer(f, store.SQLite, nil)
	ts.createUser("fuzz", nil)
	f.Fuzz(func(t *testing.T, filter string) {
		ts := ts.with(t)
		if r := ts.do("GET", "/Users?filter="+url.QueryEscape(filter), nil); r.status != http.StatusOK && r.status != http.StatusBadRequest {
			t.Fatalf("filter %q: %d %s", filter, r.status, r.raw)
		}
	})
}

// FuzzPatch: any PATCH body is applied or refused with a 4xx; never a 500.
func FuzzPatch(f *testing.F) {
	for _, s := range []string{
		`{"Operations":[{"op":"replace","value":{"active":false}}]}`,
		`{"Operations":[{"op":"Add","path":"emails[type eq \"work\"].value","value":"a@b"}]}`,
		`{"Operations":[{"op":"remove","path":"emails[value eq \"x\"]"}]}`,
		`{"Operations":[{"op":"replace","value":{"name.givenName":"A","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"m"}}]}`,
		`{"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"department":"x"}}]}`,
		`{"Operations":[{"op":"replace","path":"name","value":"x"}]}`,
		`{"Operations":[{"op":"add","path":"phoneNumbers","value":{"value":1}}]}`,
	} {
		f.Add(s)
	}
	ts := newTestServer(f, store.SQLite, nil)
	id := ts.createUser("fuzz", nil)
	f.Fuzz(func(t *testing.T, body string) {
		ts := ts.with(t)
		r := ts.do("PATCH", "/Users/"+id, body)
		if r.status >= 500 {
			t.Fatalf("body %q: %d %s", body, r.status, r.raw)
		}
	})
}

// FuzzPatchPath: any PATCH path resolves against the User and Group models
// or is refused with a 400 (invalidPath); never a panic, and what resolves
// names an attribute of the model.
func FuzzPatchPath(f *testing.F) {
	for _, s := range []string{
		`emails[type eq "work"].value`, `name.givenName`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`,
		`members[value eq "a" or value eq "b" or value eq "c"]`, `emails[not (type eq "x") and primary eq true]`,
		`addresses[type eq "work"].streetAddress`, `meta.created`, `emails[value co "]"].display`, `x[y[z eq 1]]`,
		`URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName`, `emails[(type eq "a")]`, `emails[type eq "a"].`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		for _, res := range []struct {
			s    schema.Schema
			exts []schema.Schema
		}{{userResource, userExtensions}, {groupResource, nil}} {
			pp, err := parsePatchPath(path, res.s, res.exts...)
			var se *scimError
			switch {
			case err != nil && (!errors.As(err, &se) || se.status != http.StatusBadRequest):
				t.Fatalf("%q: %v", path, err)
			case err == nil && pp.attr.Name() == "":
				t.Fatalf("%q resolved to no attribute", path)
			}
		}
	})
}

// FuzzGroupPatch: any PATCH body on a Group is applied or refused with a
// 4xx; never a 500.
func FuzzGroupPatch(f *testing.F) {
	ts := newTestServer(f, store.SQLite, nil)
	a := &store.Account{IntegrationID: &ts.in.ID, UserName: "fuzz-member", Active: true}
	if err := ts.store.CreateAccount(context.Background(), a); err != nil {
		f.Fatal(err)
	}
	member := a.ID
	for _, s := range []string{
		`{"Operations":[{"op":"add","path":"members","value":[{"value":"` + member + `"}]}]}`,
		`{"Operations":[{"op":"remove","path":"members[value eq \"` + member + `\" or value eq \"x\" or value eq \"y\"]"}]}`,
		`{"Operations":[{"op":"Replace","value":{"displayName":"renamed","id":"x","members":"string id 1"}}]}`,
		`{"Operations":[{"op":"remove","path":"members"}]}`, `{"Operations":[{"op":"replace","path":"externalId","value":null}]}`,
		`{"Operations":[{"op":"remove","path":"displayName"}]}`,
	} {
		f.Add(s)
	}
	gid := ts.do("POST", "/Groups", `{"displayName":"fuzz"}`).mustStatus(f, http.StatusCreated).str("id")
	f.Fuzz(func(t *testing.T, body string) {
		ts := ts.with(t)
		if r := ts.do("PATCH", "/Groups/"+gid, body); r.status >= 500 {
			t.Fatalf("body %q: %d %s", body, r.status, r.raw)
		}
	})
}
