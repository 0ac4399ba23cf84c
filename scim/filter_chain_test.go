package scim

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// chainOf joins n terms made by term with op ("or", "and").
func chainOf(n int, op string, term func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = term(i)
	}
	return strings.Join(parts, " "+op+" ")
}

// Flat chains of or/and (an IdP reading back a page of users by id or
// userName) are long, not deep: 100 terms and up to 1,000 answer 200 on
// Users, Groups and .search; real nesting (parentheses, not) stays bounded.
func TestFilterFlatChains(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			ids := make([]string, 5)
			for i := range ids {
				ids[i] = ts.createUser(fmt.Sprintf("u%d", i), map[string]any{"title": "T"})
				ts.do("POST", "/Groups", map[string]any{"displayName": fmt.Sprintf("g%d", i)}).mustStatus(t, http.StatusCreated)
			}
			byName := func(i int) string { return fmt.Sprintf(`userName eq "u%d"`, i) }
			byID := func(i int) string { return fmt.Sprintf(`id eq "%s"`, ids[i%len(ids)]) }
			list := func(path, filter string, want int) {
				t.Helper()
				r := ts.do("GET", path+"?count=0&filter="+url.QueryEscape(filter), nil)
				if r.status != http.StatusOK || r.body["totalResults"] != float64(want) {
					t.Fatalf("%s, %d terms: %d %.300s", path, strings.Count(filter, " eq ")+strings.Count(filter, " pr"), r.status, r.raw)
				}
			}
			list("/Users", chainOf(100, "or", byName), 5)
			list("/Users", chainOf(100, "OR", byID), 5)
			list("/Users", chainOf(1000, "or", byName), 5)
			list("/Users", chainOf(100, "and", func(int) string { return "title pr" }), 5)
			list("/Users", "("+chainOf(100, "or", byName)+") and ("+chainOf(100, "or", byID)+")", 5)
			list("/Users", "emails["+chainOf(100, "or", func(i int) string { return fmt.Sprintf(`value eq "u%d@example.com"`, i) })+"]", 5)
			list("/Groups", chainOf(100, "or", func(i int) string { return fmt.Sprintf(`displayName eq "g%d"`, i) }), 5)
			r := ts.do("POST", "/Users/.search", map[string]any{"filter": chainOf(100, "or", byName), "count": 2})
			if r.status != http.StatusOK || r.body["totalResults"] != 5.0 || len(r.body["Resources"].([]any)) != 2 {
				t.Fatalf(".search with 100 terms: %d %.300s", r.status, r.raw)
			}

			refused := func(filter, why string) {
				t.Helper()
				r := ts.do("GET", "/Users?filter="+url.QueryEscape(filter), nil).mustStatus(t, http.StatusBadRequest)
				if r.str("scimType") != typeInvalidFilter || !strings.Contains(r.str("detail"), why) {
					t.Fatalf("%.80s...: %s", filter, r.raw)
				}
			}
			refused(chainOf(1001, "or", byName), "more than 1000 comparisons")
			refused(strings.Repeat("(", 40)+byName(0)+strings.Repeat(")", 40), "nested too deeply")
			refused(strings.Repeat("not (", 40)+byName(0)+strings.Repeat(")", 40), "nested too deeply")
		})
	}
}
