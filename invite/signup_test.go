package invite_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// signUps is claimsFor with the invitation service, as web wires it:
// sign-ups confirm by mail when the env has SMTP.
func signUps(e *env) *invite.Claims {
	c := claimsFor(e)
	c.Invites = e.svc
	return c
}

// joinToken creates a multi-use link and returns its token.
func joinToken(t *testing.T, e *env, c *invite.Claims, in invite.LinkInput) string {
	t.Helper()
	if in.Name == "" {
		in.Name = "Partners"
	}
	if in.MaxUses == 0 {
		in.MaxUses = 10
	}
	if in.ExpiresAt.IsZero() {
		in.ExpiresAt = time.Now().Add(time.Hour)
	}
	_, url, err := c.CreateLink(e.ctx, "admin:test", in)
	if err != nil {
		t.Fatal(err)
	}
	return linkToken(url)
}

// signUp signs up name/email through token (with a password, which only
// the no-SMTP path reads) and returns the account made for email.
func signUp(t *testing.T, e *env, c *invite.Claims, token, name, email, lang string) (invite.Result, *store.Account) {
	t.Helper()
	res, err := c.SignUp(e.ctx, token, invite.SignUpInput{Name: name, Email: email, Password: "stranger's own password 1", Lang: lang})
	if err != nil {
		t.Fatalf("sign-up %s: %v", email, err)
	}
	a, err := e.st.AccountByUserName(e.ctx, email)
	if err != nil {
		return res, nil
	}
	return res, a
}

// mailTo waits for the n-th message and checks it went to addr.
func mailTo(t *testing.T, e *env, n int, addr string) *mailtest.Parsed {
	t.Helper()
	m := e.smtp.WaitFor(n, 20*time.Second)[n-1]
	if len(m.To) != 1 || !strings.EqualFold(m.To[0], addr) {
		t.Fatalf("mail %d went to %v, want %s", n, m.To, addr)
	}
	return m.MustParse(t)
}

// TestSignUpProvesTheAddress is the reproduction of the self sign-up hole:
// a stranger holding a link typed victim@corp.example and a password of
// their own, and got an active, claimed account (email_verified true in
// every ID token). Now the sign-up cannot sign in; the confirmation goes to
// the address, in the page's language, and only opening it (choosing the
// password there) makes the account active and claimed.
func TestSignUpProvesTheAddress(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		token := joinToken(t, e, c, invite.LinkInput{})
		res, a := signUp(t, e, c, token, "Mallory", "victim@corp.example", "fr")
		if !res.AwaitsConfirmation() || a == nil {
			t.Fatalf("sign-up result %+v, account %+v", res, a)
		}
		if a.Status != store.StatusInvited || a.ClaimedAt != nil || a.PasswordHash != "" || signin.CanSignIn(a) {
			t.Fatalf("an unconfirmed sign-up is usable: status %s, claimed %v, password set %v", a.Status, a.ClaimedAt, a.PasswordHash != "")
		}
		msg := mailTo(t, e, 1, "victim@corp.example")
		if !strings.Contains(msg.Subject, "Confirmez votre adresse") || !strings.Contains(msg.Text, "ne vous êtes pas inscrit") {
			t.Fatalf("confirmation mail: %q\n%s", msg.Subject, msg.Text)
		}
		link := claimLink(t, msg.Text)
		confirm := linkToken(link)
		if v, err := c.Inspect(e.ctx, confirm); err != nil || !v.SignUp || v.Email != "victim@corp.example" {
			t.Fatalf("confirmation page: %+v %v", v, err)
		}
		if got := e.reload(a.ID); got.Status != store.StatusInvited {
			t.Fatalf("opening the confirmation changed the account: %s", got.Status)
		}
		if _, err := c.Claim(e.ctx, confirm, claimPassword); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		got := e.reload(a.ID)
		if got.Status != store.StatusActive || got.ClaimedAt == nil || !signin.CanSignIn(got) {
			t.Fatalf("confirmed sign-up: status %s, claimed %v", got.Status, got.ClaimedAt)
		}
		if _, err := c.Claim(e.ctx, confirm, claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("a confirmation worked twice: %v", err)
		}
	})
}

