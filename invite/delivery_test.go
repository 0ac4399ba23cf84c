package invite_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

func TestDeactivatedBeforeDeliveryIsNotMailed(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 1) // 1 s delay: the IdP is still pushing
		a := e.account(in, "carol", "carol@example.com", "")
		if _, err := e.accounts.Update(e.ctx, actorIdP, a.ID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
			t.Fatal(err)
		}
		// The suspension cancels the invitation; its delayed delivery then
		// records why nothing went out instead of staying queued.
		inv := e.waitInvitation(a.ID, "skipped", func(i store.Invitation) bool { return i.Delivery == store.DeliveryNotSent })
		if inv.Status != store.InvitationCanceled || !strings.Contains(inv.DeliveryError, "canceled") {
			t.Fatalf("invitation %s, delivery error %q", inv.Status, inv.DeliveryError)
		}
		if n := len(e.smtp.Messages()); n != 0 {
			t.Fatalf("%d mails to a deactivated account", n)
		}
		if s := e.reload(a.ID).Status; s != store.StatusSuspended {
			t.Fatalf("status = %s", s)
		}
	})
}

func TestSMTPOutageLosesNothingAndSendsOnce(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		e.smtp.SetDown(true)
		in := e.integration("okta", true, 0)
		const n = 5
		var ids []string
		for i := range n {
			ids = append(ids, e.account(in, fmt.Sprintf("u%d", i), fmt.Sprintf("u%d@example.com", i), "").ID)
		}
		for _, id := range ids { // every job has failed at least once and recorded why
			e.waitInvitation(id, "retrying", func(i store.Invitation) bool {
				return i.Delivery == store.DeliveryQueued && i.DeliveryError != ""
			})
		}
		e.smtp.SetDown(false)
		for _, id := range ids {
			e.waitInvitation(id, "delivered", delivered)
		}
		msgs := e.smtp.WaitFor(n, 10*time.Second)
		seen := map[string]int{}
		for _, m := range msgs {
			seen[m.To[0]]++
		}
		if len(msgs) != n || len(seen) != n {
			t.Fatalf("after recovery: %d mails to %d recipients, want %d each once: %v", len(msgs), len(seen), n, seen)
		}
	})
}

func TestPermanentRejectionFails(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		e.smtp.RejectRecipient("bad@example.com")
		in := e.integration("okta", true, 0)
		a := e.account(in, "bad", "bad@example.com", "")
		inv := e.waitInvitation(a.ID, "failed", func(i store.Invitation) bool { return i.Delivery == store.DeliveryFailed })
		if inv.DeliveryError == "" || strings.Contains(inv.DeliveryError, "127.0.0.1") {
			t.Fatalf("delivery error should be a category, not the server's text: %q", inv.DeliveryError)
		}
		// The server's own reply is kept beside it for admins, without the
		// server's address or the recipient go-mail appends.
		if r := inv.DeliveryReply; !strings.HasPrefix(r, "550 ") || !strings.Contains(r, "no such user") ||
			strings.Contains(r, "127.0.0.1") || strings.Contains(r, "bad@example.com") {
			t.Fatalf("delivery reply %q", r)
		}
	})
}

// A temporary refusal (451) keeps the invitation queued for a retry, with
// the server's reply; a delivery afterwards clears it.
func TestTemporaryRefusalKeepsTheReply(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		e.smtp.Refuse(451)
		a := e.account(e.integration("okta", true, 0), "later", "later@example.com", "")
		inv := e.waitInvitation(a.ID, "retrying with a reply", func(i store.Invitation) bool {
			return i.Delivery == store.DeliveryQueued && i.DeliveryReply != ""
		})
		if !strings.HasPrefix(inv.DeliveryReply, "451") {
			t.Fatalf("reply to a 451: %q", inv.DeliveryReply)
		}
		e.smtp.Refuse(0)
		if inv = e.waitInvitation(a.ID, "delivered", delivered); inv.DeliveryReply != "" || inv.DeliveryError != "" {
			t.Fatalf("after delivery: error %q, reply %q", inv.DeliveryError, inv.DeliveryReply)
		}
	})
}

// A resend mails the link the person already holds, with the same expiry
// (it used to mint a new one, killing the first mail's link).
func TestResendKeepsExpiryAndLink(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "dan", "dan@example.com", "")
		first := e.waitInvitation(a.ID, "delivered", delivered)
		if _, err := e.svc.Resend(e.ctx, "admin:x", first.ID); err != nil {
			t.Fatal(err)
		}
		second := e.waitInvitation(a.ID, "delivered twice", func(i store.Invitation) bool { return delivered(i) && i.SentCount == 2 })
		if !second.ExpiresAt.Equal(*first.ExpiresAt) {
			t.Fatalf("resend moved expiry from %v to %v", first.ExpiresAt, second.ExpiresAt)
		}
		if *second.TokenHash != *first.TokenHash {
			t.Fatal("resend replaced the token the person holds")
		}
		msgs := e.smtp.WaitFor(2, 10*time.Second)
		l1, l2 := claimLink(t, msgs[0].MustParse(t).Text), claimLink(t, msgs[1].MustParse(t).Text)
		if l1 != l2 {
			t.Fatalf("resend mailed %s, the first mail holds %s", l2, l1)
		}
		// After expiry a resend says to send a new invitation.
		past := time.Now().Add(-time.Hour)
		second.ExpiresAt = &past
		if err := st.SaveInvitation(e.ctx, &second); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Resend(e.ctx, "admin:x", first.ID); err == nil || !strings.Contains(err.Error(), "send a new invitation") {
			t.Fatalf("resend after expiry: %v", err)
		}
	})
}

// linkToken is the token a claim or confirmation link ends with.
func linkToken(link string) string { return link[strings.LastIndexByte(link, '/')+1:] }

func claimLink(t *testing.T, text string) string {
	t.Helper()
	i := strings.Index(text, baseURL+"/invite/")
	if i < 0 {
		t.Fatalf("no claim link in %q", text)
	}
	return strings.Fields(text[i:])[0]
}

// A 451 keeps the delivery queued with the server's reply shown to admins,
// and the retry delivers it once the server takes mail again.
func TestTemporaryRefusalRetriesWithReply(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		e.smtp.Refuse(451)
		in := e.integration("okta", true, 0)
		a := e.account(in, "tess", "tess@example.com", "")
		inv := e.waitInvitation(a.ID, "retrying", func(i store.Invitation) bool {
			return i.Delivery == store.DeliveryQueued && i.DeliveryReply != ""
		})
		if !strings.HasPrefix(inv.DeliveryReply, "451") || strings.Contains(inv.DeliveryReply, "127.0.0.1") {
			t.Fatalf("reply while retrying: %q", inv.DeliveryReply)
		}
		e.smtp.Refuse(0)
		inv = e.waitInvitation(a.ID, "delivered", delivered)
		if inv.DeliveryReply != "" || inv.DeliveryError != "" {
			t.Fatalf("a delivered invitation keeps an old failure: %q %q", inv.DeliveryError, inv.DeliveryReply)
		}
		if n := len(e.smtp.WaitFor(1, 10*time.Second)); n != 1 {
			t.Fatalf("%d mails", n)
		}
	})
}
