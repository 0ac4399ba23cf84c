package invite_test

import (
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestForecastAllPredictsInviteAll: the dry run counts, per integration,
// the mails and the access codes invite-all then gives, and changes
// nothing (no invitation, no status, autoInvite untouched).
func TestForecastAllPredictsInviteAll(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		okta, ldap := e.integration("okta", false, 0), e.integration("ldap", false, 0)
		for _, u := range []struct {
			in          *store.Integration
			name, email string
		}{{okta, "a", "a@example.com"}, {okta, "b", "b@example.com"}, {ldap, "c", "c@example.com"}, {nil, "admin-made", "m@example.com"}} {
			e.account(u.in, u.name, u.email, "en")
		}
		// An account without email whose code expired is not_invited again.
		kiosk := &store.Account{IntegrationID: &okta.ID, UserName: "kiosk", Active: true, Status: store.StatusNotInvited}
		if err := st.CreateAccount(e.ctx, kiosk); err != nil {
			t.Fatal(err)
		}
		off := e.account(okta, "off", "off@example.com", "en")
		if _, err := e.accounts.Update(e.ctx, actorIdP, off.ID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
			t.Fatal(err)
		}
		f, err := e.svc.ForecastAll(e.ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.Mailed != 4 || f.AccessCodes != 1 || len(f.Integrations) != 3 {
			t.Fatalf("forecast: %+v", f)
		}
		per := map[string][2]int{}
		for _, r := range f.Integrations {
			per[r.IntegrationName] = [2]int{r.Mailed, r.AccessCodes}
		}
		if per["okta"] != [2]int{2, 1} || per["ldap"] != [2]int{1, 0} || per[""] != [2]int{1, 0} {
			t.Fatalf("per integration: %+v", per)
		}
		one, err := e.svc.ForecastAll(e.ctx, okta)
		if err != nil || one.Mailed != 2 || one.AccessCodes != 1 || !one.AutoInviteWouldTurnOn {
			t.Fatalf("forecast of okta: %+v %v", one, err)
		}
		if in, _ := st.IntegrationByID(e.ctx, okta.ID); in.AutoInvite {
			t.Fatal("the forecast turned auto-invite on")
		}
		if invs, _, _ := st.ListInvitations(e.ctx, store.InvitationQuery{}); len(invs) != 0 {
			t.Fatalf("the forecast created %d invitations", len(invs))
		}
		res, err := e.svc.InviteAll(e.ctx, "admin:test", nil, "")
		if err != nil || res.Invited != f.Mailed || res.AccessCodes != f.AccessCodes {
			t.Fatalf("invite-all gave %+v (%v), the forecast said %+v", res, err, f)
		}
	}, noSMTP)
}
