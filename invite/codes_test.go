package invite_test

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

var codeShape = regexp.MustCompile(`^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$`)

func TestAccessCodeForAccountWithoutEmail(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("ldap-ish", false, 0) // whatever the source's auto-invite
		a := e.account(in, "kiosk", "", "")
		if a.Status != store.StatusInvited {
			t.Fatalf("status = %s, want invited", a.Status)
		}
		c, err := e.svc.RevealAccessCode(e.ctx, "admin:x", a.ID)
		if err != nil || !codeShape.MatchString(c.Code) {
			t.Fatalf("reveal: %+v %v", c, err)
		}
		if d := time.Until(c.ExpiresAt); d < 89*24*time.Hour || d > 90*24*time.Hour {
			t.Fatalf("code expires in %v, want 90 days", d)
		}
		if e.auditCount("access_code.revealed", a.ID) != 1 {
			t.Fatal("reveal not audited")
		}
		c2, err := e.svc.RegenerateAccessCode(e.ctx, "admin:x", a.ID)
		if err != nil || c2.Code == c.Code {
			t.Fatalf("regenerate: %+v %v", c2, err)
		}
		var rows []invite.CodeRow
		if err := e.svc.ExportAccessCodes(e.ctx, "cli", "", func(r invite.CodeRow) error { rows = append(rows, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Code != c2.Code || rows[0].UserName != "kiosk" {
			t.Fatalf("export: %+v", rows)
		}
		if n := len(e.smtp.Messages()); n != 0 {
			t.Fatalf("%d mails for an account without email", n)
		}
		// Expiry: the code dies, the account returns to not_invited.
		e.svc.Config.AccessCodeTTL = time.Nanosecond
		if _, err := e.svc.RegenerateAccessCode(e.ctx, "admin:x", a.ID); err != nil {
			t.Fatal(err)
		}
		rep, err := e.svc.Maintain(e.ctx)
		if err != nil || rep.CodesExpired != 1 {
			t.Fatalf("maintain: %+v %v", rep, err)
		}
		if s := e.reload(a.ID).Status; s != store.StatusNotInvited {
			t.Fatalf("after code expiry: %s", s)
		}
		if _, err := e.svc.RevealAccessCode(e.ctx, "admin:x", a.ID); !errors.Is(err, invite.ErrNoCode) {
			t.Fatalf("reveal after expiry: %v", err)
		}
	})
}

func TestDeletedAccountClosesInvitation(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "gil", "gil@example.com", "")
		if err := e.accounts.Delete(e.ctx, actorIdP, a.ID, 0); err != nil {
			t.Fatal(err)
		}
		if s := e.invitations(a.ID)[0].Status; s != store.InvitationCanceled {
			t.Fatalf("invitation of a deleted account: %s", s)
		}
		if s := e.reload(a.ID).Status; s != store.StatusDeleted {
			t.Fatalf("account: %s", s)
		}
	}, noSMTP)
}
