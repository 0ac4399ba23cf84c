package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// seedFilterAccounts creates three accounts of integration in and one of another.
func seedFilterAccounts(t *testing.T, s *store.Store) (in, other *store.Integration, created time.Time) {
	t.Helper()
	ctx := context.Background()
	in, other = newIntegration(t, s, "a"), newIntegration(t, s, "b")
	add := func(in *store.Integration, a store.Account) time.Time {
		a.IntegrationID = &in.ID
		if err := s.CreateAccount(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a.CreatedAt
	}
	// created is Alice's creation time: the later accounts are created
	// after her insert's round trip, so strictly after it.
	created = add(in, store.Account{UserName: "Alice@Example.com", ExternalID: ptr("Ext-1"), GivenName: "Alice", FamilyName: "Employee",
		Active: true, Department: "R&D", ManagerID: "m-1",
		Emails: []store.Email{{Value: "Alice@Example.com", Type: "work", IsPrimary: true}, {Value: "alice@home.org", Type: "home"}}})
	add(in, store.Account{UserName: "bob_100%", ExternalID: ptr("ext-2"), FamilyName: "Employee", Active: false,
		Emails: []store.Email{{Value: "bob@example.org", Type: "work"}}})
	add(in, store.Account{UserName: "carol", DisplayName: "Carol [C]", Active: true})
	add(other, store.Account{UserName: "alice2@example.com", Active: true, Emails: []store.Email{{Value: "x@example.com", Type: "work"}}})
	return in, other, created
}

func TestListAccountsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		in, _, created := seedFilterAccounts(t, s)
		eq := func(a string, v any) store.Filter { return store.Compare{Attr: a, Op: "eq", Value: v} }
		cmp := func(a, op string, v any) store.Filter { return store.Compare{Attr: a, Op: op, Value: v} }
		cases := []struct {
			name string
			f    store.Filter
			want []string
		}{
			{"all", nil, []string{"Alice@Example.com", "bob_100%", "carol"}},
			{"userName eq is case-insensitive", eq("USERNAME", "alice@example.COM"), []string{"Alice@Example.com"}},
			{"core URN prefix", eq("urn:ietf:params:scim:schemas:core:2.0:User:userName", "carol"), []string{"carol"}},
			{"externalId is case-exact", eq("externalId", "ext-1"), nil},
			{"externalId exact", eq("externalId", "Ext-1"), []string{"Alice@Example.com"}},
			{"externalId sw case-exact", cmp("externalId", "sw", "Ext"), []string{"Alice@Example.com"}},
			{"ne", cmp("userName", "ne", "carol"), []string{"Alice@Example.com", "bob_100%"}},
			{"co escapes %", cmp("userName", "co", "100%"), []string{"bob_100%"}},
			{"co escapes _", cmp("userName", "co", "b_1"), []string{"bob_100%"}},
			{"underscore is literal", cmp("userName", "co", "o_"), nil},
			{"sw", cmp("userName", "sw", "AL"), []string{"Alice@Example.com"}},
			{"ew", cmp("userName", "ew", ".COM"), []string{"Alice@Example.com"}},
			{"gt string", cmp("userName", "gt", "b"), []string{"bob_100%", "carol"}},
			{"pr", store.Present{Attr: "displayName"}, []string{"carol"}},
			{"externalId pr", store.Present{Attr: "externalId"}, []string{"Alice@Example.com", "bob_100%"}},
			{"active bool", eq("active", false), []string{"bob_100%"}},
			{"and/or/not", store.And{Left: eq("name.familyName", "employee"),
				Right: store.Not{Inner: store.Or{Left: eq("active", false), Right: eq("userName", "nobody")}}}, []string{"Alice@Example.com"}},
			{"emails.value co", cmp("emails.value", "co", "EXAMPLE.org"), []string{"bob_100%"}},
			{"bare emails means value", eq("emails", "alice@home.org"), []string{"Alice@Example.com"}},
			{"value path", store.ValuePath{Attr: "emails", Filter: store.And{Left: eq("type", "work"), Right: eq("value", "alice@example.com")}},
				[]string{"Alice@Example.com"}},
			{"value path other type", store.ValuePath{Attr: "emails", Filter: store.And{Left: eq("type", "home"), Right: eq("value", "bob@example.org")}}, nil},
			{"value path primary", store.ValuePath{Attr: "emails", Filter: eq("primary", true)}, []string{"Alice@Example.com"}},
			{"meta.created gt", cmp("meta.created", "gt", created.Format(time.RFC3339Nano)), []string{"bob_100%", "carol"}},
			{"meta.lastModified le", cmp("meta.lastModified", "le", created.Format(time.RFC3339Nano)), []string{"Alice@Example.com"}},
			{"meta.created with offset", cmp("meta.created", "gt", "2015-10-10T14:38:21.8617979-07:00"), []string{"Alice@Example.com", "bob_100%", "carol"}},
			{"enterprise short", eq("department", "r&d"), []string{"Alice@Example.com"}},
			{"enterprise URN", eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "m-1"), []string{"Alice@Example.com"}},
			{"eq null", eq("externalId", nil), []string{"carol"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, total, err := s.ListAccounts(context.Background(), store.AccountQuery{IntegrationID: in.ID, Filter: c.f})
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, a := range got {
					names = append(names, a.UserName)
				}
				if !slices.Equal(names, c.want) || total != int64(len(c.want)) {
					t.Fatalf("got %q (total %d), want %q", names, total, c.want)
				}
			})
		}
	})
}

func TestListAccountsErrorsAndPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in, _, _ := seedFilterAccounts(t, s)
		for _, f := range []store.Filter{
			store.Compare{Attr: "nosuch", Op: "eq", Value: "x"},
			store.Compare{Attr: "emails.nosuch", Op: "eq", Value: "x"},
			store.Compare{Attr: "active", Op: "co", Value: true},
			store.Compare{Attr: "meta.created", Op: "gt", Value: "yesterday"},
			store.ValuePath{Attr: "phoneNumbers", Filter: store.Compare{Attr: "value", Op: "eq", Value: "1"}},
		} {
			if _, _, err := s.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID, Filter: f}); !errors.Is(err, store.ErrFilter) {
				t.Errorf("%#v: %v, want ErrFilter", f, err)
			}
		}
		if _, _, err := s.ListAccounts(ctx, store.AccountQuery{Filter: store.Compare{Attr: "x", Op: "eq", Value: "1"}}); !store.UnknownAttr(err) {
			t.Errorf("unknown attribute: %v", err)
		}
		page, total, err := s.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID, SortBy: "userName", Desc: true, Offset: 1, Limit: 1})
		if err != nil || total != 3 || len(page) != 1 || page[0].UserName != "bob_100%" {
			t.Fatalf("page: %v total %d err %v", page, total, err)
		}
		if len(page[0].Emails) != 1 {
			t.Fatalf("emails not loaded: %+v", page[0])
		}
		if _, n, _ := s.ListAccounts(ctx, store.AccountQuery{IntegrationID: in.ID, CountOnly: true}); n != 3 {
			t.Fatalf("count only: %d", n)
		}
	})
}

// TestFilterNonASCII: case folding is the database's on both sides, so a
// non-ASCII userName is found in any ASCII case on SQLite too.
func TestFilterNonASCII(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		in := newIntegration(t, s, "u")
		if err := s.CreateAccount(context.Background(), &store.Account{IntegrationID: &in.ID, UserName: "Élodie@Example.fr"}); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{"ÉLODIE@EXAMPLE.FR", "Élodie@example.fr"} {
			_, n, err := s.ListAccounts(context.Background(), store.AccountQuery{IntegrationID: in.ID,
				Filter: store.Compare{Attr: "userName", Op: "eq", Value: v}})
			if err != nil || n != 1 {
				t.Errorf("userName eq %q: %d (%v)", v, n, err)
			}
		}
	})
}
