package invite_test

import (
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestInvitationsFollowTheAccount: suspending an account cancels its open
// invitation and revokes its access code (the link and the code an owner
// holds stop working); re-activating it applies auto-invite again: a new
// invitation, or a new code for an account without an email. A suspended
// account used to keep both, invited, with Resend and Copy offered.
func TestInvitationsFollowTheAccount(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		mailed := e.account(in, "mailed", "mailed@example.com", "en")
		coded := e.account(in, "coded", "", "en")
		first := e.invitations(mailed.ID)
		if len(first) != 1 || first[0].Status != store.InvitationSent {
			t.Fatalf("auto-invite: %+v", first)
		}
		if _, err := st.LiveAccessCode(e.ctx, coded.ID); err != nil {
			t.Fatalf("access code: %v", err)
		}
		setActive := func(id string, active bool) {
			t.Helper()
			if _, err := e.accounts.Update(e.ctx, actorIdP, id, 0, func(a *store.Account) error {
				a.Active = active
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{mailed.ID, coded.ID} {
			setActive(id, false)
			if got := e.reload(id).Status; got != store.StatusSuspended {
				t.Fatalf("suspended account's status: %s", got)
			}
		}
		if invs := e.invitations(mailed.ID); invs[0].Status != store.InvitationCanceled {
			t.Fatalf("a suspended account's invitation: %s, want canceled", invs[0].Status)
		}
		if _, err := st.LiveAccessCode(e.ctx, coded.ID); err == nil {
			t.Fatal("a suspended account's access code is still live")
		}
		if n := e.auditCount("invitation.canceled", first[0].ID); n != 1 {
			t.Fatalf("invitation.canceled audited %d times", n)
		}
		for _, id := range []string{mailed.ID, coded.ID} {
			setActive(id, true)
			if got := e.reload(id).Status; got != store.StatusInvited {
				t.Fatalf("re-activated account's status: %s, want invited (auto-invite again)", got)
			}
		}
		invs, sent := e.sentInvitations(mailed.ID)
		if len(invs) != 2 || len(sent) != 1 {
			t.Fatalf("after re-activation: %+v, want the canceled one and one new", invs)
		}
		if _, err := st.LiveAccessCode(e.ctx, coded.ID); err != nil {
			t.Fatalf("re-activated account without email has no new code: %v", err)
		}
	}, noSMTP)
}
