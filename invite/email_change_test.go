package invite_test

import (
	"errors"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// setEmail changes a's primary email through account.Service.Update, the
// path SCIM PUT and PATCH take.
func setEmail(t *testing.T, e *env, actor account.Actor, id, email string) *store.Account {
	t.Helper()
	a, err := e.accounts.Update(e.ctx, actor, id, 0, func(a *store.Account) error {
		a.Emails = nil
		if email != "" {
			a.Emails = []store.Email{{Value: email, Type: "work", IsPrimary: true}}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestEmailChangeKillsTheOldClaimLink is the reproduction: an IdP changed
// an invited person's address (a typo fixed, a mailbox handed to someone
// else) and the link mailed to the old address still claimed the account.
// Now the change cancels the invitation in its own transaction and, with
// auto-invite, mails a new one to the new address; the old link is gone.
func TestEmailChangeKillsTheOldClaimLink(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		a := e.account(in, "ada", "ada@old.example", "en")
		old := claimLink(t, mailTo(t, e, 1, "ada@old.example").Text)
		oldToken := linkToken(old)
		first := e.invitations(a.ID)[0]

		got := setEmail(t, e, actorIdP, a.ID, "ada@new.example")
		if got.Status != store.StatusInvited {
			t.Fatalf("after the change: %s", got.Status)
		}
		if _, err := c.Claim(e.ctx, oldToken, claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the link mailed to the old address still claims: %v", err)
		}
		invs := e.invitations(a.ID)
		var canceled, fresh *store.Invitation
		for i := range invs {
			switch {
			case invs[i].ID == first.ID:
				canceled = &invs[i]
			case invs[i].Status == store.InvitationSent:
				fresh = &invs[i]
			}
		}
		if canceled == nil || canceled.Status != store.InvitationCanceled || fresh == nil || fresh.Email != "ada@new.example" {
			t.Fatalf("invitations after the change: %+v", invs)
		}
		if n := e.auditCount("invitation.canceled", first.ID); n != 1 {
			t.Fatalf("invitation.canceled events: %d", n)
		}
		if n := e.auditCount("account.email_changed", a.ID); n != 1 {
			t.Fatalf("account.email_changed events: %d", n)
		}
		link := claimLink(t, mailTo(t, e, 2, "ada@new.example").Text)
		if _, err := c.Claim(e.ctx, linkToken(link), claimPassword); err != nil {
			t.Fatalf("the new address's link: %v", err)
		}
		// A change of case is the same address: nothing is canceled.
		if got := setEmail(t, e, actorIdP, a.ID, "ADA@new.example"); got.Status != store.StatusActive {
			t.Fatalf("case change: %s", got.Status)
		}
	})
}

// TestEmailChangeWithoutAutoInvite: the invitation and the access code die
// and nothing is sent; the account waits, not_invited, for an admin.
func TestEmailChangeWithoutAutoInvite(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", false, 0)
		a := e.account(in, "bob", "bob@example.com", "en")
		if _, err := e.svc.InviteAccount(e.ctx, "admin:test", a.ID, "", false); err != nil {
			t.Fatal(err)
		}
		link, _, err := e.svc.Link(e.ctx, "admin:test", e.invitations(a.ID)[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		token := linkToken(link)
		got := setEmail(t, e, actorIdP, a.ID, "robert@example.com")
		if got.Status != store.StatusNotInvited {
			t.Fatalf("status %s, want not_invited", got.Status)
		}
		if _, err := c.Claim(e.ctx, token, claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("old link: %v", err)
		}
		if invs := e.invitations(a.ID); len(invs) != 1 || invs[0].Status != store.InvitationCanceled {
			t.Fatalf("invitations: %+v", invs)
		}

		// An access code (account without an address) dies when one is set.
		kiosk := e.account(in, "kiosk", "", "en")
		if kiosk.Status != store.StatusInvited {
			t.Fatalf("kiosk: %s", kiosk.Status)
		}
		got = setEmail(t, e, actorIdP, kiosk.ID, "kiosk@example.com")
		if _, err := st.LiveAccessCode(e.ctx, kiosk.ID); !errors.Is(err, store.ErrNotFound) || got.Status != store.StatusNotInvited {
			t.Fatalf("access code after an address was set: %v, status %s", err, got.Status)
		}
		if n := e.auditCount("access_code.revoked", kiosk.ID); n != 1 {
			t.Fatalf("access_code.revoked events: %d", n)
		}
	}, noSMTP)
}

// TestClaimChecksTheInvitationsAddress: even when the address changes
// behind the service's back (a restore, a hand-written UPDATE), a claim
// link, a mailed code and a queued delivery belong to the address they
// were made for.
func TestClaimChecksTheInvitationsAddress(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		a, token := claimToken(t, e, e.integration("okta", true, 0), "carol")
		q := "UPDATE accounts SET email = ? WHERE id = ?"
		if st.Dialect() == store.Postgres {
			q = "UPDATE accounts SET email = $1 WHERE id = $2"
		}
		if _, err := st.DB().ExecContext(e.ctx, q, "carol@elsewhere.example", a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Inspect(e.ctx, token); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("claim page for another address: %v", err)
		}
		if _, err := c.Claim(e.ctx, token, claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("claim for another address: %v", err)
		}
	}, noSMTP)
}

// TestLDAPEmailChangeCancelsInvitation: the LDAP sync changes addresses
// through directory.Target's upsert, which runs the same policy.
func TestLDAPEmailChangeCancelsInvitation(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := &store.Integration{Name: "corp-ldap", Kind: "ldap", AutoInvite: true}
		if err := st.CreateIntegration(e.ctx, in); err != nil {
			t.Fatal(err)
		}
		user := ldapsync.User{ExternalID: "e-1", DN: "uid=dan,dc=corp", UserName: "dan", Email: "dan@old.example",
			Emails: []string{"dan@old.example"}, Active: true, Hash: "h1"}
		tg := directory.New(e.accounts, nil, directory.AllowList{}).Target(in)
		if _, err := tg.Snapshot(e.ctx, in.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := tg.Upsert(e.ctx, in.ID, []ldapsync.User{user}); err != nil {
			t.Fatal(err)
		}
		a, err := st.AccountByUserName(e.ctx, "dan")
		if err != nil {
			t.Fatal(err)
		}
		first := e.invitations(a.ID)[0]
		link, _, err := e.svc.Link(e.ctx, "admin:test", first.ID)
		if err != nil {
			t.Fatal(err)
		}
		user.Email, user.Emails, user.Hash = "dan@new.example", []string{"dan@new.example"}, "h2"
		if _, err := tg.Upsert(e.ctx, in.ID, []ldapsync.User{user}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Claim(e.ctx, linkToken(link), claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("old link after an LDAP change: %v", err)
		}
		invs, sent := e.sentInvitations(a.ID)
		if len(invs) != 2 || len(sent) != 1 || sent[0].Email != "dan@new.example" {
			t.Fatalf("invitations after the LDAP change: %+v", invs)
		}
	}, noSMTP)
}

// The database matches addresses by ASCII case only (store.SameEmail), so
// the code must too: Unicode case folding takes the Kelvin sign (U+212A)
// for a "k", and a change to "\u212aate@..." went unnoticed, leaving the
// link mailed to kate@ able to claim an account whose address is now
// another one.
func TestUnicodeFoldIsAnotherAddress(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := claimsFor(e)
		in := e.integration("okta", true, 0)
		a := e.account(in, "kate", "kate@old.example", "en")
		old := claimLink(t, mailTo(t, e, 1, "kate@old.example").Text)
		setEmail(t, e, actorIdP, a.ID, "\u212aate@old.example")
		if _, err := c.Claim(e.ctx, linkToken(old), claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the link mailed to kate@ claims the account of \u212aate@: %v", err)
		}
	})
}
