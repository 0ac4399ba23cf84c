package invite_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/store"
)

// codeInMail matches the one-time code in a code invitation's text part.
var codeInMail = regexp.MustCompile(`[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}`)

// mailedCode waits for the n-th mail and returns its parsed form and code,
// checking the inline QR image and the /code address.
func mailedCode(t *testing.T, e *env, n int) (*mailtest.Parsed, string) {
	t.Helper()
	p := e.smtp.WaitFor(n, 10*time.Second)[n-1].MustParse(t)
	code := codeInMail.FindString(p.Text)
	if code == "" {
		t.Fatalf("no code in the text part:\n%s", p.Text)
	}
	if !strings.Contains(p.Text, baseURL+"/code") || strings.Contains(p.Text, "/invite/") {
		t.Errorf("text part should give the /code address and no claim link:\n%s", p.Text)
	}
	if len(p.Inline) != 1 || p.Inline[0].ContentType != "image/png" || !strings.HasPrefix(string(p.Inline[0].Data), "\x89PNG") {
		t.Errorf("want one inline PNG QR code, got %d parts", len(p.Inline))
	}
	return p, code
}

// TestCodeInvitationEndToEnd: an integration whose delivery method is code
// mails a one-time code (HMAC at rest, never in clear) with its QR image;
// /code's two steps redeem it; resend issues a new code with the same
// expiry; the old code dies; an admin's choice at invite time wins.
func TestCodeInvitationEndToEnd(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("kiosk", true, 0)
		if _, err := st.UpdateIntegration(e.ctx, in.ID, func(i *store.Integration) error { i.DeliveryMethod = invite.MethodCode; return nil }); err != nil {
			t.Fatal(err)
		}
		in.DeliveryMethod = invite.MethodCode
		a := e.account(in, "kim", "kim@example.com", "")
		inv := e.waitInvitation(a.ID, "delivered", delivered)
		if inv.Method != invite.MethodCode || inv.CodeHMAC == nil || inv.TokenHash != nil {
			t.Fatalf("invitation %+v: want method code, a code HMAC and no claim token", inv)
		}
		_, first := mailedCode(t, e, 1)
		if strings.Contains(*inv.CodeHMAC, strings.ReplaceAll(first, "-", "")) {
			t.Fatal("the code is stored in clear")
		}
		exp := *inv.ExpiresAt
		if _, err := e.svc.Resend(e.ctx, "admin:x", inv.ID); err != nil {
			t.Fatal(err)
		}
		_, second := mailedCode(t, e, 2)
		resent := e.waitInvitation(a.ID, "resent", func(i store.Invitation) bool { return i.SentCount == 2 })
		if second == first || !resent.ExpiresAt.Equal(exp) {
			t.Fatalf("resend: same code %t, expiry %v -> %v", second == first, exp, resent.ExpiresAt)
		}
		c := claimsFor(e)
		if _, err := c.CheckCode(e.ctx, first, "198.51.100.7"); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("the superseded code: %v, want ErrGone", err)
		}
		v, err := c.CheckCode(e.ctx, strings.ToLower(second), "198.51.100.7")
		if err != nil || v.UserName != "kim" {
			t.Fatalf("check: %+v, %v", v, err)
		}
		res, err := c.RedeemCode(e.ctx, second, "198.51.100.7", claimPassword)
		if err != nil || res.Status != store.StatusActive {
			t.Fatalf("redeem: %+v, %v", res, err)
		}
		if _, err := c.RedeemCode(e.ctx, second, "198.51.100.7", claimPassword); !errors.Is(err, invite.ErrGone) {
			t.Fatalf("second use: %v, want ErrGone", err)
		}
		if got := e.invitations(a.ID)[0].Status; got != store.InvitationAccepted {
			t.Fatalf("invitation status %s", got)
		}

		b := e.account(nil, "lee", "lee@example.com", "")
		r, err := e.svc.WithMethod(invite.MethodCode).InviteAccount(e.ctx, "admin:x", b.ID, "Welcome", false)
		if err != nil || r.Outcome != invite.Invited {
			t.Fatalf("invite by code: %+v, %v", r, err)
		}
		p, _ := mailedCode(t, e, 3)
		if !strings.Contains(p.Text, "Welcome") {
			t.Error("the admin's message is missing")
		}
		binv := e.waitInvitation(b.ID, "delivered", delivered)
		if err := e.svc.Cancel(e.ctx, "admin:x", binv.ID); err != nil {
			t.Fatal(err)
		}
		if e.reload(b.ID).Status != store.StatusNotInvited {
			t.Error("cancel did not return the account to not_invited")
		}
	})
}

// TestCodeInvitationThrottled: wrong codes count against the client like
// access codes do, and /code refuses past the limit.
func TestCodeInvitationThrottled(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		a := e.account(nil, "max", "max@example.com", "")
		if _, err := e.svc.WithMethod(invite.MethodCode).InviteAccount(e.ctx, "admin:x", a.ID, "", false); err != nil {
			t.Fatal(err)
		}
		_, code := mailedCode(t, e, 1)
		c := claimsFor(e)
		c.ClientLimit = store.AttemptLimit{Max: 3, Window: time.Hour}
		for range 3 {
			if _, err := c.CheckCode(e.ctx, "2222-3333-4444-5555", "203.0.113.9"); !errors.Is(err, invite.ErrGone) {
				t.Fatalf("wrong code: %v", err)
			}
		}
		if _, err := c.CheckCode(e.ctx, code, "203.0.113.9"); !errors.Is(err, invite.ErrThrottled) {
			t.Fatalf("past the limit: %v, want ErrThrottled", err)
		}
		if _, err := c.CheckCode(e.ctx, code, "203.0.113.10"); err != nil {
			t.Fatalf("another client: %v", err)
		}
	})
}
