package invite_test

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestExpiryReturnsAccountToNotInvited(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "eve", "eve@example.com", "")
		inv := e.invitations(a.ID)[0]
		if inv.Delivery != store.DeliveryNotSent || inv.ExpiresAt == nil {
			t.Fatalf("without SMTP: %+v", inv)
		}
		if d := inv.ExpiresAt.Sub(*inv.FirstSentAt); d != 30*24*time.Hour {
			t.Fatalf("expiry %v after first send, want 30 days", d)
		}
		rep, err := e.svc.Maintain(e.ctx)
		if err != nil || rep.Expired != 0 {
			t.Fatalf("nothing is due yet: %+v %v", rep, err)
		}
		past := time.Now().Add(-time.Minute)
		inv.ExpiresAt = &past
		if err := st.SaveInvitation(e.ctx, &inv); err != nil {
			t.Fatal(err)
		}
		if rep, err = e.svc.Maintain(e.ctx); err != nil || rep.Expired != 1 {
			t.Fatalf("maintain: %+v %v", rep, err)
		}
		if got := e.invitations(a.ID)[0].Status; got != store.InvitationExpired {
			t.Fatalf("invitation status = %s", got)
		}
		if s := e.reload(a.ID).Status; s != store.StatusNotInvited {
			t.Fatalf("account status = %s, want not_invited", s)
		}
		if e.auditCount("invitation.expired", inv.ID) != 1 {
			t.Fatal("no audit event for the expiry")
		}
		// Invite all reaches it again.
		res, err := e.svc.InviteAll(e.ctx, "admin:x", nil, "")
		if err != nil || res.Invited != 1 {
			t.Fatalf("invite all after expiry: %+v %v", res, err)
		}
	}, noSMTP)
}

func TestApprovalTimerAndDecisions(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		var invs []store.Invitation
		for _, u := range []string{"p1", "p2", "p3"} {
			invs = append(invs, e.awaitApproval(e.account(in, u, u+"@example.com", "")))
		}
		if err := e.svc.Approve(e.ctx, "admin:x", invs[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Reject(e.ctx, "admin:x", invs[1].ID); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Approve(e.ctx, "admin:x", invs[1].ID); !errors.Is(err, invite.ErrState) {
			t.Fatalf("approve after reject: %v", err)
		}
		e.svc.Config.ApprovalTTL = time.Nanosecond // 60 days have passed
		rep, err := e.svc.Maintain(e.ctx)
		if err != nil || rep.ApprovalsDue != 1 {
			t.Fatalf("maintain: %+v %v", rep, err)
		}
		want := map[string]string{invs[0].AccountID: store.StatusActive, invs[1].AccountID: store.StatusRejected,
			invs[2].AccountID: store.StatusNotInvited}
		for id, s := range want {
			if got := e.reload(id).Status; got != s {
				t.Errorf("account %s: %s, want %s", id, got, s)
			}
		}
		// Approval makes the account claimed: a later suspension and
		// re-activation brings it back to active, not to not_invited.
		approved := e.reload(invs[0].AccountID)
		if approved.ClaimedAt == nil {
			t.Fatal("approved account has no claimed_at")
		}
		if st, err := st.StatusBeforeSuspension(e.ctx, approved); err != nil || st != store.StatusActive {
			t.Fatalf("status after re-activation: %s %v, want active", st, err)
		}
	}, noSMTP)
}

func TestCancelAndLinkWithoutSMTP(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", false, 0)
		a := e.account(in, "fay", "fay@example.com", "")
		r, err := e.svc.InviteAccount(e.ctx, "admin:x", a.ID, "Welcome <b>aboard</b>", false)
		if err != nil || r.Outcome != invite.Invited {
			t.Fatalf("invite: %+v %v", r, err)
		}
		inv := e.invitations(a.ID)[0]
		link, exp, err := e.svc.Link(e.ctx, "admin:x", inv.ID)
		if err != nil || !regexp.MustCompile(`^`+baseURL+`/invite/[A-Za-z0-9_-]{20,}$`).MatchString(link) || exp.IsZero() {
			t.Fatalf("link: %q %v %v", link, exp, err)
		}
		after := e.invitations(a.ID)[0]
		if *after.TokenHash == *inv.TokenHash || !after.ExpiresAt.Equal(*inv.ExpiresAt) {
			t.Fatal("link must change the token and keep the expiry")
		}
		if err := e.svc.Cancel(e.ctx, "admin:x", inv.ID); err != nil {
			t.Fatal(err)
		}
		if s := e.reload(a.ID).Status; s != store.StatusNotInvited {
			t.Fatalf("after cancel: %s", s)
		}
		if _, _, err := e.svc.Link(e.ctx, "admin:x", inv.ID); !errors.Is(err, invite.ErrState) {
			t.Fatalf("link of a canceled invitation: %v", err)
		}
	}, noSMTP)
}

func TestPreviewEscapesMessage(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	e := newEnv(t, st, noSMTP)
	p, err := e.svc.Preview(e.ctx, "", "fr", "<script>alert(1)</script>")
	if err != nil {
		t.Fatal(err)
	}
	if p.Lang != "fr" || p.Subject == "" || p.Text == "" {
		t.Fatalf("preview: %+v", p)
	}
	if regexp.MustCompile(`<script>`).MatchString(p.HTML) {
		t.Fatal("custom message not escaped in HTML")
	}
}
