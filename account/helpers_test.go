package account_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// newIntegration creates the integration name of kind (scim, ldap) that the
// accounts of a test belong to.
func newIntegration(t *testing.T, st *store.Store, name, kind string) *store.Integration {
	t.Helper()
	in := &store.Integration{Name: name, Kind: kind}
	if err := st.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return in
}

// subscribe creates a webhook endpoint for events, so that changes enqueue
// deliveries.
func subscribe(t *testing.T, st *store.Store, events string) {
	t.Helper()
	if err := st.CreateWebhookEndpoint(context.Background(), &store.WebhookEndpoint{URL: "https://app.example.com/hook",
		Events: events, SecretSealed: []byte("x")}); err != nil {
		t.Fatal(err)
	}
}

// serviceWithAda returns an account service on st, subscribed to events,
// where actor already created the account "ada" of integration in (nil:
// admin-created).
func serviceWithAda(t *testing.T, st *store.Store, events string, actor account.Actor, in *store.Integration) *account.Service {
	t.Helper()
	subscribe(t, st, events)
	svc := account.New(st, nil, nil)
	if _, err := svc.Create(context.Background(), actor, in, &store.Account{UserName: "ada", Active: true}); err != nil {
		t.Fatal(err)
	}
	return svc
}
