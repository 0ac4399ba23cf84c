package invite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// remindedEnv is an env whose integration reminds reminderDays before
// expiry, with one delivered invitation per user.
func remindedEnv(t *testing.T, st *store.Store, reminderDays int, users ...string) (*env, []store.Invitation) {
	t.Helper()
	e := newEnv(t, st)
	in := e.integration("okta", true, 0)
	if _, err := st.UpdateIntegration(e.ctx, in.ID, func(in *store.Integration) error {
		in.ReminderDays = reminderDays
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var invs []store.Invitation
	for _, u := range users {
		a := e.account(in, u, u+"@example.com", "fr")
		invs = append(invs, e.waitInvitation(a.ID, "delivered", delivered))
	}
	e.smtp.WaitFor(len(users), 10*time.Second)
	return e, invs
}

// age makes inv look first mailed 28 days ago, expiring in 2 days.
func (e *env) age(inv *store.Invitation) {
	e.t.Helper()
	first, exp := time.Now().Add(-28*24*time.Hour), time.Now().Add(2*24*time.Hour)
	inv.FirstSentAt, inv.ExpiresAt = &first, &exp
	if err := e.st.SaveInvitation(e.ctx, inv); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) maintain() invite.MaintenanceReport {
	e.t.Helper()
	rep, err := e.svc.Maintain(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return rep
}

// waitAudit polls until action was audited on target.
func (e *env) waitAudit(action, target string) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for e.auditCount(action, target) == 0 {
		if time.Now().After(deadline) {
			e.t.Fatalf("no %s on %s", action, target)
		}
		time.Sleep(20 * time.Millisecond) // polling with a deadline
	}
}

func TestReminderMailsTheSameLinkOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e, invs := remindedEnv(t, st, 3, "rita")
		inv := invs[0]
		if rep := e.maintain(); rep.Reminded != 0 {
			t.Fatalf("a fresh invitation got a reminder: %+v", rep)
		}
		e.age(&inv)
		if rep := e.maintain(); rep.Reminded != 1 {
			t.Fatalf("reminders scheduled = %d, want 1", rep.Reminded)
		}
		msgs := e.smtp.WaitFor(2, 10*time.Second)
		e.waitAudit("invitation.reminded", inv.ID)
		link, _, err := e.svc.CurrentLink(e.ctx, "admin:test", inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		body := string(msgs[1].Data)
		for _, want := range []string{"Subject: Rappel", "Auto-Submitted: auto-generated", "Date: ", link[len(baseURL):]} {
			if !strings.Contains(body, want) {
				t.Fatalf("reminder lacks %q:\n%s", want, body)
			}
		}
		if rep := e.maintain(); rep.Reminded != 0 {
			t.Fatalf("a second reminder: %+v", rep)
		}
		if n := len(e.smtp.Messages()); n != 2 {
			t.Fatalf("%d mails, want the invitation and one reminder", n)
		}
		// The link in the reminder still claims the account.
		if _, err := claimsFor(e).Claim(e.ctx, link[strings.LastIndexByte(link, '/')+1:], claimPassword); err != nil {
			t.Fatalf("claim with the reminded link: %v", err)
		}
	})
}

func TestReminderOffByDefault(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e, invs := remindedEnv(t, st, 0, "otto")
		e.age(&invs[0])
		if rep := e.maintain(); rep.Reminded != 0 {
			t.Fatalf("reminder without the setting: %+v", rep)
		}
	})
}

// A reminder is never sent after a claim, a cancel or a suspension, neither
// when one is due (not scheduled) nor when it was already queued (the job
// checks again).
func TestNoReminderAfterClaimCancelOrSuspension(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e, invs := remindedEnv(t, st, 3, "claimed", "canceled", "suspended")
		for i := range invs {
			e.age(&invs[i])
		}
		link, _, err := e.svc.CurrentLink(e.ctx, "admin:test", invs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := claimsFor(e).Claim(e.ctx, link[strings.LastIndexByte(link, '/')+1:], claimPassword); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Cancel(e.ctx, "admin:test", invs[1].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.accounts.Update(e.ctx, actorIdP, invs[2].AccountID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
			t.Fatal(err)
		}
		if rep := e.maintain(); rep.Reminded != 0 {
			t.Fatalf("reminders scheduled for closed invitations: %+v", rep)
		}
		// Queued before the change: the worker sends nothing and says why.
		for _, inv := range invs {
			if err := st.Tx(e.ctx, func(tx *store.Store) error {
				_, err := e.svc.Jobs.InsertTx(e.ctx, tx.SQLTx(), invite.ReminderArgs{InvitationID: inv.ID}, nil)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			e.waitAudit("invitation.reminder_skipped", inv.ID)
		}
		if n := len(e.smtp.Messages()); n != 3 {
			t.Fatalf("%d mails, want only the 3 invitations", n)
		}
	})
}

// A 550 ends the reminder (audited with the server's reply); a 451 is
// retried until the server takes it.
func TestReminderRefusedAndRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e, invs := remindedEnv(t, st, 3, "bounce", "later")
		e.smtp.RejectRecipient("bounce@example.com")
		e.smtp.Refuse(451)
		for i := range invs {
			e.age(&invs[i])
		}
		if rep := e.maintain(); rep.Reminded != 2 {
			t.Fatalf("reminders = %d", rep.Reminded)
		}
		e.waitRetrying(2)
		e.smtp.Refuse(0)
		e.waitAudit("invitation.reminded", invs[1].ID)
		e.waitAudit("invitation.reminder_failed", invs[0].ID)
		ev, _, err := st.AuditEvents(e.ctx, store.AuditFilter{Action: "invitation.reminder_failed", TargetID: invs[0].ID})
		if err != nil || len(ev) != 1 || !strings.Contains(ev[0].Details, "550") {
			t.Fatalf("failure audit: %+v %v", ev, err)
		}
	})
}

// waitRetrying polls until n reminder jobs have failed once and wait for
// their retry.
func (e *env) waitRetrying(n int) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var got int
		err := e.st.DB().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM river_job
			WHERE kind = 'invitation_reminder' AND attempt >= 1 AND state IN ('retryable', 'available', 'scheduled')`).Scan(&got)
		if err != nil {
			e.t.Fatal(err)
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%d reminder jobs retrying, want %d", got, n)
		}
		time.Sleep(20 * time.Millisecond) // polling with a deadline
	}
}
