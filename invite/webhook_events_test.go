package invite_test

import (
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// The lifecycle reaches webhooks: created, invited (auto-invite, access
// code), approved, each in the transaction of the change.
func TestLifecycleWebhookEvents(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		if err := st.CreateWebhookEndpoint(e.ctx, &store.WebhookEndpoint{URL: "https://app.example.com/hook",
			Events: "*", SecretSealed: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		in := e.integration("okta", true, 0)
		a := e.account(in, "ada", "ada@example.com", "")
		e.account(in, "nomail", "", "") // gets an access code
		inv := e.invitations(a.ID)[0]
		inv.Status = store.InvitationNeedsApproval
		if err := st.SaveInvitation(e.ctx, &inv); err != nil {
			t.Fatal(err)
		}
		st.SetAccountStatus(e.ctx, a.ID, store.StatusPendingApproval)
		if err := e.svc.Approve(e.ctx, "admin:x", inv.ID); err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		ds, _, err := st.WebhookDeliveries(e.ctx, store.WebhookDeliveryQuery{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			count[d.EventType]++
		}
		want := map[string]int{webhook.AccountCreated: 2, webhook.AccountInvited: 2, webhook.AccountApproved: 1}
		for typ, n := range want {
			if count[typ] != n {
				t.Errorf("%s: %d deliveries, want %d (all: %v)", typ, count[typ], n, count)
			}
		}
	}, noSMTP)
}