func TestSignUpWithoutSMTPWaitsForApproval(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		token := joinToken(t, e, c, invite.LinkInput{})
		res, a := signUp(t, e, c, token, "Mallory", "victim@corp.example", "en")
		if !res.Pending() || a.Status != store.StatusPendingApproval || a.ClaimedAt != nil || signin.CanSignIn(a) {
			t.Fatalf("sign-up without SMTP: %+v, account %s claimed %v", res, a.Status, a.ClaimedAt)
		}
		inv := e.invitations(a.ID)[0]
		if inv.Status != store.InvitationNeedsApproval || inv.Email != "victim@corp.example" {
			t.Fatalf("invitation: %+v", inv)
		}
		if err := e.svc.Approve(e.ctx, "admin:test", inv.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.reload(a.ID); got.Status != store.StatusActive || got.ClaimedAt == nil {
			t.Fatalf("approved: %s %v", got.Status, got.ClaimedAt)
		}
	}, noSMTP)
}

// TestSignUpGivesWayToTheIdP: the second half of the hole. The stranger's
// sign-up held victim@corp.example, so the IdP's create of the real person
// failed with a conflict. Every create path now drops the unconfirmed
// sign-up (audited, its confirmation dead) and writes the IdP's account:
// one create, the group commit of SCIM POST /Users, the LDAP upsert and an
// admin's create.
func TestSignUpGivesWayToTheIdP(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		token := joinToken(t, e, c, invite.LinkInput{MaxUses: 20})
		scimIn := e.integration("entra", false, 0)
		ldapIn := &store.Integration{Name: "corp-ldap", Kind: "ldap"}
		if err := st.CreateIntegration(e.ctx, ldapIn); err != nil {
			t.Fatal(err)
		}
		pending := func(email string) *store.Account {
			t.Helper()
			_, a := signUp(t, e, c, token, "Mallory", email, "en")
			if a == nil || !a.IsUnconfirmedSignUp() {
				t.Fatalf("sign-up %s: %+v", email, a)
			}
			return a
		}
		idp := func(in *store.Integration) account.Actor { return account.Actor{Kind: "integration", Name: in.Name} }
		newUser := func(userName, email string) *store.Account {
			return &store.Account{UserName: userName, Active: true, DisplayName: "Real Person",
				Emails: []store.Email{{Value: email, Type: "work", IsPrimary: true}}}
		}
		var dropped []*store.Account

		// One create: same userName (the unique index would refuse it).
		su := pending("victim@corp.example")
		if _, err := e.accounts.Create(e.ctx, idp(scimIn), scimIn, newUser("VICTIM@corp.example", "victim@corp.example")); err != nil {
			t.Fatalf("IdP create refused because of an unconfirmed sign-up: %v", err)
		}
		dropped = append(dropped, su)

		// Group commit: one create of the batch matches a sign-up by email only.
		su = pending("second@corp.example")
		batch := []*account.NewAccount{
			{Ctx: e.ctx, Actor: idp(scimIn), In: scimIn, Account: newUser("s.econd", "Second@corp.example")},
			{Ctx: e.ctx, Actor: idp(scimIn), In: scimIn, Account: newUser("other", "other@corp.example")},
		}
		e.accounts.CreateMany(e.ctx, batch)
		for _, n := range batch {
			if n.Err != nil || n.Out == nil {
				t.Fatalf("batch create %s: %v", n.Account.UserName, n.Err)
			}
		}
		dropped = append(dropped, su)

		// LDAP upsert (directory.Target, what a sync run writes through).
		su = pending("third@corp.example")
		tg := directory.New(e.accounts, nil, directory.AllowList{}).Target(ldapIn)
		if _, err := tg.Snapshot(e.ctx, ldapIn.ID); err != nil {
			t.Fatal(err)
		}
		res, err := tg.Upsert(e.ctx, ldapIn.ID, []ldapsync.User{{ExternalID: "e-3", DN: "uid=third,dc=corp", UserName: "third@corp.example",
			Email: "third@corp.example", Emails: []string{"third@corp.example"}, Active: true, Hash: "h"}})
		if err != nil || res.Created != 1 {
			t.Fatalf("LDAP upsert over an unconfirmed sign-up: %+v %v", res, err)
		}
		dropped = append(dropped, su)

		// An admin's create.
		su = pending("fourth@corp.example")
		if _, err := e.accounts.Create(e.ctx, account.Actor{Kind: "admin", Name: "root"}, nil, newUser("fourth@corp.example", "fourth@corp.example")); err != nil {
			t.Fatalf("admin create: %v", err)
		}
		dropped = append(dropped, su)

		// An update that gives an IdP account the address (SCIM PUT or PATCH).
		su = pending("seventh@corp.example")
		renamed, err := e.accounts.Create(e.ctx, idp(scimIn), scimIn, newUser("s7", "s7@corp.example"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.accounts.Update(e.ctx, idp(scimIn), renamed.ID, 0, func(a *store.Account) error {
			a.UserName = "seventh@corp.example"
			return nil
		}); err != nil {
			t.Fatalf("IdP rename over an unconfirmed sign-up: %v", err)
		}
		dropped = append(dropped, su)

		// An admin's spreadsheet import (a row per account, each in a savepoint).
		su = pending("sixth@corp.example")
		var imp *invite.AccountImportResult
		imp, err = e.svc.ImportAccounts(e.ctx, e.accounts, account.Actor{Kind: "admin", Name: "root"},
			[]invite.AccountImportRow{{Row: 2, Input: account.AdminInput{Email: "sixth@corp.example"}}}, invite.AccountImportOptions{})
		if err != nil || imp.Rows[0].Result != invite.RowCreated {
			t.Fatalf("import over an unconfirmed sign-up: %+v %v", imp, err)
		}
		dropped = append(dropped, su)

		for _, su := range dropped {
			got := e.reload(su.ID)
			if got.Status != store.StatusDeleted || got.DeletedAt == nil {
				t.Errorf("sign-up %s not dropped: %s", su.UserName, got.Status)
			}
			if n := e.auditCount("account.signup_dropped", su.ID); n != 1 {
				t.Errorf("sign-up %s: %d account.signup_dropped events", su.UserName, n)
			}
			if inv := e.invitations(su.ID)[0]; inv.Status != store.InvitationCanceled {
				t.Errorf("sign-up %s keeps its invitation %s", su.UserName, inv.Status)
			}
		}
		// A confirmed sign-up is an account like any other: it keeps its address.
		_, kept := signUp(t, e, c, token, "Real Fifth", "fifth@corp.example", "en")
		inv := e.invitations(kept.ID)[0]
		if err := e.svc.Approve(e.ctx, "admin:test", inv.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.accounts.Create(e.ctx, idp(scimIn), scimIn, newUser("fifth@corp.example", "fifth@corp.example")); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("IdP create over an approved sign-up: %v, want a conflict", err)
		}
	}, noSMTP)
}

