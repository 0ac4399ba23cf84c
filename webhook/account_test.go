package webhook_test

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// account.Service records its lifecycle events in the change's transaction.
func TestAccountServiceEmitsEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		keys := testKeys(t)
		u := "https://app.example.com/h"
		ep, _, err := webhook.Endpoints{Store: st, Keys: keys}.Create(ctx, "t", webhook.EndpointInput{URL: &u, Events: []string{"*"}})
		if err != nil {
			t.Fatal(err)
		}
		svc := account.New(st, nil, nil)
		a, err := svc.Create(ctx, account.System, nil, &store.Account{UserName: "ada", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, active := range []bool{false, true} {
			if _, err := svc.Update(ctx, account.System, a.ID, 0, func(a *store.Account) error { a.Active = active; return nil }); err != nil {
				t.Fatal(err)
			}
		}
		if err := svc.Delete(ctx, account.System, a.ID, 0); err != nil {
			t.Fatal(err)
		}
		ds, _, err := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EndpointID: ep.ID, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := len(ds) - 1; i >= 0; i-- {
			got = append(got, ds[i].EventType)
			if ds[i].OrderKey != "account:"+a.ID {
				t.Errorf("order key %q", ds[i].OrderKey)
			}
		}
		want := "account.created,account.suspended,account.reactivated,account.deleted"
		if strings.Join(got, ",") != want {
			t.Errorf("events %v, want %s", got, want)
		}
	})
}
