package scim

import (
	"fmt"
	"net/http"
	"testing"
)

// Replay tests (replay_*_test.go) send what each identity provider sends,
// in its order, with its encoding and its bodies, as docs/conformance.md
// lists them, and check what the provider then reads back.

// replay sends one request as an IdP sends it and expects status.
func (ts *testServer) replay(t *testing.T, method, path string, body any, status int) resp {
	t.Helper()
	r := ts.do(method, path, body)
	if r.status != status {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, r.status, status, r.raw)
	}
	return r
}

// user reads a user back and checks attributes: path (as get reads it) -> want.
func (ts *testServer) user(t *testing.T, id string, want map[string]any) map[string]any {
	t.Helper()
	doc := ts.replay(t, "GET", "/Users/"+id, nil, http.StatusOK).body
	for path, w := range want {
		if got := get(doc, path); fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("user %s: %s = %v, want %v", id, path, got, w)
		}
	}
	return doc
}

// members returns the member ids of a group.
func (ts *testServer) members(t *testing.T, gid string) []string {
	t.Helper()
	var out []string
	for _, m := range ts.replay(t, "GET", "/Groups/"+gid, nil, http.StatusOK).body["members"].([]any) {
		out = append(out, m.(map[string]any)["value"].(string))
	}
	return out
}

// total checks the totalResults of a list answer.
func total(t *testing.T, r resp, want int) {
	t.Helper()
	if r.body["totalResults"] != float64(want) {
		t.Fatalf("totalResults %v, want %d: %s", r.body["totalResults"], want, r.raw)
	}
}

// patchOf wraps raw operations (JSON) in a PatchOp body.
func patchOf(ops string) string {
	return `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[` + ops + `]}`
}