// TestSignUpAgainReplacesAnUnconfirmedOne: the address's owner is not locked
// out by a stranger's earlier sign-up: signing up again replaces it (the old
// confirmation dies, a new one is mailed). A settled address creates nothing
// and gets the same answer.
func TestSignUpAgainReplacesAnUnconfirmedOne(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		token := joinToken(t, e, c, invite.LinkInput{})
		_, first := signUp(t, e, c, token, "Mallory", "dana@corp.example", "en")
		old := claimLink(t, mailTo(t, e, 1, "dana@corp.example").Text)
		res, second := signUp(t, e, c, token, "Dana Scully", "dana@corp.example", "en")
		if !res.AwaitsConfirmation() || second.ID == first.ID || second.DisplayName != "Dana Scully" {
			t.Fatalf("second sign-up: %+v %+v", res, second)
		}
		if got := e.reload(first.ID); got.Status != store.StatusDeleted {
			t.Fatalf("first sign-up: %s", got.Status)
		}
		if _, err := c.Inspect(e.ctx, linkToken(old)); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the replaced confirmation still opens: %v", err)
		}
		mailTo(t, e, 2, "dana@corp.example")

		in := e.integration("entra", false, 0)
		settled := e.account(in, "erin@corp.example", "erin@corp.example", "en")
		res, _ = signUp(t, e, c, token, "Mallory", "Erin@corp.example", "en")
		if !res.AwaitsConfirmation() || res.AccountID != "" {
			t.Fatalf("sign-up over a settled address: %+v", res)
		}
		if got := e.reload(settled.ID); got.Status != store.StatusNotInvited || got.DisplayName != "User erin@corp.example" {
			t.Fatalf("settled account touched: %+v", got)
		}
		if len(e.smtp.Messages()) != 2 {
			t.Fatalf("mail sent for a settled address: %d messages", len(e.smtp.Messages()))
		}
	})
}

