package mail_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	provmail "github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
)

func TestSendOutageAndRecovery(t *testing.T) {
	srv := mailtest.NewServer(t)
	s := newSender(t, srv.URL())
	out := invitation(t, provmail.KindInvitation, "en", "a@example.org")

	srv.SetDown(true)
	err := s.Send(t.Context(), out)
	if err == nil || provmail.IsPermanent(err) {
		t.Fatalf("send while down: err = %v, want a temporary error", err)
	}
	srv.SetDown(false)
	srv.Refuse(421)
	err = s.Send(t.Context(), out)
	if err == nil || provmail.IsPermanent(err) {
		t.Fatalf("send while refusing 421: err = %v, want a temporary error", err)
	}
	srv.Refuse(0)
	if err := s.Send(t.Context(), out); err != nil {
		t.Fatalf("send after recovery: %v", err)
	}
	if n := len(srv.WaitFor(1, 5*time.Second)); n != 1 {
		t.Errorf("got %d messages, want exactly 1", n)
	}
}

func TestSendPermanentErrors(t *testing.T) {
	srv := mailtest.NewServer(t)
	s := newSender(t, srv.URL())
	srv.RejectRecipient("gone@example.org")
	err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "gone@example.org"))
	if err == nil || !provmail.IsPermanent(err) {
		t.Errorf("rejected recipient: err = %v, want permanent", err)
	}
	srv.Refuse(554)
	err = s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org"))
	if err == nil || !provmail.IsPermanent(err) {
		t.Errorf("554: err = %v, want permanent", err)
	}
	err = s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "not an address"))
	if err == nil || !provmail.IsPermanent(err) {
		t.Errorf("bad address: err = %v, want permanent", err)
	}
	if provmail.IsPermanent(nil) || provmail.IsPermanent(errors.New("x")) || provmail.IsPermanent(context.DeadlineExceeded) {
		t.Error("IsPermanent true for a non-SMTP error")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages accepted, want none", n)
	}
}

func TestSendAuth(t *testing.T) {
	srv := mailtest.NewServer(t, mailtest.WithAuth("app", "s3cret"))
	if err := newSender(t, srv.URL()).Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org")); err != nil {
		t.Fatalf("send with credentials: %v", err)
	}
	if m := srv.WaitFor(1, 5*time.Second)[0]; m.AuthUser != "app" {
		t.Errorf("AuthUser = %q, want app", m.AuthUser)
	}
	bad := strings.Replace(srv.URL(), "s3cret", "wrong", 1)
	err := newSender(t, bad).Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org"))
	if err == nil || !provmail.IsPermanent(err) || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong password: err = %v, want permanent and without the password", err)
	}
	noCreds := strings.Replace(srv.URL(), "app:s3cret@", "", 1)
	err = newSender(t, noCreds).Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org"))
	if err == nil {
		t.Error("server requiring AUTH accepted mail without credentials")
	}
}

// A server that offers no AUTH and no STARTTLS: the default smtp:// must still deliver, and
// mandatory STARTTLS must refuse to send in clear.
func TestSendTLSModes(t *testing.T) {
	srv := mailtest.NewServer(t)
	for _, u := range []string{srv.URL(), srv.URL() + "?tls=none"} {
		if err := newSender(t, u).Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org")); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	err := newSender(t, srv.URL()+"?tls=starttls").Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "a@example.org"))
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("tls=starttls against a server without it: err = %v", err)
	}
	if n := len(srv.WaitFor(2, 5*time.Second)); n != 2 {
		t.Errorf("got %d messages, want 2", n)
	}
}

// TestSendReusesConnections: messages share a kept connection, and one the
// server closed meanwhile (a restart) is replaced without losing or
// doubling a message; a refusal on a kept connection is still a refusal.
func TestSendReusesConnections(t *testing.T) {
	srv := mailtest.NewServer(t)
	s := newSender(t, srv.URL())
	t.Cleanup(s.Close)
	for i := range 5 {
		if err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", fmt.Sprintf("p%d@example.org", i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Sessions(); n != 1 {
		t.Fatalf("5 messages one after another took %d connections, want 1", n)
	}
	srv.SetDown(true) // closes the kept connection too
	srv.SetDown(false)
	if err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "after@example.org")); err != nil {
		t.Fatalf("send after the server dropped the kept connection: %v", err)
	}
	if n := len(srv.WaitFor(6, 5*time.Second)); n != 6 {
		t.Fatalf("got %d messages, want exactly 6", n)
	}
	srv.Refuse(554)
	err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "refused@example.org"))
	if err == nil || !provmail.IsPermanent(err) {
		t.Fatalf("554 on a kept connection: err = %v, want permanent", err)
	}
	srv.Refuse(421)
	if err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "later@example.org")); err == nil || provmail.IsPermanent(err) {
		t.Fatalf("421: err = %v, want temporary", err)
	}
	srv.Refuse(0)
	if err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, "en", "back@example.org")); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 7 {
		t.Fatalf("got %d messages, want 7 (the refused ones not accepted)", n)
	}
}

// TestSendConcurrent: senders in parallel each get a connection; none is
// shared by two messages at once (go-smtp would garble them).
func TestSendConcurrent(t *testing.T) {
	srv := mailtest.NewServer(t)
	s := newSender(t, srv.URL())
	t.Cleanup(s.Close)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Go(func() {
			errs <- s.Send(t.Context(), invitation(t, provmail.KindInvitation, "fr", fmt.Sprintf("c%d@example.org", i)))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := len(srv.WaitFor(64, 5*time.Second)); n != 64 {
		t.Fatalf("got %d messages, want 64", n)
	}
	if n := srv.Sessions(); n > 64 {
		t.Fatalf("%d connections for 64 messages", n)
	}
}
