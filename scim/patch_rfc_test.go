package scim

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestPatchNeverUnassignsActive: a remove of active (or a null) would leave
// active unassigned, which reads as active; it is refused, for an account
// that was active and for one that was not, and nothing changes.
func TestPatchNeverUnassignsActive(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			n := 0
			for _, active := range []bool{true, false} {
				for _, op := range []string{`{"op":"remove","path":"active"}`, `{"op":"Remove","path":"ACTIVE"}`,
					`{"op":"replace","path":"active","value":null}`, `{"op":"replace","value":{"active":null}}`,
					`{"op":"replace","path":"title","value":"t"},{"op":"remove","path":"active"}`} {
					n++
					id := ts.createUser(fmt.Sprintf("active-%d", n), map[string]any{"active": active})
					before := ts.do("GET", "/Users/"+id, nil).body
					r := ts.do("PATCH", "/Users/"+id, `{"Operations":[`+op+`]}`)
					if r.status != http.StatusBadRequest || r.str("scimType") != typeInvalidValue {
						t.Errorf("active=%v, %s: %d %s", active, op, r.status, r.raw)
					}
					after := ts.do("GET", "/Users/"+id, nil).body
					if after["active"] != active || get(after, "meta.version") != get(before, "meta.version") || after["title"] != nil {
						t.Errorf("active=%v, %s: now active=%v version %v title %v", active, op, after["active"],
							get(after, "meta.version"), after["title"])
					}
				}
			}
		})
	}
}

// TestPutWithoutActiveKeepsIt: a PUT that leaves active out neither
// reactivates a deactivated user nor deactivates an active one; one that
// says active=true reactivates.
func TestPutWithoutActiveKeepsIt(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for _, active := range []bool{true, false} {
				name := fmt.Sprintf("put-active-%v", active)
				id := ts.createUser(name, map[string]any{"active": active})
				body := `{"schemas":["` + UserURN + `"],"userName":"` + name + `","title":"t"}`
				if r := ts.do("PUT", "/Users/"+id, body); r.status != http.StatusOK || r.body["active"] != active {
					t.Fatalf("PUT without active on active=%v: %d %s", active, r.status, r.raw)
				}
				if got := ts.do("GET", "/Users/"+id, nil).body; got["active"] != active || got["title"] != "t" {
					t.Errorf("after PUT without active, active=%v title=%v; want %v, t", got["active"], got["title"], active)
				}
			}
			id := ts.createUser("put-reactivate", map[string]any{"active": false})
			body := `{"schemas":["` + UserURN + `"],"userName":"put-reactivate","active":true}`
			if r := ts.do("PUT", "/Users/"+id, body); r.status != http.StatusOK || r.body["active"] != true {
				t.Fatalf("PUT active=true: %d %s", r.status, r.raw)
			}
		})
	}
}

