package scim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// values returns n {"value": ...} objects for a multi-valued attribute.
func values(prefix string, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"value": fmt.Sprintf("%s%d@example.com", prefix, i)}
	}
	return out
}

// TestValueCap: every multi-valued attribute of a User takes at most 100
// values on create, PUT and PATCH: a clear 400, nothing written.
func TestValueCap(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, func(o *Options) { o.MaxBodyBytes = 4 << 20 })
			for _, attr := range []string{"emails", "phoneNumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates"} {
				list := values(attr, 101)
				for i := range list {
					switch attr {
					case "x509Certificates":
						list[i] = map[string]any{"value": "QUJD"}
					case "addresses":
						list[i] = map[string]any{"locality": "L"}
					}
				}
				r := ts.do("POST", "/Users", map[string]any{"userName": "cap-" + attr, attr: list})
				if r.status != http.StatusBadRequest || r.str("scimType") != typeInvalidValue || !strings.Contains(r.str("detail"), attr) {
					t.Errorf("create with 101 %s: %d %s", attr, r.status, r.raw)
				}
			}
			id := ts.do("POST", "/Users", map[string]any{"userName": "cap", "emails": values("e", 100)}).mustStatus(t, http.StatusCreated).str("id")
			r := ts.do("PUT", "/Users/"+id, map[string]any{"userName": "cap", "phoneNumbers": values("p", 101)})
			if r.status != http.StatusBadRequest || r.str("scimType") != typeInvalidValue {
				t.Errorf("PUT with 101 phoneNumbers: %d %s", r.status, r.raw)
			}
			for _, body := range []string{
				`{"Operations":[{"op":"add","path":"emails","value":[{"value":"one-more@example.com"}]}]}`,
				`{"Operations":[{"op":"add","path":"emails[type eq \"home\"].value","value":"one-more@example.com"}]}`,
				`{"Operations":[{"op":"add","value":{"emails":[{"value":"one-more@example.com"}]}}]}`,
			} {
				r := ts.do("PATCH", "/Users/"+id, body)
				if r.status != http.StatusBadRequest || r.str("scimType") != typeInvalidValue {
					t.Errorf("PATCH to 101 emails: %d %s", r.status, r.raw)
				}
			}
			doc := ts.do("GET", "/Users/"+id, nil).body
			if n := len(doc["emails"].([]any)); n != 100 || doc["phoneNumbers"] != nil || get(doc, "meta.version") != etag(1) {
				t.Errorf("after refusals: %d emails, phones %v, version %v", n, doc["phoneNumbers"], get(doc, "meta.version"))
			}
			// Replacing one value keeps 100.
			ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"remove","path":"emails[value eq \"e0@example.com\"]"},`+
				`{"op":"add","path":"emails","value":[{"value":"new@example.com"}]}]}`).mustStatus(t, http.StatusNoContent)
		})
	}
}

// TestAccountOverCap: an account holding more values than the cap (written
// by a directory, or before the cap) can still be patched, shrunk and
// replaced; only growing it is refused. 6,000 emails could not be saved on
// SQLite before store inserted them in bounded statements.
func TestAccountOverCap(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			emails := make([]store.Email, 6000)
			for i := range emails {
				emails[i] = store.Email{Value: fmt.Sprintf("m%d@example.com", i), Type: "work", IsPrimary: i == 0}
			}
			a := &store.Account{IntegrationID: &ts.in.ID, Origin: "scim", UserName: "many", Active: true, Emails: emails}
			if err := ts.store.CreateAccount(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			ts.do("PATCH", "/Users/"+a.ID, `{"Operations":[{"op":"replace","path":"title","value":"T"}]}`).mustStatus(t, http.StatusNoContent)
			ts.do("PATCH", "/Users/"+a.ID, `{"Operations":[{"op":"remove","path":"emails[value eq \"m5999@example.com\"]"}]}`).mustStatus(t, http.StatusNoContent)
			r := ts.do("PATCH", "/Users/"+a.ID, `{"Operations":[{"op":"add","path":"emails","value":[{"value":"x@example.com"}]}]}`)
			if r.status != http.StatusBadRequest {
				t.Errorf("growing past the cap: %d %s", r.status, r.raw)
			}
			doc := ts.do("GET", "/Users/"+a.ID, nil).mustStatus(t, http.StatusOK).body
			if n := len(doc["emails"].([]any)); n != 5999 || doc["title"] != "T" {
				t.Fatalf("%d emails, title %v", n, doc["title"])
			}
			body, _ := json.Marshal(map[string]any{"userName": "many", "emails": values("n", 3)})
			ts.do("PUT", "/Users/"+a.ID, string(body)).mustStatus(t, http.StatusOK)
			if got, _ := ts.store.AccountByID(context.Background(), a.ID); len(got.Emails) != 3 {
				t.Fatalf("%d emails after PUT", len(got.Emails))
			}
		})
	}
}

// TestPatchOperationCap: Users and Groups take at most 1,000 operations in
// one PATCH.
func TestPatchOperationCap(t *testing.T) {
	ts := newTestServer(t, store.SQLite, func(o *Options) { o.MaxBodyBytes = 4 << 20 })
	uid := ts.createUser("ops", nil)
	gid := ts.do("POST", "/Groups", `{"displayName":"ops"}`).mustStatus(t, http.StatusCreated).str("id")
	for _, n := range []int{1000, 1001} {
		for _, path := range []string{"/Users/" + uid, "/Groups/" + gid} {
			attr := map[bool]string{true: "title", false: "externalId"}[strings.HasPrefix(path, "/Users")]
			op := `{"op":"replace","path":"` + attr + `","value":"v"}`
			r := ts.do("PATCH", path, `{"Operations":[`+strings.TrimSuffix(strings.Repeat(op+",", n), ",")+`]}`)
			want := http.StatusNoContent
			if n > 1000 {
				want = http.StatusRequestEntityTooLarge
			}
			if r.status != want || (n > 1000 && r.str("scimType") != typeTooMany) {
				t.Errorf("%s with %d operations: %d %s", path, n, r.status, r.raw)
			}
		}
	}
}
