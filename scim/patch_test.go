package scim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// get walks a decoded document: "name.givenName", "emails.1.value", "<urn>|department".
func get(doc map[string]any, path string) any {
	var cur any = doc
	container, rest, ok := strings.Cut(path, "|")
	if ok {
		cur = doc[container]
		path = rest
	}
	for _, p := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			if i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

func TestPatchUser(t *testing.T) {
	ext := EnterpriseURN
	cases := []struct {
		name string
		ops  string
		want map[string]any // path -> value; nil value: absent
	}{
		{"replace simple", `[{"op":"replace","path":"userName","value":"renamed"}]`, map[string]any{"userName": "renamed"}},
		{"op and attribute case-insensitive", `[{"op":"Replace","path":"DisplayName","value":"D"}]`, map[string]any{"displayName": "D"}},
		{"okta no-path active false", `[{"op":"replace","value":{"active":false}}]`, map[string]any{"active": false}},
		{"entra string boolean", `[{"op":"Replace","path":"active","value":"False"}]`, map[string]any{"active": false}},
		{"entra string boolean no path", `[{"op":"replace","value":{"active":"True"}}]`, map[string]any{"active": true}},
		{"sub-attribute", `[{"op":"replace","path":"name.givenName","value":"Ann"}]`, map[string]any{"name.givenName": "Ann", "name.familyName": "F"}},
		{"complex replace merges", `[{"op":"replace","path":"name","value":{"givenName":"Ann"}}]`, map[string]any{"name.givenName": "Ann", "name.familyName": "F"}},
		{"no-path dotted keys", `[{"op":"replace","value":{"name.givenName":"Ann","name.familyName":"Lee","displayName":"A L"}}]`,
			map[string]any{"name.givenName": "Ann", "name.familyName": "Lee", "displayName": "A L"}},
		{"no-path URN keys", `[{"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Sales","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"boss-1"}}]`,
			map[string]any{ext + "|department": "Sales", ext + "|manager.value": "boss-1"}},
		{"URN path, manager as plain string", `[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"boss-2"}]`,
			map[string]any{ext + "|manager.value": "boss-2"}},
		{"URN path sub-attribute", `[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"}]`,
			map[string]any{ext + "|employeeNumber": "42"}},
		{"filtered sub replace", `[{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@example.com"}]`,
			map[string]any{"emails.0.value": "new@example.com", "emails.0.type": "work"}},
		{"filtered add creates", `[{"op":"add","path":"emails[type eq \"home\"].value","value":"home@example.com"}]`,
			map[string]any{"emails.1.value": "home@example.com", "emails.1.type": "home"}},
		{"add to multi-valued", `[{"op":"add","path":"phoneNumbers","value":[{"value":"+1 555","type":"work"}]}]`,
			map[string]any{"phoneNumbers.0.value": "+1 555"}},
		{"remove filtered", `[{"op":"remove","path":"emails[type eq \"work\"]"}]`, map[string]any{"emails": nil}},
		{"remove simple", `[{"op":"remove","path":"name.givenName"}]`, map[string]any{"name.givenName": nil, "name.familyName": "F"}},
		{"read-only id in value ignored", `[{"op":"replace","value":{"id":"x","meta":{"version":"1"},"title":"T"}}]`, map[string]any{"title": "T"}},
		{"password dropped", `[{"op":"replace","value":{"password":"hunter2"}}]`, map[string]any{"password": nil}},
		{"remove manager by URN path", `[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"b"}},{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]`,
			map[string]any{ext + "|manager": nil}},
		{"extension URN as path", `[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"division":"North"}}]`,
			map[string]any{ext + "|division": "North"}},
		{"remove by value list", `[{"op":"add","path":"emails","value":[{"value":"x@example.com"}]},{"op":"remove","path":"emails","value":[{"value":"X@Example.com"}]}]`,
			map[string]any{"emails.1": nil, "emails.0.type": "work"}},
		{"several ops in order", `[{"op":"add","path":"title","value":"A"},{"op":"replace","path":"title","value":"B"}]`, map[string]any{"title": "B"}},
	}
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			for i, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					id := ts.createUser(fmt.Sprintf("patch%d", i), nil)
					body := `{"schemas":["` + patchURN + `"],"Operations":` + c.ops + `}`
					ts.do("PATCH", "/Users/"+id, body).mustStatus(t, http.StatusNoContent)
					doc := ts.do("GET", "/Users/"+id, nil).mustStatus(t, http.StatusOK).body
					for path, want := range c.want {
						if got := get(doc, path); fmt.Sprint(got) != fmt.Sprint(want) && !(want == nil && got == nil) {
							t.Errorf("%s = %v, want %v (doc %v)", path, got, want, doc)
						}
					}
					if strings.Contains(fmt.Sprint(doc), "hunter2") {
						t.Error("password returned")
					}
				})
			}
		})
	}
}

func TestPatchErrors(t *testing.T) {
	ts := newTestServer(t, "sqlite", nil)
	id := ts.createUser("errs", nil)
	cases := []struct {
		body     string
		status   int
		scimType string
	}{
		{`{"Operations":[{"op":"replace","path":"nosuch","value":"x"}]}`, 400, typeInvalidPath},
		{`{"Operations":[{"op":"replace","path":"id","value":"x"}]}`, 400, typeMutability},
		{`{"Operations":[{"op":"replace","path":"meta.created","value":"x"}]}`, 400, typeMutability},
		{`{"Operations":[{"op":"remove"}]}`, 400, typeNoTarget},
		{`{"Operations":[{"op":"move","path":"title","value":"x"}]}`, 400, typeInvalidSyntax},
		{`{"Operations":[{"op":"replace","path":"active","value":"maybe"}]}`, 400, typeInvalidValue},
		{`{"Operations":[{"op":"replace","path":"emails[type eq ]","value":"x"}]}`, 400, typeInvalidPath},
		{`{"Operations":[{"op":"replace","path":"emails[type eq \"x\" or type eq \"y\"].value","value":"v"}]}`, 400, typeNoTarget},
		{`{"Operations":[{"op":"remove","path":"userName"}]}`, 400, typeInvalidValue},
		{`{"Operations":`, 400, typeInvalidSyntax},
		{`{"Operations":[]}`, 400, typeInvalidSyntax},
	}
	for _, c := range cases {
		r := ts.do("PATCH", "/Users/"+id, c.body)
		if r.status != c.status || r.str("scimType") != c.scimType || r.str("status") != fmt.Sprint(c.status) {
			t.Errorf("%s: %d %s", c.body, r.status, r.raw)
		}
	}
}