// TestPatchMeansStored: each PATCH answered 204 has its effect in the
// database; what cannot be stored is refused instead (RFC 7644 §3.5.2).
func TestPatchMeansStored(t *testing.T) {
	ext := EnterpriseURN
	extension := map[string]any{ext: map[string]any{"department": "Sales", "employeeNumber": "7",
		"manager": map[string]any{"value": "boss"}}}
	cases := []struct {
		name   string
		ops    string
		status int
		want   map[string]any // path -> value after; nil: absent
	}{
		{"remove the extension URN", `[{"op":"remove","path":"` + ext + `"}]`, 204,
			map[string]any{ext: nil, "schemas.1": nil}},
		{"replace the extension URN with null", `[{"op":"replace","path":"` + ext + `","value":null}]`, 204,
			map[string]any{ext: nil}},
		{"null in a no-path value unassigns", `[{"op":"replace","value":{"title":"T"}},{"op":"replace","value":{"title":null,"name.givenName":null}}]`, 204,
			map[string]any{"title": nil, "name.givenName": nil, "name.familyName": "F"}},
		{"null in the extension object unassigns", `[{"op":"replace","value":{"` + ext + `":{"department":null}}}]`, 204,
			map[string]any{ext + "|department": nil, ext + "|employeeNumber": "7"}},
		{"null sub-attribute of a complex value unassigns", `[{"op":"replace","path":"name","value":{"givenName":null,"middleName":"M"}}]`, 204,
			map[string]any{"name.givenName": nil, "name.middleName": "M", "name.familyName": "F"}},
		{"unknown attribute in a no-path value", `[{"op":"replace","value":{"title":"T","favouriteColour":"red"}}]`, 400,
			map[string]any{"title": nil}},
		{"unknown extension attribute", `[{"op":"add","value":{"` + ext + `:shoeSize":"9"}}]`, 400, nil},
		{"extension value not an object", `[{"op":"add","path":"` + ext + `","value":"x"}]`, 400, nil},
		{"remove userName", `[{"op":"remove","path":"userName"}]`, 400, map[string]any{"userName": "stored-6"}},
		{"replace userName with null", `[{"op":"replace","path":"userName","value":null}]`, 400, nil},
		{"add of an empty element adds nothing", `[{"op":"add","path":"emails","value":{}}]`, 204,
			map[string]any{"emails.0.type": "work"}},
		{"replace with an empty list unassigns", `[{"op":"replace","value":{"emails":[]}}]`, 204,
			map[string]any{"emails": nil}},
		{"remove with a filter no value matches", `[{"op":"remove","path":"emails[value eq \"none@x\"]"}]`, 204,
			map[string]any{"emails.0.type": "work"}},
	}
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for i, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					id := ts.createUser("stored-"+string(rune('a'+i)), extension)
					if c.name == "remove userName" {
						id = ts.createUser("stored-6", extension)
					}
					r := ts.do("PATCH", "/Users/"+id, `{"Operations":`+c.ops+`}`)
					if r.status != c.status {
						t.Fatalf("%d %s", r.status, r.raw)
					}
					doc := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK).body
					for path, want := range c.want {
						if got := get(doc, path); (want == nil) != (got == nil) || (want != nil && got != want) {
							t.Errorf("%s = %v, want %v (doc %v)", path, got, want, doc)
						}
					}
				})
			}
		})
	}
}

// TestPasswordWriteOnly: password is accepted on create, PUT and every PATCH
// form, checked for its type, and never returned nor stored as sent.
func TestPasswordWriteOnly(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			const secret = "S3cret-never-echoed"
			created := ts.do("POST", "/Users", `{"userName":"pw","password":"`+secret+`"}`).mustStatus(t, http.StatusCreated)
			id := created.str("id")
			responses := []resp{created,
				ts.do("PUT", "/Users/"+id, `{"userName":"pw","password":"`+secret+`"}`).mustStatus(t, http.StatusOK)}
			for _, op := range []string{`{"op":"add","path":"password","value":"` + secret + `"}`,
				`{"op":"replace","path":"PASSWORD","value":"` + secret + `"}`,
				`{"op":"replace","value":{"password":"` + secret + `"}}`, `{"op":"remove","path":"password"}`} {
				responses = append(responses, ts.do("PATCH", "/Users/"+id+"?attributes=userName,password",
					`{"Operations":[`+op+`]}`).mustStatus(t, http.StatusOK))
			}
			responses = append(responses, ts.do("GET", "/Users/"+id+"?attributes=password", nil),
				ts.do("GET", "/Users?filter=userName%20eq%20%22pw%22", nil))
			for _, r := range responses {
				if strings.Contains(r.raw, secret) || strings.Contains(r.raw, `"password"`) {
					t.Errorf("password echoed: %s", r.raw)
				}
			}
			a, err := ts.store.AccountByID(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(a.Attributes, secret) || a.PasswordHash != "" {
				t.Errorf("password stored: attributes %s, hash %q", a.Attributes, a.PasswordHash)
			}
			r := ts.do("PATCH", "/Users/"+id, `{"Operations":[{"op":"replace","path":"password","value":{"x":1}}]}`)
			if r.status != http.StatusBadRequest || r.str("scimType") != typeInvalidValue {
				t.Errorf("password of the wrong type: %d %s", r.status, r.raw)
			}
		})
	}
}
