package invite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// TestApprovalMailsThePerson: an admin's approval of a claim waiting for it
// mails the person, through the real SMTP server, in their language, with
// where to sign in (no application URL: the sign-in landing page). The mail
// is a job inserted in the approval's transaction.
func TestApprovalMailsThePerson(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", true, 0)
		a := e.account(in, "zoe", "zoe@example.com", "fr-CA")
		if got := e.smtp.WaitFor(1, 20*time.Second); len(got) != 1 {
			t.Fatalf("invitation mails: %d", len(got))
		}
		if err := e.svc.Approve(e.ctx, "admin:x", e.awaitApproval(a).ID); err != nil {
			t.Fatal(err)
		}
		msgs := e.smtp.WaitFor(2, 20*time.Second)
		if len(msgs) != 2 || msgs[1].To[0] != "zoe@example.com" {
			t.Fatalf("mails: %d", len(msgs))
		}
		m := msgs[1].MustParse(t)
		if !strings.Contains(m.Subject, "approuvé") || !strings.Contains(m.Text, baseURL+"/signin") ||
			strings.Contains(m.Text, "/invite/") {
			t.Fatalf("approval mail %q:\n%s", m.Subject, m.Text)
		}
	})
}

// TestSignInAddress: the approval mail's link is the application when one
// is configured, else the sign-in landing page.
func TestSignInAddress(t *testing.T) {
	s := invite.New(nil, nil, nil, invite.Config{BaseURL: baseURL}, nil)
	if got := s.SignInAddress(); got != baseURL+"/signin" {
		t.Errorf("without an application: %q", got)
	}
	s.Config.AppURL = "https://app.example.test/"
	if got := s.SignInAddress(); got != "https://app.example.test/" {
		t.Errorf("with an application: %q", got)
	}
}
