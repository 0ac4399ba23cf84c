package scim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/elimity-com/scim/schema"

	"github.com/provisiond/provisiond/store/storetest"
)

// hostileValues are wrong or odd values for any attribute: each type in
// the wrong place, nulls, numbers as strings, unicode and NUL, long text,
// deep nesting, a large array.
var hostileValues = []any{
	nil, 0, -1.5e308, true, "True", "123", "x\u0000y", "\u202e\U0001F600é", strings.Repeat("ü", 2000),
	[]any{}, []any{nil}, []any{1, "a", false}, map[string]any{}, map[string]any{"value": map[string]any{}},
	nested(200), largeArray(500),
}

func nested(depth int) any {
	var v any = "bottom"
	for i := range depth {
		if i%2 == 0 {
			v = []any{v}
		} else {
			v = map[string]any{"value": v}
		}
	}
	return v
}

func largeArray(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"value": fmt.Sprint(i), "type": i, "primary": "yes"}
	}
	return out
}

// hostileBodies are whole bodies that are not what any endpoint expects.
var hostileBodies = []string{
	``, `null`, `[]`, `"x"`, `1`, `{`, `{"a":1}{"b":2}`, strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
	`{"Operations":"x"}`, `{"Operations":[null]}`, `{"Operations":[1]}`, `{"Operations":[{"op":1}]}`,
	`{"Operations":[{"op":"add","path":1,"value":1}]}`, `{"Operations":[{"op":"add","path":"","value":null}]}`,
	`{"Operations":[{"op":"replace","path":"members[value eq 1]"}]}`, `{"Operations":[{"op":"remove","path":"[]"}]}`,
	`{"Operations":[{"op":"remove","path":"emails[` + strings.Repeat(`type eq "a" or `, 500) + `type eq "b"]"}]}`,
	`{"Operations":[{"op":"remove","path":"` + strings.Repeat(`a.`, 9000) + `"}]}`,
	`{"schemas":{"a":1},"userName":{"x":1},"displayName":["x"],"members":{"value":[1]}}`,
}

// attributePaths lists every attribute of s as a path, and every
// sub-attribute as attr.sub.
func attributePaths(prefix string, s schema.Schema) []string {
	var out []string
	for _, a := range s.Attributes {
		out = append(out, prefix+a.Name())
		for _, sub := range a.SubAttributes() {
			out = append(out, prefix+a.Name()+"."+sub.Name())
		}
	}
	return out
}

// TestHostileBodiesNo500 sends wrong values at every attribute of the model
// and malformed bodies to POST, PUT and PATCH of Users and Groups: each is
// answered, with a 2xx or a 4xx, never a 500.
func TestHostileBodiesNo500(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, func(o *Options) { o.RateLimit = 0 })
			uid := ts.createUser("target", nil)
			gid := ts.do("POST", "/Groups", `{"displayName":"target"}`).mustStatus(t, http.StatusCreated).str("id")
			n := 0
			send := func(method, path string, body any) {
				n++
				raw, ok := body.(string)
				if !ok {
					b, _ := json.Marshal(body)
					raw = string(b)
				}
				req := httptest.NewRequest(method, Prefix+path, strings.NewReader(raw))
				req.Header.Set("Authorization", "Bearer "+ts.token)
				req.Header.Set("Content-Type", contentType)
				rec := httptest.NewRecorder()
				ts.srv.ServeHTTP(rec, req)
				if rec.Code >= 500 {
					t.Errorf("%s %s %.300s: %d %s", method, path, raw, rec.Code, rec.Body.String())
				}
			}
			op := func(op, path string, v any) map[string]any {
				o := map[string]any{"op": op, "value": v}
				if path != "" {
					o["path"] = path
				}
				return map[string]any{"Operations": []any{o}}
			}
			users := append(append(attributePaths("", userResource), attributePaths(EnterpriseURN+":", enterpriseSchema)...), EnterpriseURN)
			groups := attributePaths("", groupResource)
			for i, v := range hostileValues {
				for _, p := range users {
					key, sub, _ := strings.Cut(strings.TrimPrefix(p, EnterpriseURN+":"), ".")
					if strings.HasPrefix(p, EnterpriseURN+":") {
						key = EnterpriseURN + ":" + key
					}
					doc := map[string]any{"userName": fmt.Sprintf("h%d", n), key: v}
					if sub != "" {
						if i%3 != 0 { // sub-attributes get a third of the values: the same code paths
							continue
						}
						doc[key] = []any{map[string]any{sub: v}}
					} else {
						send("PUT", "/Users/"+uid, doc)
						send("PATCH", "/Users/"+uid, op("add", "", map[string]any{p: v}))
					}
					send("POST", "/Users", doc)
					send("PATCH", "/Users/"+uid, op("replace", p, v))
				}
				for _, p := range groups {
					send("POST", "/Groups", map[string]any{"displayName": fmt.Sprintf("g%d", n), p: v})
					send("PUT", "/Groups/"+gid, map[string]any{"displayName": "target", p: v})
					send("PATCH", "/Groups/"+gid, op("add", p, v))
					send("PATCH", "/Groups/"+gid, op("replace", "", map[string]any{p: v}))
				}
				send("PATCH", "/Users/"+uid, op("add", `emails[type eq "work"].value`, v))
				send("PATCH", "/Groups/"+gid, op("remove", `members[value eq "x"]`, v))
			}
			for _, b := range hostileBodies {
				for _, target := range []string{"/Users", "/Users/" + uid, "/Groups", "/Groups/" + gid} {
					for _, m := range []string{"POST", "PUT", "PATCH"} {
						if strings.Count(target, "/") == 1 && m != "POST" {
							continue
						}
						send(m, target, b)
					}
				}
			}
			t.Logf("%d requests", n)
		})
	}
}
