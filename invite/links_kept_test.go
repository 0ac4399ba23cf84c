package invite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// TestMailedLinkSurvivesCopyAndResend: the link mailed to a person is the
// one an admin's Copy shows, and a Resend mails it again; only Regenerate
// (Link) replaces it. Copy used to mint a new token, killing the mailed link.
func TestMailedLinkSurvivesCopyAndResend(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		a := e.account(e.integration("okta", true, 0), "kept", "kept@example.com", "en")
		inv := e.waitInvitation(a.ID, "delivered", delivered)
		mailed := claimLink(t, e.smtp.WaitFor(1, 10*time.Second)[0].MustParse(t).Text)
		shown, exp, err := e.svc.CurrentLink(e.ctx, "admin:test", inv.ID)
		if err != nil || shown != mailed || !exp.Equal(*inv.ExpiresAt) {
			t.Fatalf("Copy shows %q (%v, %v), the mail holds %q", shown, exp, err, mailed)
		}
		if n := e.auditCount("invitation.link_viewed", inv.ID); n != 1 {
			t.Fatalf("link_viewed audited %d times", n)
		}
		if link, err := e.svc.Resend(e.ctx, "admin:test", inv.ID); err != nil || link != "" {
			t.Fatalf("resend with SMTP: %q, %v (nothing to show: it is mailed)", link, err)
		}
		again := claimLink(t, e.smtp.WaitFor(2, 10*time.Second)[1].MustParse(t).Text)
		if again != mailed {
			t.Fatalf("the resend mailed %q, not the link the person holds %q", again, mailed)
		}
		if _, err := c.Inspect(e.ctx, linkToken(mailed)); err != nil {
			t.Fatalf("the mailed link after Copy and Resend: %v", err)
		}
		fresh, _, err := e.svc.Link(e.ctx, "admin:test", inv.ID)
		if err != nil || fresh == mailed {
			t.Fatalf("regenerate: %q, %v", fresh, err)
		}
		if _, err := c.Inspect(e.ctx, linkToken(mailed)); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the old link after Regenerate: %v, want gone", err)
		}
		if shown, _, _ := e.svc.CurrentLink(e.ctx, "admin:test", inv.ID); shown != fresh {
			t.Fatalf("Copy after Regenerate shows %q, want %q", shown, fresh)
		}
	})
}

// TestResendWithoutSMTPShowsTheSameLink: without SMTP a resend gives the
// admin the link to hand over, the one already handed over.
func TestResendWithoutSMTPShowsTheSameLink(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		a := e.account(e.integration("okta", true, 0), "nosmtp", "nosmtp@example.com", "en")
		inv := e.invitations(a.ID)[0]
		shown, _, err := e.svc.CurrentLink(e.ctx, "admin:test", inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		link, err := e.svc.Resend(e.ctx, "admin:test", inv.ID)
		if err != nil || link != shown {
			t.Fatalf("resend without SMTP: %q, %v; want %q", link, err, shown)
		}
	}, noSMTP)
}

// TestLinkNotKept: a code invitation, and a link invitation written before
// links were kept (no sealed token), have nothing to show: ErrLinkNotKept,
// and Regenerate still works. A sealed token moved to another invitation's
// row does not open (it is bound to its id).
func TestLinkNotKept(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		one, two := e.account(in, "one", "one@example.com", "en"), e.account(in, "two", "two@example.com", "en")
		i1, i2 := e.invitations(one.ID)[0], e.invitations(two.ID)[0]
		if _, err := st.DB().ExecContext(e.ctx, "UPDATE invitations SET token_sealed = (SELECT token_sealed FROM invitations WHERE id = '"+i2.ID+"') WHERE id = '"+i1.ID+"'"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.CurrentLink(e.ctx, "admin:test", i1.ID); !errors.Is(err, invite.ErrLinkNotKept) {
			t.Fatalf("another invitation's sealed token: %v, want ErrLinkNotKept", err)
		}
		if _, err := st.DB().ExecContext(e.ctx, "UPDATE invitations SET token_sealed = NULL WHERE id = '"+i2.ID+"'"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.CurrentLink(e.ctx, "admin:test", i2.ID); !errors.Is(err, invite.ErrLinkNotKept) {
			t.Fatalf("an older row: %v, want ErrLinkNotKept", err)
		}
		if _, _, err := e.svc.Link(e.ctx, "admin:test", i2.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.CurrentLink(e.ctx, "admin:test", i2.ID); err != nil {
			t.Fatalf("after Regenerate the link is kept: %v", err)
		}
		coded := e.account(in, "coded", "", "en") // no email: an access code, no invitation
		if invs := e.invitations(coded.ID); len(invs) != 0 {
			t.Fatalf("an account without email got an invitation: %+v", invs)
		}
		if err := e.svc.Cancel(e.ctx, "admin:test", i2.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.CurrentLink(e.ctx, "admin:test", i2.ID); !errors.Is(err, invite.ErrState) {
			t.Fatalf("a canceled invitation's link: %v, want ErrState", err)
		}
	}, noSMTP)
}

// TestJoinURLShownAgain: a multi-use link's URL can be shown again until it
// is deleted; each showing is audited.
func TestJoinURLShownAgain(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		l, url, err := c.CreateLink(e.ctx, "admin:test", invite.LinkInput{Name: "Staff", MaxUses: 5, ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.CurrentJoinURL(e.ctx, "admin:test", l.ID); err != nil || got != url {
			t.Fatalf("shown again: %q, %v; want %q", got, err, url)
		}
		if n := e.auditCount("invitation_link.url_viewed", l.ID); n != 1 {
			t.Fatalf("url_viewed audited %d times", n)
		}
		if err := c.DeleteLink(e.ctx, "admin:test", l.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.CurrentJoinURL(e.ctx, "admin:test", l.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a deleted link's URL: %v, want not found", err)
		}
	}, noSMTP)
}
