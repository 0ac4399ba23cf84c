package invite_test

import (
	"encoding/json"
	"strconv"
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

// Invite-all builds its account.invited events from the accounts it locked
// (no read again): each payload is what the account now is, read back,
// from its status and bumped version to its names and external id.
func TestInviteAllWebhookPayload(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		if err := st.CreateWebhookEndpoint(e.ctx, &store.WebhookEndpoint{URL: "https://app.example.com/hook",
			Events: webhook.AccountInvited, SecretSealed: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		in := e.integration("okta", false, 0)
		var accts []*store.Account
		for i, n := range []string{"ada", "bob", "cy"} {
			a := e.account(in, n, n+"@example.com", "fr")
			a.GivenName, a.FamilyName, a.UserType = "Given "+n, "Family "+n, "Employee"
			ext := "ext-" + strconv.Itoa(i)
			a.ExternalID = &ext
			if err := st.SaveAccount(e.ctx, a, 0); err != nil {
				t.Fatal(err)
			}
			accts = append(accts, a)
		}
		if _, err := e.svc.InviteAll(e.ctx, "admin:x", nil, ""); err != nil {
			t.Fatal(err)
		}
		ds, _, err := st.WebhookDeliveries(e.ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountInvited, Limit: 100})
		if err != nil || len(ds) != len(accts) {
			t.Fatalf("%d account.invited deliveries, %v; want %d", len(ds), err, len(accts))
		}
		got := map[string]string{}
		for _, d := range ds {
			var p struct {
				Data struct {
					Account map[string]any `json:"account"`
				} `json:"data"`
			}
			if err := json.Unmarshal([]byte(d.Payload), &p); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(p.Data.Account)
			got[p.Data.Account["id"].(string)] = string(b)
		}
		for _, a := range accts {
			now, err := st.AccountByID(e.ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if now.Status != store.StatusInvited || now.Version != a.Version+1 {
				t.Fatalf("%s: status %s, version %d after %d", a.UserName, now.Status, now.Version, a.Version)
			}
			want, _ := json.Marshal(webhook.AccountEvent(webhook.AccountInvited, now, "admin:x").Data["account"])
			if got[a.ID] != string(want) {
				t.Errorf("%s: payload account\n%s\nwant (read back)\n%s", a.UserName, got[a.ID], want)
			}
		}
	}, noSMTP)
}
