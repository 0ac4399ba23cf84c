package scim

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// cursorPage is one page of a cursor walk.
type cursorPage struct {
	ids  []string
	next string
	raw  resp
}

// getCursor reads GET path with cursor (""=first page) and count.
func (ts *testServer) getCursor(path, query, cursor string, count int) cursorPage {
	ts.t.Helper()
	sep := "?"
	if query != "" {
		sep = "?" + query + "&"
	}
	r := ts.do("GET", fmt.Sprintf("%s%scursor=%s&count=%d", path, sep, url.QueryEscape(cursor), count), nil).mustStatus(ts.t, http.StatusOK)
	p := cursorPage{next: r.str("nextCursor"), raw: r}
	for _, it := range r.body["Resources"].([]any) {
		p.ids = append(p.ids, it.(map[string]any)["id"].(string))
	}
	if _, ok := r.body["startIndex"]; ok {
		ts.t.Errorf("cursor page has startIndex: %s", r.raw)
	}
	return p
}

// walk follows nextCursor from the first page to the last.
func (ts *testServer) walk(path, query string, count int, between func()) []string {
	ts.t.Helper()
	var all []string
	p := ts.getCursor(path, query, "", count)
	for {
		all = append(all, p.ids...)
		if p.next == "" {
			return all
		}
		if between != nil {
			between()
		}
		p = ts.getCursor(path, query, p.next, count)
	}
}

func TestCursorPaging(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			var users, groups []string
			for i := range 7 {
				users = append(users, ts.createUser(fmt.Sprintf("u%d", i), nil))
				groups = append(groups, ts.do("POST", "/Groups", map[string]any{"displayName": fmt.Sprint("g", i)}).
					mustStatus(t, http.StatusCreated).str("id"))
			}
			first := ts.getCursor("/Users", "", "", 3)
			if len(first.ids) != 3 || first.next == "" || first.raw.body["totalResults"] != 7.0 || first.raw.body["itemsPerPage"] != 3.0 {
				t.Fatalf("first page: %s", first.raw.raw)
			}
			for _, c := range first.next {
				if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
					t.Fatalf("cursor %q has a character outside RFC 3986's unreserved set", first.next)
				}
			}
			if got := ts.walk("/Users", "", 3, nil); fmt.Sprint(got) != fmt.Sprint(users) {
				t.Errorf("users walk %v, want %v", got, users)
			}
			if got := ts.walk("/Groups", "", 2, nil); fmt.Sprint(got) != fmt.Sprint(groups) {
				t.Errorf("groups walk %v, want %v", got, groups)
			}
			if got := ts.walk("/Users", "sortOrder=descending", 4, nil); fmt.Sprint(got) != fmt.Sprint(reversed(users)) {
				t.Errorf("descending walk %v", got)
			}
			f := "filter=" + url.QueryEscape(`userName eq "u1" or userName eq "u5" or userName eq "u6"`)
			if got := ts.walk("/Users", f, 1, nil); fmt.Sprint(got) != fmt.Sprint([]string{users[1], users[5], users[6]}) {
				t.Errorf("filtered walk %v", got)
			}
			// A page that ends the list exactly has no nextCursor.
			if p := ts.getCursor("/Users", "", "", 7); p.next != "" || len(p.ids) != 7 {
				t.Errorf("whole list in one page: %s", p.raw.raw)
			}
			if p := ts.getCursor("/Users", "", "", 0); p.next != "" || len(p.ids) != 0 || p.raw.body["totalResults"] != 7.0 {
				t.Errorf("count=0: %s", p.raw.raw)
			}
			// "?cursor" without a value starts cursor paging too (RFC 9865 §2).
			if r := ts.do("GET", "/Users?cursor&count=2", nil).mustStatus(t, http.StatusOK); r.str("nextCursor") == "" {
				t.Errorf("?cursor: %s", r.raw)
			}
			// POST .search with the cursor in the body (RFC 9865 §3).
			s := ts.do("POST", "/Users/.search", map[string]any{"schemas": []string{searchURN}, "cursor": "", "count": 4}).mustStatus(t, http.StatusOK)
			s2 := ts.do("POST", "/Users/.search", map[string]any{"schemas": []string{searchURN}, "cursor": s.str("nextCursor"), "count": 4}).mustStatus(t, http.StatusOK)
			if len(s.body["Resources"].([]any)) != 4 || len(s2.body["Resources"].([]any)) != 3 || s2.str("nextCursor") != "" {
				t.Errorf(".search: %s / %s", s.raw, s2.raw)
			}
			g := ts.do("POST", "/Groups/.search", map[string]any{"cursor": "", "count": 5}).mustStatus(t, http.StatusOK)
			if g.str("nextCursor") == "" || g.body["startIndex"] != nil {
				t.Errorf("groups .search: %s", g.raw)
			}
			// Index paging is as before: startIndex, no nextCursor.
			if r := ts.do("GET", "/Users?startIndex=2&count=2", nil).mustStatus(t, http.StatusOK); r.body["startIndex"] != 2.0 || r.body["nextCursor"] != nil {
				t.Errorf("index paging: %s", r.raw)
			}
			pag, _ := ts.do("GET", "/ServiceProviderConfig", nil).mustStatus(t, http.StatusOK).body["pagination"].(map[string]any)
			if pag["cursor"] != true || pag["index"] != true || pag["defaultPaginationMethod"] != "index" ||
				pag["maxPageSize"] != float64(maxCount) || pag["cursorTimeout"] != 3600.0 {
				t.Errorf("ServiceProviderConfig pagination: %v", pag)
			}
		})
	}
}

func reversed(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}
