package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestFilterPlansUseIndexes pins acceptance 4 of issue 3: lookups by
// userName, externalId and email are index lookups on both databases, so
// their latency does not grow with the number of accounts.
func TestFilterPlansUseIndexes(t *testing.T) {
	eq := func(a, v string) store.Filter { return store.Compare{Attr: a, Op: "eq", Value: v} }
	cases := []struct {
		f     store.Filter
		index string
	}{
		{eq("userName", "A"), "accounts_user_name_key"},
		{eq("externalId", "x"), "accounts_external_id_key"},
		{eq("emails.value", "a@b"), "account_emails_value_idx"},
		{store.ValuePath{Attr: "emails", Filter: store.And{Left: eq("type", "work"), Right: eq("value", "a@b")}}, "account_emails_value_idx"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		in := newIntegration(t, s, "plans")
		if err := s.SeedAccountsForTest(context.Background(), in.ID, 5000); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			where, args, err := s.AccountWhereSQLForTest(store.AccountQuery{IntegrationID: in.ID, Filter: c.f})
			if err != nil {
				t.Fatal(err)
			}
			plan, err := s.ExplainForTest(context.Background(),
				"SELECT a.* FROM accounts a WHERE "+where+" ORDER BY a.created_at, a.id LIMIT 100", args)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(plan, c.index) {
				t.Errorf("%v: plan does not use %s:\n%s", c.f, c.index, plan)
			}
		}
	})
}
