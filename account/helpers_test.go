package account_test

import (
	"context"
	"testing"

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
