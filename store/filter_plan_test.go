package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestFilterPlansUseIndexes pins that lookups by
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

// TestUnconfirmedSignUpsPlan: every create looks for unconfirmed sign-ups
// holding its addresses, so that lookup reads the two small partial
// indexes, never the whole accounts table (on SQLite an ORDER BY id made it
// walk the table in id order, and an account import went quadratic).
func TestUnconfirmedSignUpsPlan(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	in := newIntegration(t, s, "plans")
	if err := s.SeedAccountsForTest(context.Background(), in.ID, 5000); err != nil {
		t.Fatal(err)
	}
	// The size of an import's batch: with many keys an ORDER BY id made
	// SQLite prefer the primary key's order over the partial indexes.
	keys := make([]string, 500)
	for i := range keys {
		keys[i] = fmt.Sprintf("person%d@example.com", i)
	}
	query, args := s.SignUpsQueryForTest(keys)
	plan, err := s.ExplainForTest(context.Background(), query, args)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plan, "autoindex") || !strings.Contains(plan, "accounts_unconfirmed_signup_") {
		t.Errorf("unconfirmed sign-ups are not looked up through their partial indexes:\n%s", plan)
	}
	if _, err := s.LockUnconfirmedSignUps(context.Background(), []string{"a@example.com"}); err != nil {
		t.Fatal(err)
	}
}