func TestSignUpAllowedDomains(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		for _, bad := range [][]string{{"corp"}, {"-corp.example"}, {"corp..example"}, {"exa mple.com"}, {"ex_ample.com"}, {strings.Repeat("a", 64) + ".com"}} {
			if _, _, err := c.CreateLink(e.ctx, "admin:test", invite.LinkInput{Name: "x", MaxUses: 1,
				ExpiresAt: time.Now().Add(time.Hour), AllowedDomains: bad}); !errors.Is(err, invite.ErrInvalidInput) {
				t.Errorf("allowed domains %q: %v", bad, err)
			} else if e, ok := store.AsInvalid(err); !ok || e.Field != "allowedDomains" || strings.Contains(e.Error(), "invite:") {
				t.Errorf("allowed domains %q: want a *store.InvalidError on allowedDomains, got %v", bad, err)
			}
		}
		l, _, err := c.CreateLink(e.ctx, "admin:test", invite.LinkInput{Name: "corp only", MaxUses: 10,
			ExpiresAt: time.Now().Add(time.Hour), AllowedDomains: []string{" @Corp.Example ", "corp.example", "xn--bcher-kva.example"}})
		if err != nil || l.AllowedDomains != "corp.example xn--bcher-kva.example" {
			t.Fatalf("link: %+v %v", l, err)
		}
		token := joinToken(t, e, c, invite.LinkInput{AllowedDomains: []string{"corp.example"}})
		for _, email := range []string{"mallory@evil.example", "mallory@sub.corp.example", `"victim@corp.example"@evil.example`, "victim@corp.example.evil.example"} {
			_, err := c.SignUp(e.ctx, token, invite.SignUpInput{Name: "M", Email: email, Password: "stranger's own password 1"})
			var ie *invite.InputError
			if !errors.As(err, &ie) || ie.Field != "email" || (ie.Code != invite.CodeDomain && ie.Code != invite.CodeInvalid) {
				t.Errorf("sign-up %s through a corp.example link: %v", email, err)
			}
		}
		if _, a := signUp(t, e, c, token, "Victor", "Victor@CORP.example", "en"); a == nil {
			t.Fatal("an allowed domain was refused")
		}
		ls, _, _ := c.Links(e.ctx, 10, 0)
		for _, l := range ls {
			if l.AllowedDomains == "corp.example" && l.Uses != 1 {
				t.Fatalf("refused sign-ups counted: %d uses", l.Uses)
			}
		}
	}, noSMTP)
}

// TestUnconfirmedSignUpLapses: a sign-up whose confirmation expires is
// dropped, not left not_invited where "invite all" would mail an address
// nobody proved (in a name a stranger may have typed).
func TestUnconfirmedSignUpLapses(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		c := signUps(e)
		token := joinToken(t, e, c, invite.LinkInput{})
		_, a := signUp(t, e, c, token, "Mallory", "victim@corp.example", "en")
		inv := e.waitInvitation(a.ID, "delivered", delivered)
		past := time.Now().Add(-time.Minute)
		inv.ExpiresAt = &past
		if err := st.SaveInvitation(e.ctx, &inv); err != nil {
			t.Fatal(err)
		}
		if rep, err := e.svc.Maintain(e.ctx); err != nil || rep.Expired != 1 {
			t.Fatalf("maintain: %+v %v", rep, err)
		}
		if got := e.reload(a.ID); got.Status != store.StatusDeleted || e.auditCount("account.signup_dropped", a.ID) != 1 {
			t.Fatalf("lapsed sign-up: %s", got.Status)
		}
		if res, err := e.svc.InviteAll(e.ctx, "admin:x", nil, ""); err != nil || res.Invited != 0 {
			t.Fatalf("invite all reached a lapsed sign-up: %+v %v", res, err)
		}
	})
}
