package invite_test

import (
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

func TestAutoInviteMailsOnce(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "ada", "ada@example.com", "fr-CA")
		if a.Status != store.StatusInvited {
			t.Fatalf("status after provisioning = %s, want invited", a.Status)
		}
		inv := e.waitInvitation(a.ID, "delivered", delivered)
		if inv.Status != store.InvitationSent || inv.SentCount != 1 || inv.FirstSentAt == nil || inv.ExpiresAt == nil {
			t.Fatalf("invitation after delivery: %+v", inv)
		}
		msgs := e.smtp.WaitFor(1, 10e9)
		p := msgs[0].MustParse(t)
		if !strings.Contains(p.Text, baseURL+"/invite/") || !strings.Contains(p.HTML, baseURL+"/invite/") {
			t.Fatalf("mail has no claim link built from the base URL:\n%s", p.Text)
		}
		if !strings.Contains(p.Subject, "Acme") || !strings.Contains(p.Text, "Bonjour") && !strings.Contains(p.Text, "Acme") {
			t.Fatalf("unexpected subject/text: %q\n%s", p.Subject, p.Text)
		}
		if id := p.Header.Get("Message-Id"); !strings.Contains(id, inv.ID) || !strings.HasSuffix(id, "@acme.test>") {
			t.Fatalf("Message-ID = %q", id)
		}
		if strings.Contains(p.HTML, "<img") {
			t.Fatal("invitation mail has an image (tracking pixel?)")
		}
		if e.reload(a.ID).Status != store.StatusInvited {
			t.Fatal("account should stay invited")
		}
		if n := e.auditCount("invitation.created", inv.ID); n != 1 {
			t.Fatalf("invitation.created events = %d", n)
		}
		if n := e.auditCount("invitation.delivered", inv.ID); n != 1 {
			t.Fatalf("invitation.delivered events = %d", n)
		}
		if got := len(e.smtp.Messages()); got != 1 {
			t.Fatalf("%d mails, want 1", got)
		}
	})
}

func TestAutoInviteOffMailsNobody(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("entra", false, 0)
		a := e.account(in, "bob", "bob@example.com", "")
		if a.Status != store.StatusNotInvited || len(e.invitations(a.ID)) != 0 {
			t.Fatalf("auto-invite off: status %s, %d invitations", a.Status, len(e.invitations(a.ID)))
		}
		if n := len(e.smtp.Messages()); n != 0 {
			t.Fatalf("%d mails sent with auto-invite off", n)
		}
	})
}

func TestRetriedProvisioningInvitesOnce(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "ada", "ada@example.com", "")
		// The IdP retries: the policy runs again for the same account, and
		// admins race it; the partial unique index keeps one invitation.
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				_, err := e.svc.InviteAccount(e.ctx, "admin:x", a.ID, "", false)
				errs <- err
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		a.Status = store.StatusNotInvited // as a stale replica would see it
		if err := st.Tx(e.ctx, func(tx *store.Store) error {
			return invitePolicy(e).Provisioned(e.ctx, tx, actorIdP, a, in)
		}); err != nil {
			t.Fatal(err)
		}
		e.waitInvitation(a.ID, "delivered", delivered)
		if n := len(e.invitations(a.ID)); n != 1 {
			t.Fatalf("%d invitations, want 1", n)
		}
		e.smtp.WaitFor(1, 10e9)
		if n := len(e.smtp.Messages()); n != 1 {
			t.Fatalf("%d mails, want 1", n)
		}
	})
}
